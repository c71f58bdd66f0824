import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AsnSerializer, BitString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from '../../src/lib/formats/pkcs8.ts';
import { encodeEcParameters, encodeEcPrivateKey } from '../../src/lib/formats/sec1.ts';
import type { EcPrivateComponents, RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { ecKey, expectCode, genpkey, KMS_CURVES, opensslBytes, opensslFields, opensslHexField, opensslRsa, pkcs8Fixture, tlv } from './support.ts';

const tmp = scratch();

/** PKCS#8 DER as `openssl pkcs8 -topk8 -nocrypt` writes it (OpenSSL 3's `-outform DER` elsewhere is traditional). */
const toPkcs8 = (pem: Uint8Array | string) => opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], pem);

let rsa: Uint8Array;
let rsaView: RsaPrivateComponents;
const ec: Record<string, Uint8Array> = {};

beforeAll(() => {
  const pem = genpkey('-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  rsa = toPkcs8(pem);
  rsaView = opensslRsa(pem);
  for (const curve of ['P-256', 'secp256k1', 'SM2']) ec[curve] = toPkcs8(ecKey(curve));
});
afterAll(() => tmp.dispose());

describe('decodePkcs8: RSA', () => {
  test('components as OpenSSL reads them', () => {
    expect(decodePkcs8(rsa)).toEqual(rsaView);
  });

  test('encodeRsaPkcs8 is byte for byte openssl pkcs8 -topk8, and openssl pkey reads it', () => {
    const ours = encodeRsaPkcs8(decodePkcs8(rsa) as never);
    expect(toHex(ours)).toBe(toHex(rsa));
    expect(toHex(toPkcs8(openssl(['pkey', '-inform', 'DER'], ours)))).toBe(toHex(rsa));
  });

  test('rsaEncryption parameters other than NULL → der_malformed', () => {
    const k = pkcs8Fixture(rsa);
    k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: fromHex('0203010001').buffer as ArrayBuffer });
    expect(expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'der_malformed').facts.field).toBe('parameters');
  });

  test('absent rsaEncryption parameters are tolerated', () => {
    const k = pkcs8Fixture(rsa);
    k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: OID.rsaEncryption });
    expect(decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))).kind).toBe('rsa');
  });
});

describe('decodePkcs8: EC', () => {
  test.each(KMS_CURVES)('%s: curve, scalar and point as OpenSSL reads them', (name, oid) => {
    const { text } = opensslFields(['pkey', '-inform', 'DER'], ec[name]);
    const k = decodePkcs8(ec[name]!) as EcPrivateComponents;
    expect(k.kind).toBe('ec');
    expect(k.curveOid).toBe(oid);
    expect(toHex(k.d)).toBe(opensslHexField(text, 'priv'));
    expect(toHex(k.publicKey!)).toBe(opensslHexField(text, 'pub'));
  });

  test.each(KMS_CURVES)('%s: encodeEcPkcs8 is byte for byte openssl pkcs8 -topk8, and openssl pkey reads it', (name, oid) => {
    const k = decodePkcs8(ec[name]!) as EcPrivateComponents;
    const ours = encodeEcPkcs8(oid, k.d, k.publicKey!);
    expect(toHex(ours)).toBe(toHex(ec[name]!));
    expect(toHex(toPkcs8(openssl(['pkey', '-inform', 'DER'], ours)))).toBe(toHex(ec[name]!));
  });

  test('OpenSSL 3 writes SM2 as id-ecPublicKey + namedCurve 1.2.156.10197.1.301, no [0] inside', () => {
    const alg = pkcs8Fixture(ec.SM2!).privateKeyAlgorithm;
    expect(alg.algorithm).toBe(OID.ecPublicKey);
    expect(toHex(new Uint8Array(alg.parameters!))).toBe(toHex(encodeEcParameters(OID.sm2p256v1)));
    const inner = openssl(['asn1parse', '-inform', 'DER', '-strparse', '27'], ec.SM2).toString();
    expect(inner).not.toContain('cont [ 0 ]');
    expect(inner).toContain('cont [ 1 ]');
  });

  test('SM2 under the algorithm OID 1.2.156.10197.1.301.1 (other tools) decodes as SM2', () => {
    const k = pkcs8Fixture(ec.SM2!);
    for (const parameters of [undefined, null, encodeEcParameters(OID.sm2p256v1).buffer as ArrayBuffer]) {
      k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: OID.sm2Key, parameters });
      const decoded = decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))) as EcPrivateComponents;
      expect(decoded.curveOid).toBe(OID.sm2p256v1);
    }
    k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: OID.sm2Key, parameters: encodeEcParameters(OID.prime256v1).buffer as ArrayBuffer });
    expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'der_malformed');
  });

  test('inner [0] that disagrees with the AlgorithmIdentifier → der_malformed', () => {
    const k = pkcs8Fixture(ec['P-256']!);
    const inner = decodePkcs8(ec['P-256']!) as EcPrivateComponents;
    k.privateKey.buffer = encodeEcPrivateKey(inner.d, inner.publicKey!, OID.secp256k1).buffer as ArrayBuffer;
    expect(expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'der_malformed').facts.field).toBe('parameters');
  });

  test.each([
    // issue 9: P-384 and P-521 are key types now (tests/keys/)
    ['P-224', OID.secp224r1],
    ['brainpoolP256r1', OID.brainpoolP256r1],
  ])('%s → ec_curve_unsupported naming the curve', (name, oid) => {
    const e = expectCode(() => decodePkcs8(toPkcs8(ecKey(name))), 'ec_curve_unsupported');
    expect(e.facts).toMatchObject({ curve: name, oid });
  });

  test('explicit curve parameters → ec_explicit_parameters', () => {
    const file = tmp.write('explicit.pem', openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-param_enc', 'explicit']));
    const der = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', file, '-outform', 'DER']);
    expect(openssl(['asn1parse', '-inform', 'DER'], der).toString()).toContain('prime-field');
    expectCode(() => decodePkcs8(der), 'ec_explicit_parameters');
  });

  test('no curve in the AlgorithmIdentifier → der_malformed', () => {
    const k = pkcs8Fixture(ec['P-256']!);
    k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: OID.ecPublicKey });
    expect(expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'der_malformed').facts.field).toBe('parameters');
  });
});

describe('decodePkcs8: algorithms KMS cannot import', () => {
  test.each([
    ['X25519', ['-algorithm', 'X25519']],
    ['Ed448', ['-algorithm', 'ED448']],
    ['X448', ['-algorithm', 'X448']],
    ['RSA-PSS', ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:1024']],
  ])('%s → key_algorithm_unsupported naming it', (name, opts) => {
    const e = expectCode(() => decodePkcs8(toPkcs8(genpkey(...opts))), 'key_algorithm_unsupported');
    expect(e.facts.found).toBe(name);
  });

  test('DSA → key_algorithm_unsupported', () => {
    const params = tmp.write('dsa.pem', genpkey('-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024'));
    const e = expectCode(() => decodePkcs8(toPkcs8(genpkey('-paramfile', params))), 'key_algorithm_unsupported');
    expect(e.facts).toMatchObject({ found: 'DSA', oid: OID.dsa });
  });

  test('an OID we have no name for is named by number', () => {
    const k = pkcs8Fixture(rsa);
    k.privateKeyAlgorithm = new AlgorithmIdentifier({ algorithm: '1.2.3.4', parameters: null });
    expect(expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'key_algorithm_unsupported').facts.found).toBe('OID 1.2.3.4');
  });
});

describe('OneAsymmetricKey v2 (RFC 5958)', () => {
  function v2(base: Uint8Array, publicKey?: Uint8Array, version = 1): Uint8Array {
    const k = pkcs8Fixture(base);
    k.version = version;
    if (publicKey) k.publicKey = new BitString(publicKey, 0);
    return new Uint8Array(AsnSerializer.serialize(k));
  }

  test('v2 with [1] publicKey equal to the inner one decodes', () => {
    const inner = decodePkcs8(ec['P-256']!) as EcPrivateComponents;
    const der = v2(ec['P-256']!, inner.publicKey);
    expect(toHex(der)).toContain('8142'); // [1] IMPLICIT BIT STRING, 66 bytes
    expect(decodePkcs8(der)).toEqual(inner);
  });

  test('v2 [1] publicKey fills in a missing inner one', () => {
    const inner = decodePkcs8(ec['P-256']!) as EcPrivateComponents;
    const k = pkcs8Fixture(ec['P-256']!);
    const noPublic = opensslBytes(['ec', '-inform', 'DER', '-no_public', '-outform', 'DER'], encodeEcPrivateKey(inner.d, inner.publicKey!, OID.prime256v1));
    k.privateKey.buffer = noPublic.buffer as ArrayBuffer;
    k.version = 1;
    k.publicKey = new BitString(inner.publicKey!, 0);
    expect(decodePkcs8(new Uint8Array(AsnSerializer.serialize(k)))).toEqual(inner);
  });

  test('v2 [1] publicKey that differs from the inner one → der_malformed', () => {
    const other = decodePkcs8(toPkcs8(ecKey('P-256'))) as EcPrivateComponents;
    expect(expectCode(() => decodePkcs8(v2(ec['P-256']!, other.publicKey)), 'der_malformed').facts.field).toBe('publicKey');
  });

  test('[1] publicKey in a v1 structure, or version 2 → der_malformed', () => {
    const inner = decodePkcs8(ec['P-256']!) as EcPrivateComponents;
    expect(expectCode(() => decodePkcs8(v2(ec['P-256']!, inner.publicKey, 0)), 'der_malformed').facts.field).toBe('PrivateKeyInfo.publicKey');
    expect(expectCode(() => decodePkcs8(v2(ec['P-256']!, undefined, 2)), 'der_malformed').facts.field).toBe('PrivateKeyInfo.version');
  });

  test('attributes [0] are allowed and ignored', () => {
    // [0] IMPLICIT SET OF Attribute { friendlyName-like OID, SET { UTF8String "k" } }
    const attribute = tlv(0x30, tlv(0x06, fromHex('2a03')), tlv(0x31, tlv(0x0c, fromHex('6b'))));
    const body = rsa.subarray(4);
    const der = tlv(0x30, body, tlv(0xa0, attribute));
    expect(decodePkcs8(der)).toEqual(decodePkcs8(rsa));
  });
});

describe('decodePkcs8: strict DER', () => {
  test('truncated, trailing data, extra member, non-minimal length', () => {
    const der = ec['P-256']!;
    expectCode(() => decodePkcs8(der.subarray(0, der.length - 3)), 'der_truncated');
    expectCode(() => decodePkcs8(Uint8Array.of(...der, 0x05, 0x00)), 'der_trailing_data');
    expectCode(() => decodePkcs8(tlv(0x30, der.subarray(3), tlv(0x05))), 'der_malformed');
    const long = Uint8Array.of(0x30, 0x82, 0x00, der[2]!, ...der.subarray(3));
    expectCode(() => decodePkcs8(long), 'der_malformed');
  });

  test('an ECPrivateKey inside that is damaged → the DER error from inside', () => {
    const k = pkcs8Fixture(ec['P-256']!);
    k.privateKey.buffer = new Uint8Array(k.privateKey.buffer).slice(0, 20).buffer;
    expectCode(() => decodePkcs8(new Uint8Array(AsnSerializer.serialize(k))), 'der_truncated');
  });

  test('a schema that is not PKCS#8 → der_malformed naming PrivateKeyInfo', () => {
    const spki = opensslBytes(['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], ec['P-256']);
    expect(expectCode(() => decodePkcs8(spki), 'der_malformed').facts.field).toBe('PrivateKeyInfo');
  });
});
