// An independent ASN.1 implementation as the oracle for the library's own DER codec (src/lib/formats/der-codec.ts).
// @peculiar/asn1-schema, -x509, -pkcs8, -rsa and -ecc (over asn1js) were the app's ASN.1 stack; the user chose them,
// and they stay in the project as devDependencies for this: what our codec writes (SPKI and PKCS#8 of each key
// type, encrypted PKCS#8, the CMS backup) parses with their schema classes to the same fields and re-serialises to
// the same bytes, and what they serialise parses with ours to the same values.
import { generateKeyPairSync } from 'node:crypto';
import { AsnParser, AsnProp, AsnPropTypes, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { ECParameters, ECPrivateKey } from '@peculiar/asn1-ecc';
import { EncryptedData, EncryptedPrivateKeyInfo, PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { RSAPrivateKey, RSAPublicKey } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { describe, expect, test } from 'vitest';
import { bytesToBigInt, fromBase64, toHex } from '../../src/lib/bytes.ts';
import { decryptSecretBackup, encryptSecretBackup } from '../../src/lib/formats/cms.ts';
import { decryptPkcs8, encryptPkcs8, readEncryptedPkcs8Parameters } from '../../src/lib/formats/encrypted-pkcs8.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from '../../src/lib/formats/pkcs8.ts';
import { decodeRsaPublicKey, encodeRsaPublicKey } from '../../src/lib/formats/pkcs1.ts';
import { decodeEcParameters, encodeEcParameters } from '../../src/lib/formats/sec1.ts';
import { decodeSpki, encodeEcSpki, encodeRsaSpki } from '../../src/lib/formats/spki.ts';
import type { RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { Pbes2Params, Pbkdf2Params } from './support.ts';

const PASS = 'oracle pass';
const b64url = (s: string) => fromBase64(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
const big = (s: string) => bytesToBigInt(b64url(s));
const hex = (b: ArrayBuffer | Uint8Array) => toHex(b instanceof Uint8Array ? b : new Uint8Array(b));
/** asn1js keeps INTEGERs as two's complement: strip the sign octet. */
const intHex = (b: ArrayBuffer) => hex(b).replace(/^00(?=[89a-f])/, '');
const reserialise = <T extends object>(der: Uint8Array, schema: new () => T) => hex(AsnSerializer.serialize(AsnParser.parse(der, schema)));

function rsaKey(bits: number): RsaPrivateComponents {
  const j = generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ format: 'jwk' });
  return { kind: 'rsa', n: big(j.n!), e: big(j.e!), d: big(j.d!), p: big(j.p!), q: big(j.q!), dp: big(j.dp!), dq: big(j.dq!), qi: big(j.qi!) };
}

/** Node's names for the curves (SM2 is not in Node; the codec's bytes do not depend on the curve's arithmetic). */
const CURVES = [
  ['P-256', 'prime256v1', OID.prime256v1],
  ['secp256k1', 'secp256k1', OID.secp256k1],
  ['P-384', 'secp384r1', OID.secp384r1],
  ['P-521', 'secp521r1', OID.secp521r1],
] as const;

function ecKey(nodeCurve: string): { d: Uint8Array; point: Uint8Array } {
  const j = generateKeyPairSync('ec', { namedCurve: nodeCurve }).privateKey.export({ format: 'jwk' });
  const x = b64url(j.x!);
  const y = b64url(j.y!);
  const point = new Uint8Array(1 + x.length + y.length);
  point[0] = 4;
  point.set(x, 1);
  point.set(y, 1 + x.length);
  return { d: b64url(j.d!), point };
}

describe('what our codec writes, asn1-schema reads to the same fields and the same bytes', () => {
  test.each([2048, 3072])('RSA %i: SPKI, RSAPublicKey and PKCS#8', (bits) => {
    const k = rsaKey(bits);
    const spki = encodeRsaSpki(k.n, k.e);
    const info = AsnParser.parse(spki, SubjectPublicKeyInfo);
    expect(info.algorithm.algorithm).toBe(OID.rsaEncryption);
    expect(info.algorithm.parameters).toBeNull();
    const pub = AsnParser.parse(info.subjectPublicKey, RSAPublicKey);
    expect(intHex(pub.modulus)).toBe(k.n.toString(16).padStart(bits / 4, '0'));
    expect(intHex(pub.publicExponent)).toBe('010001');
    expect(reserialise(spki, SubjectPublicKeyInfo)).toBe(hex(spki));
    expect(reserialise(encodeRsaPublicKey(k.n, k.e), RSAPublicKey)).toBe(hex(encodeRsaPublicKey(k.n, k.e)));

    const pkcs8 = encodeRsaPkcs8(k);
    const pki = AsnParser.parse(pkcs8, PrivateKeyInfo);
    expect(pki.version).toBe(0);
    expect(pki.privateKeyAlgorithm.algorithm).toBe(OID.rsaEncryption);
    const rsa = AsnParser.parse(pki.privateKey.buffer, RSAPrivateKey);
    const fields: [ArrayBuffer, bigint][] = [[rsa.modulus, k.n], [rsa.privateExponent, k.d], [rsa.prime1, k.p], [rsa.prime2, k.q], [rsa.exponent1, k.dp], [rsa.exponent2, k.dq], [rsa.coefficient, k.qi]];
    for (const [raw, n] of fields) expect(BigInt(`0x${intHex(raw)}`)).toBe(n);
    expect(reserialise(pkcs8, PrivateKeyInfo)).toBe(hex(pkcs8));
  });

  test.each(CURVES)('EC %s: SPKI, ECParameters and PKCS#8', (_name, nodeCurve, oid) => {
    const { d, point } = ecKey(nodeCurve);
    const spki = encodeEcSpki(oid, point);
    const info = AsnParser.parse(spki, SubjectPublicKeyInfo);
    expect(info.algorithm.algorithm).toBe(OID.ecPublicKey);
    expect(AsnParser.parse(info.algorithm.parameters!, ECParameters).namedCurve).toBe(oid);
    expect(hex(info.subjectPublicKey)).toBe(hex(point));
    expect(reserialise(spki, SubjectPublicKeyInfo)).toBe(hex(spki));
    expect(AsnParser.parse(encodeEcParameters(oid), ECParameters).namedCurve).toBe(oid);

    const pkcs8 = encodeEcPkcs8(oid, d, point);
    const pki = AsnParser.parse(pkcs8, PrivateKeyInfo);
    expect(AsnParser.parse(pki.privateKeyAlgorithm.parameters!, ECParameters).namedCurve).toBe(oid);
    const ec = AsnParser.parse(pki.privateKey.buffer, ECPrivateKey);
    expect(ec.version).toBe(1);
    expect(hex(ec.privateKey.buffer)).toBe(hex(d));
    expect(ec.parameters).toBeUndefined();
    expect(hex(ec.publicKey!)).toBe(hex(point));
    expect(reserialise(pkcs8, PrivateKeyInfo)).toBe(hex(pkcs8));
  });

  test('encrypted PKCS#8: PBES2, PBKDF2-HMAC-SHA256 600,000, AES-256-CBC', async () => {
    const { d, point } = ecKey('prime256v1');
    const inner = encodeEcPkcs8(OID.prime256v1, d, point);
    const der = await encryptPkcs8(inner, PASS);
    const info = AsnParser.parse(der, EncryptedPrivateKeyInfo);
    expect(info.encryptionAlgorithm.algorithm).toBe(OID.pbes2);
    const pbes2 = AsnParser.parse(info.encryptionAlgorithm.parameters!, Pbes2Params);
    expect(pbes2.keyDerivationFunc.algorithm).toBe(OID.pbkdf2);
    const kdf = AsnParser.parse(pbes2.keyDerivationFunc.parameters!, Pbkdf2Params);
    expect(kdf.salt.byteLength).toBe(16);
    expect(kdf.iterationCount).toBe(600_000n);
    expect(kdf.keyLength).toBeUndefined();
    expect(kdf.prf?.algorithm).toBe(OID.hmacWithSHA256);
    expect(kdf.prf?.parameters).toBeNull();
    expect(pbes2.encryptionScheme.algorithm).toBe(OID.aes256Cbc);
    expect(AsnParser.parse(pbes2.encryptionScheme.parameters!, OctetString).byteLength).toBe(16);
    expect(info.encryptedData.byteLength % 16).toBe(0);
    expect(reserialise(der, EncryptedPrivateKeyInfo)).toBe(hex(der));
  });

  test('CMS backup: ContentInfo / EnvelopedData / PasswordRecipientInfo with RFC 5652 IMPLICIT tags', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const der = await encryptSecretBackup(secret, PASS);
    const ci = AsnParser.parse(der, ContentInfo);
    expect(ci.contentType).toBe(OID.envelopedData);
    const env = AsnParser.parse(ci.content, EnvelopedData);
    expect(env.version).toBe(3);
    expect(env.recipientInfos).toHaveLength(1);
    const recipient = new Uint8Array(env.recipientInfos[0]!);
    expect(recipient[0]).toBe(0xa3); // RecipientInfo pwri [3], IMPLICIT: the SEQUENCE's members under [3]
    recipient[0] = 0x30;
    const pwri = AsnParser.parse(recipient, PasswordRecipientInfo);
    expect(pwri.version).toBe(0);
    expect(pwri.keyDerivationAlgorithm.algorithm).toBe(OID.pbkdf2);
    const kdf = AsnParser.parse(pwri.keyDerivationAlgorithm.parameters!, Pbkdf2Params);
    expect([kdf.salt.byteLength, kdf.iterationCount, kdf.prf?.algorithm]).toEqual([16, 600_000n, OID.hmacWithSHA256]);
    expect(pwri.keyEncryptionAlgorithm.algorithm).toBe(OID.pwriKek);
    expect(AsnParser.parse(pwri.keyEncryptionAlgorithm.parameters!, AlgorithmIdentifier).algorithm).toBe(OID.aes256Cbc);
    expect(pwri.encryptedKey.byteLength).toBe(48);
    expect(env.encryptedContentInfo.contentType).toBe(OID.data);
    expect(env.encryptedContentInfo.contentEncryptionAlgorithm.algorithm).toBe(OID.aes256Cbc);
    expect(env.encryptedContentInfo.encryptedContent!.byteLength).toBe(48);
    expect(reserialise(der, ContentInfo)).toBe(hex(der));
    expect(reserialise(new Uint8Array(ci.content), EnvelopedData)).toBe(hex(new Uint8Array(ci.content)));
  });
});

describe('what asn1-schema serialises, our codec reads to the same values', () => {
  test('RSA SPKI, RSAPublicKey and PKCS#8', () => {
    const k = rsaKey(2048);
    const pub = new Uint8Array(AsnSerializer.serialize(new RSAPublicKey({ modulus: hexBuffer(k.n), publicExponent: hexBuffer(k.e) })));
    expect(decodeRsaPublicKey(pub)).toEqual({ n: k.n, e: k.e });
    const spki = new Uint8Array(AsnSerializer.serialize(new SubjectPublicKeyInfo({ algorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }), subjectPublicKey: pub.buffer })));
    expect(decodeSpki(spki)).toMatchObject({ kind: 'rsa', n: k.n, e: k.e, modulusBits: 2048 });
    const values = [k.n, k.e, k.d, k.p, k.q, k.dp, k.dq, k.qi].map(hexBuffer);
    const rsa = new RSAPrivateKey({ modulus: values[0], publicExponent: values[1], privateExponent: values[2], prime1: values[3], prime2: values[4], exponent1: values[5], exponent2: values[6], coefficient: values[7] });
    const pki = new PrivateKeyInfo({ privateKeyAlgorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }) });
    pki.privateKey = new OctetString(AsnSerializer.serialize(rsa)) as PrivateKeyInfo['privateKey'];
    expect(decodePkcs8(new Uint8Array(AsnSerializer.serialize(pki)))).toEqual(k);
  });

  test.each(CURVES)('EC %s SPKI, ECParameters and PKCS#8', (_name, nodeCurve, oid) => {
    const { d, point } = ecKey(nodeCurve);
    const params = AsnSerializer.serialize(new ECParameters({ namedCurve: oid }));
    expect(decodeEcParameters(new Uint8Array(params))).toBe(oid);
    const alg = new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: params });
    const spki = new Uint8Array(AsnSerializer.serialize(new SubjectPublicKeyInfo({ algorithm: alg, subjectPublicKey: point.slice().buffer })));
    const decoded = decodeSpki(spki);
    expect(decoded.kind === 'ec' && [decoded.curveOid, hex(decoded.point)]).toEqual([oid, hex(point)]);
    const ec = new ECPrivateKey({ version: 1, privateKey: new OctetString(d), publicKey: point.slice().buffer });
    const pki = new PrivateKeyInfo({ privateKeyAlgorithm: alg });
    pki.privateKey = new OctetString(AsnSerializer.serialize(ec)) as PrivateKeyInfo['privateKey'];
    const key = decodePkcs8(new Uint8Array(AsnSerializer.serialize(pki)));
    expect(key.kind === 'ec' && [key.curveOid, hex(key.d), hex(key.publicKey!)]).toEqual([oid, hex(d), hex(point)]);
  });

  test('encrypted PKCS#8 rebuilt by asn1-schema reads and decrypts', async () => {
    const { d, point } = ecKey('prime256v1');
    const inner = encodeEcPkcs8(OID.prime256v1, d, point);
    const ours = await encryptPkcs8(inner, PASS);
    const info = AsnParser.parse(ours, EncryptedPrivateKeyInfo);
    const pbes2 = AsnParser.parse(info.encryptionAlgorithm.parameters!, Pbes2Params);
    const kdf = AsnParser.parse(pbes2.keyDerivationFunc.parameters!, Pbkdf2Params);
    const theirs = new EncryptedPrivateKeyInfo({
      encryptionAlgorithm: new AlgorithmIdentifier({
        algorithm: OID.pbes2,
        parameters: AsnSerializer.serialize(new Pbes2Params({ keyDerivationFunc: new AlgorithmIdentifier({ algorithm: OID.pbkdf2, parameters: AsnSerializer.serialize(kdf) }), encryptionScheme: pbes2.encryptionScheme })),
      }),
      encryptedData: new EncryptedData(info.encryptedData.buffer),
    });
    const der = new Uint8Array(AsnSerializer.serialize(theirs));
    expect(readEncryptedPkcs8Parameters(der)).toEqual({ kdf: 'PBKDF2', prf: 'SHA-256', iterations: 600_000, saltLength: 16, cipher: 'AES-256-CBC' });
    expect(hex(await decryptPkcs8(der, PASS))).toBe(hex(inner));
  });

  test('CMS backup rebuilt by asn1-schema reads and decrypts', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const ci = AsnParser.parse(await encryptSecretBackup(secret, PASS), ContentInfo);
    const env = AsnParser.parse(ci.content, EnvelopedData);
    const rebuilt = new ContentInfo({ contentType: OID.envelopedData, content: AsnSerializer.serialize(env) });
    expect(hex(await decryptSecretBackup(new Uint8Array(AsnSerializer.serialize(rebuilt)), PASS))).toBe(hex(secret));
  });
});

/** A non-negative bigint as two's-complement INTEGER content (sign octet when the top bit is set). */
function hexBuffer(n: bigint): ArrayBuffer {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  if (parseInt(h[0]!, 16) >= 8) h = `00${h}`;
  return Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16)).buffer;
}

// RFC 5652 as asn1-schema classes with the module's IMPLICIT TAGS (§12.1). RecipientInfos keeps each choice raw;
// the pwri alternative [3] is read as the SEQUENCE it implicitly is.
class ContentInfo {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier }) contentType = '';
  @AsnProp({ type: AsnPropTypes.Any, context: 0 }) content = new ArrayBuffer(0);
  constructor(params: Partial<ContentInfo> = {}) {
    Object.assign(this, params);
  }
}
class PasswordRecipientInfo {
  @AsnProp({ type: AsnPropTypes.Integer }) version = 0;
  @AsnProp({ type: AlgorithmIdentifier, context: 0, implicit: true }) keyDerivationAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: AlgorithmIdentifier }) keyEncryptionAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: AsnPropTypes.OctetString }) encryptedKey = new ArrayBuffer(0);
}
class EncryptedContentInfo {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier }) contentType = '';
  @AsnProp({ type: AlgorithmIdentifier }) contentEncryptionAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: AsnPropTypes.OctetString, context: 0, implicit: true, optional: true }) encryptedContent?: ArrayBuffer;
}
class EnvelopedData {
  @AsnProp({ type: AsnPropTypes.Integer }) version = 0;
  @AsnProp({ type: AsnPropTypes.Any, repeated: 'set' }) recipientInfos: ArrayBuffer[] = [];
  @AsnProp({ type: EncryptedContentInfo }) encryptedContentInfo = new EncryptedContentInfo();
}
