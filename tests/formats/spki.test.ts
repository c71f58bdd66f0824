import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { encodeEcPrivateKey } from '../../src/lib/formats/sec1.ts';
import { decodeSpki, describeDer, encodeEcSpki, encodeRsaSpki } from '../../src/lib/formats/spki.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { ecKey, expectCode, genpkey, KMS_CURVES, opensslBytes, opensslFields, opensslHexField, tlv } from './support.ts';

const tmp = scratch();
const spkiOf = (pem: Uint8Array | string) => opensslBytes(['pkey', '-pubout', '-outform', 'DER'], pem);
let certs = 0;
const certFor = (pem: Uint8Array) =>
  opensslBytes(['req', '-x509', '-key', tmp.write(`cert-key-${certs++}.pem`, pem), '-subj', '/CN=x', '-outform', 'DER']);

let rsaPem: Uint8Array;
let rsaSpki: Uint8Array;
const ec: Record<string, { pem: Uint8Array; spki: Uint8Array }> = {};

beforeAll(() => {
  rsaPem = genpkey('-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  rsaSpki = spkiOf(rsaPem);
  for (const curve of ['P-256', 'secp256k1', 'SM2', 'P-384']) {
    const pem = ecKey(curve);
    ec[curve] = { pem, spki: spkiOf(pem) };
  }
});
afterAll(() => tmp.dispose());

describe('decodeSpki', () => {
  test('RSA: n, e and the modulus size as OpenSSL reads them', () => {
    const view = opensslFields(['pkey', '-pubin', '-inform', 'DER'], rsaSpki);
    const k = decodeSpki(rsaSpki);
    expect(k).toEqual({ kind: 'rsa', n: view.Modulus, e: view.Exponent, modulusBits: 2048, spki: rsaSpki });
  });

  test.each([...KMS_CURVES, ['P-384', OID.secp384r1] as const])('EC %s: curve and point as OpenSSL reads them', (name, oid) => {
    const { text } = opensslFields(['pkey', '-pubin', '-inform', 'DER'], ec[name]!.spki);
    const k = decodeSpki(ec[name]!.spki);
    expect(k.kind).toBe('ec');
    if (k.kind !== 'ec') return;
    expect(k.curveOid).toBe(oid);
    expect(toHex(k.point)).toBe(opensslHexField(text, 'pub'));
  });

  test('OpenSSL 3 writes an SM2 SPKI as id-ecPublicKey + namedCurve 1.2.156.10197.1.301', () => {
    const dump = openssl(['asn1parse', '-inform', 'DER'], ec.SM2!.spki).toString();
    expect(dump).toMatch(/OBJECT\s+:id-ecPublicKey/);
    expect(dump).toMatch(/OBJECT\s+:sm2/);
  });

  test.each([
    ['Ed25519', OID.ed25519],
    ['X25519', OID.x25519],
  ])('%s → kind other with the algorithm OID', (alg, oid) => {
    const spki = spkiOf(genpkey('-algorithm', alg));
    expect(decodeSpki(spki)).toEqual({ kind: 'other', algorithmOid: oid, spki });
  });

  test('the spki field is a copy', () => {
    const input = rsaSpki.slice();
    decodeSpki(input).spki.fill(0);
    expect(toHex(input)).toBe(toHex(rsaSpki));
  });

  test('explicit EC parameters → ec_explicit_parameters', () => {
    const file = tmp.write('explicit.pem', openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-param_enc', 'explicit']));
    const spki = opensslBytes(['ec', '-in', file, '-pubout', '-param_enc', 'explicit', '-outform', 'DER']);
    expectCode(() => decodeSpki(spki), 'ec_explicit_parameters');
  });

  test('id-ecPublicKey without parameters, or with NULL → der_malformed', () => {
    const point = tlv(0x03, fromHex('0004'));
    expectCode(() => decodeSpki(tlv(0x30, tlv(0x30, tlv(0x06, fromHex('2a8648ce3d0201'))), point)), 'der_malformed');
    expectCode(() => decodeSpki(tlv(0x30, tlv(0x30, tlv(0x06, fromHex('2a8648ce3d0201')), tlv(0x05)), point)), 'der_malformed');
  });

  test('rsaEncryption with parameters other than NULL → der_malformed', () => {
    const bad = rsaSpki.slice();
    const at = toHex(bad).indexOf('0500') / 2;
    bad.set([0x04, 0x00], at); // NULL → empty OCTET STRING
    expect(expectCode(() => decodeSpki(bad), 'der_malformed').facts.field).toBe('parameters');
  });

  test('a BIT STRING with unused bits → der_malformed', () => {
    const bad = ec['P-256']!.spki.slice();
    expect(bad[bad.length - 67]).toBe(0x42);
    bad[bad.length - 66] = 3;
    bad[bad.length - 1]! &= 0xf8; // the 3 unused bits zero, as DER wants: a well-formed BIT STRING that is no key
    expect(expectCode(() => decodeSpki(bad), 'der_malformed').facts.field).toBe('subjectPublicKey');
  });

  test('a BIT STRING whose unused bits are not zero is not DER (X.690 §11.2.1) → der_malformed', () => {
    const bad = ec['P-256']!.spki.slice();
    bad[bad.length - 66] = 3;
    bad[bad.length - 1] = 0x01;
    expect(expectCode(() => decodeSpki(bad), 'der_malformed').facts.field).toBe('SubjectPublicKeyInfo');
  });

  test('an RSAPublicKey inside with a negative or non-minimal modulus → der_malformed', () => {
    const alg = tlv(0x30, tlv(0x06, fromHex('2a864886f70d010101')), tlv(0x05));
    const spkiWith = (rsaPublicKey: Uint8Array) => tlv(0x30, alg, tlv(0x03, Uint8Array.of(0, ...rsaPublicKey)));
    expect(decodeSpki(spkiWith(tlv(0x30, tlv(0x02, fromHex('00c5')), tlv(0x02, fromHex('03'))))).kind).toBe('rsa');
    expectCode(() => decodeSpki(spkiWith(tlv(0x30, tlv(0x02, fromHex('c5')), tlv(0x02, fromHex('03'))))), 'der_malformed');
    expectCode(() => decodeSpki(spkiWith(tlv(0x30, tlv(0x02, fromHex('0045')), tlv(0x02, fromHex('03'))))), 'der_malformed');
  });

  test('strict DER: truncated, trailing, non-minimal length, indefinite length, deep nesting', () => {
    const der = ec['P-256']!.spki;
    expectCode(() => decodeSpki(der.subarray(0, 30)), 'der_truncated');
    expectCode(() => decodeSpki(Uint8Array.of(...der, 0)), 'der_trailing_data');
    expectCode(() => decodeSpki(Uint8Array.of(0x30, 0x81, der[1]!, ...der.subarray(2))), 'der_malformed');
    expectCode(() => decodeSpki(Uint8Array.of(0x30, 0x80, ...der.subarray(2), 0, 0)), 'der_malformed');
    let deep: Uint8Array = tlv(0x05);
    for (let i = 0; i < 100; i++) deep = tlv(0x30, deep);
    expectCode(() => decodeSpki(deep), 'der_malformed');
  });

  test('a certificate is not an SPKI → der_malformed', () => {
    const cert = certFor(ec['P-256']!.pem);
    expect(expectCode(() => decodeSpki(cert), 'der_malformed').facts.field).toBe('SubjectPublicKeyInfo');
  });
});

describe('encodeRsaSpki / encodeEcSpki', () => {
  test('RSA: byte for byte openssl pkey -pubout', () => {
    const k = decodeSpki(rsaSpki);
    if (k.kind !== 'rsa') throw new Error('not RSA');
    expect(toHex(encodeRsaSpki(k.n, k.e))).toBe(toHex(rsaSpki));
  });

  test.each(KMS_CURVES)('EC %s: byte for byte openssl pkey -pubout, and OpenSSL reads it', (name, oid) => {
    const k = decodeSpki(ec[name]!.spki);
    if (k.kind !== 'ec') throw new Error('not EC');
    const ours = encodeEcSpki(oid, k.point);
    expect(toHex(ours)).toBe(toHex(ec[name]!.spki));
    expect(toHex(opensslBytes(['pkey', '-pubin', '-inform', 'DER', '-outform', 'DER'], ours))).toBe(toHex(ours));
  });
});

describe('describeDer', () => {
  const cases: [string, () => Uint8Array, string, string][] = [
    ['an RSA SPKI', () => rsaSpki, 'spki', 'an RSA 2048-bit public key'],
    ['a P-384 SPKI', () => ec['P-384']!.spki, 'spki', 'an EC P-384 public key'],
    ['an SM2 SPKI', () => ec.SM2!.spki, 'spki', 'an EC SM2 public key'],
    ['an Ed25519 SPKI', () => spkiOf(genpkey('-algorithm', 'ED25519')), 'spki', 'an Ed25519 public key'],
    ['a PKCS#1 RSA public key', () => opensslBytes(['rsa', '-RSAPublicKey_out', '-outform', 'DER'], rsaPem), 'pkcs1-public', 'a PKCS#1 RSA 2048-bit public key'],
    [
      'a certificate',
      () => certFor(rsaPem),
      'certificate',
      'an X.509 certificate for an RSA 2048-bit public key',
    ],
    ['an RSA PKCS#8 key', () => opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], rsaPem), 'pkcs8', 'a PKCS#8 RSA private key'],
    ['a P-384 PKCS#8 key', () => opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], ec['P-384']!.pem), 'pkcs8', 'a PKCS#8 EC P-384 private key'],
    ['an X25519 PKCS#8 key', () => opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], genpkey('-algorithm', 'X25519')), 'pkcs8', 'a PKCS#8 X25519 private key'],
    [
      'an encrypted PKCS#8 key',
      () => opensslBytes(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', '1000', '-passout', 'pass:x', '-outform', 'DER'], ec['P-256']!.pem),
      'encrypted-pkcs8',
      'an encrypted PKCS#8 private key (PBES2)',
    ],
    ['a PKCS#1 RSA private key', () => opensslBytes(['rsa', '-traditional', '-outform', 'DER'], rsaPem), 'pkcs1-private', 'a PKCS#1 RSA 2048-bit private key'],
    ['a SEC1 key', () => opensslBytes(['ec', '-outform', 'DER'], ec['secp256k1']!.pem), 'sec1', 'an EC secp256k1 private key (SEC1)'],
    ['a SEC1 key without [0]', () => encodeEcPrivateKey(new Uint8Array(32).fill(1), Uint8Array.of(4)), 'sec1', 'an EC private key (SEC1)'],
    ['EC PARAMETERS alone', () => opensslBytes(['ecparam', '-name', 'prime256v1', '-outform', 'DER']), 'unknown', 'an unrecognised DER structure'],
  ];

  test.each(cases)('%s', (_, der, kind, description) => {
    expect(describeDer(der())).toEqual({ kind, description });
  });

  test('an explicit-parameters SPKI is still described', () => {
    const file = tmp.write('explicit2.pem', openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-param_enc', 'explicit']));
    const spki = opensslBytes(['ec', '-in', file, '-pubout', '-param_enc', 'explicit', '-outform', 'DER']);
    expect(describeDer(spki)).toEqual({ kind: 'spki', description: 'an EC (explicit parameters) public key' });
  });

  test.each([
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0x30)],
    ['truncated', Uint8Array.of(0x30, 0x05, 0x02)],
    ['indefinite length', Uint8Array.of(0x30, 0x80, 0x00, 0x00)],
    ['high tag number', Uint8Array.of(0x1f, 0x81, 0x00)],
  ])('hostile input (%s) → unknown, no throw', (_, der) => {
    expect(describeDer(der).kind).toBe('unknown');
  });

  test('never throws on arbitrary bytes or mutated keys', () => {
    const seeds = [rsaSpki, ec['P-256']!.spki];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof describeDer(bytes).description).toBe('string');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (which, pos, value) => {
        const der = seeds[which]!.slice();
        der[pos % der.length] = value;
        expect(typeof describeDer(der).description).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
