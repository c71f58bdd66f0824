// The KMS wrapping public key (IWK) — docs/spec.md §4.
import { bitLength, sha256Hex } from './bytes.ts';
import { fail, isByokError } from './errors.ts';
import { asText, readArmored } from './formats/pem.ts';
import { OID, oidName } from './formats/oids.ts';
import { decodeRsaPublicKey } from './formats/pkcs1.ts';
import { PARAMETER_LABELS, PRIVATE_KEY_LABELS } from './formats/private-key.ts';
import { decodeSpki, describeDer, encodeRsaSpki } from './formats/spki.ts';
import type { Armored, DecodedPublicKey } from './formats/types.ts';
import { isBytes } from './input.ts';
import { rsaSpecForBits } from './keys/key-specs.ts';
import { algorithmForWrappingKey, type WrappingAlgorithm, type WrappingKeySpec } from './specs.ts';
import { sm2IsValidPublicPoint } from './wrap/sm2.ts';

export interface WrappingPublicKey {
  spec: WrappingKeySpec;
  /**
   * SubjectPublicKeyInfo DER: exactly as given for an SPKI; for a PKCS#1 RSAPublicKey, the SPKI around it
   * (rsaEncryption + NULL, spec §4.1), so one key has one fingerprint whichever form it came in
   */
  spki: Uint8Array;
  /** lower-case hex SHA-256 of the SPKI DER (the fingerprint printed in the ceremony record) */
  sha256: string;
  /**
   * Alibaba asymmetric import: the algorithm KMS pairs with this wrapping key (RSA_2048, EC_SM2); undefined
   * for RSA_3072 / RSA_4096, which Alibaba does not issue. TODO(merge): moves to providers/alibaba.
   */
  algorithm?: WrappingAlgorithm;
  /** how it was supplied */
  source: 'pem' | 'der' | 'base64';
  /** the structure it was in: SubjectPublicKeyInfo or PKCS#1 RSAPublicKey (spec §4.1) */
  container: 'spki' | 'pkcs1';
}

export function assertInput(input: unknown): asserts input is string | Uint8Array {
  if (typeof input !== 'string' && !isBytes(input)) fail('input_type');
}

/**
 * spec §4.1: accept PEM PUBLIC KEY / RSA PUBLIC KEY, DER SPKI or PKCS#1 RSAPublicKey, bare base64 of either
 * DER, or base64 of a PEM; reject all else by what it is.
 */
export function parseWrappingPublicKey(input: string | Uint8Array): WrappingPublicKey {
  return readWrappingKey(input).key;
}

/**
 * @internal parseWrappingPublicKey plus, for EC_SM2, the validated uncompressed point, so the wrapping path
 * decodes the SPKI once.
 */
export function readWrappingKey(input: string | Uint8Array): { key: WrappingPublicKey; point?: Uint8Array } {
  assertInput(input);
  const armored = readArmored(input);
  const blocks = unwrapBase64Pem(armored);
  const keyBlocks = blocks.filter((b) => !b.label || !PARAMETER_LABELS.has(b.label));
  if (keyBlocks.length === 0) fail('input_empty');
  if (keyBlocks.length > 1) fail('pem_multiple_keys', { length: keyBlocks.length });
  const block = keyBlocks[0]!;
  const label = block.label;
  if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE' || label === 'TRUSTED CERTIFICATE') fail('wrapping_key_is_certificate');
  if (label !== undefined && (PRIVATE_KEY_LABELS.has(label) || label === 'DSA PRIVATE KEY')) fail('wrapping_key_is_private_key', { found: label });
  if (label !== undefined && label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') fail('format_unrecognized', { label });
  const source: WrappingPublicKey['source'] =
    blocks !== armored ? 'base64' : label ? 'pem' : input instanceof Uint8Array && input[0] === 0x30 ? 'der' : 'base64';

  let decoded: DecodedPublicKey;
  let container: WrappingPublicKey['container'] = 'spki';
  if (label === 'RSA PUBLIC KEY') {
    decoded = decodePkcs1Public(block.der);
    container = 'pkcs1';
  } else {
    try {
      decoded = decodeSpki(block.der);
    } catch (e) {
      // Not an SPKI: say what the file actually is (spec §4.2).
      const what = describeDer(block.der);
      if (what.kind === 'certificate') fail('wrapping_key_is_certificate');
      if (what.kind === 'pkcs8' || what.kind === 'encrypted-pkcs8' || what.kind === 'pkcs1-private' || what.kind === 'sec1')
        fail('wrapping_key_is_private_key', { found: what.description });
      if (what.kind !== 'pkcs1-public' || label !== undefined) {
        if (isByokError(e)) throw e;
        fail('format_unrecognized');
      }
      // spec §4.1: an unlabelled PKCS#1 RSAPublicKey (the form some KMS APIs return)
      decoded = decodePkcs1Public(block.der);
      container = 'pkcs1';
    }
  }

  if (decoded.kind === 'rsa') {
    // spec §4.2: RSA_2048, RSA_3072 or RSA_4096 exactly.
    const bits = bitLength(decoded.n);
    const spec = rsaSpecForBits(bits);
    if (!spec) fail('wrapping_key_unsupported', { found: `an RSA ${bits}-bit public key`, bits });
    // RFC 8017 §3.1: n is a product of odd primes. An even n passes every other check here and then makes
    // WebCrypto's RSA-OAEP fail with its own exception (one flipped bit in publickey_*.bin does it).
    if (decoded.n % 2n === 0n) fail('wrapping_key_invalid', { check: 'modulus is even' });
    if (decoded.e < 3n || decoded.e % 2n === 0n || bitLength(decoded.e) > 32) fail('wrapping_key_invalid', { check: 'public exponent' }); // spec §4.2: ≤ 32 bits, what every browser's WebCrypto accepts
    const key: WrappingPublicKey = { spec, spki: decoded.spki, sha256: sha256Hex(decoded.spki), source, container };
    if (spec === 'RSA_2048') key.algorithm = algorithmForWrappingKey(spec);
    return { key };
  }
  if (decoded.kind === 'ec') {
    if (decoded.curveOid !== OID.sm2p256v1) fail('wrapping_key_unsupported', { found: `an EC ${oidName(decoded.curveOid)} public key`, curve: oidName(decoded.curveOid) });
    // spec §4.2: reject an SM2 point not on the curve (GB/T 32918.4 §6.1 A3 requires a valid public key).
    if (!sm2IsValidPublicPoint(decoded.point) || decoded.point.length !== 65) fail('wrapping_key_invalid', { check: 'point is not on the SM2 curve', curve: 'SM2' });
    return {
      key: { spec: 'EC_SM2', spki: decoded.spki, sha256: sha256Hex(decoded.spki), algorithm: algorithmForWrappingKey('EC_SM2'), source, container },
      point: decoded.point,
    };
  }
  fail('wrapping_key_unsupported', { found: `a ${oidName(decoded.algorithmOid)} public key`, oid: decoded.algorithmOid });
}

/** PKCS#1 RSAPublicKey (RFC 8017 §A.1.1) → the same shape as an SPKI, with the SPKI wrapped around it. */
function decodePkcs1Public(der: Uint8Array): DecodedPublicKey {
  const { n, e } = decodeRsaPublicKey(der);
  return { kind: 'rsa', n, e, modulusBits: bitLength(n), spki: encodeRsaSpki(n, e) };
}

/**
 * spec §4.1: base64 of a PEM file (one vendor's API returns the PEM base64-encoded). Only a single unlabelled
 * blob is looked into, once: its bytes must be PEM text themselves.
 */
function unwrapBase64Pem(blocks: Armored[]): Armored[] {
  if (blocks.length !== 1 || blocks[0]!.label !== undefined) return blocks;
  const text = asText(blocks[0]!.der);
  if (text === undefined || !/-----BEGIN [A-Z0-9 ]+-----/.test(text)) return blocks;
  const inner = readArmored(text);
  return inner.every((b) => b.label !== undefined) ? inner : blocks;
}
