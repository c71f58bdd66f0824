// Page side of the PWA form: registers dist/sw.js (src/sw/sw.ts) through workbox-window and, when a newer build
// is waiting, asks before switching to it. Only in the PWA form served over http(s): never on file://, never in
// the single file (also when it is served over http), and only in a secure context (https:, or http: on
// localhost / 127.0.0.1), where browsers offer service workers at all.
import { mount } from 'svelte';
import { Workbox } from 'workbox-window';
import UpdateBanner from '../routes/UpdateBanner.svelte';

export function registerServiceWorker(): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  // Set by build/offline-plugin.ts: "pwa" in dist/index.html, "single-file" in dist/byok-wrap.html, absent in dev.
  if (document.querySelector('meta[name="byok-wrap-form"]')?.getAttribute('content') !== 'pwa') return;
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox('./sw.js');
  let shown = false;
  // A new build was installed while this one is open (or was already waiting at load). Replacing it silently
  // would reload the page in the middle of a ceremony, so the operator decides; the page's own "leave page?"
  // guard still applies to the reload.
  wb.addEventListener('waiting', () => {
    if (shown) return;
    shown = true;
    const target = document.createElement('div');
    target.id = 'update-banner';
    document.body.prepend(target);
    mount(UpdateBanner, {
      target,
      props: {
        onupdate: () => {
          wb.addEventListener('controlling', () => location.reload());
          wb.messageSkipWaiting();
        },
      },
    });
  });
  wb.register().catch((e: unknown) => {
    // The app works without its offline copy; say why there is none (public facts only).
    console.warn(`byok-wrap: the offline copy could not be installed: ${e instanceof Error ? e.message : String(e)}`);
  });
}
