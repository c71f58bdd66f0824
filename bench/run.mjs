#!/usr/bin/env node
// npm run bench — build size, cold start, key generation (vs `openssl genpkey`), wrapping, and main-thread long
// tasks, measured side by side in one run on this machine. Prints Markdown tables and writes bench/results.json.
// Not a test: nothing here passes or fails except the two size budgets, which are reported, not enforced.
//
// Everything is built into a temp folder (dist/ is left alone), served on 127.0.0.1 only, and driven in Debian's
// headless Chromium with the flags the e2e tests use. Every browser context refuses requests to any other origin.
// BENCH_QUICK=1 runs about a third of the repetitions (for trying the runner, not for numbers); BENCH_ONLY=size
// only builds and reports the sizes.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, minifySync, runnerImport } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
const QUICK = process.env.BENCH_QUICK === '1';
const SIZE_ONLY = process.env.BENCH_ONLY === 'size';
const q = (n) => (QUICK ? Math.max(3, Math.round(n / 3) | 1) : n);

// Debian's chromium and the flags that keep it off the network, shared with tests/e2e/harness.ts
const { executablePath: CHROMIUM, args: CHROMIUM_ARGS } = JSON.parse(readFileSync(new URL('../tests/chromium.json', import.meta.url), 'utf8'));

const SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2'];
/** repetitions per measurement (medians are over these) */
const RUNS = {
  coldStart: q(9),
  profile: q(5),
  selfTests: q(7),
  generate: { RSA_2048: q(11), RSA_3072: q(7), RSA_4096: q(5), EC_P256: q(21), EC_P256K: q(21), EC_SM2: q(21) },
  nodeGenerate: { RSA_2048: q(5), RSA_3072: q(3), RSA_4096: q(3), EC_P256: q(21), EC_P256K: q(21), EC_SM2: q(21) },
  wrap: q(31),
  batchKeys: 100,
  batchRepeats: q(5),
  opensslBaseline: q(21),
};
// `openssl genpkey` arguments per key, shared with tests/fuzz/fixtures.ts
const GENPKEY_ARGS = JSON.parse(readFileSync(new URL('../tests/genpkey.json', import.meta.url), 'utf8'));
const OPENSSL_GENPKEY = {
  RSA_2048: GENPKEY_ARGS.rsa2048,
  RSA_3072: GENPKEY_ARGS.rsa3072,
  RSA_4096: GENPKEY_ARGS.rsa4096,
  EC_P256: GENPKEY_ARGS.p256,
  EC_P256K: GENPKEY_ARGS.k256,
  EC_SM2: GENPKEY_ARGS.sm2,
};
const BUDGET = { jsCssGzip: 90_000, singleFileRaw: 300_000 };
const LONG_TASK_MS = 50;

const started = performance.now();
// Bounded: the whole run takes about 3 minutes on a 2-core machine; give up well before anything hangs forever.
const watchdog = setTimeout(() => {
  console.error('bench: still running after 9 minutes; giving up');
  process.exit(2);
}, 9 * 60_000);
watchdog.unref();

function log(msg) {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);
}

// --- statistics and formatting ---

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { n, median: round(median), min: round(s[0]), max: round(s[n - 1]) };
}
const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
const ms = (x) => (x === undefined || x === null || !Number.isFinite(x) ? '—' : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const range = (st) => `${ms(st.median)} (${ms(st.min)}–${ms(st.max)}, n=${st.n})`;
const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const kChars = (n) => `${(n / 1000).toFixed(1)} k`;
function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(3, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(all[0]), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}
function withTimeout(promise, seconds, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`bench: ${what} took over ${seconds} s`)), seconds * 1000);
    }),
  ]);
}

// --- the machine ---

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  node: process.version,
  openssl: tryRun('openssl', ['version']),
  commit: tryRun('git', ['rev-parse', 'HEAD']),
  uncommittedChanges: (tryRun('git', ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  loadAverageAtStart: loadavg().map((x) => round(x)),
};

// --- 1. build size: the production build (project vite.config.ts) into a temp folder, with module metadata ---

const tmp = mkdtempSync(join(tmpdir(), 'byok-bench-'));
const appDir = join(tmp, 'app');
const pageDir = join(tmp, 'page');
const profileDir = join(tmp, 'app-unminified');
process.env.NODE_ENV = 'production'; // the offline plugin refuses anything else (build/offline-plugin.ts)

/** Which part of the bundle a module id belongs to: a node_modules package, or our own folders. */
function owner(id) {
  const clean = id.replace(/^\0+/, '').split('?')[0];
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (clean.startsWith(ROOT + '/')) {
    const rel = relative(ROOT, clean).split(sep);
    if (rel[0] === 'src' && rel.length > 2) return `(ours) src/${rel[1]}/`;
    return `(ours) ${rel.join('/')}`;
  }
  return '(bundler runtime)';
}

async function buildApp() {
  const modules = [];
  const analyze = {
    name: 'byok-bench:module-sizes',
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        for (const [id, m] of Object.entries(out.modules)) modules.push({ chunk: out.fileName, id, renderedLength: m.renderedLength, code: m.code ?? '' });
      }
    },
  };
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: appDir, emptyOutDir: true },
    plugins: [analyze],
  });
  return modules;
}

function gz(buf) {
  return gzipSync(buf, { level: 9 }).length;
}
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function sizeReport(modules) {
  const files = listFiles(appDir).map((f) => {
    const b = readFileSync(join(appDir, f));
    return { file: f, raw: b.length, gzip: gz(b) };
  });
  const page = files.filter((f) => /^assets\/.*\.(js|css)$/.test(f.file));
  const js = page.filter((f) => f.file.endsWith('.js'));
  const css = page.filter((f) => f.file.endsWith('.css'));
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const single = files.find((f) => f.file === 'byok-wrap.html');
  const sw = files.find((f) => f.file === 'sw.js');
  // Per owner: rolldown's RenderedModule (code and renderedLength: after tree shaking, before minification). Each
  // owner's code is also minified on its own (oxc, inside a function so its top-level names can be mangled) and
  // gzipped; the real gzipped JS is apportioned by those standalone sizes. gzip is not additive, so that column is
  // an estimate; the standalone numbers are what removing the package would roughly save.
  const byOwner = new Map();
  for (const m of modules) {
    if (!js.some((f) => f.file === m.chunk)) continue;
    const o = owner(m.id);
    const e = byOwner.get(o) ?? { owner: o, modules: 0, rendered: 0, code: [] };
    e.modules++;
    e.rendered += m.renderedLength;
    e.code.push(m.code);
    byOwner.set(o, e);
  }
  const standalone = (code) => {
    try {
      const min = minifySync('owner.js', `(function(){\n${code}\n})();`, { compress: false, mangle: true, codegen: true }).code;
      return { min: Buffer.byteLength(min), gzip: gz(Buffer.from(min)) };
    } catch {
      return { min: NaN, gzip: NaN };
    }
  };
  const jsGzip = sum(js, 'gzip');
  const jsRaw = sum(js, 'raw');
  const measured = [...byOwner.values()].filter((e) => e.rendered > 0).map((e) => ({ ...e, ...standalone(e.code.join('\n')) }));
  const gzipTotal = measured.reduce((a, e) => a + (e.gzip || 0), 0);
  const renderedTotal = measured.reduce((a, e) => a + e.rendered, 0);
  const owners = measured
    .sort((a, b) => (b.gzip || 0) - (a.gzip || 0))
    .map((e) => ({
      owner: e.owner,
      modules: e.modules,
      renderedBytes: e.rendered,
      standaloneMinifiedBytes: e.min,
      standaloneGzipBytes: e.gzip,
      share: round((e.gzip || 0) / gzipTotal, 4),
      estGzipBytes: Math.round(((e.gzip || 0) / gzipTotal) * jsGzip),
    }));
  const largestModules = modules
    .filter((m) => js.some((f) => f.file === m.chunk) && m.renderedLength > 0)
    .map((m) => ({ module: m.id.startsWith(ROOT + '/') ? relative(ROOT, m.id) : m.id.replace(/^\0+/, ''), renderedBytes: m.renderedLength, ...standalone(m.code) }))
    .sort((a, b) => (b.gzip || 0) - (a.gzip || 0))
    .slice(0, 12);
  return {
    gzipLevel: 9,
    files,
    pwa: {
      js: { raw: jsRaw, gzip: jsGzip, files: js.map((f) => f.file) },
      css: { raw: sum(css, 'raw'), gzip: sum(css, 'gzip'), files: css.map((f) => f.file) },
      jsCssGzip: jsGzip + sum(css, 'gzip'),
      serviceWorker: sw && { raw: sw.raw, gzip: sw.gzip },
    },
    singleFile: { raw: single.raw, gzip: single.gzip },
    budgets: {
      jsCssGzip: { limit: BUDGET.jsCssGzip, value: jsGzip + sum(css, 'gzip'), pass: jsGzip + sum(css, 'gzip') <= BUDGET.jsCssGzip },
      singleFileRaw: { limit: BUDGET.singleFileRaw, value: single.raw, pass: single.raw <= BUDGET.singleFileRaw },
    },
    renderedTotal,
    byOwner: owners,
    largestModules,
  };
}

/**
 * The same app without name mangling or compression (so a CPU profile names functions), only for attributing the
 * long task at start-up to calls; never used for the size or timing tables.
 */
async function buildAppForProfile() {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    // whitespace and comments only: names stay readable (no mangling); dead code is dropped as in the real build
    build: { outDir: profileDir, emptyOutDir: true, rolldownOptions: { output: { minify: { compress: true, mangle: false, codegen: true } } } },
  });
}

/** The bench page (bench/page/): src/lib/index.ts and timing loops, no UI, no CSP. */
async function buildBenchPage() {
  await build({
    root: join(ROOT, 'bench', 'page'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    build: { outDir: pageDir, emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
  });
}

// --- 2. local server: /app/ the production build, /bench/ the bench page; 127.0.0.1 only ---

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};
function serve() {
  const roots = { app: appDir, bench: pageDir, profile: profileDir };
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0].split('#')[0]);
    if (path === '/blank') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title>');
    const m = /^\/(app|bench|profile)(\/.*)$/.exec(path);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) return void res.writeHead(404).end();
    const base = roots[m[1]];
    const file = normalize(join(base, m[2].endsWith('/') ? m[2] + 'index.html' : m[2]));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// --- 3. browser helpers ---

let browser;
let origin;
const blocked = [];

async function newContext() {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 }, serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // the local server, and the single file itself when it is opened from file://
    if (url.startsWith(origin + '/') || url === `file://${join(appDir, 'byok-wrap.html')}`) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * Runs in the page before any of its scripts: long tasks from the start, and when the "Key spec" select is in
 * the DOM and enabled (then the next animation frame, the frame that shows it), and, if the app shows one, when
 * the self-test state says "passed".
 */
function probe() {
  const p = { longTasks: [], keySpecDom: undefined, keySpecFrame: undefined, selfTest: undefined };
  window.__byokProbe = p;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    p.longTasks = null;
  }
  const keySpec = () => {
    for (const l of document.querySelectorAll('label')) if (l.textContent.trim() === 'Key spec' && l.control) return l.control;
    return null;
  };
  const selfTestPassed = () => {
    const panel = document.querySelector('#self-test[data-status]');
    if (panel) return panel.getAttribute('data-status') === 'passed';
    const el = document.querySelector('[data-self-test],[data-self-tests],[data-selftest],[data-self-test-status]');
    if (el) {
      const v = ['data-self-test', 'data-self-tests', 'data-selftest', 'data-self-test-status'].map((a) => el.getAttribute(a)).find((x) => x !== null);
      if (/^(pass|passed|ok|true)$/i.test(v ?? '')) return true;
    }
    return /self-tests? (all )?passed/i.test(document.body?.textContent ?? '');
  };
  const check = () => {
    if (p.keySpecDom === undefined) {
      const el = keySpec();
      if (el && !el.disabled) {
        p.keySpecDom = performance.now();
        requestAnimationFrame(() => (p.keySpecFrame = performance.now()));
      }
    }
    if (p.selfTest === undefined && selfTestPassed()) p.selfTest = performance.now();
    if (p.keySpecDom !== undefined && p.selfTest !== undefined) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

const pageTiming = () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const p = window.__byokProbe;
  return {
    responseEnd: nav?.responseEnd,
    domContentLoaded: nav?.domContentLoadedEventEnd,
    load: nav?.loadEventEnd,
    firstContentfulPaint: fcp?.startTime,
    keySpecDom: p.keySpecDom,
    keySpecFrame: p.keySpecFrame,
    selfTest: p.selfTest,
    longTasks: p.longTasks,
  };
};

async function coldStart(form, url, runs, selfTestWait) {
  const samples = [];
  let selfTestSeen = false;
  for (let i = 0; i < runs; i++) {
    const context = await newContext();
    await context.addInitScript(probe);
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__byokProbe?.keySpecFrame !== undefined, null, { timeout: 60_000, polling: 'raf' });
    const driverMs = performance.now() - t0;
    await page.waitForLoadState('load');
    // The app's self-test state, if it has one: look for it on the first run, and keep waiting only if it showed.
    if (i === 0 || selfTestSeen) {
      const hasPanel = await page.evaluate(() => document.querySelector('#self-test, [data-self-test], [data-self-tests], [data-selftest]') !== null);
      selfTestSeen = await page
        .waitForFunction(() => window.__byokProbe.selfTest !== undefined, null, { timeout: hasPanel ? 60_000 : selfTestWait, polling: 50 })
        .then(() => true, () => false);
      if (hasPanel && !selfTestSeen) throw new Error(`bench: ${form}: the self-test panel did not say "passed" within 60 s`);
    }
    await page.waitForTimeout(100); // late long-task entries
    samples.push({ driverMs, ...(await page.evaluate(pageTiming)) });
    await context.close();
  }
  const pick = (k) => stats(samples.map((s) => s[k]).filter((x) => typeof x === 'number' && x > 0));
  const longest = samples.map((s) => (s.longTasks ?? []).reduce((a, t) => Math.max(a, t.duration), 0));
  // The task that put the "Key spec" select into the DOM (module evaluation + mount), and whether the self-test
  // state "passed" was reached before that same task ended (then it ran before the first frame, too).
  const startupTask = samples.map((s) => (s.longTasks ?? []).find((t) => t.start <= s.keySpecDom && s.keySpecDom <= t.start + t.duration));
  return {
    form,
    url: url.startsWith('file:') ? 'file://…/byok-wrap.html' : url.replace(origin, 'http://127.0.0.1:<port>'),
    runs,
    responseEnd: pick('responseEnd'),
    firstContentfulPaint: pick('firstContentfulPaint'),
    keySpecInDom: pick('keySpecDom'),
    keySpecFirstFrame: pick('keySpecFrame'),
    domContentLoaded: pick('domContentLoaded'),
    load: pick('load'),
    selfTestsPassedInUi: selfTestSeen ? pick('selfTest') : null,
    driverGotoToKeySpec: stats(samples.map((s) => s.driverMs)),
    startupTask: {
      durationMs: stats(startupTask.map((t) => t?.duration ?? 0)),
      runsOver50ms: startupTask.filter((t) => t).length,
      // work the same task still did after the select existed: it delays the first frame by this much
      afterKeySpecMs: stats(samples.map((s, i) => (startupTask[i] ? startupTask[i].start + startupTask[i].duration - s.keySpecDom : 0))),
      selfTestPassedWithinIt: selfTestSeen ? samples.filter((s, i) => startupTask[i] && s.selfTest <= startupTask[i].start + startupTask[i].duration + 1).length : null,
    },
    perRun: samples.map((s) => ({ keySpecDom: round(s.keySpecDom), keySpecFrame: round(s.keySpecFrame), selfTest: round(s.selfTest), fcp: round(s.firstContentfulPaint) })),
    longTasksDuringLoad: {
      longestPerRun: stats(longest),
      runsWithLongTask: longest.filter((d) => d > LONG_TASK_MS).length,
      all: samples.map((s) => (s.longTasks ?? []).map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) }))),
    },
  };
}

/** A fresh context with the bench page loaded: `window.byokBench` from bench/page/main.ts. */
async function benchPage() {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/bench/`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.byokBench?.ready === true, null, { timeout: 30_000 });
  return { page, close: () => context.close() };
}
async function inBenchPage(what, seconds, fn, arg) {
  const { page, close } = await benchPage();
  try {
    return await withTimeout(page.evaluate(fn, arg), seconds, what);
  } finally {
    await close();
  }
}

function callSummary(cs) {
  const longest = cs.longTasks.map((l) => l.reduce((a, t) => Math.max(a, t.duration), 0));
  return {
    ...stats(cs.ms),
    firstCall: round(cs.ms[0]),
    samples: cs.ms.map((x) => round(x)),
    longTasks: {
      callsWithLongTask: longest.filter((d) => d > 0).length,
      longestMs: Math.max(0, ...longest),
      firstCallLongestMs: longest[0],
      perCall: cs.longTasks,
    },
  };
}

// --- 4. the app's own flow: generate, back up, wrap through the UI, long tasks by phase ---

async function uiFlow(spec, iwk, tokenPath) {
  const context = await newContext();
  await context.addInitScript(probe);
  const page = await context.newPage();
  const now = () => page.evaluate(() => performance.now());
  const label = (name) => page.getByLabel(name, { exact: true });
  const button = (name) => page.getByRole('button', { name, exact: true });
  try {
    await page.goto(`${origin}/app/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__byokProbe?.keySpecFrame !== undefined);
    await label('Instance type').selectOption('software');
    await label('Key spec').selectOption(spec);
    await label('Wrapping public key').setInputFiles(iwk.pemPath);
    await label('Import token').setInputFiles(tokenPath);
    await page.getByTestId('wrapping-key-spec').filter({ hasText: iwk.spec }).waitFor();

    const phases = {};
    const phase = async (name, act, done) => {
      const t0 = await now();
      await act();
      await done();
      phases[name] = [t0, await now()];
    };
    await phase('generate', () => button('Generate new key').click(), () => page.getByTestId('target-spec').filter({ hasText: spec }).waitFor({ timeout: 120_000 }));
    await label('Backup passphrase').fill('bench passphrase, not a secret');
    await label('Confirm backup passphrase').fill('bench passphrase, not a secret');
    await phase('backup', async () => {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button('Download encrypted backup').click()]);
      await d.cancel().catch(() => {});
    }, async () => {});
    const blockers = await page
      .waitForFunction(() => document.querySelector('#wrap-blockers') === null, null, { timeout: 60_000 })
      .then(() => null, () => page.locator('#wrap-blockers').textContent());
    if (blockers !== null) throw new Error(`bench: UI flow ${spec}: "Wrap key material" stays disabled: ${blockers?.replace(/\s+/g, ' ')}`);
    await phase('wrap', () => button('Wrap key material').click(), () => page.locator('#material-text').waitFor({ timeout: 60_000 }));
    await page.waitForTimeout(150);
    const longTasks = (await page.evaluate(() => window.__byokProbe.longTasks)) ?? [];
    const inPhase = (t) => Object.entries(phases).find(([, [a, b]]) => t.start < b && t.start + t.duration > a)?.[0] ?? (t.start < phases.generate[0] ? 'load/setup' : 'between steps');
    return {
      spec,
      phasesMs: Object.fromEntries(Object.entries(phases).map(([k, [a, b]]) => [k, round(b - a)])),
      longTasks: longTasks.map((t) => ({ phase: inPhase(t), start: Math.round(t.start), duration: Math.round(t.duration) })),
    };
  } finally {
    await context.close();
  }
}

/** Functions whose inclusive time a start-up profile reports (names from the unminified build). */
const PROFILED = [
  ['module evaluation (whole bundle)', (f) => f.functionName === '' && /\/assets\/index-[\w-]+\.js$/.test(f.url) && f.lineNumber === 0],
  ['svelte mount(App)', (f) => /^mount(\$\d+)?$/.test(f.functionName)],
  ['runSelfTests (App init → Ceremony → library)', (f) => f.functionName === 'runSelfTests' && /\/assets\//.test(f.url)],
  ...['SM3', 'SM4', 'SM2', 'AES-256-ECB', 'RSA-OAEP-SHA-256', 'PBKDF2/PBES2', 'PKCS#8 encoder'].map((n) => [`self-test check ${n}`, (f) => f.functionName === n]),
  ['(garbage collector)', (f) => f.functionName === '(garbage collector)'],
];

/** Inclusive time (ms) per PROFILED entry: the samples whose stack contains a matching frame. */
function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = Object.fromEntries(PROFILED.map(([k]) => [k, 0]));
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const hit = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n).callFrame;
      for (const [k, match] of PROFILED) if (match(f)) hit.add(k);
    }
    for (const k of hit) totals[k] += dt;
  });
  return totals;
}

/**
 * What the start-up long task is made of: load the unminified app with V8's sampling profiler on, from navigation
 * until the self-test panel says "passed", and sum the samples per function (inclusive). The profiler slows code
 * down a little; the table reports these next to the long tasks the same page saw.
 */
async function profileStartup(runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await newContext();
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(`${origin}/blank`); // same origin first, so the app loads in the renderer being profiled
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${origin}/profile/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__byokProbe.selfTest !== undefined, null, { timeout: 60_000 }).catch(() => {});
    await page.waitForTimeout(150);
    const { profile } = await cdp.send('Profiler.stop');
    const longTasks = (await page.evaluate(() => window.__byokProbe.longTasks)) ?? [];
    await context.close();
    out.push({ inclusiveMs: attribute(profile), longTasks: longTasks.map((t) => Math.round(t.duration)) });
  }
  const keys = PROFILED.map(([k]) => k);
  return {
    runs,
    longestTaskMs: stats(out.map((o) => Math.max(0, ...o.longTasks))),
    inclusiveMs: Object.fromEntries(keys.map((k) => [k, stats(out.map((o) => o.inclusiveMs[k]))])),
  };
}

/**
 * The same start-up in the production build under Chromium's tracing: the main-thread task that evaluates the
 * app's module, split into its top-level slices (module evaluation incl. Svelte mount, microtasks, style/layout,
 * …). Nested slices (GC inside JS, for instance) count toward their parent.
 */
async function traceStartup(runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/blank`);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'] });
    await page.goto(`${origin}/app/`, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    await context.close();
    const evalModule = events.filter((e) => e.name === 'v8.evaluateModule' && e.ph === 'X').sort((a, b) => b.dur - a.dur)[0];
    if (!evalModule) continue;
    const thread = events.filter((e) => e.pid === evalModule.pid && e.tid === evalModule.tid && e.ph === 'X');
    const task = thread
      .filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts <= evalModule.ts && e.ts + e.dur >= evalModule.ts + evalModule.dur)
      .sort((a, b) => a.dur - b.dur)[0];
    if (!task) continue;
    const inside = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const parts = {};
    let end = -1;
    for (const e of inside) {
      if (e.ts < end) continue; // nested in the previous top-level slice
      end = e.ts + e.dur;
      const name = { 'v8.evaluateModule': 'module evaluation (incl. Svelte mount)', RunMicrotasks: 'microtasks (self-test sync part, effects)', UpdateLayoutTree: 'style', Layout: 'layout' }[e.name] ?? e.name;
      parts[name] = (parts[name] ?? 0) + e.dur / 1000;
    }
    out.push({ taskMs: task.dur / 1000, parts });
  }
  const names = [...new Set(out.flatMap((o) => Object.keys(o.parts)))];
  const medians = Object.fromEntries(names.map((n) => [n, stats(out.map((o) => o.parts[n] ?? 0))]).filter(([, st]) => st.median >= 2));
  return { runs: out.length, taskMs: stats(out.map((o) => o.taskMs)), parts: medians };
}

// --- 5. OpenSSL CLI and Node ---

function opensslGenpkey(spec, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync('openssl', ['genpkey', ...OPENSSL_GENPKEY[spec]], { stdio: ['ignore', 'pipe', 'pipe'] });
    out.push(performance.now() - t0);
  }
  return out;
}
/** The same generation by the OpenSSL library in this process (node:crypto), without a process start. */
const NODE_CRYPTO_KEYGEN = {
  RSA_2048: ['rsa', { modulusLength: 2048 }],
  RSA_3072: ['rsa', { modulusLength: 3072 }],
  RSA_4096: ['rsa', { modulusLength: 4096 }],
  EC_P256: ['ec', { namedCurve: 'prime256v1' }],
  EC_P256K: ['ec', { namedCurve: 'secp256k1' }],
  EC_SM2: ['ec', { namedCurve: 'SM2' }],
};
function opensslInProcess(spec, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    generateKeyPairSync(...NODE_CRYPTO_KEYGEN[spec]);
    out.push(performance.now() - t0);
  }
  return out;
}
function opensslBaseline(runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync('openssl', ['version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    out.push(performance.now() - t0);
  }
  return out;
}
function makeIwk(spec, dir) {
  const key = join(dir, `iwk-${spec}.pem`);
  execFileSync('openssl', ['genpkey', ...OPENSSL_GENPKEY[spec], '-out', key], { stdio: 'ignore' });
  const pemPath = join(dir, `publickey_bench${spec === 'EC_SM2' ? 'sm2' : 'rsa'}.pem`);
  writeFileSync(pemPath, execFileSync('openssl', ['pkey', '-in', key, '-pubout']));
  const der = execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-outform', 'DER']);
  return { spec, pemPath, der, base64: der.toString('base64') };
}

async function nodeBench(iwks) {
  const { module: lib } = await runnerImport(join(ROOT, 'src/lib/index.ts'), { configFile: false, logLevel: 'error' });
  const out = {};
  for (const spec of SPECS) {
    const gen = [];
    for (let i = 0; i < RUNS.nodeGenerate[spec]; i++) {
      const t0 = performance.now();
      (await lib.generateTargetKey(spec)).dispose();
      gen.push(performance.now() - t0);
    }
    const iwk = lib.parseWrappingPublicKey(new Uint8Array(iwks[spec === 'EC_SM2' ? 'sm2' : 'rsa'].der));
    const target = await lib.generateTargetKey(spec);
    const wrap = [];
    for (let i = 0; i < RUNS.wrap; i++) {
      const t0 = performance.now();
      (await lib.wrapKeyMaterial(iwk, target)).fill(0);
      wrap.push(performance.now() - t0);
    }
    target.dispose();
    out[spec] = { generate: { ...stats(gen), firstCall: round(gen[0]) }, wrap: { ...stats(wrap), firstCall: round(wrap[0]) } };
  }
  const st = [];
  for (let i = 0; i < RUNS.selfTests; i++) {
    const t0 = performance.now();
    const r = await lib.runSelfTests();
    st.push(performance.now() - t0);
    if (!r.ok) throw new Error('bench: self-tests failed in Node');
  }
  return { perSpec: out, selfTests: stats(st) };
}

// --- main ---

async function timings() {
  log('bench page build (bench/page/)');
  await buildBenchPage();
  await buildAppForProfile();

  const iwks = { rsa: makeIwk('RSA_2048', tmp), sm2: makeIwk('EC_SM2', tmp) };
  const tokenPath = join(tmp, 'token_bench.txt');
  writeFileSync(tokenPath, randomBytes(480).toString('base64') + '\n');

  server = await serve();
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  machine.chromium = browser.version();

  log(`cold start, ${RUNS.coldStart} runs per form`);
  results.chromium.coldStart = [
    await coldStart('PWA over http', `${origin}/app/`, RUNS.coldStart, 2000),
    await coldStart('single file from file://', `file://${join(appDir, 'byok-wrap.html')}`, RUNS.coldStart, 2000),
  ];

  log(`start-up trace (production build), ${RUNS.profile} runs`);
  results.chromium.startupTrace = await traceStartup(RUNS.profile);
  log(`start-up profile (unminified copy), ${RUNS.profile} runs`);
  results.chromium.startupProfile = await profileStartup(RUNS.profile);

  log(`runSelfTests() in a fresh page, ${RUNS.selfTests} runs`);
  const st = [];
  for (let i = 0; i < RUNS.selfTests; i++) st.push(await inBenchPage('self-tests', 60, () => window.byokBench.selfTests()));
  if (!st.every((s) => s.ok)) throw new Error('bench: self-tests failed in Chromium');
  results.chromium.selfTests = {
    ...stats(st.map((s) => s.ms)),
    perTest: Object.fromEntries(st[0].results.map((r) => [r.name, stats(st.map((s) => s.results.find((x) => x.name === r.name).ms))])),
    longTasks: st.flatMap((s) => s.longTasks),
  };

  results.openssl.spawnBaseline = stats(opensslBaseline(RUNS.opensslBaseline));
  results.chromium.generate = {};
  results.openssl.genpkey = {};
  results.openssl.inProcess = {};
  for (const spec of SPECS) {
    const n = RUNS.generate[spec];
    log(`generate ${spec}: Chromium (fresh page) and openssl genpkey, ${n} runs each`);
    const cs = await inBenchPage(`generate ${spec}`, 240, ([s, r]) => window.byokBench.generate(s, r), [spec, n]);
    results.chromium.generate[spec] = callSummary(cs);
    results.openssl.genpkey[spec] = stats(opensslGenpkey(spec, n));
    results.openssl.inProcess[spec] = stats(opensslInProcess(spec, n));
  }

  results.chromium.wrap = {};
  for (const spec of SPECS) {
    log(`wrap ${spec} in Chromium (fresh page), ${RUNS.wrap} runs`);
    const iwk = spec === 'EC_SM2' ? iwks.sm2 : iwks.rsa;
    const cs = await inBenchPage(`wrap ${spec}`, 120, ([s, k, r]) => window.byokBench.wrap(s, k, r), [spec, iwk.base64, RUNS.wrap]);
    results.chromium.wrap[spec] = callSummary(cs);
  }

  log(`batch: ${RUNS.batchKeys} RSA_2048 keys generated, then wrapped ${RUNS.batchRepeats} times`);
  const b = await inBenchPage('batch', 240, ([n, k, r]) => window.byokBench.batch(n, k, r), [RUNS.batchKeys, iwks.rsa.base64, RUNS.batchRepeats]);
  results.chromium.webCryptoYields = await inBenchPage('WebCrypto yields', 60, (k) => window.byokBench.webCryptoYields(k), iwks.rsa.base64);
  results.chromium.batch = {
    keys: b.count,
    generateMs: round(b.generateMs),
    generatePerKeyMs: round(b.generateMs / b.count),
    wrapAll: stats(b.wrapMs),
    wrapPerKeyMs: round(stats(b.wrapMs).median / b.count),
    longTasks: b.longTasks,
  };

  log('the app itself: generate, back up, wrap through the UI for every spec (long tasks by phase)');
  results.chromium.uiFlow = [];
  for (const spec of SPECS) {
    results.chromium.uiFlow.push(await withTimeout(uiFlow(spec, spec === 'EC_SM2' ? iwks.sm2 : iwks.rsa, tokenPath), 240, `UI flow ${spec}`));
  }
  await browser.close();
  browser = undefined;

  log('Node: the library through Vite\'s module runner');
  results.node = await nodeBench(iwks);
}


const results = { machine, runs: RUNS, quick: QUICK, chromium: {}, node: {}, openssl: {} };
let server;
try {
  log('production build (vite.config.ts) into a temp folder');
  const modules = await buildApp();
  results.size = sizeReport(modules);
  if (!SIZE_ONLY) await timings();
  results.blockedRequests = blocked;
  machine.loadAverageAtEnd = loadavg().map((x) => round(x));
  results.totalSeconds = round((performance.now() - started) / 1000, 1);
} finally {
  await browser?.close();
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
}

writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
print(results);

function print(r) {
  const out = [];
  const m = r.machine;
  out.push(`## byok-wrap bench${r.quick ? ' (BENCH_QUICK: fewer runs, numbers only indicative)' : ''}`);
  out.push(`${m.cpus} × ${m.cpuModel}; Node ${m.node}; Chromium ${m.chromium ?? '(not run)'} (headless); ${m.openssl}`);
  out.push(`commit ${m.commit?.slice(0, 12) ?? 'unknown'}${m.uncommittedChanges ? ' + uncommitted changes in the tree' : ''}; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end; ${r.totalSeconds} s in all`);
  out.push('Times are medians (min–max, n = runs). 1 kB = 1000 bytes; gzip -9.');

  const s = r.size;
  out.push('', '### Build size');
  out.push(
    table(
      ['What', 'raw', 'gzip', 'budget'],
      [
        ['PWA page JS (' + s.pwa.js.files.join(', ') + ')', kB(s.pwa.js.raw), kB(s.pwa.js.gzip), ''],
        ['PWA page CSS', kB(s.pwa.css.raw), kB(s.pwa.css.gzip), ''],
        ['PWA page JS + CSS', kB(s.pwa.js.raw + s.pwa.css.raw), kB(s.pwa.jsCssGzip), `≤ ${kB(BUDGET.jsCssGzip)} gzip: ${s.budgets.jsCssGzip.pass ? 'PASS' : 'FAIL'}`],
        ['service worker sw.js (not loaded by the page)', kB(s.pwa.serviceWorker.raw), kB(s.pwa.serviceWorker.gzip), ''],
        ['single file byok-wrap.html', kB(s.singleFile.raw), kB(s.singleFile.gzip), `≤ ${kB(BUDGET.singleFileRaw)} raw: ${s.budgets.singleFileRaw.pass ? 'PASS' : 'FAIL'}`],
      ],
    ),
  );
  out.push('', 'Who contributes the page JS. "rendered": rolldown\'s RenderedModule (after tree shaking, before minification);');
  out.push('"alone": that code minified (oxc) and gzipped by itself; "≈ in bundle": the real gzipped JS split by the "alone" shares (estimate).');
  out.push(
    table(
      ['Package / folder', 'modules', 'rendered (chars)', 'alone: min', 'alone: gzip', 'share', '≈ in bundle (gzip)'],
      s.byOwner.map((o) => [o.owner, o.modules, kChars(o.renderedBytes), kB(o.standaloneMinifiedBytes), kB(o.standaloneGzipBytes), `${(o.share * 100).toFixed(1)} %`, kB(o.estGzipBytes)]),
    ),
  );
  out.push('', 'Largest single modules (minified and gzipped alone):');
  out.push(table(['Module', 'rendered (chars)', 'min', 'gzip'], s.largestModules.map((m) => [m.module.replace(/^.*\/node_modules\//, ''), kChars(m.renderedBytes), kB(m.min), kB(m.gzip)])));

  if (r.chromium.coldStart) {
    out.push('', '### Cold start in headless Chromium (fresh context: no cache, service worker blocked; ms after navigation start, page clock)');
    const cold = r.chromium.coldStart;
    out.push(
      table(
        ['Milestone', ...cold.map((c) => c.form)],
        [
          ['first contentful paint', ...cold.map((c) => range(c.firstContentfulPaint))],
          ['"Key spec" select in the DOM, enabled', ...cold.map((c) => range(c.keySpecInDom))],
          ['… first frame after it (interactive)', ...cold.map((c) => range(c.keySpecFirstFrame))],
          ['load event end', ...cold.map((c) => range(c.load))],
          ['self-tests passed (shown by the UI)', ...cold.map((c) => (c.selfTestsPassedInUi ? range(c.selfTestsPassedInUi) : 'not shown by the UI at this commit'))],
          ['driver: goto() → select visible (incl. CDP)', ...cold.map((c) => range(c.driverGotoToKeySpec))],
          ['longest main-thread task during load', ...cold.map((c) => `${ms(c.longTasksDuringLoad.longestPerRun.median)} (${c.longTasksDuringLoad.runsWithLongTask}/${c.runs} runs > 50 ms)`)],
          ['the task that mounts the UI (> 50 ms)', ...cold.map((c) => `${ms(c.startupTask.durationMs.median)} (${c.startupTask.runsOver50ms}/${c.runs} runs)`)],
          ['… of it, after the select was in the DOM', ...cold.map((c) => range(c.startupTask.afterKeySpecMs))],
          ['… self-test "passed" before it ended', ...cold.map((c) => (c.startupTask.selfTestPassedWithinIt === null ? '—' : `${c.startupTask.selfTestPassedWithinIt}/${c.runs} runs`))],
        ],
      ),
    );
    const st = r.chromium.selfTests;
    out.push('', `runSelfTests() alone, in a fresh bench page: ${range(st)}; Node: ${range(r.node.selfTests)}`);
    out.push('  per test (Chromium): ' + Object.entries(st.perTest).map(([k, v]) => `${k} ${ms(v.median)}`).join(', '));

    out.push('', '### Target key generation: Chromium (library in the page) vs `openssl genpkey`');
    out.push(`\`openssl genpkey\` is the CLI, process start included (\`openssl version\` alone: ${range(r.openssl.spawnBaseline)}); "in-process" is the`);
    out.push(`same OpenSSL library called from Node (crypto.generateKeyPairSync), no process start. Ratio = Chromium median / OpenSSL median.`);
    out.push(
      table(
        ['Spec', 'Chromium generateTargetKey', 'first call', 'openssl genpkey (CLI)', 'ratio', 'OpenSSL in-process', 'ratio', 'Node generateTargetKey'],
        SPECS.map((spec) => {
          const c = r.chromium.generate[spec];
          const o = r.openssl.genpkey[spec];
          const p = r.openssl.inProcess[spec];
          const ratio = (x) => `${(c.median / x.median).toFixed(2)}×`;
          return [spec, range(c), ms(c.firstCall), range(o), ratio(o), range(p), ratio(p), range(r.node.perSpec[spec].generate)];
        }),
      ),
    );
    out.push('RSA generation time is dominated by the random prime search: spread is wide and medians of few runs are rough.');

    out.push('', '### Wrap (key generation excluded): wrapKeyMaterial per spec');
    out.push(
      table(
        ['Spec', 'wrapping key', 'Chromium', 'first call', 'Node'],
        SPECS.map((spec) => {
          const c = r.chromium.wrap[spec];
          return [spec, spec === 'EC_SM2' ? 'EC_SM2' : 'RSA_2048', range(c), ms(c.firstCall), range(r.node.perSpec[spec].wrap)];
        }),
      ),
    );
    const b = r.chromium.batch;
    out.push(
      '',
      `Batch in Chromium: ${b.keys} RSA_2048 keys generated in ${ms(b.generateMs)} (${ms(b.generatePerKeyMs)} per key, reported apart); ` +
        `wrapping all ${b.keys}: ${range(b.wrapAll)} (${ms(b.wrapPerKeyMs)} per key); long tasks while wrapping: ${b.longTasks.length}` +
        (b.longTasks.length ? ` (${b.longTasks.map((t) => `${t.duration} ms`).join(', ')}${b.longTasks.length === b.wrapAll.n ? `: each pass over the ${b.keys} keys ran as one task` : ''}).` : '.'),
      `Does awaiting the call let other tasks run in Chromium? ${Object.entries(r.chromium.webCryptoYields).map(([k, v]) => `${k}: ${v ? 'yes' : 'no'}`).join('; ')}.`,
    );

    out.push('', '### Main-thread long tasks (> 50 ms, PerformanceObserver "longtask")');
    const rows = [];
    for (const spec of SPECS) {
      const g = r.chromium.generate[spec].longTasks;
      const w = r.chromium.wrap[spec].longTasks;
      const ui = r.chromium.uiFlow.find((u) => u.spec === spec);
      const uiText = (phase) => {
        const ts = ui.longTasks.filter((t) => t.phase === phase);
        return ts.length === 0 ? 'none' : ts.map((t) => `${t.duration} ms`).join(', ');
      };
      rows.push([
        spec,
        g.callsWithLongTask === 0 ? 'none' : `${g.callsWithLongTask}/${r.chromium.generate[spec].n} calls, longest ${g.longestMs} ms (first call ${g.firstCallLongestMs || 0} ms)`,
        w.callsWithLongTask === 0 ? 'none' : `${w.callsWithLongTask}/${r.chromium.wrap[spec].n} calls, longest ${w.longestMs} ms (first call ${w.firstCallLongestMs || 0} ms)`,
        `${uiText('generate')} (${ms(ui.phasesMs.generate)})`,
        `${uiText('backup')} (${ms(ui.phasesMs.backup)})`,
        `${uiText('wrap')} (${ms(ui.phasesMs.wrap)})`,
      ]);
    }
    out.push(table(['Spec', 'bench page: generate', 'bench page: wrap', 'app UI: Generate', 'app UI: backup', 'app UI: Wrap'], rows));
    out.push('App UI columns: one ceremony per spec in the PWA (fresh context): click → result shown; time of the phase in brackets.');
    const tr = r.chromium.startupTrace;
    out.push('', `Start-up task in the production PWA, by Chromium's trace (${tr.runs} runs; the task evaluating the app module: ${range(tr.taskMs)}):`);
    out.push(table(['Top-level slice in that task', 'time'], Object.entries(tr.parts).sort((a, b) => b[1].median - a[1].median).map(([k, v]) => [k, range(v)])));
    const sp = r.chromium.startupProfile;
    out.push(
      '',
      `Start-up, what the long task is made of: the unminified app under V8's sampling profiler (${sp.runs} runs; longest task ${range(sp.longestTaskMs)}),`,
      'inclusive CPU time per call from navigation until "Self-test passed" (calls nest: mount includes the checks that run inside it):',
    );
    out.push(table(['Call', 'inclusive CPU time'], Object.entries(sp.inclusiveMs).map(([k, v]) => [k, range(v)])));
    const uiOther = r.chromium.uiFlow.flatMap((u) => u.longTasks.filter((t) => !['generate', 'backup', 'wrap'].includes(t.phase)).map((t) => `${u.spec} ${t.phase} ${t.duration} ms`));
    if (uiOther.length) out.push(`Other long tasks in the UI flows: ${uiOther.join('; ')}`);
    if (st.longTasks.length) out.push(`Long tasks in runSelfTests(): ${st.longTasks.map((t) => `${t.duration} ms`).join(', ')}`);
    if (r.blockedRequests.length) out.push(`WARNING: requests to other origins were refused: ${r.blockedRequests.join(', ')}`);
  }
  out.push('', `Written: ${relative(ROOT, RESULTS)}`);
  console.log(out.join('\n'));
}
