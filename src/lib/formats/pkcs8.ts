// PKCS#8 private keys: PrivateKeyInfo (RFC 5208 §5) and its v2, OneAsymmetricKey (RFC 5958 §2).
// rsaEncryption carries an RFC 8017 RSAPrivateKey; id-ecPublicKey carries an RFC 5915 ECPrivateKey.
import { AsnProp, AsnPropTypes, AsnSerializer, BitString, OctetString } from '@peculiar/asn1-schema';
import { Attributes } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { equalBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { decodeCurvePrivateKey, ED25519_KEY_LENGTH } from './ed25519.ts';
import { OID, oidName } from './oids.ts';
import { parseCanonical } from './der.ts';
import { decodeRsaPrivateKey, encodeRsaPrivateKey } from './pkcs1.ts';
import { assertSupportedCurve, bitStringBytes, curveOidFromParameters, decodeEcPrivateKey, encodeEcParameters, encodeEcPrivateKey } from './sec1.ts';
import type { PrivateComponents, RsaPrivateComponents } from './types.ts';

/** RFC 5958 §2: v1 (0) is RFC 5208 PrivateKeyInfo; v2 (1) may add [1] publicKey. */
const PKCS8_V1 = 0;
const PKCS8_V2 = 1;

/**
 * OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING,
 *   attributes [0] IMPLICIT Attributes OPTIONAL, publicKey [1] IMPLICIT BIT STRING OPTIONAL }
 * asn1-pkcs8's PrivateKeyInfo stops before [1], so v2 files would not parse.
 */
export class OneAsymmetricKey {
  @AsnProp({ type: AsnPropTypes.Integer }) version = PKCS8_V1;
  @AsnProp({ type: AlgorithmIdentifier }) privateKeyAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: OctetString }) privateKey = new OctetString();
  @AsnProp({ type: Attributes, context: 0, implicit: true, optional: true }) attributes?: Attributes;
  @AsnProp({ type: BitString, context: 1, implicit: true, optional: true }) publicKey?: BitString;
}

/** Parse the PKCS#8 envelope only (no look inside privateKey); used by the decoder and by describeDer. */
export function parsePkcs8Envelope(der: Uint8Array): OneAsymmetricKey {
  const k = parseCanonical(der, OneAsymmetricKey, 'PrivateKeyInfo');
  if (k.version !== PKCS8_V1 && k.version !== PKCS8_V2) fail('der_malformed', { field: 'PrivateKeyInfo.version' });
  if (k.version === PKCS8_V1 && k.publicKey !== undefined) fail('der_malformed', { field: 'PrivateKeyInfo.publicKey' });
  return k;
}

/**
 * The curve of an EC AlgorithmIdentifier. OpenSSL 1.1.1+ (and 3.x) write SM2 keys as id-ecPublicKey +
 * namedCurve sm2 (1.2.156.10197.1.301); some other tools name the key algorithm 1.2.156.10197.1.301.1
 * instead, with no parameters or with the same namedCurve.
 */
export function ecCurveOfAlgorithm(alg: AlgorithmIdentifier): string {
  if (alg.algorithm === OID.sm2Key) {
    if (alg.parameters === undefined || alg.parameters === null) return OID.sm2p256v1;
    const curveOid = curveOidFromParameters(alg.parameters);
    if (curveOid !== OID.sm2p256v1) fail('der_malformed', { field: 'parameters', check: `SM2 key on ${oidName(curveOid)}` });
    return curveOid;
  }
  return curveOidFromParameters(alg.parameters);
}

/** rsaEncryption parameters are NULL (RFC 8017 §A.1); absent is tolerated, anything else is not. */
export function assertRsaParameters(alg: AlgorithmIdentifier): void {
  if (alg.parameters !== null && alg.parameters !== undefined) fail('der_malformed', { field: 'parameters' });
}

export function isEcAlgorithm(oid: string): boolean {
  return oid === OID.ecPublicKey || oid === OID.sm2Key;
}

/** RFC 5208/5958 → RSA (two-prime), EC or Ed25519 (RFC 8410) components, decoded faithfully. */
export function decodePkcs8(der: Uint8Array): PrivateComponents {
  const k = parsePkcs8Envelope(der);
  const alg = k.privateKeyAlgorithm;
  const inner = new Uint8Array(k.privateKey.buffer);
  try {
    if (alg.algorithm === OID.rsaEncryption) {
      assertRsaParameters(alg);
      return decodeRsaPrivateKey(inner);
    }
    if (isEcAlgorithm(alg.algorithm)) {
      const curveOid = ecCurveOfAlgorithm(alg);
      assertSupportedCurve(curveOid);
      const key = decodeEcPrivateKey(inner, curveOid);
      if (k.publicKey !== undefined) {
        const outer = bitStringBytes(k.publicKey, 'publicKey');
        if (key.publicKey === undefined) key.publicKey = outer;
        else if (!equalBytes(key.publicKey, outer)) fail('der_malformed', { field: 'publicKey', check: 'ECPrivateKey and OneAsymmetricKey public keys differ' });
      }
      return key;
    }
    if (alg.algorithm === OID.ed25519) {
      // RFC 8410 §3: the parameters MUST be absent (NULL decodes as null, absent as undefined)
      if (alg.parameters !== undefined) fail('der_malformed', { field: 'parameters' });
      const seed = decodeCurvePrivateKey(inner);
      if (k.publicKey === undefined) return { kind: 'ed25519', seed };
      const publicKey = bitStringBytes(k.publicKey, 'publicKey');
      if (publicKey.length !== ED25519_KEY_LENGTH) {
        wipe(seed);
        fail('der_malformed', { field: 'publicKey', length: publicKey.length, expected: `${ED25519_KEY_LENGTH} bytes` });
      }
      return { kind: 'ed25519', seed, publicKey };
    }
    fail('key_algorithm_unsupported', { found: oidName(alg.algorithm), oid: alg.algorithm });
  } finally {
    wipe(inner);
  }
}

/** PKCS#8 v1, rsaEncryption with NULL parameters, RSAPrivateKey inside (what `openssl pkcs8 -topk8` writes). */
export function encodeRsaPkcs8(c: RsaPrivateComponents): Uint8Array {
  return encodeEnvelope(new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }), encodeRsaPrivateKey(c));
}

/**
 * PKCS#8 v1, id-ecPublicKey + namedCurve, ECPrivateKey v1 inside without [0] (redundant with the
 * AlgorithmIdentifier) and with [1] publicKey — byte for byte what OpenSSL 3 and WebCrypto write.
 */
export function encodeEcPkcs8(curveOid: string, d: Uint8Array, point: Uint8Array): Uint8Array {
  const alg = new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: encodeEcParameters(curveOid).buffer as ArrayBuffer });
  return encodeEnvelope(alg, encodeEcPrivateKey(d, point));
}

function encodeEnvelope(alg: AlgorithmIdentifier, inner: Uint8Array): Uint8Array {
  const k = new OneAsymmetricKey();
  k.privateKeyAlgorithm = alg;
  k.privateKey = new OctetString(inner);
  try {
    return new Uint8Array(AsnSerializer.serialize(k));
  } finally {
    wipe(inner, new Uint8Array(k.privateKey.buffer));
  }
}
