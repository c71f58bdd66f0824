// Bench-only page (npm run bench, bench/run.mjs): the library from src/lib/index.ts, built by Vite into a temp
// folder and driven through Playwright. Timing loops run inside the page so no CDP round trip is measured.
// Every call starts in a fresh task, so a PerformanceObserver `longtask` entry that overlaps a call belongs to it.
import {
  generateTargetKey,
  parseWrappingPublicKey,
  runSelfTests,
  wrapKeyMaterial,
  type KeySpec,
  type TargetKey,
  type WrappingPublicKey,
} from '../../src/lib/index.ts';

export interface LongTask {
  start: number;
  duration: number;
}
export interface CallStats {
  /** duration of each call in ms, in order (the first is the cold call: lazy tables, JIT) */
  ms: number[];
  /** per call, the long tasks (> 50 ms) that overlapped it */
  longTasks: LongTask[][];
}
export interface BatchStats {
  count: number;
  /** generating `count` keys, one after another, ms */
  generateMs: number;
  /** wrapping all `count` keys, once per repeat, ms */
  wrapMs: number[];
  longTasks: LongTask[];
}
export interface SelfTestStats {
  ms: number;
  ok: boolean;
  results: { name: string; ms: number; ok: boolean }[];
  longTasks: LongTask[];
}
export interface Bench {
  ready: true;
  generate(spec: KeySpec, runs: number): Promise<CallStats>;
  wrap(spec: KeySpec, wrappingKeyBase64: string, runs: number): Promise<CallStats>;
  batch(count: number, wrappingKeyBase64: string, repeats: number): Promise<BatchStats>;
  selfTests(): Promise<SelfTestStats>;
  /** per WebCrypto call on the wrapping path: does awaiting it let other tasks run (true), or resolve in the same task? */
  webCryptoYields(wrappingKeyBase64: string): Promise<Record<string, boolean>>;
  longTasks(): LongTask[];
}

declare global {
  interface Window {
    byokBench: Bench;
  }
}

const seen: LongTask[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
});
observer.observe({ type: 'longtask', buffered: true });

/** Let the event loop run (a macrotask, without setTimeout's 4 ms clamp), so the next call starts a new task. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Long-task entries are delivered after the task ends; give the observer a moment, then collect. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 60));
  for (const e of observer.takeRecords()) seen.push({ start: e.startTime, duration: e.duration });
}

const overlapping = (t0: number, t1: number): LongTask[] =>
  seen.filter((t) => t.start < t1 && t.start + t.duration > t0).map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) }));

async function timeCalls(runs: number, call: () => Promise<void>): Promise<CallStats> {
  const windows: [number, number][] = [];
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    await nextTask();
    const t0 = performance.now();
    await call();
    const t1 = performance.now();
    windows.push([t0, t1]);
    ms.push(t1 - t0);
  }
  await settle();
  return { ms, longTasks: windows.map(([a, b]) => overlapping(a, b)) };
}

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const bench: Bench = {
  ready: true,

  async generate(spec, runs) {
    return timeCalls(runs, async () => {
      const key = await generateTargetKey(spec);
      key.dispose();
    });
  },

  async wrap(spec, wrappingKeyBase64, runs) {
    const wrappingKey: WrappingPublicKey = parseWrappingPublicKey(fromBase64(wrappingKeyBase64));
    const target = await generateTargetKey(spec);
    try {
      // wrapKeyMaterial re-parses the wrapping key's SPKI on every call (spec §4); that is part of what is timed.
      return await timeCalls(runs, async () => {
        const material = await wrapKeyMaterial(wrappingKey, target);
        material.fill(0);
      });
    } finally {
      target.dispose();
    }
  },

  async batch(count, wrappingKeyBase64, repeats) {
    const wrappingKey = parseWrappingPublicKey(fromBase64(wrappingKeyBase64));
    const t0 = performance.now();
    const keys: TargetKey[] = [];
    for (let i = 0; i < count; i++) {
      await nextTask();
      keys.push(await generateTargetKey('RSA_2048'));
    }
    const generateMs = performance.now() - t0;
    const wrapMs: number[] = [];
    const w0 = performance.now();
    for (let r = 0; r < repeats; r++) {
      await nextTask();
      const s = performance.now();
      for (const key of keys) {
        const material = await wrapKeyMaterial(wrappingKey, key);
        material.fill(0);
      }
      wrapMs.push(performance.now() - s);
    }
    const w1 = performance.now();
    for (const key of keys) key.dispose();
    await settle();
    return { count, generateMs, wrapMs, longTasks: overlapping(w0, w1) };
  },

  async selfTests() {
    await nextTask();
    const t0 = performance.now();
    const report = await runSelfTests();
    const t1 = performance.now();
    await settle();
    return { ms: t1 - t0, ok: report.ok, results: report.results, longTasks: overlapping(t0, t1) };
  },

  async webCryptoYields(wrappingKeyBase64) {
    const subtle = globalThis.crypto.subtle;
    const spki = fromBase64(wrappingKeyBase64);
    const key = await subtle.importKey('spki', spki as BufferSource, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    const calls: Record<string, () => Promise<unknown>> = {
      'importKey spki RSA-OAEP': () => subtle.importKey('spki', spki as BufferSource, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']),
      'encrypt RSA-OAEP': () => subtle.encrypt({ name: 'RSA-OAEP' }, key, new Uint8Array(32)),
      'generateKey RSA 2048': () =>
        subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']),
    };
    const out: Record<string, boolean> = {};
    for (const [name, call] of Object.entries(calls)) {
      await nextTask();
      let ran = false;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (ran = true);
      ch.port2.postMessage(null);
      await call();
      out[name] = ran;
      ch.port1.close();
    }
    return out;
  },

  longTasks: () => seen.map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) })),
};

window.byokBench = bench;
document.getElementById('status')!.textContent = 'ready';
