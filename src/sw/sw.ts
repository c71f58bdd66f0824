// The service worker of the PWA form: it keeps one copy of every built file so the app opens with the
// network gone. Compiled on its own by build/offline-plugin.ts into dist/sw.js (readable, not minified),
// which replaces __BYOK_PRECACHE__ and __BYOK_CACHE_NAME__ with the build's file list and SHA-256 hashes.
//
// - install: fetch every listed file with Subresource Integrity (the browser rejects a response whose SHA-256
//   differs from the build's), bypassing the HTTP cache. Only when every file arrived and matched is the cache
//   written; on any failure the cache is deleted, open pages are told (they show "the offline copy could not be
//   verified"), and the install fails, so the previous worker, if any, keeps serving the previous build intact.
// - activate: delete this app's caches from older builds; take control of open pages.
// - fetch: cache first for listed files (the scope's root URL means index.html); a listed file missing from the
//   cache (evicted) is fetched with its integrity too. Anything else goes to the network untouched (the page's
//   CSP forbids the page itself from asking for anything else).
// - every request the worker itself sends is logged and posted to open pages, which count it in the Air-gap
//   panel next to their own; {type:'BYOK_FETCH_LOG'} asks for the whole log (src/sw/protocol.ts).
// - message {type:'SKIP_WAITING'}: sent by the page's "Reload to update" button (workbox-window); a new
//   build never replaces a running one silently.
//
// The DOM typings of this project have no service worker scope; the few members used are declared here
// rather than pulling lib "webworker" into the whole program.
import type { InstallFailure, PageMessage, WorkerFetch, WorkerMessage } from './protocol.ts';

interface PrecacheEntry {
  /** path relative to the worker's scope, e.g. "assets/index-abc.js" */
  readonly url: string;
  /** Subresource Integrity value, "sha256-<base64>" */
  readonly integrity: string;
}

interface ExtendableEvent extends Event {
  waitUntil(f: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly source: { postMessage(message: WorkerMessage): void } | null;
}
interface WindowClient {
  postMessage(message: WorkerMessage): void;
}
interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly registration: { readonly scope: string };
  readonly clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClient[]>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessageEvent) => void): void;
}

declare const __BYOK_PRECACHE__: readonly PrecacheEntry[];
declare const __BYOK_CACHE_NAME__: string;

const sw = self as unknown as ServiceWorkerScope;
const PRECACHE = __BYOK_PRECACHE__;
const CACHE_NAME = __BYOK_CACHE_NAME__;
/** every cache this app ever made starts so; others on the same origin are not ours to delete */
const CACHE_PREFIX = 'byok-wrap-';

const SCOPE = sw.registration.scope;
/** absolute URL → integrity, for every listed file */
const PRECACHED = new Map(PRECACHE.map((e) => [new URL(e.url, SCOPE).href, e.integrity]));

// --- the worker's own requests, for the Air-gap panel ---

const WORKER = `${CACHE_NAME}@${Date.now()}`;
const fetchLog: WorkerFetch[] = [];

async function tellPages(message: WorkerMessage): Promise<void> {
  // includeUncontrolled: on the first visit the page that registered this worker is not controlled by it yet
  for (const client of await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage(message);
}

/** fetch() that logs the request and tells open pages about it; the page shows each one. */
async function loggedFetch(href: string, integrity: string, purpose: WorkerFetch['purpose']): Promise<Response> {
  const entry: WorkerFetch = { worker: WORKER, n: fetchLog.length, t: Date.now(), url: href, purpose, ok: null };
  fetchLog.push(entry);
  try {
    const response = await fetch(new Request(href, { cache: 'reload', integrity, credentials: 'same-origin' }));
    entry.ok = response.ok;
    return response;
  } catch (e) {
    entry.ok = false;
    throw e;
  } finally {
    await tellPages({ type: 'BYOK_FETCHES', fetches: [entry] }).catch(() => undefined);
  }
}

// --- install ---

sw.addEventListener('install', (event) => {
  event.waitUntil(fillCache());
});

/** Every listed file, verified, or nothing: a partial offline copy is never kept. */
async function fillCache(): Promise<void> {
  const fetched = await Promise.allSettled(
    PRECACHE.map(async ({ url, integrity }) => {
      const href = new URL(url, SCOPE).href;
      let response: Response;
      try {
        response = await loggedFetch(href, integrity, 'install');
      } catch {
        // a network error or an integrity mismatch: the browser does not say which
        throw { url: href, status: 0 } satisfies InstallFailure;
      }
      if (!response.ok) throw { url: href, status: response.status } satisfies InstallFailure;
      // A redirected response cannot answer a navigation; keep only its body and headers.
      const stored = response.redirected
        ? new Response(await response.blob(), { status: response.status, headers: response.headers })
        : response;
      return { href, stored };
    }),
  );
  const failed = fetched.find((r) => r.status === 'rejected');
  try {
    if (failed) throw failed.reason;
    const cache = await caches.open(CACHE_NAME);
    for (const r of fetched) if (r.status === 'fulfilled') await cache.put(r.value.href, r.value.stored);
  } catch (e) {
    await caches.delete(CACHE_NAME);
    const failure: InstallFailure = isInstallFailure(e) ? e : { url: SCOPE, status: 0 };
    await tellPages({ type: 'BYOK_INSTALL_FAILED', failure }).catch(() => undefined);
    throw new Error(`precache: ${failure.url} ${failure.status === 0 ? 'failed or did not match its SHA-256' : `answered HTTP ${failure.status}`}`);
  }
}

function isInstallFailure(e: unknown): e is InstallFailure {
  return typeof e === 'object' && e !== null && typeof (e as InstallFailure).url === 'string' && typeof (e as InstallFailure).status === 'number';
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  url.hash = '';
  // The app's own links carry no query; a navigation with one (bookmark, tracking) still gets the app.
  if (request.mode === 'navigate') url.search = '';
  const key = url.href === SCOPE ? new URL('index.html', SCOPE).href : url.href;
  const integrity = PRECACHED.get(key);
  if (integrity === undefined) return;
  event.respondWith(
    (async () => {
      const hit = await caches.match(key, { cacheName: CACHE_NAME });
      // Evicted by the browser (storage pressure): fetch it, as a plain page would, but only the build's bytes.
      return hit ?? loggedFetch(key, integrity, 'fallback');
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = typeof event.data === 'object' && event.data !== null ? (event.data as { type?: unknown }).type : undefined;
  if (type === ('SKIP_WAITING' satisfies PageMessage['type'])) event.waitUntil(sw.skipWaiting());
  if (type === ('BYOK_FETCH_LOG' satisfies PageMessage['type'])) event.source?.postMessage({ type: 'BYOK_FETCHES', fetches: fetchLog });
});

// A module for the type checker only (its declarations stay local); the build removes this line, since a
// classic service worker script cannot contain `export`.
export {};
