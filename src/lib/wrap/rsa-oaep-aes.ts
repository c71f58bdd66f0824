// RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD (docs/spec.md §1.1).
// Cipher(ESK) = RSAES-OAEP (RFC 8017 §7.1) with SHA-256, MGF1-SHA-256, empty label, 256 bytes for RSA-2048.
// Cipher(TAK) = AES-256-ECB (FIPS 197, SP 800-38A §6.1) with PKCS#7 padding (RFC 5652 §6.3) over PKCS#8 DER.
import { ecb } from '@noble/ciphers/aes.js';
import { concatBytes, randomBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';

export const AES_256_ESK_LENGTH = 32;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) fail('crypto_unavailable');
  return s;
}

/**
 * RSA-OAEP-SHA-256 encryption with WebCrypto (MGF1 uses the same hash, label empty: RFC 8017 §7.1.1).
 * A key that passed spec §4.2 can still be refused by a browser's own limits (BoringSSL, under Chrome's
 * WebCrypto, takes public exponents of at most 33 bits; §4.2 allows 256): that is wrapping_key_invalid, never
 * WebCrypto's DOMException (spec §6, §7).
 */
export async function rsaOaepSha256Encrypt(spki: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  try {
    const key = await s.importKey('spki', spki as BufferSource, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    return new Uint8Array(await s.encrypt({ name: 'RSA-OAEP' }, key, data as BufferSource));
  } catch {
    fail('wrapping_key_invalid', { check: "this browser's WebCrypto refuses the RSA public key" });
  }
}

/** AES-256-ECB with PKCS#7 padding; output length 16·⌈(len+1)/16⌉ (spec §1.1). */
export function aes256EcbPkcs7Encrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== AES_256_ESK_LENGTH) throw new RangeError('AES-256 key must be 32 bytes');
  return ecb(key).encrypt(data);
}

/** Inverse of aes256EcbPkcs7Encrypt; used by the self-test, never on the wrapping path. */
export function aes256EcbPkcs7Decrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== AES_256_ESK_LENGTH) throw new RangeError('AES-256 key must be 32 bytes');
  return ecb(key).decrypt(data);
}

/** AES-256-ECB without padding, for the SP 800-38A known-answer vectors. */
export function aes256EcbRawEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return ecb(key, { disablePadding: true }).encrypt(data);
}

/**
 * Cipher(ESK) ‖ Cipher(TAK) for the RSA path. The ESK comes from crypto.getRandomValues and is wiped before
 * returning, also on failure (spec §1.1, §6).
 */
export async function wrapRsaOaepAes256Ecb(wrappingSpki: Uint8Array, takPkcs8: Uint8Array): Promise<Uint8Array> {
  const esk = randomBytes(AES_256_ESK_LENGTH);
  try {
    const cipherEsk = await rsaOaepSha256Encrypt(wrappingSpki, esk);
    const cipherTak = aes256EcbPkcs7Encrypt(esk, takPkcs8);
    return concatBytes(cipherEsk, cipherTak);
  } finally {
    wipe(esk);
  }
}
