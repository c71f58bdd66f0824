// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RSA per RFC 3279 §2.3.1, EC per RFC 5480 §2), and describeDer:
// structural sniffing that tells the user what a file actually is.
import { AsnParser, AsnProp, AsnSerializer, BitString } from '@peculiar/asn1-schema';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { RSAPrivateKey } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { bitLength } from '../bytes.ts';
import { isByokError } from '../errors.ts';
import { assertSingleDer, derUnsigned, parseCanonical } from './der.ts';
import { OID, oidName } from './oids.ts';
import { assertRsaParameters, ecCurveOfAlgorithm, isEcAlgorithm, parsePkcs8Envelope } from './pkcs8.ts';
import { decodeRsaPublicKey, encodeRsaPublicKey } from './pkcs1.ts';
import { bitStringBytes, curveOidFromParameters, EcPrivateKeyAsn, encodeEcParameters } from './sec1.ts';
import type { DecodedPublicKey } from './types.ts';

/** Own schema rather than asn1-x509's, which drops the BIT STRING's unused-bits count. */
class SubjectPublicKeyInfoAsn {
  @AsnProp({ type: AlgorithmIdentifier }) algorithm = new AlgorithmIdentifier();
  @AsnProp({ type: BitString }) subjectPublicKey = new BitString();
}

export function decodeSpki(der: Uint8Array): DecodedPublicKey {
  const info = parseCanonical(der, SubjectPublicKeyInfoAsn, 'SubjectPublicKeyInfo');
  const alg = info.algorithm;
  const key = bitStringBytes(info.subjectPublicKey, 'subjectPublicKey');
  const spki = der.slice();
  if (alg.algorithm === OID.rsaEncryption) {
    assertRsaParameters(alg);
    const { n, e } = decodeRsaPublicKey(key);
    return { kind: 'rsa', n, e, modulusBits: bitLength(n), spki };
  }
  if (isEcAlgorithm(alg.algorithm)) return { kind: 'ec', curveOid: ecCurveOfAlgorithm(alg), point: key, spki };
  return { kind: 'other', algorithmOid: alg.algorithm, spki };
}

/** rsaEncryption with NULL parameters (RFC 3279 §2.3.1), as OpenSSL and KMS write it. */
export function encodeRsaSpki(n: bigint, e: bigint): Uint8Array {
  return encodeSpki(new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }), encodeRsaPublicKey(n, e));
}

/** id-ecPublicKey + namedCurve (RFC 5480 §2.1.1); SM2 too, as OpenSSL writes it. */
export function encodeEcSpki(curveOid: string, point: Uint8Array): Uint8Array {
  const alg = new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: encodeEcParameters(curveOid).buffer as ArrayBuffer });
  return encodeSpki(alg, point);
}

function encodeSpki(algorithm: AlgorithmIdentifier, key: Uint8Array): Uint8Array {
  const info = new SubjectPublicKeyInfoAsn();
  info.algorithm = algorithm;
  info.subjectPublicKey = new BitString(key, 0);
  return new Uint8Array(AsnSerializer.serialize(info));
}

export type DerKind = 'spki' | 'certificate' | 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1-private' | 'pkcs1-public' | 'sec1' | 'unknown';

/**
 * What a DER blob is, in words, for errors ("an X.509 certificate", "an RSA 4096-bit public key").
 * Reads structure only and never throws: hostile input is 'unknown'.
 */
export function describeDer(der: Uint8Array): { kind: DerKind; description: string } {
  try {
    assertSingleDer(der);
  } catch {
    return { kind: 'unknown', description: 'damaged or non-DER data' };
  }
  for (const sniff of SNIFFERS) {
    try {
      return sniff(der);
    } catch {
      // not this shape
    }
  }
  return { kind: 'unknown', description: 'an unrecognised DER structure' };
}

type Sniffer = (der: Uint8Array) => { kind: DerKind; description: string };

// Each shape is distinct (SPKI = {alg, BIT STRING}; certificate = {tbs, alg, BIT STRING}; PKCS#8 = {INTEGER,
// alg, OCTET STRING}; EncryptedPrivateKeyInfo = {alg, OCTET STRING}; RSAPrivateKey = 9 INTEGERs;
// RSAPublicKey = 2 INTEGERs; ECPrivateKey = {1, OCTET STRING, …}), so the order only affects speed.
const SNIFFERS: readonly Sniffer[] = [
  (der) => ({ kind: 'spki', description: describeSpki(der) }),
  (der) => {
    const cert = AsnParser.parse(der, Certificate);
    const key = describeDer(new Uint8Array(AsnSerializer.serialize(cert.tbsCertificate.subjectPublicKeyInfo)));
    return { kind: 'certificate', description: `an X.509 certificate${key.kind === 'spki' ? ` for ${key.description}` : ''}` };
  },
  (der) => {
    const alg = parsePkcs8Envelope(der).privateKeyAlgorithm;
    return { kind: 'pkcs8', description: `a PKCS#8 ${algorithmWords(alg)} private key` };
  },
  (der) => {
    const info = parseCanonical(der, EncryptedPrivateKeyInfo, 'EncryptedPrivateKeyInfo');
    return { kind: 'encrypted-pkcs8', description: `an encrypted PKCS#8 private key (${oidName(info.encryptionAlgorithm.algorithm)})` };
  },
  (der) => {
    const k = parseCanonical(der, RSAPrivateKey, 'RSAPrivateKey');
    return { kind: 'pkcs1-private', description: `a PKCS#1 RSA ${bitLength(derUnsigned(k.modulus, 'modulus'))}-bit private key` };
  },
  (der) => {
    const { n } = decodeRsaPublicKey(der);
    return { kind: 'pkcs1-public', description: `a PKCS#1 RSA ${bitLength(n)}-bit public key` };
  },
  (der) => {
    const k = parseCanonical(der, EcPrivateKeyAsn, 'ECPrivateKey');
    new Uint8Array(k.privateKey.buffer).fill(0);
    const curve = k.parameters ? ` ${curveWords(() => curveOidFromParameters(k.parameters))}` : '';
    return { kind: 'sec1', description: `an EC${curve} private key (SEC1)` };
  },
];

function describeSpki(der: Uint8Array): string {
  const alg = parseCanonical(der, SubjectPublicKeyInfoAsn, 'SubjectPublicKeyInfo').algorithm;
  if (alg.algorithm !== OID.rsaEncryption) return `${withArticle(algorithmWords(alg))} public key`;
  let bits = '';
  try {
    const k = decodeSpki(der);
    if (k.kind === 'rsa') bits = `${k.modulusBits}-bit `;
  } catch {
    // an RSA SPKI damaged inside: still say what it is
  }
  return `an RSA ${bits}public key`;
}

function algorithmWords(alg: AlgorithmIdentifier): string {
  if (isEcAlgorithm(alg.algorithm)) return `EC ${curveWords(() => ecCurveOfAlgorithm(alg))}`;
  return oidName(alg.algorithm);
}

function curveWords(curve: () => string): string {
  try {
    return oidName(curve());
  } catch (e) {
    if (isByokError(e) && e.code === 'ec_explicit_parameters') return '(explicit parameters)';
    return '(unknown curve)';
  }
}

/** "an RSA", "an Ed25519", "an SM2", "a DSA": by how the first letter is spoken. */
function withArticle(words: string): string {
  return `${/^(?:[AEIOU]|[FHLMNRSX](?:[A-Z0-9-]|$))/.test(words) ? 'an' : 'a'} ${words}`;
}
