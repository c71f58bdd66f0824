// What this page can tell about itself, for the Air-gap panel and the ceremony record: which form of the app it
// is, the Content-Security-Policy it carries, and the requests it made after loading. Public facts only.

export type AppForm = 'pwa' | 'single-file' | 'dev';

/** Set by build/offline-plugin.ts in <meta name="byok-wrap-form">; absent on the development server. */
export function appForm(doc: Document = document): AppForm {
  const form = doc.querySelector('meta[name="byok-wrap-form"]')?.getAttribute('content');
  return form === 'pwa' || form === 'single-file' ? form : 'dev';
}

/** The policy of <meta http-equiv="Content-Security-Policy"> (build/csp.ts), or null when there is none. */
export function cspInForce(doc: Document = document): string | null {
  const metas = doc.querySelectorAll('meta[http-equiv]');
  for (const m of metas) {
    if (m.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy') return m.getAttribute('content');
  }
  return null;
}

/** The moment (performance.now() scale) the load event started, or undefined while the page is still loading. */
export function loadEventTime(perf: Performance = performance): number | undefined {
  const nav = perf.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav && nav.loadEventStart > 0 ? nav.loadEventStart : undefined;
}

/**
 * Requests that started at or after `since`, as the browser reports them (Resource Timing). Shown without their
 * query or fragment: the page makes none, and a URL is shown only to say where a request went.
 */
export function requestsSince(entries: readonly PerformanceEntry[], since: number): string[] {
  return entries
    .filter((e) => e.entryType === 'resource' && e.startTime >= since)
    .map((e) => {
      try {
        const u = new URL(e.name);
        return (u.origin === 'null' ? u.protocol : u.origin) + u.pathname;
      } catch {
        return e.name;
      }
    });
}
