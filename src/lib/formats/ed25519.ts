// Ed25519 keys in PKCS#8 and SPKI (RFC 8410). The encodings are fixed byte templates: the only variable
// parts are the 32-byte seed and the 32-byte public key, so no ASN.1 library ever holds the secret.
import { concatBytes, equalBytes } from '../bytes.ts';
import { fail } from '../errors.ts';
import { allocSecret, copySecret } from './der-secret.ts';

/** Ed25519 private keys and public keys are 32 bytes (RFC 8032 §5.1.5). */
export const ED25519_KEY_LENGTH = 32;

/**
 * RFC 8410 §7 OneAsymmetricKey v1 (what `openssl genpkey -algorithm ed25519` writes and OpenSSL 3.0 reads):
 * SEQUENCE(46) { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING(34) { OCTET STRING(32) seed } }
 */
const PKCS8_V1_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
/** RFC 8410 §4 SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING(33) { 0, key } } */
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
/** RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, inside OneAsymmetricKey.privateKey */
const CURVE_PRIVATE_KEY_PREFIX = Uint8Array.from([0x04, 0x20]);

/** PKCS#8 v1 without the public key (spec §10.6). A fresh buffer the caller owns and wipes. */
export function encodeEd25519Pkcs8(seed: Uint8Array): Uint8Array {
  if (seed.length !== ED25519_KEY_LENGTH) throw new RangeError('Ed25519 seed must be 32 bytes');
  const out = allocSecret(PKCS8_V1_PREFIX.length + ED25519_KEY_LENGTH); // spec §3.6: traced, the caller wipes it
  out.set(PKCS8_V1_PREFIX);
  out.set(seed, PKCS8_V1_PREFIX.length);
  return out;
}

export function encodeEd25519Spki(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== ED25519_KEY_LENGTH) throw new RangeError('Ed25519 public key must be 32 bytes');
  return concatBytes(SPKI_PREFIX, publicKey);
}

/** The seed inside OneAsymmetricKey.privateKey (CurvePrivateKey, RFC 8410 §7): a copy the caller wipes. */
export function decodeCurvePrivateKey(inner: Uint8Array): Uint8Array {
  if (inner.length !== CURVE_PRIVATE_KEY_PREFIX.length + ED25519_KEY_LENGTH || !equalBytes(inner.subarray(0, 2), CURVE_PRIVATE_KEY_PREFIX))
    fail('der_malformed', { field: 'CurvePrivateKey', expected: `an OCTET STRING of ${ED25519_KEY_LENGTH} bytes` });
  return copySecret(inner.subarray(CURVE_PRIVATE_KEY_PREFIX.length)); // spec §3.6: traced, the caller wipes it
}
