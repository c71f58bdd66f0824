// Acceptance 2: keys made by OpenSSL in every listed format are loaded, wrapped, unwrapped by OpenSSL and
// equal to the original. Plus the key layer's rejection rules (spec §3.3), each asserting its code.
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  exportTargetKey,
  generateTargetKey,
  parseTargetKey,
  parseWrappingPublicKey,
  wrapKeyMaterial,
  type AsymmetricKeySpec as KeySpec,
  type TargetKey,
} from '../src/lib/index.ts';
import { ecScalarOf, publicPemOf, sm2Sec1FromScalar } from './helpers/keys.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl, scratch } from './helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl, type Iwk } from './helpers/unwrap.ts';

const tmp = scratch();
let rsaIwk: Iwk;
let sm2Iwk: Iwk;
const PASS = 'correct horse battery staple 电池';

/** The original key as OpenSSL writes PKCS#8 DER — what the unwrapped plaintext must equal. */
const pkcs8DerOf = (path: string) => openssl(['pkcs8', '-topk8', '-nocrypt', '-in', path, '-outform', 'DER']);

interface Made {
  spec: KeySpec;
  path: string; // PKCS#8 PEM written by openssl genpkey
}
const made: Record<string, Made> = {};

beforeAll(() => {
  rsaIwk = makeIwk('rsa', tmp);
  sm2Iwk = makeIwk('sm2', tmp);
  const gen = (name: string, spec: KeySpec, args: string[]) => {
    const path = tmp.path(`${name}.pem`);
    openssl(['genpkey', ...args, '-out', path]);
    made[name] = { spec, path };
  };
  gen('rsa2048', 'RSA_2048', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  gen('rsa3072', 'RSA_3072', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072']);
  gen('rsa4096', 'RSA_4096', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096']);
  gen('p256', 'EC_P256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  gen('k256', 'EC_P256K', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']);
  gen('sm2', 'EC_SM2', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']);
}, 180_000);
afterAll(() => tmp.dispose());

type Variant = { name: string; make: (m: Made) => string | Uint8Array; passphrase?: string; rsaOnly?: boolean; ecOnly?: boolean; notSm2?: boolean };
const VARIANTS: Variant[] = [
  { name: 'PKCS#8 PEM', make: (m) => openssl(['pkey', '-in', m.path]).toString() },
  { name: 'PKCS#8 DER', make: (m) => new Uint8Array(pkcs8DerOf(m.path)) },
  { name: 'PKCS#8 PEM with CRLF, BOM and surrounding text', make: (m) => '\uFEFFmy key, do not share\r\n' + openssl(['pkey', '-in', m.path]).toString().replace(/\n/g, '\r\n') + 'end of file\r\n' },
  { name: 'PKCS#1 PEM', rsaOnly: true, make: (m) => openssl(['rsa', '-in', m.path, '-traditional']).toString() },
  { name: 'PKCS#1 DER', rsaOnly: true, make: (m) => new Uint8Array(openssl(['rsa', '-in', m.path, '-traditional', '-outform', 'DER'])) },
  { name: 'SEC1 PEM', ecOnly: true, make: (m) => openssl(['ec', '-in', m.path]).toString() },
  { name: 'SEC1 PEM with EC PARAMETERS block', ecOnly: true, make: (m) => openssl(['ec', '-in', m.path, '-param_out']).toString() + openssl(['ec', '-in', m.path]).toString() }, // as `openssl ecparam -genkey` writes
  { name: 'SEC1 PEM without public key', ecOnly: true, make: (m) => openssl(['ec', '-in', m.path, '-no_public']).toString() },
  { name: 'SEC1 DER', ecOnly: true, make: (m) => new Uint8Array(openssl(['ec', '-in', m.path, '-outform', 'DER'])) },
  {
    name: 'encrypted PKCS#8 (AES-256-CBC, PBKDF2-HMAC-SHA256)',
    passphrase: PASS,
    make: (m) => openssl(['pkcs8', '-topk8', '-in', m.path, '-v2', 'aes-256-cbc', '-iter', '10000', '-passout', `pass:${PASS}`]).toString(),
  },
  {
    name: 'encrypted PKCS#8 (AES-128-CBC, PBKDF2-HMAC-SHA1)',
    passphrase: PASS,
    make: (m) => openssl(['pkcs8', '-topk8', '-in', m.path, '-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '10000', '-passout', `pass:${PASS}`]).toString(),
  },
  {
    name: 'encrypted PKCS#8 by genpkey -aes256 (DER)',
    passphrase: PASS,
    make: (m) => new Uint8Array(openssl(['pkcs8', '-topk8', '-in', m.path, '-v2', 'aes-256-cbc', '-outform', 'DER', '-passout', `pass:${PASS}`])),
  },
  {
    name: 'JWK (from node:crypto)',
    notSm2: true,
    make: (m) => JSON.stringify(createPrivateKey(openssl(['pkey', '-in', m.path]).toString()).export({ format: 'jwk' })),
  },
];

const KEYS = ['rsa2048', 'rsa3072', 'rsa4096', 'p256', 'k256', 'sm2'];
const cases = KEYS.flatMap((k) =>
  VARIANTS.filter((v) => !(v.rsaOnly && !k.startsWith('rsa')) && !(v.ecOnly && k.startsWith('rsa')) && !(v.notSm2 && k === 'sm2')).map((v) => [k, v.name, v] as const),
);

describe('loaded OpenSSL keys wrap to exactly the original', () => {
  test.each(cases)('%s as %s', async (k, _n, v) => {
    const m = made[k]!;
    const target = await parseTargetKey(v.make(m), { passphrase: v.passphrase });
    expect(target.spec).toBe(m.spec);
    expect(target.origin).toBe('loaded');
    expect(target.publicKeyPem).toBe(publicPemOf(['-in', m.path]));
    const iwk = m.spec === 'EC_SM2' ? sm2Iwk : rsaIwk;
    const material = await wrapKeyMaterial(parseWrappingPublicKey(iwk.pubPem), target);
    const { tak } = unwrapWithOpenssl(material, iwk);
    if (m.spec === 'EC_SM2') expect(tak.toString('hex')).toBe(ecScalarOf(m.path).toString('hex'));
    else expect(tak.toString('hex')).toBe(pkcs8DerOf(m.path).toString('hex'));
    target.dispose();
  });
});

describe('SM2 scalar shorter than 32 bytes is left-padded, never zeroed (the Alibaba sample bug)', () => {
  test('D with a leading zero byte', async () => {
    const d = crypto.getRandomValues(new Uint8Array(32));
    d[0] = 0;
    d[1] = d[1]! | 1;
    const path = tmp.write('short-sm2.der', sm2Sec1FromScalar(d));
    const pem = openssl(['pkey', '-inform', 'DER', '-in', path]).toString(); // OpenSSL's own PKCS#8 of it
    const target = await parseTargetKey(pem);
    const { tak } = unwrapWithOpenssl(await wrapKeyMaterial(parseWrappingPublicKey(sm2Iwk.pubDer.toString('base64')), target), sm2Iwk);
    expect(tak.toString('hex')).toBe(Buffer.from(d).toString('hex'));
  });
});

describe('encrypted export (spec §3.4) is read by openssl pkey -passin', () => {
  test.each(['RSA_2048', 'EC_P256', 'EC_P256K', 'EC_SM2'] as KeySpec[])('%s', async (spec) => {
    const target = await generateTargetKey(spec);
    const pem = await exportTargetKey(target, { passphrase: PASS });
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const path = tmp.write(`export-${spec}.pem`, pem);
    const asn1 = openssl(['asn1parse', '-in', path]).toString();
    expect(asn1).toMatch(/PBES2/);
    expect(asn1).toMatch(/hmacWithSHA256/);
    expect(asn1).toMatch(/aes-256-cbc/);
    expect(asn1).toMatch(/INTEGER\s*:0?927C0/); // 600,000 iterations
    expect(publicPemOf(['-in', path, '-passin', `pass:${PASS}`])).toBe(target.publicKeyPem);
    // and back through our own loader
    const again = await parseTargetKey(pem, { passphrase: PASS });
    expect(again.publicKeySha256).toBe(target.publicKeySha256);
    await expectCode(parseTargetKey(pem, { passphrase: 'wrong' }), 'passphrase_wrong');
    await expectCode(parseTargetKey(pem), 'passphrase_required');
    await expectCode(exportTargetKey(target, { passphrase: '' }), 'passphrase_empty');
  });
});

describe('rejections (spec §3.3): code asserted, no key produced', () => {
  const jwkOf = (name: string) => createPrivateKey(openssl(['pkey', '-in', made[name]!.path]).toString()).export({ format: 'jwk' }) as Record<string, string>;
  const b64u = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').toString('base64url');
  const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

  test('RSA 1024 and 2047-bit moduli', async () => {
    const p = tmp.path('rsa1024.pem');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', p]);
    const e = await expectCode(parseTargetKey(openssl(['pkey', '-in', p]).toString()), 'rsa_modulus_size');
    expect(e.facts.bits).toBe(1024);
    expect(e.message).not.toMatch(/[0-9A-F]{32}/i);
  });
  test.each(['p', 'q', 'dp', 'dq', 'qi', 'd'])('RSA with tampered %s → rsa_inconsistent', async (field) => {
    const jwk = jwkOf('rsa2048');
    const v = Buffer.from(jwk[field]!, 'base64url');
    v[v.length - 1] ^= 2;
    jwk[field] = v.toString('base64url');
    await expectCode(parseTargetKey(JSON.stringify(jwk)), 'rsa_inconsistent');
  });
  test('EC scalar 0, n and > 32 bytes → ec_scalar_out_of_range', async () => {
    for (const d of [0n, P256_N, P256_N + 5n]) {
      const jwk = { kty: 'EC', crv: 'P-256', d: b64u(d), x: jwkOf('p256').x!, y: jwkOf('p256').y! };
      await expectCode(parseTargetKey(JSON.stringify(jwk)), 'ec_scalar_out_of_range');
    }
  });
  test('SM2 scalar bounds (GB/T 32918.1 §6.1: d ∈ [1, n−2]): n−2 loads and wraps, n−1 and n are rejected', async () => {
    const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
    const der = (d: bigint) => sm2Sec1FromScalar(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
    const edge = await parseTargetKey(new Uint8Array(der(SM2_N - 2n)));
    const path = tmp.write('sm2-n-2.der', der(SM2_N - 2n));
    expect(edge.publicKeyPem).toBe(publicPemOf(['-inform', 'DER', '-in', path])); // OpenSSL derives the same point
    const { tak } = unwrapWithOpenssl(await wrapKeyMaterial(parseWrappingPublicKey(sm2Iwk.pubPem), edge), sm2Iwk);
    expect(tak.toString('hex')).toBe((SM2_N - 2n).toString(16));
    for (const d of [SM2_N - 1n, SM2_N]) await expectCode(parseTargetKey(new Uint8Array(der(d))), 'ec_scalar_out_of_range');
  });
  test('public key in the file not matching the scalar → ec_public_key_mismatch', async () => {
    const a = jwkOf('p256');
    const other = createPrivateKey(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString()).export({ format: 'jwk' });
    await expectCode(parseTargetKey(JSON.stringify({ ...a, x: other.x, y: other.y })), 'ec_public_key_mismatch');
  });
  test('public point not on the curve → ec_point_invalid', async () => {
    const a = jwkOf('k256');
    const y = Buffer.from(a.y!, 'base64url');
    y[31] ^= 1;
    await expectCode(parseTargetKey(JSON.stringify({ ...a, y: y.toString('base64url') })), 'ec_point_invalid');
  });
  test.each([
    // issue 9: P-384, P-521 and Ed25519 are key types now (tests/keys/); these stay outside
    ['P-224', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-224'], 'ec_curve_unsupported', 'P-224'],
    ['brainpoolP256r1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP256r1'], 'ec_curve_unsupported', 'brainpoolP256r1'],
    ['Ed448', ['-algorithm', 'ED448'], 'key_algorithm_unsupported', 'Ed448'],
    ['X25519', ['-algorithm', 'X25519'], 'key_algorithm_unsupported', 'X25519'],
  ] as const)('%s is named in the error', async (_name, args, code, shown) => {
    const pem = openssl(['genpkey', ...args]).toString();
    const e = await expectCode(parseTargetKey(pem), code);
    expect(e.message).toContain(shown);
  });
  test('explicit curve parameters → ec_explicit_parameters', async () => {
    const pem = openssl(['ec', '-in', made.p256!.path, '-param_enc', 'explicit']).toString();
    await expectCode(parseTargetKey(pem), 'ec_explicit_parameters');
  });
  test('truncated and trailing-garbage DER', async () => {
    const der = pkcs8DerOf(made.p256!.path);
    await expectCode(parseTargetKey(new Uint8Array(der.subarray(0, der.length - 7))), 'der_truncated');
    await expectCode(parseTargetKey(new Uint8Array(Buffer.concat([der, Buffer.from([0, 0, 1])]))), 'der_trailing_data');
  });
  test('a public key or certificate is not a private key', async () => {
    await expectCode(parseTargetKey(openssl(['pkey', '-in', made.p256!.path, '-pubout']).toString()), 'key_is_public');
  });
  test('unknown spec and use after dispose', async () => {
    await expectCode(generateTargetKey('RSA_1024' as KeySpec), 'key_spec_unknown');
    const t: TargetKey = await generateTargetKey('EC_P256');
    t.dispose();
    expect(t.disposed).toBe(true);
    await expectCode(exportTargetKey(t), 'key_disposed');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(rsaIwk.pubPem), t), 'key_disposed');
  });
  test('secrets never serialise', async () => {
    const t = await generateTargetKey('EC_P256');
    const path = tmp.write('serialise.pem', await exportTargetKey(t));
    const scalarHex = ecScalarOf(path).toString('hex');
    const scalarB64 = ecScalarOf(path).toString('base64');
    const dump = JSON.stringify(t) + JSON.stringify(Object.entries(t)) + String(t);
    expect(dump).not.toContain(scalarHex);
    expect(dump).not.toContain(scalarB64);
  });
});
