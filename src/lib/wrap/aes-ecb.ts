// AES in ECB mode (FIPS 197; NIST SP 800-38A §6.1), with or without PKCS#7 padding (RFC 5652 §6.3)
// (docs/spec.md §9.3). ECB is what Alibaba's RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD prescribes for the
// target key (one fresh key per use, so ECB's pattern leak covers a single random-looking PKCS#8).
import { ecb } from '@noble/ciphers/aes.js';

export const AES_BLOCK_LENGTH = 16;
/** FIPS 197 §5: AES-128, AES-192, AES-256. */
export const AES_KEY_LENGTHS: readonly number[] = [16, 24, 32];

function checkKey(key: Uint8Array): void {
  if (!AES_KEY_LENGTHS.includes(key.length)) throw new RangeError('AES key must be 16, 24 or 32 bytes');
}

/** PKCS#7 always adds 1..16 bytes: 16·(⌊n/16⌋ + 1), a full block when n is a multiple of 16. */
export function aesEcbPkcs7Length(plaintextLength: number): number {
  return AES_BLOCK_LENGTH * (Math.floor(plaintextLength / AES_BLOCK_LENGTH) + 1);
}

/** AES-ECB encryption with PKCS#7 padding (= `openssl enc -aes-256-ecb -K …`, BouncyCastle AES/ECB/PKCS7Padding). */
export function aesEcbPkcs7Encrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKey(key);
  return ecb(key).encrypt(plaintext);
}

/** Inverse of aesEcbPkcs7Encrypt: for the self-test and tests, never on the wrapping path. The caller wipes it. */
export function aesEcbPkcs7Decrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkKey(key);
  return ecb(key).decrypt(ciphertext);
}

/** AES-ECB without padding over whole blocks: known-answer vectors (SP 800-38A F.1) and the key check value. */
export function aesEcbEncryptBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  checkKey(key);
  if (blocks.length % AES_BLOCK_LENGTH !== 0) throw new RangeError('AES-ECB without padding needs whole 16-byte blocks');
  return ecb(key, { disablePadding: true }).encrypt(blocks);
}
