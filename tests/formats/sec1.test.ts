import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { readArmored } from '../../src/lib/formats/pem.ts';
import { decodeEcParameters, decodeEcPrivateKey, encodeEcParameters, encodeEcPrivateKey } from '../../src/lib/formats/sec1.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { expectCode, opensslBytes, opensslFields, opensslHexField, tlv } from './support.ts';

const tmp = scratch();

interface Fixture {
  /** the `openssl ecparam -genkey` PEM: EC PARAMETERS then EC PRIVATE KEY */
  pem: string;
  /** ECPrivateKey DER with [0] parameters and [1] publicKey */
  der: Uint8Array;
  priv: string;
  pub: string;
}
const fixtures: Record<string, Fixture> = {};

function ecparamGenkey(curve: string): Fixture {
  const pem = openssl(['ecparam', '-name', curve, '-genkey']).toString();
  const file = tmp.write(`${curve}.pem`, pem);
  const der = opensslBytes(['ec', '-in', file, '-outform', 'DER']);
  const { text } = opensslFields(['ec', '-in', file]);
  return { pem, der, priv: opensslHexField(text, 'priv'), pub: opensslHexField(text, 'pub') };
}

beforeAll(() => {
  for (const curve of ['prime256v1', 'secp256k1', 'secp224r1']) fixtures[curve] = ecparamGenkey(curve);
});
afterAll(() => tmp.dispose());

const CURVES = [
  ['prime256v1', OID.prime256v1],
  ['secp256k1', OID.secp256k1],
] as const;

describe('ECPrivateKey (RFC 5915)', () => {
  test.each(CURVES)('%s from openssl ecparam -genkey: scalar, point and curve as OpenSSL reads them', (name, oid) => {
    const f = fixtures[name]!;
    const k = decodeEcPrivateKey(f.der);
    expect(k.curveOid).toBe(oid);
    expect(toHex(k.d)).toBe(f.priv);
    expect(toHex(k.publicKey!)).toBe(f.pub);
  });

  test.each(CURVES)('%s: encodeEcPrivateKey with the curve is byte for byte OpenSSL', (name, oid) => {
    const f = fixtures[name]!;
    const k = decodeEcPrivateKey(f.der);
    const ours = encodeEcPrivateKey(k.d, k.publicKey!, oid);
    expect(toHex(ours)).toBe(toHex(f.der));
    expect(toHex(openssl(['ec', '-inform', 'DER', '-outform', 'DER'], ours))).toBe(toHex(f.der));
  });

  test('SM2 as OpenSSL 3 writes it (`openssl ec` labels it SM2 PRIVATE KEY)', () => {
    const pkcs8 = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']);
    const pem = openssl(['ec'], pkcs8).toString();
    expect(pem).toContain('-----BEGIN SM2 PRIVATE KEY-----');
    const { text } = opensslFields(['pkey'], pkcs8);
    const k = decodeEcPrivateKey(readArmored(pem)[0]!.der);
    expect(k.curveOid).toBe(OID.sm2p256v1);
    expect(toHex(k.d)).toBe(opensslHexField(text, 'priv'));
    expect(toHex(k.publicKey!)).toBe(opensslHexField(text, 'pub'));
  });

  test('without [0], the curve comes from outside; without either → der_malformed', () => {
    const f = fixtures.prime256v1!;
    const k = decodeEcPrivateKey(f.der);
    const bare = encodeEcPrivateKey(k.d, k.publicKey!);
    expect(decodeEcPrivateKey(bare, OID.prime256v1)).toEqual(k);
    expect(expectCode(() => decodeEcPrivateKey(bare), 'der_malformed').facts.field).toBe('parameters');
  });

  test('[0] and the outer curve disagree → der_malformed', () => {
    const e = expectCode(() => decodeEcPrivateKey(fixtures.prime256v1!.der, OID.secp256k1), 'der_malformed');
    expect(e.facts.field).toBe('parameters');
  });

  test('the publicKey is optional', () => {
    const k = decodeEcPrivateKey(openssl(['ec', '-inform', 'DER', '-no_public', '-outform', 'DER'], fixtures.secp256k1!.der));
    expect(k.publicKey).toBeUndefined();
    expect(k.curveOid).toBe(OID.secp256k1);
  });

  test('the scalar is returned as stored, not normalised (the key layer does that)', () => {
    const short = tlv(0x30, tlv(0x02, fromHex('01')), tlv(0x04, fromHex('0102')), tlv(0xa0, encodeEcParameters(OID.prime256v1)));
    expect(toHex(decodeEcPrivateKey(short).d)).toBe('0102');
  });

  test('P-224 → ec_curve_unsupported naming the curve', () => {
    const e = expectCode(() => decodeEcPrivateKey(fixtures.secp224r1!.der), 'ec_curve_unsupported');
    expect(e.facts).toMatchObject({ curve: 'P-224', oid: OID.secp224r1 });
  });

  test('explicit curve parameters → ec_explicit_parameters', () => {
    const file = tmp.write('explicit.pem', openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-param_enc', 'explicit']));
    const der = openssl(['ec', '-in', file, '-param_enc', 'explicit', '-outform', 'DER']);
    expectCode(() => decodeEcPrivateKey(der), 'ec_explicit_parameters');
  });

  test('implicitCurve (NULL) → der_malformed', () => {
    const key = tlv(0x30, tlv(0x02, fromHex('01')), tlv(0x04, new Uint8Array(32).fill(1)), tlv(0xa0, fromHex('0500')));
    expect(expectCode(() => decodeEcPrivateKey(key), 'der_malformed').facts.field).toBe('parameters');
  });

  test('version other than 1 → der_malformed', () => {
    const der = fixtures.prime256v1!.der.slice();
    expect(der[2]).toBe(0x02);
    der[4] = 0;
    expect(expectCode(() => decodeEcPrivateKey(der), 'der_malformed').facts.field).toBe('ECPrivateKey.version');
  });

  test('a publicKey BIT STRING with unused bits → der_malformed', () => {
    const der = fixtures.prime256v1!.der.slice();
    const bits = der.length - 66; // ... a1 44 03 42 [unused] 04 x y
    expect(der[bits - 2]).toBe(0x03);
    der[bits] = 1;
    expect(expectCode(() => decodeEcPrivateKey(der), 'der_malformed').facts.field).toBe('publicKey');
  });

  test('optional members out of order, or an extra member → der_malformed', () => {
    const d = tlv(0x04, new Uint8Array(32).fill(1));
    const v = tlv(0x02, fromHex('01'));
    const params = tlv(0xa0, encodeEcParameters(OID.prime256v1));
    const pub = tlv(0xa1, tlv(0x03, fromHex('0004')));
    expect(decodeEcPrivateKey(tlv(0x30, v, d, params, pub)).curveOid).toBe(OID.prime256v1);
    expectCode(() => decodeEcPrivateKey(tlv(0x30, v, d, pub, params)), 'der_malformed');
    expectCode(() => decodeEcPrivateKey(tlv(0x30, v, d, params, pub, v)), 'der_malformed');
  });

  test('strict DER: truncated, trailing, deep nesting', () => {
    const der = fixtures.prime256v1!.der;
    expectCode(() => decodeEcPrivateKey(der.subarray(0, 40)), 'der_truncated');
    expectCode(() => decodeEcPrivateKey(Uint8Array.of(...der, 0x00, 0x00)), 'der_trailing_data');
    let deep: Uint8Array = tlv(0x05);
    for (let i = 0; i < 40; i++) deep = tlv(0x30, deep);
    expectCode(() => decodeEcPrivateKey(deep), 'der_malformed');
  });

  test('encodeEcPrivateKey wants a scalar (its length is the key layer\'s: 32, 48 or 66 bytes)', () => {
    expect(() => encodeEcPrivateKey(new Uint8Array(0), new Uint8Array(65))).toThrow(RangeError);
  });

  test('encodeEcPrivateKey does not wipe the caller’s scalar', () => {
    const d = new Uint8Array(32).fill(7);
    encodeEcPrivateKey(d, Uint8Array.of(4));
    expect(d.every((b) => b === 7)).toBe(true);
  });
});

describe('EC PARAMETERS', () => {
  test.each(CURVES)('%s block from openssl ecparam → curve OID; encode is byte for byte', (name, oid) => {
    const [params] = readArmored(fixtures[name]!.pem);
    expect(params!.label).toBe('EC PARAMETERS');
    expect(decodeEcParameters(params!.der)).toBe(oid);
    expect(toHex(encodeEcParameters(oid))).toBe(toHex(params!.der));
  });

  test('SM2 PARAMETERS from openssl ecparam -name SM2', () => {
    const [params] = readArmored(openssl(['ecparam', '-name', 'SM2']).toString());
    expect(params!.label).toBe('SM2 PARAMETERS');
    expect(decodeEcParameters(params!.der)).toBe(OID.sm2p256v1);
  });

  test('explicit parameters → ec_explicit_parameters', () => {
    const der = openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-outform', 'DER']);
    expectCode(() => decodeEcParameters(der), 'ec_explicit_parameters');
  });

  test('NULL, or anything not an OID → der_malformed', () => {
    expectCode(() => decodeEcParameters(fromHex('0500')), 'der_malformed');
    expectCode(() => decodeEcParameters(fromHex('020101')), 'der_malformed');
    expectCode(() => decodeEcParameters(fromHex('06082a8648ce3d0301')), 'der_truncated');
  });
});
