// The Content-Security-Policy of both offline forms, in one place for review. Delivered as
// <meta http-equiv="Content-Security-Policy"> (the page has no server to send a header), placed before any
// script or stylesheet so it governs all of them (CSP3 §4.2: a meta policy applies to what follows it). Build
// only: the dev server needs a websocket and inline scripts for hot reload.
//
// What it forbids, in words (README "Offline copies and verification" repeats this):
// - connect-src 'none': no fetch(), XHR, WebSocket, EventSource or sendBeacon to anywhere, this origin included.
//   The "nothing goes over the network" promise is enforced by the browser, not only by our code.
// - default-src 'none': no fonts, frames, media, workers, prefetches or anything else not listed below.
// - form-action 'none', base-uri 'none', object-src 'none': no form posts, no <base> hijack, no plugins.
// - scripts and styles: only the app's own files (PWA) or exactly the inline blocks whose SHA-256 is listed
//   (single file). Never 'unsafe-inline' or 'unsafe-eval'; style attributes are not allowed either (the
//   app sets styles only through CSSOM, e.g. `element.style.display`, which CSP does not govern).
// - images: only the app's own files and data: URLs (the inline favicon).
// Downloads are Blob object URLs clicked through <a download>; CSP does not govern those.

const COMMON = [
  "default-src 'none'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
];

/** The PWA in dist/index.html: everything it loads comes from its own origin; the service worker too. */
export const PWA_CSP = [
  ...COMMON,
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "manifest-src 'self'",
  "worker-src 'self'",
].join('; ');

/**
 * The single file dist/byok-wrap.html: on file:// there is no useful 'self', so each inline <script> and
 * <style> is allowed by its hash (CSP3 §8.4, base64 of SHA-256 over the element's text as UTF-8).
 */
export function singleFileCsp(hashes: { scripts: readonly string[]; styles: readonly string[] }): string {
  const list = (hs: readonly string[]): string => hs.map((h) => `'sha256-${h}'`).join(' ');
  if (hashes.scripts.length === 0) throw new Error('single file: no inline script to allow');
  return [
    ...COMMON,
    `script-src ${list(hashes.scripts)}`,
    hashes.styles.length > 0 ? `style-src ${list(hashes.styles)}` : "style-src 'none'",
    'img-src data:',
  ].join('; ');
}

export function cspMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}
