// Page side of the PWA form: registers dist/sw.js (src/sw/sw.ts) through workbox-window, listens to what the
// worker reports (its own requests, a failed install; src/sw/protocol.ts) and, when a newer build is waiting,
// lets the operator switch to it. Only in the PWA form served over http(s): never on file://, never in the
// single file (also when it is served over http), and only in a secure context (https:, or http: on
// localhost / 127.0.0.1), where browsers offer service workers at all. The notices are rendered by
// src/routes/UpdateBanner.svelte from src/sw/worker-status.svelte.ts.
import { Workbox } from 'workbox-window';
import type { PageMessage, WorkerMessage } from './protocol.ts';
import { addFetches, workerStatus } from './worker-status.svelte.ts';

let applyUpdate: (() => void) | undefined;

/** "Reload to update": the waiting build takes over, then the page reloads into it. */
export function updateNow(): void {
  applyUpdate?.();
}

export function registerServiceWorker(): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  // Set by build/offline-plugin.ts: "pwa" in dist/index.html, "single-file" in dist/byok-wrap.html, absent in dev.
  if (document.querySelector('meta[name="byok-wrap-form"]')?.getAttribute('content') !== 'pwa') return;
  if (!('serviceWorker' in navigator)) return;
  workerStatus.registered = true;
  // Requests the worker sent before this page existed are not this page's; a fallback fetch for this very
  // navigation starts after timeOrigin and is counted.
  const since = Math.floor(performance.timeOrigin);

  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data as WorkerMessage | null;
    if (m?.type === 'BYOK_FETCHES' && Array.isArray(m.fetches)) addFetches(m.fetches, since);
    if (m?.type === 'BYOK_INSTALL_FAILED') workerStatus.installFailure = m.failure;
  });
  // Messages sent before this point (a fallback fetch during this page's own load) are queued until now.
  navigator.serviceWorker.startMessages();

  const wb = new Workbox('./sw.js');
  // A new build was installed while this one is open (or was already waiting at load). Replacing it silently
  // would reload the page in the middle of a ceremony, so the operator decides; the page's own "leave page?"
  // guard still applies to the reload.
  wb.addEventListener('waiting', () => {
    applyUpdate = () => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    };
    workerStatus.updateWaiting = true;
  });
  // Backstop for the worker's own BYOK_INSTALL_FAILED message: the worker this page registered was discarded
  // before it ever installed (a worker replaced after installing is not a failure). The file is then not known.
  let installed = false;
  for (const type of ['installed', 'waiting', 'activated', 'controlling'] as const) wb.addEventListener(type, () => (installed = true));
  wb.addEventListener('redundant', () => {
    if (!installed && !workerStatus.installFailure) workerStatus.installFailure = { url: '', status: 0 };
  });
  wb.register()
    .then((registration) => {
      const workers = registration ? [registration.installing, registration.waiting, registration.active].filter((w) => w !== null) : [];
      if (workers.length === 0) workerStatus.logRead = true;
      for (const w of workers) w.postMessage({ type: 'BYOK_FETCH_LOG' } satisfies PageMessage);
      // the first answer makes the count known (an installing worker also reports each request as it goes)
      const read = (e: MessageEvent<unknown>): void => {
        if ((e.data as WorkerMessage | null)?.type !== 'BYOK_FETCHES') return;
        workerStatus.logRead = true;
        navigator.serviceWorker.removeEventListener('message', read);
      };
      if (workers.length > 0) navigator.serviceWorker.addEventListener('message', read);
    })
    .catch((e: unknown) => {
      workerStatus.logRead = true;
      // The app works without its offline copy; say why there is none (public facts only).
      console.warn(`byok-wrap: the offline copy could not be installed: ${e instanceof Error ? e.message : String(e)}`);
    });
}
