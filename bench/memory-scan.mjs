#!/usr/bin/env node
// npm run bench:memory — how many copies of a target key's private components stay in the browser's renderer
// memory, before and after "Clear everything" (issue 8 §3, spec §3.5). Measured as a reviewer would: the app is
// built, driven in Debian's headless Chromium, and every readable mapping of every renderer process is read from
// /proc/<pid>/mem (needs root, or ptrace rights over Chromium) and searched for the key's numbers.
//
// Per ceremony: run it, take the private components from the file the browser downloaded or loaded (decrypted
// here with node:crypto, an independent implementation), scan (must find them: proves the scan works), press
// "Clear everything", churn memory in the page, force a GC over CDP, scan again. Not a test; prints a table.
//
// Each component is searched in three forms: big-endian bytes (DER, WebCrypto, our buffers), little-endian bytes
// (how V8 stores a BigInt's digits on x64) and lower-case hex text (what a hex string or BigInt('0x…') holds).
// "full" counts complete copies; "frag" counts 16-byte pieces (32 hex characters) found outside complete copies:
// every copy of 31 bytes or more holds at least one piece. For the loaded PEM file, its base64 text (a string the
// page cannot wipe) is counted too, in 32-character pieces of its lines.
// The run exits 1 if a component was not found before Clear: then the scan proved nothing.
//
// BENCH_DIST=path uses an already built dist/ instead of building into a temp folder; BENCH_ONLY=text runs only
// the ceremonies whose name contains it.
import { generateKeyPairSync, createPrivateKey, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const { executablePath: CHROMIUM, args: CHROMIUM_ARGS } = JSON.parse(readFileSync(new URL('../tests/chromium.json', import.meta.url), 'utf8'));
const PASSPHRASE = 'memory scan backup passphrase';
const PIECE = 16;

const started = performance.now();
const log = (m) => process.stderr.write(`[memory ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);
const watchdog = setTimeout(() => {
  console.error('bench:memory: still running after 9 minutes; giving up');
  process.exit(2);
}, 9 * 60_000);
watchdog.unref();

// --- the app, built and served on 127.0.0.1 only ---

const tmp = mkdtempSync(join(tmpdir(), 'byok-memory-'));
let appDir = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(tmp, 'app');
if (!process.env.BENCH_DIST) {
  log('building the app');
  const { build } = await import('vite');
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true } });
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
const server = createServer((req, res) => {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  const file = normalize(join(appDir, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(appDir + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- keys and files made here with node:crypto ---

const b64u = (s) => Buffer.from(s, 'base64url');
/** The private components of a key object, big-endian, as JWK (RFC 7518) carries them. */
function components(keyObject) {
  const jwk = keyObject.export({ format: 'jwk' });
  if (jwk.kty === 'RSA') return { d: b64u(jwk.d), p: b64u(jwk.p), q: b64u(jwk.q) };
  return { d: b64u(jwk.d) };
}
const iwk = generateKeyPairSync('rsa', { modulusLength: 2048 });
const files = {
  iwk: join(tmp, 'publickey_mem0.pem'),
  token: join(tmp, 'token_mem0.txt'),
};
writeFileSync(files.iwk, iwk.publicKey.export({ type: 'spki', format: 'pem' }));
writeFileSync(files.token, randomBytes(300).toString('base64'));
function keyFile(name, keyObject, passphrase) {
  const pem = keyObject.export(passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' });
  const path = join(tmp, name);
  writeFileSync(path, pem);
  return path;
}

// --- the scan: /proc/<pid>/maps + /proc/<pid>/mem ---

function forms(value) {
  return { be: value, le: Buffer.from(value).reverse(), hex: Buffer.from(value.toString('hex'), 'latin1') };
}

/** Needles: every aligned piece of every form of every component; for a loaded PEM, 32-character pieces of its lines. */
function needlesOf(secrets, pemText) {
  const needles = [];
  if (pemText) {
    const lines = pemText.split('\n').filter((l) => /^[A-Za-z0-9+/=]{32,}$/.test(l));
    const pieces = lines.flatMap((l) => [l.slice(0, 32), l.slice(32, 64)]).filter((p) => p.length === 32);
    pieces.forEach((p, k) => needles.push({ name: 'pem', form: 'text', k, count: pieces.length, piece: 0, bytes: Buffer.from(p, 'latin1'), hits: [] }));
  }
  for (const [name, value] of Object.entries(secrets)) {
    for (const [form, bytes] of Object.entries(forms(value))) {
      const piece = form === 'hex' ? 2 * PIECE : PIECE;
      const count = Math.floor(bytes.length / piece);
      for (let k = 0; k < count; k++) needles.push({ name, form, k, count, piece, bytes: bytes.subarray(k * piece, (k + 1) * piece), hits: [] });
    }
  }
  return needles;
}

const FILTER_BITS = 24;
const hash4 = (v) => Math.imul(v, 0x9e3779b1) >>> (32 - FILTER_BITS);

function searchBuffer(buf, base, valid, filter, byPrefix) {
  let v = 0;
  for (let i = 0; i < buf.length; i++) {
    v = ((v << 8) | buf[i]) >>> 0;
    if (i < 3 || filter[hash4(v)] === 0) continue;
    const list = byPrefix.get(v);
    if (!list) continue;
    const start = i - 3;
    if (start >= valid) continue;
    for (const n of list) {
      if (start + n.bytes.length <= buf.length && buf.compare(n.bytes, 0, n.bytes.length, start, start + n.bytes.length) === 0) n.hits.push(base + start);
    }
  }
}

function readableRegions(pid) {
  const out = [];
  for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (!m || m[3][0] !== 'r') continue;
    const path = m[4];
    // code and data of files on disk (libraries, chromium, .pak) hold no key; shared memory and anonymous maps do
    if (path.startsWith('[v') || (path.startsWith('/') && !path.startsWith('/dev/shm') && !path.startsWith('/memfd'))) continue;
    out.push({ start: parseInt(m[1], 16), end: parseInt(m[2], 16) });
  }
  return out;
}

function scanProcess(pid, needles) {
  const filter = new Uint8Array(1 << FILTER_BITS);
  const byPrefix = new Map();
  for (const n of needles) {
    const v = n.bytes.readUInt32BE(0);
    filter[hash4(v)] = 1;
    if (!byPrefix.has(v)) byPrefix.set(v, []);
    byPrefix.get(v).push(n);
  }
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  const CHUNK = 16 << 20;
  const overlap = 2 * PIECE;
  const buf = Buffer.alloc(CHUNK + overlap);
  let scanned = 0;
  try {
    for (const r of readableRegions(pid)) {
      for (let at = r.start; at < r.end; at += CHUNK) {
        const len = Math.min(CHUNK + overlap, r.end - at);
        let got;
        try {
          got = readSync(fd, buf, 0, len, at);
        } catch {
          break; // unreadable mapping (guard pages)
        }
        scanned += Math.min(got, CHUNK);
        searchBuffer(buf.subarray(0, got), at, Math.min(got, CHUNK), filter, byPrefix);
      }
    }
  } finally {
    closeSync(fd);
  }
  return scanned;
}

/** Per component and form: complete copies, and pieces found outside them. */
function tally(needles) {
  const groups = new Map();
  for (const n of needles) {
    const key = `${n.name}/${n.form}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)[n.k] = n;
  }
  const result = {};
  for (const [key, pieces] of groups) {
    if (key === 'pem/text') {
      // lines are not contiguous in memory (newlines), so: how many times over the file's pieces were found
      const hits = pieces.reduce((n, p) => n + p.hits.length, 0);
      result[key] = { full: Math.floor(hits / pieces.length), frag: hits % pieces.length };
      continue;
    }
    const sets = pieces.map((n) => new Set(n.hits));
    const full = pieces[0].hits.filter((a) => pieces.every((n, k) => sets[k].has(a + k * n.piece)));
    const covered = new Set();
    for (const a of full) pieces.forEach((n, k) => covered.add(`${k}:${a + k * n.piece}`));
    let frag = 0;
    pieces.forEach((n, k) => {
      for (const a of n.hits) if (!covered.has(`${k}:${a}`)) frag++;
    });
    result[key] = { full: full.length, frag };
  }
  return result;
}

async function rendererPids(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

async function scan(browser, secrets, pemText) {
  const pids = await rendererPids(browser);
  if (pids.length === 0) throw new Error('no renderer process found');
  const needles = needlesOf(secrets, pemText);
  let bytes = 0;
  for (const pid of pids) bytes += scanProcess(pid, needles);
  return { pids, bytes, counts: tally(needles) };
}

// --- the page ---

const field = (page, label) => page.getByLabel(label, { exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });

async function stepTwo(page) {
  await field(page, 'Wrapping public key').setInputFiles(files.iwk);
  await field(page, 'Import token').setInputFiles(files.token);
  await page.getByTestId('wrapping-key-spec').waitFor();
}

async function generate(page, spec) {
  await field(page, 'Key spec').selectOption(spec);
  await button(page, 'Generate new key').click();
  await page.getByTestId('target-spec').filter({ hasText: spec }).waitFor({ timeout: 120_000 });
}

/** Backs up the key and returns its private components, read from the downloaded file by node:crypto. */
async function backup(page) {
  await field(page, 'Backup passphrase').fill(PASSPHRASE);
  await field(page, 'Confirm backup passphrase').fill(PASSPHRASE);
  const [d] = await Promise.all([page.waitForEvent('download'), button(page, 'Download encrypted backup').click()]);
  const path = join(tmp, `backup-${randomBytes(4).toString('hex')}.pem`);
  await d.saveAs(path);
  return components(createPrivateKey({ key: readFileSync(path), format: 'pem', passphrase: PASSPHRASE }));
}

async function load(page, path, passphrase) {
  await field(page, 'Existing private key').setInputFiles(path);
  if (passphrase) {
    await field(page, 'Private key passphrase').fill(passphrase);
    await button(page, 'Unlock key').click();
  }
  await page.getByTestId('target-spec').waitFor({ timeout: 60_000 });
}

/** Wraps when the page allows it (a later backup check may gate it); returns whether it did. */
async function wrap(page) {
  const b = button(page, 'Wrap key material');
  if (await b.isDisabled()) return false;
  await b.click();
  await page.locator('#material-received').waitFor({ timeout: 60_000 });
  return true;
}

async function clearEverything(page) {
  await button(page, 'Clear everything').click();
  // A confirmation may ask first (issue 8 §2): confirm it.
  const note = page.locator('#cleared-note');
  for (let i = 0; i < 20 && (await note.count()) === 0; i++) {
    const confirm = page.getByRole('dialog').getByRole('button', { name: /clear/i });
    if ((await confirm.count()) > 0) await confirm.first().click();
    else await page.waitForTimeout(100);
  }
  await note.waitFor();
}

/** Allocate and drop ~128 MB of buffers, strings and numbers, then a full GC (CDP HeapProfiler.collectGarbage). */
async function churnAndCollect(page) {
  await page.evaluate(() => {
    let keep = 0;
    for (let round = 0; round < 32; round++) {
      const arrays = [];
      for (let i = 0; i < 256; i++) arrays.push(new Uint8Array(64 + ((i * 977) % 32768)).fill(round));
      const strings = [];
      for (let i = 0; i < 2000; i++) strings.push(`churn-${round}-${i}-`.repeat(8));
      const big = [];
      for (let i = 0; i < 2000; i++) big.push(BigInt(i) ** 40n);
      keep += arrays.length + strings.length + big.length;
    }
    return keep;
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  await page.waitForTimeout(500);
}

// --- the ceremonies ---

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const p256Encrypted = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const rsaEncrypted = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const FILE_PASSPHRASE = 'memory scan file passphrase';

const ceremonies = [
  {
    name: 'generate RSA_2048 → backup → wrap',
    run: async (page) => {
      await generate(page, 'RSA_2048');
      const secrets = await backup(page);
      return { secrets, wrapped: await wrap(page) };
    },
  },
  {
    name: 'load RSA PEM (PKCS#8) → wrap',
    run: async (page) => {
      const path = keyFile('tak-rsa.pem', rsaPem);
      await load(page, path);
      return { secrets: components(rsaPem), wrapped: await wrap(page), pemText: readFileSync(path, 'latin1') };
    },
  },
  {
    name: 'load encrypted PKCS#8 P-256 → wrap',
    run: async (page) => {
      await field(page, 'Key spec').selectOption('EC_P256');
      await load(page, keyFile('tak-p256-enc.pem', p256Encrypted, FILE_PASSPHRASE), FILE_PASSPHRASE);
      return { secrets: components(p256Encrypted), wrapped: await wrap(page) };
    },
  },
  {
    name: 'load encrypted PKCS#8 RSA → wrap',
    run: async (page) => {
      await load(page, keyFile('tak-rsa-enc.pem', rsaEncrypted, FILE_PASSPHRASE), FILE_PASSPHRASE);
      return { secrets: components(rsaEncrypted), wrapped: await wrap(page) };
    },
  },
  {
    name: 'generate EC_P256 → backup → wrap',
    run: async (page) => {
      await generate(page, 'EC_P256');
      const secrets = await backup(page);
      return { secrets, wrapped: await wrap(page) };
    },
  },
];

const only = process.env.BENCH_ONLY;
const rows = [];
try {
  for (const c of ceremonies) {
    if (only && !c.name.includes(only)) continue;
    log(c.name);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
      await context.route('**/*', (route) => (route.request().url().startsWith(origin + '/') ? route.continue() : route.abort('blockedbyclient')));
      const page = await context.newPage();
      await page.goto(origin + '/', { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await stepTwo(page);
      const { secrets, wrapped, pemText } = await c.run(page);
      const before = await scan(browser, secrets, pemText);
      await clearEverything(page);
      await churnAndCollect(page);
      const after = await scan(browser, secrets, pemText);
      rows.push({ name: c.name, wrapped, secrets: Object.keys(secrets), before, after, pemText: Boolean(pemText) });
      log(`  scanned ${(after.bytes / 2 ** 20).toFixed(0)} MiB in ${after.pids.length} renderer(s)`);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}

const cell = (t, key) => {
  const c = t.counts[key];
  return c ? `${c.full}${c.frag ? ` (+${c.frag})` : ''}` : '—';
};
console.log('\nCopies in renderer memory: complete copies (+ 16-byte pieces outside them). be = big-endian bytes,');
console.log('le = little-endian bytes (V8 BigInt digits), hex = lower-case hex text.\n');
console.log('| ceremony | wrapped | component | before Clear: be / le / hex | after Clear + churn + GC: be / le / hex |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  for (const s of r.secrets) {
    const b = ['be', 'le', 'hex'].map((f) => cell(r.before, `${s}/${f}`)).join(' / ');
    const a = ['be', 'le', 'hex'].map((f) => cell(r.after, `${s}/${f}`)).join(' / ');
    console.log(`| ${r.name} | ${r.wrapped ? 'yes' : 'no'} | ${s} | ${b} | ${a} |`);
  }
}
for (const r of rows.filter((r) => r.pemText)) {
  console.log(`| ${r.name} | ${r.wrapped ? 'yes' : 'no'} | PEM file text (base64, a string) | ${cell(r.before, 'pem/text')} | ${cell(r.after, 'pem/text')} |`);
}
const proven = rows.every((r) => r.secrets.every((s) => r.before.counts[`${s}/be`].full > 0));
console.log(`\nScan sanity: ${proven ? 'every component was found before Clear' : 'SOME COMPONENT WAS NOT FOUND BEFORE CLEAR: the scan proves nothing for it'}.`);
const leftBe = rows.reduce((n, r) => n + r.secrets.reduce((m, s) => m + r.after.counts[`${s}/be`].full + r.after.counts[`${s}/be`].frag, 0), 0);
console.log(`Big-endian copies or pieces left after Clear, all ceremonies: ${leftBe}.`);
process.exitCode = proven ? 0 : 1;
