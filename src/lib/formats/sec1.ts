// SEC1 EC private keys (RFC 5915 / SEC 1 v2 §C.4) and ECParameters (RFC 5480 §2.1.1).
// Structure only: the scalar and point are returned as found; the key layer range-checks them (spec §3.3).
import { AsnProp, AsnPropTypes, AsnSerializer, BitString, OctetString } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { OID, oidName } from './oids.ts';
import { parseCanonical } from './der.ts';
import type { EcPrivateComponents } from './types.ts';

/** The curves a target key may be on (spec §3.1, §10.5: EC_P256, EC_P384, EC_P521, EC_P256K, EC_SM2). */
export const SUPPORTED_CURVES: readonly string[] = [OID.prime256v1, OID.secp384r1, OID.secp521r1, OID.secp256k1, OID.sm2p256v1];

/** ecPrivkeyVer1 (RFC 5915 §3) */
const EC_PRIVATE_KEY_VERSION = 1;

/**
 * ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING,
 *   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * Our own schema rather than asn1-ecc's: that one turns specifiedCurve parameters it cannot match into an
 * empty object and drops the BIT STRING's unused-bits count. Here [0] stays raw DER so the CHOICE is read
 * by its tag.
 */
export class EcPrivateKeyAsn {
  @AsnProp({ type: AsnPropTypes.Integer }) version = EC_PRIVATE_KEY_VERSION;
  @AsnProp({ type: OctetString }) privateKey = new OctetString();
  @AsnProp({ type: AsnPropTypes.Any, context: 0, optional: true }) parameters?: ArrayBuffer | null;
  @AsnProp({ type: BitString, context: 1, optional: true }) publicKey?: BitString;
}

/**
 * ECParameters (RFC 5480 §2.1.1) as raw DER → the namedCurve OID. specifiedCurve (explicit prime, a, b, G…)
 * and implicitCurve are not accepted: KMS keys are on named curves.
 */
export function curveOidFromParameters(params: Uint8Array | ArrayBuffer | null | undefined, field = 'parameters'): string {
  if (params === null || params === undefined) fail('der_malformed', { field, expected: 'a named curve' });
  const der = params instanceof Uint8Array ? params : new Uint8Array(params);
  const tag = der.length > 0 ? der[0] : undefined;
  if (tag === 0x30) fail('ec_explicit_parameters'); // specifiedCurve SEQUENCE
  if (tag !== 0x06) fail('der_malformed', { field, expected: 'a named curve' }); // NULL = implicitCurve, or junk
  const p = parseCanonical(der, ECParameters, 'ECParameters');
  if (p.namedCurve === undefined) fail('der_malformed', { field });
  return p.namedCurve;
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
 */
export function decodeEcPrivateKey(der: Uint8Array, outerCurveOid?: string): EcPrivateComponents {
  const k = parseCanonical(der, EcPrivateKeyAsn, 'ECPrivateKey');
  const secret = new Uint8Array(k.privateKey.buffer);
  try {
    if (k.version !== EC_PRIVATE_KEY_VERSION) fail('der_malformed', { field: 'ECPrivateKey.version' });
    const innerCurveOid = k.parameters === undefined ? undefined : curveOidFromParameters(k.parameters);
    if (innerCurveOid !== undefined && outerCurveOid !== undefined && innerCurveOid !== outerCurveOid)
      fail('der_malformed', { field: 'parameters', check: `curve ${oidName(innerCurveOid)} ≠ ${oidName(outerCurveOid)}` });
    const curveOid = innerCurveOid ?? outerCurveOid;
    if (curveOid === undefined) fail('der_malformed', { field: 'parameters', expected: 'a named curve' });
    assertSupportedCurve(curveOid);
    const key: EcPrivateComponents = { kind: 'ec', curveOid, d: secret.slice() };
    if (k.publicKey !== undefined) key.publicKey = bitStringBytes(k.publicKey, 'publicKey');
    return key;
  } finally {
    wipe(secret);
  }
}

/** A BIT STRING that holds whole octets (a point or a key): unused bits must be 0. */
export function bitStringBytes(bits: BitString, field: string): Uint8Array {
  if (bits.unusedBits !== 0) fail('der_malformed', { field });
  return new Uint8Array(bits.value).slice();
}

/**
 * RFC 5915 ECPrivateKey v1 with the privateKey as given (the key layer passes the curve's scalar length,
 * ⌈log2(n)/8⌉ bytes, RFC 5915 §3) and the [1] publicKey; [0] parameters only when `curveOid` is given
 * (inside PKCS#8 they are redundant with the AlgorithmIdentifier).
 */
export function encodeEcPrivateKey(d: Uint8Array, point: Uint8Array, curveOid?: string): Uint8Array {
  if (d.length === 0) throw new RangeError('EC private scalar is empty');
  const k = new EcPrivateKeyAsn();
  const secret = d.slice(); // OctetString may share the buffer it is given; wipe our copy, not the caller's
  k.privateKey = new OctetString(secret);
  if (curveOid !== undefined) k.parameters = encodeEcParameters(curveOid).buffer as ArrayBuffer;
  k.publicKey = new BitString(point, 0);
  try {
    return new Uint8Array(AsnSerializer.serialize(k));
  } finally {
    wipe(secret, new Uint8Array(k.privateKey.buffer));
  }
}

/** ECParameters namedCurve (RFC 5480 §2.1.1.1). */
export function encodeEcParameters(curveOid: string): Uint8Array {
  return new Uint8Array(AsnSerializer.serialize(new ECParameters({ namedCurve: curveOid })));
}
