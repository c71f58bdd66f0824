// AES key wrap with padding: RFC 5649 = NIST SP 800-38F §6.3 KWP (docs/spec.md §9.2). The algorithm is
// @noble/ciphers' `aeskwp` (audited), checked against the RFC 5649 §6 vectors, OpenSSL's id-aes*-wrap-pad and
// pyca cryptography. WebCrypto cannot do this: its AES-KW is RFC 3394 only and refuses lengths that are not a
// multiple of 8 (research §2.9).
import { aeskwp } from '@noble/ciphers/aes.js';
import { AES_KEY_LENGTHS } from './aes-ecb.ts';

/** RFC 5649 §3: the 32-bit alternative IV constant; the AIV is A65959A6 ‖ MLI (32-bit big-endian length). */
export const KWP_ICV2 = 'a65959a6';
const SEMIBLOCK = 8;
/** RFC 5649 §3: MLI is 32 bits; SP 800-38F §5.3.1 caps KWP plaintext at 2^32 − 1 bytes. */
const MAX_PLAINTEXT = 2 ** 32 - 1;

/** RFC 5649 §4.1: the padded plaintext is 8·⌈n/8⌉ bytes and the AIV adds one semiblock: 8 + 8·⌈n/8⌉. */
export function kwpLength(plaintextLength: number): number {
  return SEMIBLOCK + SEMIBLOCK * Math.ceil(plaintextLength / SEMIBLOCK);
}

function checkKek(kek: Uint8Array): void {
  if (!AES_KEY_LENGTHS.includes(kek.length)) throw new RangeError('KWP key-encryption key must be 16, 24 or 32 bytes');
}

/**
 * RFC 5649 §4.1 wrapping under an AES KEK: AIV = A65959A6 ‖ MLI, zero padding to whole semiblocks, then one
 * AES block for a single semiblock (n = 1) or the RFC 3394 W function otherwise. Plaintext of 1 to 2^32 − 1
 * bytes (RangeError otherwise: callers never wrap empty keys). noble builds the padded buffer and encrypts it
 * in place, so no plaintext copy outlives the call.
 */
export function aesKwpWrap(kek: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKek(kek);
  if (plaintext.length === 0 || plaintext.length > MAX_PLAINTEXT) throw new RangeError('KWP plaintext must be 1 to 2^32 − 1 bytes');
  return aeskwp(kek).encrypt(plaintext);
}

/**
 * RFC 5649 §4.2 unwrapping with the §3 integrity checks (AIV constant, 8·(n−1) < MLI ≤ 8·n, zero padding).
 * For tests and self-checks; the wrapping path never unwraps. Returns null when the integrity check fails
 * (wrong key or damaged data); the caller wipes the result.
 */
export function aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  checkKek(kek);
  if (wrapped.length < 2 * SEMIBLOCK || wrapped.length % SEMIBLOCK !== 0) return null;
  let view: Uint8Array;
  try {
    view = aeskwp(kek).decrypt(wrapped);
  } catch {
    return null;
  }
  // noble returns a view into its own scratch buffer (AIV zeroed, padding checked zero): copy, then wipe it all
  const plaintext = view.slice();
  new Uint8Array(view.buffer, view.byteOffset - SEMIBLOCK, wrapped.length).fill(0);
  return plaintext;
}
