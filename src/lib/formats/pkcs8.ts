// PKCS#8 private keys: PrivateKeyInfo (RFC 5208 §5) and its v2, OneAsymmetricKey (RFC 5958 §2).
// rsaEncryption carries an RFC 8017 RSAPrivateKey; id-ecPublicKey carries an RFC 5915 ECPrivateKey.
// The envelope and the keys inside are read as views and written into one owned buffer (der-codec.ts,
// der-secret.ts, spec §3.6).
import { equalBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { decodeCurvePrivateKey, ED25519_KEY_LENGTH } from './ed25519.ts';
import { OID, oidName } from './oids.ts';
import { algorithmNode, decodeDer, decodeSequence, oidNode, readAlgorithmBody, type AlgorithmIdentifier } from './der-codec.ts';
import { bigIntSecretBytes, DerReader, encodeDer, TAG, type DerNode } from './der-secret.ts';
import { decodeRsaPrivateKey, rsaPrivateKeyNode } from './pkcs1.ts';
import { assertSupportedCurve, bitStringOctets, curveOidFromParameters, decodeEcPrivateKey, ecPrivateKeyNode } from './sec1.ts';
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
  const privateKeyAlgorithm = decodeSequence(r.element(TAG.sequence).tlv, 'privateKeyAlgorithm', readAlgorithmBody);
  const privateKey = r.value(TAG.octetString);
  if (r.peek() === TAG_ATTRIBUTES) {
    // public data, checked for shape (both SET OFs in DER order, X.690 §11.6) and dropped: Attributes ::= SET OF
    // Attribute, Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY } (RFC 5958 §2, RFC 5912)
    decodeDer(r.element(TAG_ATTRIBUTES).tlv, 'attributes', (top) => {
      const attributes = top.setOf(TAG_ATTRIBUTES);
      while (attributes.peek() !== undefined) {
        const attribute = attributes.nested(TAG.sequence);
        attribute.oid();
        const values = attribute.setOf();
        while (values.peek() !== undefined) values.any();
        attribute.end();
      }
    });
  }
  const bits = r.optional(TAG_PUBLIC_KEY);
  r.end();
  if (version === PKCS8_V1 && bits !== undefined) fail('der_malformed', { field: 'PrivateKeyInfo.publicKey' });
  return { version, privateKeyAlgorithm, privateKey, publicKey: bits === undefined ? undefined : bitStringOctets(bits, 'publicKey') };
}

/**
 * EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
 * (RFC 5958 §3), as views; encrypted-pkcs8.ts reads the scheme, describeDer names it.
 */
export function readEncryptedPrivateKeyInfo(der: Uint8Array, lenient = false): { encryptionAlgorithm: AlgorithmIdentifier; encryptedData: Uint8Array } {
  return decodeSequence(der, 'EncryptedPrivateKeyInfo', (r) => ({ encryptionAlgorithm: r.algorithm(), encryptedData: r.value(TAG.octetString) }), lenient);
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
  if (alg.algorithm === OID.ed25519) {
    // RFC 8410 §3: the parameters MUST be absent (NULL decodes as null, absent as undefined)
    if (alg.parameters !== undefined) fail('der_malformed', { field: 'parameters' });
    if (k.publicKey !== undefined && k.publicKey.length !== ED25519_KEY_LENGTH)
      fail('der_malformed', { field: 'publicKey', length: k.publicKey.length, expected: `${ED25519_KEY_LENGTH} bytes` });
    const seed = decodeCurvePrivateKey(k.privateKey);
    return k.publicKey === undefined ? { kind: 'ed25519', seed } : { kind: 'ed25519', seed, publicKey: k.publicKey.slice() };
  }
  fail('key_algorithm_unsupported', { found: oidName(alg.algorithm), oid: alg.algorithm });
}

/** PKCS#8 v1, rsaEncryption with NULL parameters, RSAPrivateKey inside (what `openssl pkcs8 -topk8` writes). */
export function encodeRsaPkcs8(c: RsaPrivateComponents): Uint8Array {
  const values = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(bigIntSecretBytes);
  try {
    return encodeEnvelope(algorithmNode(OID.rsaEncryption, null), rsaPrivateKeyNode(values));
  } finally {
    wipe(...values);
  }
}

/**
 * PKCS#8 v1, id-ecPublicKey + namedCurve, ECPrivateKey v1 inside without [0] (redundant with the
 * AlgorithmIdentifier) and with [1] publicKey — byte for byte what OpenSSL 3 and WebCrypto write.
 */
export function encodeEcPkcs8(curveOid: string, d: Uint8Array, point: Uint8Array): Uint8Array {
  return encodeEnvelope(algorithmNode(OID.ecPublicKey, oidNode(curveOid)), ecPrivateKeyNode(d, point));
}

/** One buffer (from allocSecret) holds the whole PrivateKeyInfo: the caller wipes it. */
function encodeEnvelope(alg: DerNode, inner: DerNode): Uint8Array {
  return encodeDer({
    tag: TAG.sequence,
    children: [{ unsigned: new Uint8Array(0) }, alg, { tag: TAG.octetString, children: [inner] }],
  });
}
