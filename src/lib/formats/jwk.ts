// JSON Web Key private keys (RFC 7517): RSA (RFC 7518 §6.3), EC on P-256, P-384, P-521 (RFC 7518 §6.2) or
// secp256k1 (RFC 8812 §3.1; "P-256K" is the name from its drafts), and OKP Ed25519 (RFC 8037 §2).
// Structure only, like the DER decoders.
import { bitLength, bytesToBigInt, concatBytes, fromBase64, toBase64, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { MAX_INPUT_BYTES } from './der.ts';
import { OID, oidName } from './oids.ts';
import { ED25519_KEY_LENGTH } from './ed25519.ts';
import type { EcPrivateComponents, Ed25519PrivateComponents, PrivateComponents, RsaPrivateComponents } from './types.ts';

/** crv → curve OID and, RFC 7518 §6.2.1.2, the full field size in bytes that x and y must have. */
const JWK_CURVES: ReadonlyMap<string, { oid: string; coordinateBytes: number }> = new Map([
  ['P-256', { oid: OID.prime256v1, coordinateBytes: 32 }],
  ['P-384', { oid: OID.secp384r1, coordinateBytes: 48 }],
  ['P-521', { oid: OID.secp521r1, coordinateBytes: 66 }],
  ['secp256k1', { oid: OID.secp256k1, coordinateBytes: 32 }],
  ['P-256K', { oid: OID.secp256k1, coordinateBytes: 32 }],
]);
/** RFC 4648 §5 alphabet, unpadded (RFC 7515 §2). */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type JsonObject = Record<string, unknown>;

export function decodeJwk(text: string): PrivateComponents {
  if (typeof text !== 'string') fail('input_type');
  if (text.length > MAX_INPUT_BYTES) fail('input_too_large', { length: text.length, limit: MAX_INPUT_BYTES });
  let jwk: unknown;
  try {
    jwk = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    fail('jwk_invalid', { found: 'not JSON' });
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) fail('jwk_invalid', { found: 'not a JSON object' });
  const o = jwk as JsonObject;
  if (o.kty === undefined && Array.isArray(o.keys)) fail('jwk_invalid', { field: 'kty', found: 'a JWK Set', expected: 'a single JWK' });
  if (typeof o.kty !== 'string') fail('jwk_invalid', { field: 'kty' });
  if (o.kty === 'RSA') return decodeRsaJwk(o);
  if (o.kty === 'EC') return decodeEcJwk(o);
  if (o.kty === 'OKP' && o.crv === 'Ed25519') return decodeEd25519Jwk(o);
  // OKP is also X25519/Ed448/X448 (RFC 8037); oct is a symmetric key
  const found = o.kty === 'OKP' ? (nameFact(o.crv) ?? 'OKP') : o.kty === 'oct' ? 'symmetric (oct)' : (nameFact(o.kty) ?? 'unknown');
  fail('key_algorithm_unsupported', { found, field: 'kty' });
}

function decodeRsaJwk(o: JsonObject): RsaPrivateComponents {
  if (o.d === undefined) {
    let bits = '';
    try {
      bits = `${bitLength(unsignedMember(o, 'n'))}-bit `;
    } catch {
      // say what it is even if n is damaged
    }
    fail('key_is_public', { found: `an RSA ${bits}public key (JWK)` });
  }
  if (o.oth !== undefined) fail('rsa_multi_prime');
  return {
    kind: 'rsa',
    n: unsignedMember(o, 'n'),
    e: unsignedMember(o, 'e'),
    d: unsignedMember(o, 'd'),
    p: unsignedMember(o, 'p'),
    q: unsignedMember(o, 'q'),
    dp: unsignedMember(o, 'dp'),
    dq: unsignedMember(o, 'dq'),
    qi: unsignedMember(o, 'qi'),
  };
}

function decodeEcJwk(o: JsonObject): EcPrivateComponents {
  if (typeof o.crv !== 'string') fail('jwk_invalid', { field: 'crv' });
  const curve = JWK_CURVES.get(o.crv);
  if (curve === undefined) fail('ec_curve_unsupported', { curve: nameFact(o.crv) ?? 'unknown', field: 'crv' });
  const { oid: curveOid, coordinateBytes } = curve;
  if (o.d === undefined) fail('key_is_public', { found: `an EC ${oidName(curveOid)} public key (JWK)` });
  const x = bytesMember(o, 'x');
  const y = bytesMember(o, 'y');
  if (x.length !== coordinateBytes) fail('jwk_invalid', { field: 'x', length: x.length, expected: `${coordinateBytes} bytes` });
  if (y.length !== coordinateBytes) fail('jwk_invalid', { field: 'y', length: y.length, expected: `${coordinateBytes} bytes` });
  const d = bytesMember(o, 'd');
  // SEC 1 §2.3.3 uncompressed point, the same shape the DER containers carry
  return { kind: 'ec', curveOid, d, publicKey: concatBytes(Uint8Array.of(0x04), x, y) };
}

/** RFC 8037 §2: x is the 32-byte public key, d the 32-byte private key (seed). */
function decodeEd25519Jwk(o: JsonObject): Ed25519PrivateComponents {
  if (o.d === undefined) fail('key_is_public', { found: 'an Ed25519 public key (JWK)' });
  const x = bytesMember(o, 'x');
  if (x.length !== ED25519_KEY_LENGTH) fail('jwk_invalid', { field: 'x', length: x.length, expected: `${ED25519_KEY_LENGTH} bytes` });
  const d = bytesMember(o, 'd');
  if (d.length !== ED25519_KEY_LENGTH) {
    wipe(d);
    fail('jwk_invalid', { field: 'd', length: d.length, expected: `${ED25519_KEY_LENGTH} bytes` });
  }
  return { kind: 'ed25519', seed: d, publicKey: x };
}

/** RFC 7515 §2 base64url: url alphabet, no padding, no whitespace, canonical final character. */
function bytesMember(o: JsonObject, field: string): Uint8Array {
  const v = o[field];
  if (typeof v !== 'string' || !BASE64URL.test(v) || v.length % 4 === 1) fail('jwk_invalid', { field });
  const bytes = fromBase64(v);
  // RFC 4648 §3.5: the unused bits of the last character must be zero, so each value has one spelling
  const again = toBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (again !== v) {
    wipe(bytes);
    fail('jwk_invalid', { field });
  }
  return bytes;
}

/** RFC 7518 §2 Base64urlUInt. */
function unsignedMember(o: JsonObject, field: string): bigint {
  const bytes = bytesMember(o, field);
  const n = bytesToBigInt(bytes);
  wipe(bytes);
  return n;
}

/** A member value short and plain enough to name in an error; anything else is file content. */
function nameFact(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9_.+-]{1,32}$/.test(v) ? v : undefined;
}
