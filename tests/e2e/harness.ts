// Shared pieces of the browser tests: one Chromium per test file, a fresh context per ceremony, every request
// the browser makes and every request the test server receives recorded, downloads saved to a scratch folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { testServer } from './server-state.ts';
import chromiumConfig from '../chromium.json';

/** Debian's chromium and the flags that keep it off the network (shared with bench/run.mjs). */
export const CHROMIUM_ARGS: string[] = chromiumConfig.args;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumConfig.executablePath, args: CHROMIUM_ARGS });
}

/**
 * Where screenshots go: an ignored folder on every test run, so that `npm test` leaves the working tree clean;
 * docs/screenshots/ (committed, linked from the runbook) only when asked, with `npm run screenshots`
 * (SCREENSHOTS=1).
 */
export const SCREENSHOT_DIR = resolve(
  import.meta.dirname,
  process.env.SCREENSHOTS === '1' ? '../../docs/screenshots' : '../../test-results/screenshots',
);

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ServerRequest {
  t: number;
  method: string;
  url: string;
  host?: string;
}

export function serverLog(): ServerRequest[] {
  return readFileSync(testServer.requestLogPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ServerRequest);
}

export interface Session {
  base: string;
  context: BrowserContext;
  page: Page;
  /** every URL the browser requested, in order (page, workers, downloads) */
  browserRequests: string[];
  /** requests to any origin but the test server, aborted by the route guard */
  blocked: string[];
  /** console errors and uncaught page errors (CSP violations show up here) */
  pageErrors: string[];
  /** counts at the moment the app had loaded */
  atLoad: { browser: number; server: number };
  /** server requests since the app had loaded */
  serverRequestsAfterLoad(): ServerRequest[];
  browserRequestsAfterLoad(): string[];
  close(): Promise<void>;
}

export async function openApp(
  browser: Browser,
  options: {
    viewport?: { width: number; height: number };
    permissions?: string[];
    /** runs in the page before any of its scripts, e.g. to set the self-test's break hook (spec §8) */
    initScript?: string;
  } = {},
): Promise<Session> {
  const base = testServer.baseUrl;
  const origin = new URL(base).origin;
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1100, height: 900 },
    permissions: options.permissions ?? [],
  });
  const browserRequests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => browserRequests.push(r.url()));
  // Belt and braces: nothing may leave for another host; if anything tries, it is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const serverBefore = serverLog().length;
  await page.goto(base, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  // The PWA's service worker installs after the first load and fetches every built file once (its precache,
  // src/sw/sw.ts); the page has loaded when that is done.
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise((_, fail) => setTimeout(() => fail(new Error('no active service worker after 30 s')), 30_000)),
    ]),
  );
  const atLoad = { browser: browserRequests.length, server: serverLog().length };
  expect(atLoad.server - serverBefore, 'the page loads with a handful of requests').toBeGreaterThan(0);
  return {
    base,
    context,
    page,
    browserRequests,
    blocked,
    pageErrors,
    atLoad,
    serverRequestsAfterLoad: () => serverLog().slice(atLoad.server),
    browserRequestsAfterLoad: () => browserRequests.slice(atLoad.browser),
    // A page closed through a dismissed beforeunload prompt can take its context down with it in Chromium;
    // closing an already-closed context is then not a failure of the app.
    close: () =>
      context.close().catch((e: unknown) => {
        if (!(e instanceof Error && /has been closed/.test(e.message))) throw e;
      }),
  };
}

export const REQUEST_LOG_DIR = resolve(import.meta.dirname, '../../test-results/e2e-requests');

/**
 * The offline promise: after load nothing reaches the server, and nothing was ever asked of another host.
 * The session's whole request log (browser side and server side) is kept in test-results/e2e-requests/.
 */
export function expectNoNetwork(s: Session, name = expect.getState().currentTestName ?? 'session'): void {
  const origin = new URL(s.base).origin;
  mkdirSync(REQUEST_LOG_DIR, { recursive: true });
  const server = serverLog();
  writeFileSync(
    join(REQUEST_LOG_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 120)}.json`),
    JSON.stringify(
      {
        browser: { duringLoad: s.browserRequests.slice(0, s.atLoad.browser), afterLoad: s.browserRequestsAfterLoad() },
        server: { afterLoad: server.slice(s.atLoad.server) },
        blocked: s.blocked,
      },
      null,
      2,
    ),
  );
  // blob: URLs are the downloads: local object URLs, not network requests
  const afterLoad = s.browserRequestsAfterLoad().filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(afterLoad, 'browser requests after load').toEqual([]);
  expect(s.serverRequestsAfterLoad(), 'server requests after load').toEqual([]);
  expect(s.blocked, 'requests to other hosts').toEqual([]);
  const foreign = s.browserRequests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(foreign, 'requests to other hosts').toEqual([]);
  expect(s.pageErrors, 'console errors').toEqual([]);
}

/** Exact accessible-name lookups: the runbook's labels. */
export const field = (page: Page, label: string): Locator => page.getByLabel(label, { exact: true });
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });
export const step = (page: Page, n: number): Locator => page.locator(`#step-${n}`);

export async function fingerprint(scope: Locator): Promise<string> {
  const fp = scope.locator('[data-sha256]').first();
  await fp.waitFor();
  return (await fp.getAttribute('data-sha256')) ?? '';
}

export interface Saved {
  name: string;
  path: string;
  bytes: Buffer;
}

/** Run `action`, wait for the download it starts, save it under `dir`. */
export async function download(page: Page, dir: string, action: () => Promise<unknown>): Promise<Saved> {
  const [d] = await Promise.all([page.waitForEvent('download'), action()]);
  const name = d.suggestedFilename();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await d.saveAs(path);
  return { name, path, bytes: readFileSync(path) };
}

/**
 * Step 4 as the runbook has it: the passphrase twice, "Download encrypted backup", then the saved file read back
 * through "Saved backup (check)" with the passphrase typed again, until the page says the backup is verified.
 */
export async function backUpAndCheck(page: Page, dir: string, passphrase: string): Promise<Saved> {
  await field(page, 'Backup passphrase').fill(passphrase);
  await field(page, 'Confirm backup passphrase').fill(passphrase);
  const backup = await download(page, dir, () => button(page, 'Download encrypted backup').click());
  await field(page, 'Saved backup (check)').setInputFiles(backup.path);
  await field(page, 'Backup passphrase (check)').fill(passphrase);
  await button(page, 'Check backup').click();
  await page.locator('#backup-verified').waitFor({ timeout: 30_000 });
  return backup;
}

/** The in-page confirmation before a destructive action (its role is alertdialog). */
export const confirmation = (page: Page): Locator => page.getByRole('alertdialog');

/** Answer the open confirmation with its button named `name` ("Cancel", "Yes, clear everything", …). */
export async function answer(page: Page, name: string): Promise<void> {
  const dialog = confirmation(page);
  await dialog.waitFor();
  await dialog.getByRole('button', { name, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A PNG in SCREENSHOT_DIR: a whole page (full length) or one step. */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  if ('goto' in target) {
    // from the top: the sticky status line is drawn where the page is scrolled to
    await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  }
  else {
    // one step or panel: without the sticky status line, which would lie over it wherever it was scrolled to
    // (hidden through CSSOM: a <style> element, as Playwright's `style` option adds, is refused by the CSP)
    const line = target.page().locator('#status-line');
    const hide = (v: string) => line.evaluateAll((els, v) => els.forEach((e) => ((e as HTMLElement).style.visibility = v)), v);
    await hide('hidden');
    await target.screenshot({ path, animations: 'disabled', caret: 'hide' });
    await hide('');
  }
}

export const isFocused = (l: Locator): Promise<boolean> => l.evaluate((el) => el === document.activeElement);

/** Press Tab until `target` has focus; fails if it is not in the tab order within `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}
