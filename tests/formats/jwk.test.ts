import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { toHex } from '../../src/lib/bytes.ts';
import { MAX_INPUT_BYTES } from '../../src/lib/formats/der.ts';
import { decodeJwk } from '../../src/lib/formats/jwk.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import type { EcPrivateComponents } from '../../src/lib/formats/types.ts';
import { ecKey, expectCode, genpkey, opensslFields, opensslHexField, opensslRsa } from './support.ts';

// Fixtures: keys from OpenSSL, turned into JWK by node:crypto (independent of our code); the expected
// components come from `openssl pkey -text`.
const jwkOf = (pem: Uint8Array) => createPrivateKey(Buffer.from(pem)).export({ format: 'jwk' }) as JsonWebKey & Record<string, string>;
const json = (o: object) => JSON.stringify(o);

let rsaPem: Uint8Array;
let rsaJwk: Record<string, string>;
const ec: Record<string, { pem: Uint8Array; jwk: Record<string, string> }> = {};

beforeAll(() => {
  rsaPem = genpkey('-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  rsaJwk = jwkOf(rsaPem);
  for (const curve of ['P-256', 'secp256k1']) {
    const pem = ecKey(curve);
    ec[curve] = { pem, jwk: jwkOf(pem) };
  }
});

describe('decodeJwk: RSA (RFC 7518 §6.3)', () => {
  test('components as OpenSSL reads them', () => {
    expect(decodeJwk(json(rsaJwk))).toEqual(opensslRsa(rsaPem));
  });

  test.each(['p', 'q', 'dp', 'dq', 'qi', 'n', 'e'])('missing %s → jwk_invalid naming it', (field) => {
    const { [field]: _, ...rest } = rsaJwk;
    expect(expectCode(() => decodeJwk(json(rest)), 'jwk_invalid').facts.field).toBe(field);
  });

  test('no d → key_is_public', () => {
    const { d: _, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = rsaJwk;
    expect(expectCode(() => decodeJwk(json(pub)), 'key_is_public').facts.found).toBe('an RSA 2048-bit public key (JWK)');
  });

  test('oth (multi-prime) → rsa_multi_prime', () => {
    expectCode(() => decodeJwk(json({ ...rsaJwk, oth: [{ r: 'AQ', d: 'AQ', t: 'AQ' }] })), 'rsa_multi_prime');
  });

  test('a leading zero octet in a Base64urlUInt is tolerated', () => {
    const k = decodeJwk(json({ ...rsaJwk, e: 'AAEAAQ' }));
    expect(k.kind === 'rsa' && k.e).toBe(65537n);
  });
});

describe('decodeJwk: EC (RFC 7518 §6.2)', () => {
  test.each([
    ['P-256', OID.prime256v1],
    ['secp256k1', OID.secp256k1],
  ])('%s: curve, scalar and 04‖x‖y as OpenSSL reads them', (curve, oid) => {
    const { text } = opensslFields(['pkey'], ec[curve]!.pem);
    const k = decodeJwk(json(ec[curve]!.jwk)) as EcPrivateComponents;
    expect(k.kind).toBe('ec');
    expect(k.curveOid).toBe(oid);
    expect(toHex(k.d)).toBe(opensslHexField(text, 'priv'));
    expect(toHex(k.publicKey!)).toBe(opensslHexField(text, 'pub'));
  });

  test('P-256K is accepted for secp256k1', () => {
    const k = decodeJwk(json({ ...ec.secp256k1!.jwk, crv: 'P-256K' })) as EcPrivateComponents;
    expect(k.curveOid).toBe(OID.secp256k1);
  });

  test.each(['P-224', 'SM2', 'brainpoolP256r1'])('crv %s → ec_curve_unsupported naming it', (crv) => {
    expect(expectCode(() => decodeJwk(json({ ...ec['P-256']!.jwk, crv })), 'ec_curve_unsupported').facts.curve).toBe(crv);
  });

  // issue 9: P-384 and P-521 are key types now; x and y are the curve's full field size (RFC 7518 §6.2.1.2)
  test.each([
    ['P-384', OID.secp384r1, 48],
    ['P-521', OID.secp521r1, 66],
  ] as const)('a real %s JWK decodes; a coordinate one byte short → jwk_invalid', (crv, oid, size) => {
    const jwk = jwkOf(ecKey(crv));
    const k = decodeJwk(json(jwk)) as EcPrivateComponents;
    expect(k.curveOid).toBe(oid);
    expect(k.publicKey!.length).toBe(1 + 2 * size);
    const short = Buffer.from(jwk.x!, 'base64url').subarray(1).toString('base64url');
    expect(expectCode(() => decodeJwk(json({ ...jwk, x: short })), 'jwk_invalid').facts).toMatchObject({ field: 'x', length: size - 1 });
  });

  test('a crv that is not a plain name is not repeated in the error', () => {
    const e = expectCode(() => decodeJwk(json({ ...ec['P-256']!.jwk, crv: '<img src=x>' })), 'ec_curve_unsupported');
    expect(e.facts.curve).toBe('unknown');
  });

  test('no d → key_is_public', () => {
    const { d: _, ...pub } = ec['P-256']!.jwk;
    expect(expectCode(() => decodeJwk(json(pub)), 'key_is_public').facts.found).toBe('an EC P-256 public key (JWK)');
  });

  test.each(['x', 'y'])('%s not 32 bytes → jwk_invalid', (field) => {
    const short = Buffer.from(ec['P-256']!.jwk[field]!, 'base64url').subarray(1).toString('base64url');
    const e = expectCode(() => decodeJwk(json({ ...ec['P-256']!.jwk, [field]: short })), 'jwk_invalid');
    expect(e.facts).toMatchObject({ field, length: 31 });
  });

  test.each(['x', 'y', 'crv'])('missing %s → jwk_invalid', (field) => {
    const { [field]: _, ...rest } = ec['P-256']!.jwk;
    expect(expectCode(() => decodeJwk(json(rest)), 'jwk_invalid').facts.field).toBe(field);
  });
});

describe('decodeJwk: other key types', () => {
  test.each([
    ['Ed448', 'ED448'],
    ['X25519', 'X25519'],
  ])('OKP %s → key_algorithm_unsupported', (name, alg) => {
    const e = expectCode(() => decodeJwk(json(jwkOf(genpkey('-algorithm', alg)))), 'key_algorithm_unsupported');
    expect(e.facts.found).toBe(name);
  });

  test('oct (a symmetric key) → key_algorithm_unsupported', () => {
    expectCode(() => decodeJwk(json({ kty: 'oct', k: 'AAAA' })), 'key_algorithm_unsupported');
  });
});

describe('decodeJwk: strict base64url and JSON', () => {
  const d = () => ec['P-256']!.jwk.d!;
  test.each([
    ['padding', () => d() + '='],
    ['standard alphabet', () => d().replace(/^./, '+')],
    ['whitespace', () => d().slice(0, 10) + ' ' + d().slice(10)],
    ['empty', () => ''],
    ['a length no base64 has', () => d() + 'AA'],
    ['non-zero unused bits in the last character', () => d().slice(0, -1) + (d().at(-1) === 'B' ? 'C' : 'B')],
    ['a number', () => 12345 as unknown as string],
  ])('d with %s → jwk_invalid', (_, value) => {
    expect(expectCode(() => decodeJwk(json({ ...ec['P-256']!.jwk, d: value() })), 'jwk_invalid').facts.field).toBe('d');
  });

  test.each([
    ['not JSON', '{kty: RSA}'],
    ['truncated JSON', '{"kty":"EC"'],
    ['an array', '[{"kty":"EC"}]'],
    ['null', 'null'],
    ['a string', '"EC"'],
    ['no kty', '{"crv":"P-256"}'],
    ['a JWK Set', '{"keys":[]}'],
  ])('%s → jwk_invalid', (_, text) => {
    expectCode(() => decodeJwk(text), 'jwk_invalid');
  });

  test('a BOM and surrounding whitespace are fine', () => {
    expect(decodeJwk('\uFEFF \n' + json(ec['P-256']!.jwk) + '\n').kind).toBe('ec');
  });

  test('oversized text → input_too_large; not a string → input_type', () => {
    expectCode(() => decodeJwk(' '.repeat(MAX_INPUT_BYTES + 1)), 'input_too_large');
    expectCode(() => decodeJwk(42 as unknown as string), 'input_type');
  });
});
