// SEC1 EC private keys (RFC 5915 / SEC 1 v2 §C.4) and ECParameters (RFC 5480 §2.1.1).
// Structure only: the scalar and point are returned as found; the key layer range-checks them (spec §3.3).
import { fail } from '../errors.ts';
import { OID, oidName } from './oids.ts';
import { decodeDer, oidNode, writeDer } from './der-codec.ts';
import { copySecret, DerReader, encodeDer, TAG, type DerNode } from './der-secret.ts';
import type { EcPrivateComponents } from './types.ts';

/** The curves a target key may be on (spec §3.1, §10.5: EC_P256, EC_P384, EC_P521, EC_P256K, EC_SM2). */
export const SUPPORTED_CURVES: readonly string[] = [OID.prime256v1, OID.secp384r1, OID.secp521r1, OID.secp256k1, OID.sm2p256v1];

/** ecPrivkeyVer1 (RFC 5915 §3) */
const EC_PRIVATE_KEY_VERSION = 1;
/** ECPrivateKey's EXPLICIT context tags (RFC 5915 §3): [0] parameters, [1] publicKey. */
const TAG_PARAMETERS = 0xa0;
const TAG_PUBLIC_KEY = 0xa1;

/**
 * ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING,
 *   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * read as views into `der` (spec §3.6): the scalar is never copied. [0] stays raw DER so the CHOICE is read by
 * its tag; the BIT STRING must hold whole octets.
 */
export function readEcPrivateKey(der: Uint8Array): { d: Uint8Array; parameters?: Uint8Array; publicKey?: Uint8Array } {
  const r = DerReader.sequence(der, 'ECPrivateKey');
  if (r.smallInteger() !== EC_PRIVATE_KEY_VERSION) fail('der_malformed', { field: 'ECPrivateKey.version' });
  const d = r.value(TAG.octetString);
  let parameters: Uint8Array | undefined;
  if (r.peek() === TAG_PARAMETERS) {
    const p = r.nested(TAG_PARAMETERS);
    parameters = p.element(p.peek() ?? -1).tlv;
    p.end();
  }
  let publicKey: Uint8Array | undefined;
  if (r.peek() === TAG_PUBLIC_KEY) {
    const p = r.nested(TAG_PUBLIC_KEY);
    publicKey = bitStringOctets(p.value(TAG.bitString), 'publicKey');
    p.end();
  }
  r.end();
  return { d, parameters, publicKey };
}

/** A BIT STRING's content (X.690 §8.6.2) that holds whole octets: the unused-bits octet must be 0. A view. */
export function bitStringOctets(content: Uint8Array, field: string): Uint8Array {
  if (content.length === 0 || content[0] !== 0) fail('der_malformed', { field });
  return content.subarray(1);
}

/**
 * ECParameters (RFC 5480 §2.1.1) as raw DER → the namedCurve OID. specifiedCurve (explicit prime, a, b, G…)
 * and implicitCurve are not accepted: KMS keys are on named curves.
 */
export function curveOidFromParameters(der: Uint8Array | null | undefined, field = 'parameters'): string {
  if (der === null || der === undefined) fail('der_malformed', { field, expected: 'a named curve' });
  const tag = der.length > 0 ? der[0] : undefined;
  if (tag === TAG.sequence) fail('ec_explicit_parameters'); // specifiedCurve SEQUENCE
  if (tag !== TAG.oid) fail('der_malformed', { field, expected: 'a named curve' }); // NULL = implicitCurve, or junk
  return decodeDer(der, 'ECParameters', (r) => r.oid());
}

/** An `EC PARAMETERS` block (what `openssl ecparam -genkey` writes before the key) → curve OID. */
export function decodeEcParameters(der: Uint8Array): string {
  return curveOidFromParameters(der, 'ECParameters');
}

/** spec §3.1: only the curves above can be imported. */
export function assertSupportedCurve(curveOid: string): void {
  if (!SUPPORTED_CURVES.includes(curveOid)) fail('ec_curve_unsupported', { curve: oidName(curveOid), oid: curveOid });
}

/**
 * RFC 5915 ECPrivateKey. The curve comes from [0] parameters or from outside (the PKCS#8
 * AlgorithmIdentifier, or a separate EC PARAMETERS block): at least one, and they must agree.
 * The scalar is returned in a buffer of our own (allocSecret) that the caller wipes.
 */
export function decodeEcPrivateKey(der: Uint8Array, outerCurveOid?: string): EcPrivateComponents {
  const k = readEcPrivateKey(der);
  const innerCurveOid = k.parameters === undefined ? undefined : curveOidFromParameters(k.parameters);
  if (innerCurveOid !== undefined && outerCurveOid !== undefined && innerCurveOid !== outerCurveOid)
    fail('der_malformed', { field: 'parameters', check: `curve ${oidName(innerCurveOid)} ≠ ${oidName(outerCurveOid)}` });
  const curveOid = innerCurveOid ?? outerCurveOid;
  if (curveOid === undefined) fail('der_malformed', { field: 'parameters', expected: 'a named curve' });
  assertSupportedCurve(curveOid);
  const key: EcPrivateComponents = { kind: 'ec', curveOid, d: copySecret(k.d) };
  if (k.publicKey !== undefined) key.publicKey = k.publicKey.slice();
  return key;
}

/**
 * The ECPrivateKey v1 tree (RFC 5915 §3) over the scalar `d` (a view the caller owns) and the [1] publicKey;
 * [0] parameters only when `curveOid` is given (inside PKCS#8 they are redundant with the AlgorithmIdentifier).
 * The scalar has the curve's length (spec §3.2), which is the coordinate length of the uncompressed point.
 */
export function ecPrivateKeyNode(d: Uint8Array, point: Uint8Array, curveOid?: string): DerNode {
  // an uncompressed point (the only form we write) fixes the length; the key layer checks the point itself
  if (d.length === 0 || (point.length > 1 && d.length !== (point.length - 1) / 2)) throw new RangeError("EC private scalar must have the curve's length");
  const bitString = new Uint8Array(point.length + 1);
  bitString.set(point, 1);
  const children: DerNode[] = [{ unsigned: Uint8Array.of(EC_PRIVATE_KEY_VERSION) }, { tag: TAG.octetString, bytes: d }];
  if (curveOid !== undefined) children.push({ tag: TAG_PARAMETERS, children: [{ der: encodeEcParameters(curveOid) }] });
  children.push({ tag: TAG_PUBLIC_KEY, children: [{ tag: TAG.bitString, bytes: bitString }] });
  return { tag: TAG.sequence, children };
}

/** RFC 5915 ECPrivateKey v1 in one buffer (from allocSecret) the caller wipes. */
export function encodeEcPrivateKey(d: Uint8Array, point: Uint8Array, curveOid?: string): Uint8Array {
  return encodeDer(ecPrivateKeyNode(d, point, curveOid));
}

/** ECParameters namedCurve (RFC 5480 §2.1.1.1). */
export function encodeEcParameters(curveOid: string): Uint8Array {
  return writeDer(oidNode(curveOid));
}
