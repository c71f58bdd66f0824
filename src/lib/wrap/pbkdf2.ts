// PBKDF2, RFC 8018 §5.2, through WebCrypto (native: the expensive part). The passphrase is its UTF-8 bytes, as
// OpenSSL uses them (`-pass`, `-pwri_password`). Used by the CMS password backup (spec §9.7).
import { wipe } from '../bytes.ts';
import { fail } from '../errors.ts';

/** The HMAC PRFs of RFC 8018 §B.1 that WebCrypto has (no SHA-224). */
export type Pbkdf2Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** DK = PBKDF2(P, S, c, dkLen) with HMAC-`hash`. The caller wipes the result; the password bytes are wiped here. */
export async function pbkdf2(passphrase: string, salt: Uint8Array, iterations: number, hash: Pbkdf2Hash, keyLength: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) fail('crypto_unavailable');
  const password = new TextEncoder().encode(passphrase);
  try {
    const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', hash, salt: salt as BufferSource, iterations }, base, keyLength * 8);
    return new Uint8Array(bits);
  } finally {
    wipe(password);
  }
}
