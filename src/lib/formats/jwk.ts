// JSON Web Key private keys (RFC 7517): RSA (RFC 7518 §6.3) and EC on P-256 (RFC 7518 §6.2) or
// secp256k1 (RFC 8812 §3.1; "P-256K" is the name from its drafts). Structure only, like the DER decoders.
import { bitLength, bytesToBigInt, concatBytes, fromBase64, toBase64, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { MAX_INPUT_BYTES } from './der.ts';
import { OID, oidName } from './oids.ts';
import type { EcPrivateComponents, PrivateComponents, RsaPrivateComponents } from './types.ts';

const JWK_CURVES: ReadonlyMap<string, string> = new Map([
  ['P-256', OID.prime256v1],
  ['secp256k1', OID.secp256k1],
  ['P-256K', OID.secp256k1],
]);
/** RFC 7518 §6.2.1.2: x and y are the full field size, 32 bytes on these curves. */
const COORDINATE_BYTES = 32;
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
  // OKP is Ed25519/X25519/Ed448/X448 (RFC 8037); oct is a symmetric key
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
  const curveOid = JWK_CURVES.get(o.crv);
  if (curveOid === undefined) fail('ec_curve_unsupported', { curve: nameFact(o.crv) ?? 'unknown', field: 'crv' });
  if (o.d === undefined) fail('key_is_public', { found: `an EC ${oidName(curveOid)} public key (JWK)` });
  const x = bytesMember(o, 'x');
  const y = bytesMember(o, 'y');
  if (x.length !== COORDINATE_BYTES) fail('jwk_invalid', { field: 'x', length: x.length, expected: `${COORDINATE_BYTES} bytes` });
  if (y.length !== COORDINATE_BYTES) fail('jwk_invalid', { field: 'y', length: y.length, expected: `${COORDINATE_BYTES} bytes` });
  const d = bytesMember(o, 'd');
  // SEC 1 §2.3.3 uncompressed point, the same shape the DER containers carry
  return { kind: 'ec', curveOid, d, publicKey: concatBytes(Uint8Array.of(0x04), x, y) };
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
