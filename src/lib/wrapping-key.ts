// The KMS wrapping public key (IWK) — docs/spec.md §4.
import { bitLength, sha256Hex } from './bytes.ts';
import { fail, isByokError } from './errors.ts';
import { readArmored } from './formats/pem.ts';
import { OID, oidName } from './formats/oids.ts';
import { PARAMETER_LABELS, PRIVATE_KEY_LABELS } from './formats/private-key.ts';
import { decodeSpki, describeDer } from './formats/spki.ts';
import { isBytes } from './input.ts';
import { algorithmForWrappingKey, type WrappingAlgorithm, type WrappingKeySpec } from './specs.ts';
import { sm2IsValidPublicPoint } from './wrap/sm2.ts';

export interface WrappingPublicKey {
  spec: WrappingKeySpec;
  /** SubjectPublicKeyInfo DER, re-encoded exactly as given */
  spki: Uint8Array;
  /** lower-case hex SHA-256 of the SPKI DER (the fingerprint printed in the ceremony record) */
  sha256: string;
  /** the algorithm KMS pairs with this wrapping key */
  algorithm: WrappingAlgorithm;
  /** how it was supplied */
  source: 'pem' | 'der' | 'base64';
}

export function assertInput(input: unknown): asserts input is string | Uint8Array {
  if (typeof input !== 'string' && !isBytes(input)) fail('input_type');
}

/** spec §4.1: accept PEM PUBLIC KEY, DER SPKI, or bare base64 of the DER; reject all else by what it is. */
export function parseWrappingPublicKey(input: string | Uint8Array): WrappingPublicKey {
  return readWrappingKey(input).key;
}

/**
 * @internal parseWrappingPublicKey plus, for EC_SM2, the validated uncompressed point, so the wrapping path
 * decodes the SPKI once.
 */
export function readWrappingKey(input: string | Uint8Array): { key: WrappingPublicKey; point?: Uint8Array } {
  assertInput(input);
  const blocks = readArmored(input);
  const keyBlocks = blocks.filter((b) => !b.label || !PARAMETER_LABELS.has(b.label));
  if (keyBlocks.length === 0) fail('input_empty');
  if (keyBlocks.length > 1) fail('pem_multiple_keys', { length: keyBlocks.length });
  const block = keyBlocks[0]!;
  const label = block.label;
  if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE' || label === 'TRUSTED CERTIFICATE') fail('wrapping_key_is_certificate');
  if (label !== undefined && (PRIVATE_KEY_LABELS.has(label) || label === 'DSA PRIVATE KEY')) fail('wrapping_key_is_private_key', { found: label });
  if (label !== undefined && label !== 'PUBLIC KEY') {
    if (label === 'RSA PUBLIC KEY') fail('wrapping_key_unsupported', { found: 'a PKCS#1 RSA public key (not SubjectPublicKeyInfo)' });
    fail('format_unrecognized', { label });
  }
  const source: WrappingPublicKey['source'] = label ? 'pem' : input instanceof Uint8Array && input[0] === 0x30 ? 'der' : 'base64';

  let decoded;
  try {
    decoded = decodeSpki(block.der);
  } catch (e) {
    // Not an SPKI: say what the file actually is (spec §4.2).
    const what = describeDer(block.der);
    if (what.kind === 'certificate') fail('wrapping_key_is_certificate');
    if (what.kind === 'pkcs8' || what.kind === 'encrypted-pkcs8' || what.kind === 'pkcs1-private' || what.kind === 'sec1')
      fail('wrapping_key_is_private_key', { found: what.description });
    if (what.kind === 'pkcs1-public') fail('wrapping_key_unsupported', { found: what.description });
    if (isByokError(e)) throw e;
    fail('format_unrecognized');
  }

  if (decoded.kind === 'rsa') {
    // spec §4.2: the IWK is RSA_2048 exactly.
    const bits = bitLength(decoded.n);
    if (bits !== 2048) fail('wrapping_key_unsupported', { found: `an RSA ${bits}-bit public key`, bits });
    // RFC 8017 §3.1: n is a product of odd primes. An even n passes every other check here and then makes
    // WebCrypto's RSA-OAEP fail with its own exception (one flipped bit in publickey_*.bin does it).
    if (decoded.n % 2n === 0n) fail('wrapping_key_invalid', { check: 'modulus is even' });
    if (decoded.e < 3n || decoded.e % 2n === 0n || bitLength(decoded.e) > 32) fail('wrapping_key_invalid', { check: 'public exponent' }); // spec §4.2: ≤ 32 bits, what every browser's WebCrypto accepts
    return { key: { spec: 'RSA_2048', spki: block.der, sha256: sha256Hex(block.der), algorithm: algorithmForWrappingKey('RSA_2048'), source } };
  }
  if (decoded.kind === 'ec') {
    if (decoded.curveOid !== OID.sm2p256v1) fail('wrapping_key_unsupported', { found: `an EC ${oidName(decoded.curveOid)} public key`, curve: oidName(decoded.curveOid) });
    // spec §4.2: reject an SM2 point not on the curve (GB/T 32918.4 §6.1 A3 requires a valid public key).
    if (!sm2IsValidPublicPoint(decoded.point) || decoded.point.length !== 65) fail('wrapping_key_invalid', { check: 'point is not on the SM2 curve', curve: 'SM2' });
    return {
      key: { spec: 'EC_SM2', spki: block.der, sha256: sha256Hex(block.der), algorithm: algorithmForWrappingKey('EC_SM2'), source },
      point: decoded.point,
    };
  }
  fail('wrapping_key_unsupported', { found: `a ${oidName(decoded.algorithmOid)} public key`, oid: decoded.algorithmOid });
}
