#!/usr/bin/env node
// npm run bench:hostile — how long the library's loaders take on the widest hostile DER that fits the 64 KiB
// input limit: one SEQUENCE of ~21,800 one-byte INTEGERs (issue 8 §5; spec §2.2 caps members at 256). Each call
// is one synchronous task on the page's main thread; the target is under 100 ms. Not a test; prints numbers.
import { join, resolve } from 'node:path';
import { runnerImport } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const { module: lib } = await runnerImport(join(ROOT, 'src/lib/index.ts'), { configFile: false, logLevel: 'error' });
const MAX = 64 * 1024;

function wideSequence(count) {
  const body = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) body.set([0x02, 0x01, i & 0x7f], i * 3);
  const len = body.length; // minimal length octets (X.690 §10.1), or the pre-check stops at the header
  const header = len < 0x80 ? [0x30, len] : len < 0x100 ? [0x30, 0x81, len] : len < 0x10000 ? [0x30, 0x82, len >> 8, len & 0xff] : [0x30, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  return Uint8Array.of(...header, ...body);
}
const der = wideSequence(Math.floor((MAX - 5) / 3));
const pemBody = (label, bytes) => `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const pemDer = wideSequence(Math.floor((MAX * 0.7) / 3));

const cases = [
  ['target key, DER (64 KiB)', () => lib.parseTargetKey(der.slice())],
  ['target key, PEM (45 KiB of DER)', () => lib.parseTargetKey(pemBody('PRIVATE KEY', pemDer))],
  ['target key, bare base64 (45 KiB of DER)', () => lib.parseTargetKey(Buffer.from(pemDer).toString('base64'))],
  ['wrapping key, DER', async () => lib.parseWrappingPublicKey(der.slice())],
  ['wrapping key, PEM', async () => lib.parseWrappingPublicKey(pemBody('PUBLIC KEY', pemDer))],
];
console.log('| input | outcome | median | max (of 9) |');
console.log('|---|---|---|---|');
for (const [name, run] of cases) {
  const times = [];
  let outcome = 'accepted?!';
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    try {
      await run();
    } catch (e) {
      outcome = e?.code ? `${e.code}${e.facts?.limit ? ` (limit ${e.facts.limit})` : ''}` : String(e);
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${outcome} | ${times[4].toFixed(1)} ms | ${times[8].toFixed(1)} ms |`);
}
