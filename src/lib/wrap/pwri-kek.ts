// The password-based key wrap of RFC 3211 §2.3 (id-alg-PWRI-KEK, 1.2.840.113549.1.9.16.3.9) with AES-CBC as
// the KEK algorithm, as in CMS PasswordRecipientInfo (RFC 5652 §6.2.4) and OpenSSL's cms_pwri.c (spec §9.7).
// Two CBC passes under the KEK, the second chained from the first's last block, so that every output bit
// depends on every input bit; a 3-byte check value detects a wrong KEK (a wrong passphrase) with
// probability 1 − 2^−24.
import { cbc } from '@noble/ciphers/aes.js';
import { randomBytes, wipe } from '../bytes.ts';
import { AES_BLOCK_LENGTH, AES_KEY_LENGTHS } from './aes-ecb.ts';

/** RFC 3211 §2.3.1: LEN (1 byte) and the check value (3 bytes) precede the key. */
const HEADER = 4;
const CHECK = 3;

function checkKek(kek: Uint8Array, iv: Uint8Array): void {
  if (!AES_KEY_LENGTHS.includes(kek.length)) throw new RangeError('PWRI KEK must be an AES key');
  if (iv.length !== AES_BLOCK_LENGTH) throw new RangeError('PWRI KEK IV must be 16 bytes');
}

/** RFC 3211 §2.3.1: the wrapped length, a whole number of blocks and at least two. */
export function pwriWrappedLength(keyLength: number): number {
  return Math.max(2, Math.ceil((HEADER + keyLength) / AES_BLOCK_LENGTH)) * AES_BLOCK_LENGTH;
}

/**
 * RFC 3211 §2.3.1 key wrap. `key` is 1 to 255 bytes (LEN is one octet).
 * 1. LEN ‖ ¬key[0..2] ‖ key ‖ random padding to pwriWrappedLength bytes.
 * 2. Encrypt it with the KEK in CBC mode under `iv`.
 * 3. Encrypt the result again in CBC mode, its IV the last block of step 2.
 */
export function pwriWrap(kek: Uint8Array, iv: Uint8Array, key: Uint8Array): Uint8Array {
  checkKek(kek, iv);
  if (key.length < CHECK || key.length > 255) throw new RangeError('PWRI key must be 3 to 255 bytes');
  const block = randomBytes(pwriWrappedLength(key.length)); // the padding is random (§2.3.1)
  let inner: Uint8Array | undefined;
  try {
    block[0] = key.length;
    for (let i = 0; i < CHECK; i++) block[1 + i] = ~key[i]! & 0xff;
    block.set(key, HEADER);
    inner = cbc(kek, iv, { disablePadding: true }).encrypt(block);
    const lastBlock = inner.subarray(inner.length - AES_BLOCK_LENGTH);
    return cbc(kek, lastBlock, { disablePadding: true }).encrypt(inner);
  } finally {
    wipe(block, inner);
  }
}

/**
 * RFC 3211 §2.3.2 key unwrap. Returns the key, or null when the check value or LEN fails (a wrong KEK) or
 * LEN is not `expectedLength`. The caller wipes the result.
 * 1. Decrypt the last block with the previous block as IV: that gives the last block of the inner layer,
 *    which is the outer layer's IV.
 * 2. Decrypt the outer layer (CBC, that IV), then the inner layer (CBC, `iv`).
 */
export function pwriUnwrap(kek: Uint8Array, iv: Uint8Array, wrapped: Uint8Array, expectedLength: number): Uint8Array | null {
  checkKek(kek, iv);
  const n = wrapped.length;
  if (n < 2 * AES_BLOCK_LENGTH || n % AES_BLOCK_LENGTH !== 0) return null;
  const noPad = { disablePadding: true };
  const innerLast = cbc(kek, wrapped.subarray(n - 2 * AES_BLOCK_LENGTH, n - AES_BLOCK_LENGTH), noPad).decrypt(wrapped.subarray(n - AES_BLOCK_LENGTH));
  const inner = cbc(kek, innerLast, noPad).decrypt(wrapped);
  const block = cbc(kek, iv, noPad).decrypt(inner);
  try {
    let check = 0;
    for (let i = 0; i < CHECK; i++) check |= (block[1 + i]! ^ block[HEADER + i]!) ^ 0xff;
    const len = block[0]!;
    if (check !== 0 || len !== expectedLength || HEADER + len > n) return null;
    return block.slice(HEADER, HEADER + len);
  } finally {
    wipe(innerLast, inner, block);
  }
}
