// What the page knows about its service worker, for the notices (UpdateBanner.svelte) and the Air-gap panel:
// the requests the worker sent itself, a failed install, a newer build waiting. Filled by src/sw/register.ts;
// stays empty in the single file and on the development server, which have no worker. Public facts only.
import type { InstallFailure, WorkerFetch } from './protocol.ts';

export const workerStatus = $state<{
  /** a service worker is registered for this page (PWA form over http(s)) */
  registered: boolean;
  /** the worker's log has been read once: until then its count is not known */
  logRead: boolean;
  /** the worker's own requests since this page started, in order */
  fetches: WorkerFetch[];
  installFailure: InstallFailure | null;
  /** a newer build is installed and waits for "Reload to update" */
  updateWaiting: boolean;
}>({ registered: false, logRead: false, fetches: [], installFailure: null, updateWaiting: false });

/**
 * Merge reports from the worker: the same entry can arrive in a log and as a broadcast, first under way and then
 * finished. Messages from one worker arrive in the order it sent them, so the later report wins.
 */
export function addFetches(list: readonly WorkerFetch[], since: number): void {
  const byKey = new Map(workerStatus.fetches.map((f) => [`${f.worker}#${f.n}`, f]));
  for (const f of list) if (f.t >= since) byKey.set(`${f.worker}#${f.n}`, { ...f });
  workerStatus.fetches = [...byKey.values()].sort((a, b) => a.t - b.t || a.n - b.n);
}
