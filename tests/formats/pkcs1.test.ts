import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { decodeRsaPrivateKey, decodeRsaPublicKey, encodeRsaPrivateKey, encodeRsaPublicKey } from '../../src/lib/formats/pkcs1.ts';
import type { RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { expectCode, opensslBytes, opensslFields, opensslRsa, tlv } from './support.ts';

const tmp = scratch();
let pkcs1: Uint8Array; // RSAPrivateKey DER from OpenSSL
let pkcs1Public: Uint8Array;
let view: RsaPrivateComponents;

beforeAll(() => {
  tmp.write('rsa.pem', openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']));
  pkcs1 = opensslBytes(['rsa', '-in', tmp.path('rsa.pem'), '-traditional', '-outform', 'DER']);
  pkcs1Public = opensslBytes(['rsa', '-in', tmp.path('rsa.pem'), '-RSAPublicKey_out', '-outform', 'DER']);
  view = opensslRsa(openssl(['rsa', '-in', tmp.path('rsa.pem')]));
});
afterAll(() => tmp.dispose());

const INT = 0x02;
const SEQ = 0x30;
const int = (hex: string) => tlv(INT, fromHex(hex));

describe('RSAPrivateKey (RFC 8017 §A.1.2)', () => {
  test('decodes every component as OpenSSL reads them', () => {
    const k = decodeRsaPrivateKey(pkcs1);
    expect(k).toEqual(view);
  });

  test('encode(decode(x)) is x byte for byte, and OpenSSL reads what we write', () => {
    const ours = encodeRsaPrivateKey(decodeRsaPrivateKey(pkcs1));
    expect(toHex(ours)).toBe(toHex(pkcs1));
    const back = openssl(['rsa', '-inform', 'DER', '-traditional', '-outform', 'DER'], ours);
    expect(toHex(back)).toBe(toHex(pkcs1));
  });

  test('INTEGERs are minimal, with a leading 00 only when the top bit is set (X.690 §8.3.2)', () => {
    const c: RsaPrivateComponents = { kind: 'rsa', n: 0x80n, e: 0x7fn, d: 0n, p: 0x100n, q: 0xffn, dp: 1n, dq: 0x8000n, qi: 0x7fffn };
    const der = encodeRsaPrivateKey(c);
    const expected = tlv(SEQ, int('00'), int('0080'), int('7f'), int('00'), int('0100'), int('00ff'), int('01'), int('008000'), int('7fff'));
    expect(toHex(der)).toBe(toHex(expected));
    expect(decodeRsaPrivateKey(der)).toEqual(c);
  });

  test('multi-prime keys (version 1, otherPrimeInfos) → rsa_multi_prime', () => {
    const three = openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-pkeyopt', 'rsa_keygen_primes:3']);
    const der = openssl(['rsa', '-traditional', '-outform', 'DER'], three);
    expect(opensslFields(['rsa', '-inform', 'DER'], der).text).toContain('3 primes');
    expectCode(() => decodeRsaPrivateKey(der), 'rsa_multi_prime');
  });

  test('version 1 without otherPrimeInfos is still multi-prime by its version', () => {
    const der = pkcs1.slice();
    expect(der[4]).toBe(INT); // SEQUENCE header is 4 bytes, then version INTEGER 0
    der[6] = 1;
    expectCode(() => decodeRsaPrivateKey(der), 'rsa_multi_prime');
  });

  test('any other version → der_malformed', () => {
    const der = pkcs1.slice();
    der[6] = 2;
    expect(expectCode(() => decodeRsaPrivateKey(der), 'der_malformed').facts.field).toBe('RSAPrivateKey.version');
  });

  test.each([
    ['a negative modulus', [int('80'), int('03')], 'modulus'],
    ['a non-minimal INTEGER', [int('05'), int('0003')], 'publicExponent'],
    ['an empty INTEGER', [tlv(INT), int('03')], 'modulus'],
  ])('%s → der_malformed', (_, [n, e], field) => {
    const key = tlv(SEQ, int('00'), n!, e!, int('01'), int('01'), int('01'), int('01'), int('01'), int('01'));
    expect(expectCode(() => decodeRsaPrivateKey(key), 'der_malformed').facts.field).toBe(field);
  });

  test('too few members, or a member too many → der_malformed', () => {
    expectCode(() => decodeRsaPrivateKey(tlv(SEQ, int('00'), int('05'), int('03'))), 'der_malformed');
    const body = pkcs1.subarray(4);
    expectCode(() => decodeRsaPrivateKey(tlv(SEQ, body, int('05'))), 'der_malformed');
  });

  test('strict DER: truncated, trailing data, non-minimal and indefinite lengths', () => {
    expectCode(() => decodeRsaPrivateKey(pkcs1.subarray(0, pkcs1.length - 1)), 'der_truncated');
    expectCode(() => decodeRsaPrivateKey(Uint8Array.of(...pkcs1, 0)), 'der_trailing_data');
    // 30 82 00 xx: a long form where the short form fits
    expectCode(() => decodeRsaPrivateKey(Uint8Array.of(0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x00)), 'der_malformed');
    expectCode(() => decodeRsaPrivateKey(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00)), 'der_malformed');
  });

  test('a structure of another type → der_malformed naming what was expected', () => {
    const e = expectCode(() => decodeRsaPrivateKey(pkcs1Public), 'der_malformed');
    expect(e.facts.field).toBe('RSAPrivateKey');
  });
});

describe('RSAPublicKey (RFC 8017 §A.1.1)', () => {
  test('decodes n and e; encode is byte for byte OpenSSL', () => {
    const { n, e } = decodeRsaPublicKey(pkcs1Public);
    expect(n).toBe(view.n);
    expect(e).toBe(view.e);
    expect(toHex(encodeRsaPublicKey(n, e))).toBe(toHex(pkcs1Public));
  });

  test('an extra member → der_malformed (asn1-schema alone would accept it)', () => {
    expectCode(() => decodeRsaPublicKey(tlv(SEQ, int('00c5'), int('03'), int('01'))), 'der_malformed');
  });
});
