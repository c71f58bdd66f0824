// PKCS#8 private keys: PrivateKeyInfo (RFC 5208 §5) and its v2, OneAsymmetricKey (RFC 5958 §2).
// rsaEncryption carries an RFC 8017 RSAPrivateKey; id-ecPublicKey carries an RFC 5915 ECPrivateKey.
// The envelope and the keys inside go through the wiping codec (der-secret.ts, spec §3.5); only the public
// members (AlgorithmIdentifier, attributes) are decoded with asn1-schema.
import { AsnSerializer } from '@peculiar/asn1-schema';
import { Attributes } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { equalBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { OID, oidName } from './oids.ts';
import { parseCanonical } from './der.ts';
import { bigIntSecretBytes, DerReader, encodeDer, TAG, type DerNode } from './der-secret.ts';
import { decodeRsaPrivateKey, rsaPrivateKeyNode } from './pkcs1.ts';
import { assertSupportedCurve, bitStringOctets, curveOidFromParameters, decodeEcPrivateKey, ecPrivateKeyNode, encodeEcParameters } from './sec1.ts';
import type { PrivateComponents, RsaPrivateComponents } from './types.ts';

/** RFC 5958 §2: v1 (0) is RFC 5208 PrivateKeyInfo; v2 (1) may add [1] publicKey. */
const PKCS8_V1 = 0;
const PKCS8_V2 = 1;
/** OneAsymmetricKey's IMPLICIT context tags: [0] attributes (constructed SET OF), [1] publicKey (BIT STRING). */
const TAG_ATTRIBUTES = 0xa0;
const TAG_PUBLIC_KEY = 0x81;

/**
 * OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING,
 *   attributes [0] IMPLICIT Attributes OPTIONAL, publicKey [1] IMPLICIT BIT STRING OPTIONAL }
 * `privateKey` and `publicKey` are views into the buffer given to parsePkcs8Envelope.
 */
export interface Pkcs8Envelope {
  version: number;
  privateKeyAlgorithm: AlgorithmIdentifier;
  privateKey: Uint8Array;
  publicKey?: Uint8Array;
}

/** Parse the PKCS#8 envelope only (no look inside privateKey); used by the decoder and by describeDer. */
export function parsePkcs8Envelope(der: Uint8Array): Pkcs8Envelope {
  const r = DerReader.sequence(der, 'PrivateKeyInfo');
  const version = r.smallInteger();
  if (version !== PKCS8_V1 && version !== PKCS8_V2) fail('der_malformed', { field: 'PrivateKeyInfo.version' });
  const privateKeyAlgorithm = parseCanonical(r.element(TAG.sequence).tlv, AlgorithmIdentifier, 'privateKeyAlgorithm');
  const privateKey = r.value(TAG.octetString);
  if (r.peek() === TAG_ATTRIBUTES) {
    // public data, decoded by asn1-schema under a universal tag (X.680 §31.2.7 IMPLICIT); asn1-pkcs8 models
    // Attributes as a SEQUENCE OF, and the re-encoding check only compares contents
    const attributes = r.element(TAG_ATTRIBUTES).tlv.slice();
    attributes[0] = TAG.sequence;
    parseCanonical(attributes, Attributes, 'attributes');
  }
  const bits = r.optional(TAG_PUBLIC_KEY);
  r.end();
  if (version === PKCS8_V1 && bits !== undefined) fail('der_malformed', { field: 'PrivateKeyInfo.publicKey' });
  return { version, privateKeyAlgorithm, privateKey, publicKey: bits === undefined ? undefined : bitStringOctets(bits, 'publicKey') };
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

/** RFC 5208/5958 → RSA (two-prime) or EC (P-256, secp256k1, SM2) components, decoded faithfully. */
export function decodePkcs8(der: Uint8Array): PrivateComponents {
  const k = parsePkcs8Envelope(der);
  const alg = k.privateKeyAlgorithm;
  if (alg.algorithm === OID.rsaEncryption) {
    assertRsaParameters(alg);
    return decodeRsaPrivateKey(k.privateKey);
  }
  if (isEcAlgorithm(alg.algorithm)) {
    const curveOid = ecCurveOfAlgorithm(alg);
    assertSupportedCurve(curveOid);
    const key = decodeEcPrivateKey(k.privateKey, curveOid);
    if (k.publicKey !== undefined) {
      if (key.publicKey === undefined) key.publicKey = k.publicKey.slice();
      else if (!equalBytes(key.publicKey, k.publicKey)) {
        wipe(key.d);
        fail('der_malformed', { field: 'publicKey', check: 'ECPrivateKey and OneAsymmetricKey public keys differ' });
      }
    }
    return key;
  }
  fail('key_algorithm_unsupported', { found: oidName(alg.algorithm), oid: alg.algorithm });
}

/** PKCS#8 v1, rsaEncryption with NULL parameters, RSAPrivateKey inside (what `openssl pkcs8 -topk8` writes). */
export function encodeRsaPkcs8(c: RsaPrivateComponents): Uint8Array {
  const values = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(bigIntSecretBytes);
  try {
    return encodeEnvelope(new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }), rsaPrivateKeyNode(values));
  } finally {
    wipe(...values);
  }
}

/**
 * PKCS#8 v1, id-ecPublicKey + namedCurve, ECPrivateKey v1 inside without [0] (redundant with the
 * AlgorithmIdentifier) and with [1] publicKey — byte for byte what OpenSSL 3 and WebCrypto write.
 */
export function encodeEcPkcs8(curveOid: string, d: Uint8Array, point: Uint8Array): Uint8Array {
  const alg = new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: encodeEcParameters(curveOid).buffer as ArrayBuffer });
  return encodeEnvelope(alg, ecPrivateKeyNode(d, point));
}

/** One buffer (from allocSecret) holds the whole PrivateKeyInfo: the caller wipes it. */
function encodeEnvelope(alg: AlgorithmIdentifier, inner: DerNode): Uint8Array {
  return encodeDer({
    tag: TAG.sequence,
    children: [{ unsigned: new Uint8Array(0) }, { der: new Uint8Array(AsnSerializer.serialize(alg)) }, { tag: TAG.octetString, children: [inner] }],
  });
}
