// Messages between the service worker (src/sw/sw.ts) and the page (src/sw/register.ts). The worker is a classic
// script and imports nothing at run time; it imports these types only, so both sides are checked against one
// definition. Public facts only: URLs of the build's own files, times, HTTP statuses.

/** One request the worker itself sent to the network (the page's Resource Timing cannot see these). */
export interface WorkerFetch {
  /** which worker (its cache name and start time), to merge logs without double counting */
  worker: string;
  /** sequence number within that worker */
  n: number;
  /** Date.now() when the request started */
  t: number;
  /** absolute URL, without query or fragment */
  url: string;
  /** install: filling the offline copy; fallback: a listed file missing from the cache */
  purpose: 'install' | 'fallback';
  /** null while the request is under way; a later report of the same entry replaces an earlier one */
  ok: boolean | null;
}

export interface InstallFailure {
  /** the file that could not be fetched or verified */
  url: string;
  /** HTTP status when the server answered with an error; 0 when the fetch itself failed (integrity, network) */
  status: number;
}

/** page → worker */
export type PageMessage = { type: 'SKIP_WAITING' } | { type: 'BYOK_FETCH_LOG' };

/** worker → page */
export type WorkerMessage = { type: 'BYOK_FETCHES'; fetches: WorkerFetch[] } | { type: 'BYOK_INSTALL_FAILED'; failure: InstallFailure };
