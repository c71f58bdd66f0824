// Secret-bearing structures (spec §3.6): PrivateKeyInfo / OneAsymmetricKey, RSAPrivateKey, ECPrivateKey go
// through the one DER codec (der-codec.ts), which reads views into the caller's buffer and writes into one
// buffer. What this file adds is ownership: every buffer allocated for secret bytes comes from allocSecret, so
// a test can list them all and prove each was wiped.
import { writeDer, type DerNode } from './der-codec.ts';

export { DerReader, stripZeros, TAG, type DerNode } from './der-codec.ts';

let tracer: ((b: Uint8Array) => void) | undefined;

/**
 * Every buffer this codec and the key layer allocate for secret bytes comes from here, so a test can list them
 * all (traceSecretAllocations) and prove each was wiped.
 */
export function allocSecret(length: number): Uint8Array {
  const b = new Uint8Array(length);
  tracer?.(b);
  return b;
}

/**
 * @internal tests: record every secret buffer allocated from now until stop() (async work included), so a test
 * can prove each was wiped once the key is disposed.
 */
export function traceSecretAllocations(): { buffers: Uint8Array[]; stop(): void } {
  const buffers: Uint8Array[] = [];
  const previous = tracer;
  tracer = (b) => {
    buffers.push(b);
    previous?.(b);
  };
  return { buffers, stop: () => void (tracer = previous) };
}

/** A copy we own (from allocSecret) of bytes the caller will wipe. */
export function copySecret(bytes: Uint8Array): Uint8Array {
  const out = allocSecret(bytes.length);
  out.set(bytes);
  return out;
}

/** DER of `node` in one buffer from allocSecret (no scratch): the caller owns and wipes it. */
export function encodeDer(node: DerNode): Uint8Array {
  return writeDer(node, allocSecret);
}

/**
 * A bigint's magnitude, big-endian, in a buffer from allocSecret (the caller wipes it). The hex string on the way
 * is immutable, like the bigint itself (spec §3.6 names this limit).
 */
export function bigIntSecretBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('negative');
  const hex = n.toString(16);
  const out = allocSecret((hex.length + 1) >> 1);
  const odd = hex.length & 1;
  for (let i = 0; i < out.length; i++) {
    const hi = i === 0 && odd ? 0 : parseInt(hex[2 * i - odd]!, 16);
    out[i] = (hi << 4) | parseInt(hex[2 * i + 1 - odd]!, 16);
  }
  return out;
}
