// The service worker of the PWA form: it keeps one copy of every built file so the app opens with the
// network gone. Compiled on its own by build/offline-plugin.ts into dist/sw.js (readable, not minified),
// which replaces __BYOK_PRECACHE__ and __BYOK_CACHE_NAME__ with the build's file list and SHA-256 hashes.
//
// - install: fetch every listed file with Subresource Integrity (the browser rejects a response whose SHA-256
//   differs from the build's), bypassing the HTTP cache; one failure fails the install, and the previous
//   worker, if any, keeps serving the previous build intact.
// - activate: delete this app's caches from older builds; take control of open pages.
// - fetch: cache first for listed files (the scope's root URL means index.html); anything else goes to the
//   network untouched (the page's CSP forbids the page itself from asking for anything else).
// - message {type:'SKIP_WAITING'}: sent by the page's "Reload to update" button (workbox-window); a new
//   build never replaces a running one silently.
//
// The DOM typings of this project have no service worker scope; the few members used are declared here
// rather than pulling lib "webworker" into the whole program.

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
}
interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
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
const PRECACHED = new Set(PRECACHE.map((e) => new URL(e.url, SCOPE).href));

sw.addEventListener('install', (event) => {
  event.waitUntil(fillCache());
});

async function fillCache(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    PRECACHE.map(async ({ url, integrity }) => {
      const href = new URL(url, SCOPE).href;
      const response = await fetch(new Request(href, { cache: 'reload', integrity, credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`precache: ${url} answered HTTP ${response.status}`);
      // A redirected response cannot answer a navigation; keep only its body and headers.
      const stored = response.redirected
        ? new Response(await response.blob(), { status: response.status, headers: response.headers })
        : response;
      await cache.put(href, stored);
    }),
  );
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
  if (!PRECACHED.has(key)) return;
  event.respondWith(
    (async () => {
      const hit = await caches.match(key, { cacheName: CACHE_NAME });
      // Evicted by the browser (storage pressure): fall back to the network, as a plain page would.
      return hit ?? fetch(request);
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    event.waitUntil(sw.skipWaiting());
  }
});

// A module for the type checker only (its declarations stay local); the build removes this line, since a
// classic service worker script cannot contain `export`.
export {};
