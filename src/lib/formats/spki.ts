// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RSA per RFC 3279 §2.3.1, EC per RFC 5480 §2), and describeDer:
// structural sniffing that tells the user what a file actually is.
import { bitLength, bytesToBigInt } from '../bytes.ts';
import { isByokError } from '../errors.ts';
import { assertSingleDer, readTlv } from './der.ts';
import { algorithmNode, decodeSequence, oidNode, sequence, TAG, writeDer, type AlgorithmIdentifier, type DerNode, type DerReader } from './der-codec.ts';
import { OID, oidName } from './oids.ts';
import { assertRsaParameters, ecCurveOfAlgorithm, isEcAlgorithm, parsePkcs8Envelope, readEncryptedPrivateKeyInfo } from './pkcs8.ts';
import { decodeRsaPublicKey, encodeRsaPublicKey, readRsaPrivateKey } from './pkcs1.ts';
import { bitStringOctets, curveOidFromParameters, readEcPrivateKey } from './sec1.ts';
import type { DecodedPublicKey } from './types.ts';

/** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } (views). */
function readSpki(der: Uint8Array): { algorithm: AlgorithmIdentifier; subjectPublicKey: Uint8Array } {
  return decodeSequence(der, 'SubjectPublicKeyInfo', (r) => ({ algorithm: r.algorithm(), subjectPublicKey: r.bitString() }));
}

export function decodeSpki(der: Uint8Array): DecodedPublicKey {
  const info = readSpki(der);
  const alg = info.algorithm;
  const key = bitStringOctets(info.subjectPublicKey, 'subjectPublicKey').slice();
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
  return encodeSpki(algorithmNode(OID.rsaEncryption, null), encodeRsaPublicKey(n, e));
}

/** id-ecPublicKey + namedCurve (RFC 5480 §2.1.1); SM2 too, as OpenSSL writes it. */
export function encodeEcSpki(curveOid: string, point: Uint8Array): Uint8Array {
  return encodeSpki(algorithmNode(OID.ecPublicKey, oidNode(curveOid)), point);
}

function encodeSpki(algorithm: DerNode, key: Uint8Array): Uint8Array {
  const bits = new Uint8Array(key.length + 1); // X.690 §8.6.2.2: unused-bits octet 0
  bits.set(key, 1);
  return writeDer(sequence(algorithm, { tag: TAG.bitString, bytes: bits }));
}

/**
 * The subjectPublicKeyInfo TLV of an X.509 certificate (a view), after reading the Certificate's structure
 * (RFC 5280 §4.1): TBSCertificate, Name, Validity, the optional unique IDs and extensions, with their tags.
 * Leniently, as asn1-x509's parser did: this only names what a file is, and certificates are refused as keys.
 */
function certificateSpki(der: Uint8Array): Uint8Array {
  return decodeSequence(der, 'Certificate', (r) => {
    const tbs = r.nested(TAG.sequence);
    if (tbs.peek() === 0xa0) {
      const version = tbs.nested(0xa0); // [0] EXPLICIT Version
      version.integer();
      version.end();
    }
    tbs.integer(); // serialNumber
    tbs.algorithm(); // signature
    readName(tbs); // issuer
    const validity = tbs.nested(TAG.sequence);
    for (let i = 0; i < 2; i++) {
      const time = validity.peek(); // Time ::= CHOICE { utcTime, generalTime }
      validity.value(time === 0x17 || time === 0x18 ? time : -1);
    }
    validity.end();
    readName(tbs); // subject
    const spki = tbs.element(TAG.sequence).tlv;
    for (const tag of [0x81, 0x82]) if (tbs.peek() === tag) tbs.any(); // issuer/subjectUniqueID [1]/[2] IMPLICIT BIT STRING
    if (tbs.peek() === 0xa3) {
      const explicit = tbs.nested(0xa3); // [3] EXPLICIT Extensions
      const extensions = explicit.nested(TAG.sequence);
      do {
        const extension = extensions.nested(TAG.sequence); // { extnID, critical BOOLEAN DEFAULT FALSE, extnValue }
        extension.oid();
        extension.optional(0x01);
        extension.value(TAG.octetString);
        extension.end();
      } while (extensions.peek() !== undefined);
      explicit.end();
    }
    tbs.end();
    r.algorithm(); // signatureAlgorithm
    r.bitString(); // signatureValue
    return spki;
  }, true);
}

/** Name ::= SEQUENCE OF SET OF SEQUENCE { type OBJECT IDENTIFIER, value ANY } (RFC 5280 §4.1.2.4). */
function readName(r: DerReader): void {
  const rdns = r.nested(TAG.sequence);
  while (rdns.peek() !== undefined) {
    const rdn = rdns.nested(TAG.set);
    do {
      const attribute = rdn.nested(TAG.sequence);
      attribute.oid();
      attribute.any();
      attribute.end();
    } while (rdn.peek() !== undefined);
  }
}

export type DerKind = 'spki' | 'certificate' | 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1-private' | 'pkcs1-public' | 'sec1' | 'unknown';

/**
 * What a DER blob is, in words, for errors ("an X.509 certificate", "an RSA 4096-bit public key").
 * Reads structure only and never throws: hostile input is 'unknown'. The shape of the outer SEQUENCE's first
 * members picks the one decoder that can apply, so a file is parsed once (spec §2.2), not once per shape.
 */
export function describeDer(der: Uint8Array): { kind: DerKind; description: string } {
  let kind: Exclude<DerKind, 'unknown'> | undefined;
  try {
    assertSingleDer(der);
    kind = kindByShape(der);
  } catch {
    return { kind: 'unknown', description: 'damaged or non-DER data' };
  }
  if (kind !== undefined) {
    try {
      return { kind, description: SNIFFERS[kind](der) };
    } catch {
      // not this shape after all
    }
  }
  return { kind: 'unknown', description: 'an unrecognised DER structure' };
}

/**
 * The one candidate for a DER value, from the universal tags of its outer SEQUENCE's first members: SPKI =
 * {SEQUENCE, BIT STRING}; certificate = {SEQUENCE, SEQUENCE, BIT STRING}; PKCS#8 = {INTEGER, SEQUENCE, OCTET
 * STRING, …}; EncryptedPrivateKeyInfo = {SEQUENCE, OCTET STRING}; RSAPrivateKey = 9 INTEGERs (and more);
 * RSAPublicKey = 2 INTEGERs; ECPrivateKey = {INTEGER, OCTET STRING, …}.
 */
function kindByShape(der: Uint8Array): Exclude<DerKind, 'unknown'> | undefined {
  const outer = readTlv(der, 0);
  if (outer.tag !== 0x30) return undefined;
  const tags: number[] = [];
  for (let p = outer.valueOffset; p < outer.end && tags.length < 3; ) {
    const t = readTlv(der, p, outer.end);
    tags.push(t.tag);
    p = t.end;
  }
  const [a, b, c] = tags;
  if (a === 0x30 && b === 0x03 && c === undefined) return 'spki';
  if (a === 0x30 && b === 0x30 && c === 0x03) return 'certificate';
  if (a === 0x30 && b === 0x04 && c === undefined) return 'encrypted-pkcs8';
  if (a === 0x02 && b === 0x30 && c === 0x04) return 'pkcs8';
  if (a === 0x02 && b === 0x04) return 'sec1';
  if (a === 0x02 && b === 0x02) return c === undefined ? 'pkcs1-public' : 'pkcs1-private';
  return undefined;
}

const SNIFFERS: Readonly<Record<Exclude<DerKind, 'unknown'>, (der: Uint8Array) => string>> = {
  spki: (der) => describeSpki(der),
  certificate: (der) => {
    const key = describeDer(certificateSpki(der));
    return `an X.509 certificate${key.kind === 'spki' ? ` for ${key.description}` : ''}`;
  },
  pkcs8: (der) => `a PKCS#8 ${algorithmWords(parsePkcs8Envelope(der).privateKeyAlgorithm)} private key`,
  'encrypted-pkcs8': (der) => {
    return `an encrypted PKCS#8 private key (${oidName(readEncryptedPrivateKeyInfo(der).encryptionAlgorithm.algorithm)})`;
  },
  // the wiping codec's reader: views into `der`, no copy of the private numbers (spec §3.6)
  'pkcs1-private': (der) => `a PKCS#1 RSA ${bitLength(bytesToBigInt(readRsaPrivateKey(der).modulus))}-bit private key`,
  'pkcs1-public': (der) => `a PKCS#1 RSA ${bitLength(decodeRsaPublicKey(der).n)}-bit public key`,
  sec1: (der) => {
    const k = readEcPrivateKey(der);
    const parameters = k.parameters;
    const curve = parameters ? ` ${curveWords(() => curveOidFromParameters(parameters))}` : '';
    return `an EC${curve} private key (SEC1)`;
  },
};

function describeSpki(der: Uint8Array): string {
  const alg = readSpki(der).algorithm;
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
