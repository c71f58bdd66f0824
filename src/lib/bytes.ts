// Byte helpers. Uint8Array everywhere; hex and base64 only at the edges.
import { sha256 } from '@noble/hashes/sha2.js';
import { fail } from './errors.ts';
import { assertBytes } from './input.ts';

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Zero secret buffers in place (house style: wipe after use). */
export function wipe(...bufs: (Uint8Array | undefined | null)[]): void {
  for (const b of bufs) b?.fill(0);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

// toHex, toBase64, sha256Hex and formatFingerprint are also public (index.ts): they check their argument.
export function toHex(b: Uint8Array): string {
  assertBytes(b);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const h = hex.replace(/\s+/g, '');
  if (h.length % 2 !== 0 || /[^0-9a-fA-F]/.test(h)) throw new TypeError('invalid hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, no line breaks (spec §6: the material file). */
export function toBase64(b: Uint8Array): string {
  assertBytes(b);
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((i + 1 < b.length ? b[i + 1]! : 0) << 8);
    s += B64[n >>> 18]! + B64[(n >>> 12) & 63]!;
    s += i + 1 < b.length ? B64[(n >>> 6) & 63]! + '=' : '==';
  }
  return s;
}

const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  // base64url alphabet too (JWK, RFC 7515 §2)
  t['-'.charCodeAt(0)] = 62;
  t['_'.charCodeAt(0)] = 63;
  return t;
})();

/**
 * Strict base64 decode (standard or url alphabet). Whitespace is removed first; padding is optional but, if
 * present, must be correct. Anything else → base64_invalid.
 */
export function fromBase64(text: string): Uint8Array {
  const s = text.replace(/[\s]+/g, '');
  const unpadded = s.replace(/={1,2}$/, '');
  if (s.length !== unpadded.length && s.length % 4 !== 0) fail('base64_invalid');
  if (unpadded.length % 4 === 1) fail('base64_invalid');
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const c = unpadded.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) {
      out.fill(0); // what was decoded so far may be key bytes (spec §3.6)
      fail('base64_invalid', { offset: i });
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

export function sha256Hex(b: Uint8Array): string {
  assertBytes(b);
  return toHex(sha256(b));
}

/** Fingerprint display: upper-case hex in groups of 4, for reading aloud and comparing on paper. */
export function formatFingerprint(hex: string): string {
  // A hash in hex (SHA-512 at most): anything else is not a fingerprint, and is refused before any work.
  if (typeof hex !== 'string' || hex.length > MAX_FINGERPRINT_HEX || !/^[0-9a-fA-F]*$/.test(hex)) fail('input_type');
  return hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

const MAX_FINGERPRINT_HEX = 128;

export function bytesToBigInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + toHex(b));
}

/** Big-endian, left-padded to `len` bytes. Throws RangeError if it does not fit (caller validated). */
export function bigIntToBytes(n: bigint, len: number): Uint8Array {
  if (n < 0n) throw new RangeError('negative');
  const hex = n.toString(16);
  if (hex.length > len * 2) throw new RangeError('too large');
  return fromHex(hex.padStart(len * 2, '0'));
}

/** Minimal big-endian unsigned encoding (no leading zero bytes; 0 → [0]). */
export function bigIntToMinimalBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('negative');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return fromHex(hex);
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Outputs at least this long take part in the continuous RNG test (spec §3.7). */
export const RNG_TEST_BLOCK = 16;
/** SHA-256 of the first block of the previous tested output: never the RNG's bytes themselves. */
let previousBlock: Uint8Array | undefined;

function rngFill(c: Crypto, out: Uint8Array<ArrayBuffer>): void {
  c.getRandomValues(out);
}

/**
 * crypto.getRandomValues with a continuous test (spec §3.7, after FIPS 140-2 §4.9.2 and SP 800-90B §4.4.1):
 * the first 16 bytes of every output of 16 bytes or more must differ from those of the output before. The first
 * use draws a reference block, so a stuck generator fails on its first real output. Failure → rng_failed;
 * the output is wiped and nothing is returned.
 */
export function randomBytes(len: number): Uint8Array {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') fail('crypto_unavailable');
  if (len >= RNG_TEST_BLOCK && previousBlock === undefined) {
    const reference = new Uint8Array(RNG_TEST_BLOCK);
    rngFill(c, reference);
    previousBlock = sha256(reference);
    wipe(reference);
  }
  const out = new Uint8Array(len);
  rngFill(c, out);
  if (len >= RNG_TEST_BLOCK) {
    const block = sha256(out.subarray(0, RNG_TEST_BLOCK));
    const repeated = equalBytes(block, previousBlock!);
    previousBlock = block;
    if (repeated) {
      wipe(out);
      fail('rng_failed', { length: RNG_TEST_BLOCK });
    }
  }
  return out;
}
