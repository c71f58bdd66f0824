// Test-side key plumbing built only from OpenSSL and hand-written DER templates — never from src/.
import { openssl } from './openssl.ts';

export const SM2_CURVE_OID_DER = '06082a811ccf5501822d'; // OID 1.2.156.10197.1.301
export const EC_PUBLIC_KEY_OID_DER = '06072a8648ce3d0201'; // OID 1.2.840.10045.2.1

/**
 * A SEC1 ECPrivateKey for SM2 with the given 32-byte scalar (no public key; OpenSSL derives it):
 * SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID sm2p256v1 } } — RFC 5915.
 */
export function sm2Sec1FromScalar(d: Uint8Array): Buffer {
  if (d.length !== 32) throw new Error('d must be 32 bytes');
  return Buffer.from('3031020101' + '0420' + Buffer.from(d).toString('hex') + 'a00a' + SM2_CURVE_OID_DER, 'hex');
}

/** SPKI PEM of the key OpenSSL derives from a private key file (any format OpenSSL reads). */
export function publicPemOf(args: string[]): string {
  return openssl(['pkey', ...args, '-pubout']).toString().replace(/\r\n/g, '\n');
}

/** The private scalar of an EC key file as 32 bytes, read by OpenSSL (`pkey -text`). */
export function ecScalarOf(path: string, extra: string[] = []): Buffer {
  const text = openssl(['pkey', '-in', path, ...extra, '-text', '-noout']).toString();
  const m = /priv:\s*([\s0-9a-f:]+?)\s*pub:/i.exec(text);
  if (!m) throw new Error('no priv in openssl output');
  const hex = m[1]!.replace(/[\s:]/g, '');
  return Buffer.from(hex.padStart(64, '0').slice(-64), 'hex');
}

export function pemToDer(pem: string): Buffer {
  const b64 = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}
