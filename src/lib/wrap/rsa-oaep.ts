// RSAES-OAEP encryption, RFC 8017 §7.1.1, through WebCrypto (docs/spec.md §9.1).
// Hash and MGF1 use the same function and the label is empty: WebCrypto offers no other combination, and no KMS
// asks for one (research §2.5, §6). WebCrypto also draws the seed (§7.1.1 step 2d) from its own CSPRNG.
import { fail } from '../errors.ts';

/** The hashes WebCrypto's RSA-OAEP takes (RFC 8017 §7.1 with MGF1 over the same hash). */
export type OaepHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export const OAEP_HASHES: readonly OaepHash[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** hLen in bytes (FIPS 180-4). */
export const OAEP_HASH_LENGTH: Readonly<Record<OaepHash, number>> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/**
 * RFC 8017 §7.1.1 step 1b: a message longer than k − 2·hLen − 2 bytes cannot be encrypted ("message too long").
 * `modulusLength` is k, the modulus length in bytes (256 for RSA-2048). Callers refuse a target key that does
 * not fit before drawing any random byte.
 */
export function oaepMaxMessageLength(modulusLength: number, hash: OaepHash): number {
  return Math.max(0, modulusLength - 2 * OAEP_HASH_LENGTH[hash] - 2);
}

/** RSA-OAEP ciphertext length: always k bytes (RFC 8017 §7.1.1 step 3, I2OSP to k octets). */
export function oaepCiphertextLength(modulusLength: number): number {
  return modulusLength;
}

/**
 * RSAES-OAEP-ENCRYPT((n, e), M, L = empty) with Hash = MGF1 hash = `hash`. `spki` is the wrapping key's
 * SubjectPublicKeyInfo DER. The output is exactly k bytes.
 *
 * A key that passed the wrapping-key rules (spec §4.2) can still be refused by a browser's own limits (BoringSSL,
 * under Chrome's WebCrypto, takes public exponents of at most 33 bits; §4.2 allows 256): that is
 * wrapping_key_invalid, never WebCrypto's DOMException (spec §6, §7).
 * A message longer than oaepMaxMessageLength is a caller's bug (RangeError): the callers check it first.
 */
export async function rsaOaepEncrypt(spki: Uint8Array, message: Uint8Array, hash: OaepHash): Promise<Uint8Array> {
  if (!OAEP_HASHES.includes(hash)) throw new TypeError('unsupported OAEP hash');
  const s = subtle();
  let key: CryptoKey;
  try {
    key = await s.importKey('spki', spki as BufferSource, { name: 'RSA-OAEP', hash }, false, ['encrypt']);
  } catch {
    fail('wrapping_key_invalid', { check: "this browser's WebCrypto refuses the RSA public key" });
  }
  const k = Math.ceil((key.algorithm as RsaHashedKeyAlgorithm).modulusLength / 8);
  // §7.1.1 step 1b, checked here so that WebCrypto's "data too large" cannot read as a refused key
  if (message.length > oaepMaxMessageLength(k, hash)) throw new RangeError('message too long for RSA-OAEP under this key');
  let ciphertext: Uint8Array;
  try {
    ciphertext = new Uint8Array(await s.encrypt({ name: 'RSA-OAEP' }, key, message as BufferSource));
  } catch {
    fail('wrapping_key_invalid', { check: "this browser's WebCrypto refuses the RSA public key" });
  }
  if (ciphertext.length !== oaepCiphertextLength(k)) throw new Error('RSA-OAEP ciphertext length mismatch');
  return ciphertext;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) fail('crypto_unavailable');
  return s;
}
