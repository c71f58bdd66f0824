// Issue 9, spec §10.5–§10.6: every asymmetric key type — generated keys checked by OpenSSL, OpenSSL-made
// P-384/P-521/Ed25519 keys loaded from every format and re-exported byte-identical to OpenSSL's PKCS#8.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportTargetKey, generateTargetKey, parseTargetKey, comparePublicKey, type AsymmetricKeySpec, type AsymmetricTargetKey } from '../../src/lib/index.ts';
import { targetPlaintext } from '../../src/lib/target-key.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

const tmp = scratch('byok-keys-');
afterAll(() => tmp.dispose());
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** What OpenSSL derives as the public key of a private key file (PEM SPKI). */
const opensslPublicPem = (args: string[], input?: Uint8Array | string) => openssl(['pkey', ...args, '-pubout'], input).toString();
/** OpenSSL's own PKCS#8 of a key: the form our export must equal byte for byte. */
const opensslPkcs8 = (args: string[], input?: Uint8Array | string) => new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER', ...args], input));

const GENPKEY: Record<AsymmetricKeySpec, string[]> = {
  RSA_2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  RSA_3072: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
  RSA_4096: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096'],
  EC_P256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  EC_P384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  EC_P521: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  EC_P256K: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1'],
  EC_SM2: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'],
  ED25519: ['-algorithm', 'ED25519'],
};
const SCALAR_LENGTH: Partial<Record<AsymmetricKeySpec, number>> = { EC_P256: 32, EC_P384: 48, EC_P521: 66, EC_P256K: 32, EC_SM2: 32 };

describe('generateTargetKey: every asymmetric type, checked by OpenSSL (spec §10)', () => {
  test.each(Object.keys(GENPKEY) as AsymmetricKeySpec[])('%s', async (spec) => {
    const key = await generateTargetKey(spec);
    expect(key).toMatchObject({ spec, kind: 'asymmetric', origin: 'generated' });
    const der = pemToDer(await exportTargetKey(key));
    // OpenSSL validates the key (RSA: primes, CRT values; EC: point on curve, scalar range; Ed25519: structure)
    expect(openssl(['pkey', '-inform', 'DER', '-check', '-noout'], der).toString()).toContain('Key is valid');
    if (spec === 'ED25519') {
      expect(openssl(['pkey', '-inform', 'DER', '-text', '-noout'], der).toString()).toContain('ED25519 Private-Key');
      expect(der.length).toBe(48); // RFC 8410 v1, no public key
    }
    expect(opensslPublicPem(['-inform', 'DER'], der)).toBe(key.publicKeyPem);
    // and OpenSSL writes exactly our PKCS#8
    expect(hex(opensslPkcs8(['-inform', 'DER'], der))).toBe(hex(der));
    const n = SCALAR_LENGTH[spec];
    if (n !== undefined) {
      const scalar = targetPlaintext(key, 'scalar');
      expect(scalar.length).toBe(n);
      expect(openssl(['ec', '-inform', 'DER', '-text', '-noout'], der).toString().replace(/[\s:]/g, '')).toContain(`priv${hex(scalar)}`);
      scalar.fill(0);
    } else {
      await expectCode(async () => targetPlaintext(key, 'scalar'), 'spec_not_supported_by_algorithm');
    }
    await expectCode(async () => targetPlaintext(key, 'raw'), 'spec_not_supported_by_algorithm');
    key.dispose();
    await expectCode(async () => targetPlaintext(key, 'pkcs8'), 'key_disposed');
  }, 60_000);

  test('P-521 scalars: 66 bytes, top byte 0 or 1 (bits above bitlen(n) masked, FIPS 186-5 A.2.2), both seen', async () => {
    const tops = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const key = await generateTargetKey('EC_P521');
      const d = targetPlaintext(key, 'scalar');
      expect(d.length).toBe(66);
      tops.add(d[0]!);
      d.fill(0);
      key.dispose();
    }
    expect([...tops].sort()).toEqual([0, 1]);
  });
});

describe('OpenSSL-made P-384, P-521 and Ed25519 keys load from every format (spec §3.3, §10)', () => {
  const PASS = 'correct horse battery staple';
  const made = {} as Record<'EC_P384' | 'EC_P521' | 'ED25519', { path: string; pkcs8: Uint8Array; publicPem: string }>;
  beforeAll(() => {
    for (const spec of ['EC_P384', 'EC_P521', 'ED25519'] as const) {
      const path = tmp.path(`${spec}.pem`);
      openssl(['genpkey', ...GENPKEY[spec], '-out', path]);
      made[spec] = { path, pkcs8: opensslPkcs8(['-in', path]), publicPem: opensslPublicPem(['-in', path]) };
    }
  });

  function forms(spec: 'EC_P384' | 'EC_P521' | 'ED25519'): [string, string | Uint8Array, string?][] {
    const { path } = made[spec];
    const pem = readFileSync(path, 'utf8');
    const out: [string, string | Uint8Array, string?][] = [
      ['PKCS#8 PEM', pem],
      ['PKCS#8 DER', made[spec].pkcs8],
      ['PKCS#8 base64', Buffer.from(made[spec].pkcs8).toString('base64')],
      ['encrypted PKCS#8 (PBES2 AES-256-CBC)', openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', path, '-passout', `pass:${PASS}`]).toString(), PASS],
      ['JWK', JSON.stringify(createPrivateKey(pem).export({ format: 'jwk' }))],
    ];
    if (spec !== 'ED25519') {
      out.push(['SEC1 PEM', openssl(['ec', '-in', path]).toString()]);
      out.push(['SEC1 DER', new Uint8Array(openssl(['ec', '-in', path, '-outform', 'DER']))]);
      out.push(['SEC1 without [0] parameters, after an EC PARAMETERS block', openssl(['ecparam', '-name', spec === 'EC_P384' ? 'secp384r1' : 'secp521r1']).toString() + openssl(['ec', '-in', path, '-no_public']).toString()]);
    }
    return out;
  }

  test.each(['EC_P384', 'EC_P521', 'ED25519'] as const)('%s: each form → same key, export byte-identical to openssl pkcs8 -topk8', async (spec) => {
    for (const [name, input, passphrase] of forms(spec)) {
      const key = await parseTargetKey(input, passphrase ? { passphrase, spec } : { spec });
      expect(key.spec, name).toBe(spec);
      expect(key.publicKeyPem, name).toBe(made[spec].publicPem);
      expect(hex(pemToDer(await exportTargetKey(key))), name).toBe(hex(made[spec].pkcs8));
      expect(comparePublicKey(key, made[spec].publicPem).matches, name).toBe(true);
      key.dispose();
    }
  });

  test('encrypted export of P-521 and Ed25519 opens with openssl to the same key', async () => {
    for (const spec of ['EC_P521', 'ED25519'] as const) {
      const key = await parseTargetKey(readFileSync(made[spec].path, 'utf8'));
      const enc = await exportTargetKey(key, { passphrase: PASS });
      expect(hex(opensslPkcs8(['-passin', `pass:${PASS}`], enc))).toBe(hex(made[spec].pkcs8));
    }
  }, 60_000);

  test('an asymmetric spec that does not match the file → key_spec_mismatch', async () => {
    const e = await expectCode(parseTargetKey(readFileSync(made.EC_P384.path, 'utf8'), { spec: 'EC_P256' }), 'key_spec_mismatch');
    expect(e.facts).toMatchObject({ spec: 'EC_P256' });
    expect(e.facts.found).toContain('EC_P384');
    await expectCode(parseTargetKey(readFileSync(made.ED25519.path, 'utf8'), { spec: 'RSA_2048' }), 'key_spec_mismatch');
  });
});

describe('scalars are the curve length, never 32 bytes (spec §10.5)', () => {
  // ECPrivateKey with privateKey = 01 (a one-byte scalar) and the curve in [0]: the shortest valid encoding
  test.each([
    ['EC_P384', 'secp384r1', 48],
    ['EC_P521', 'secp521r1', 66],
  ] as const)('%s with d = 1 loads, pads to %s, and OpenSSL agrees', async (spec, curve, n) => {
    const conf = `asn1=SEQUENCE:k\n[k]\nv=INTEGER:1\nd=FORMAT:HEX,OCTETSTRING:01\np=EXP:0,OID:${curve}\n`;
    openssl(['asn1parse', '-genconf', tmp.write(`${spec}-d1.cnf`, conf), '-out', tmp.path(`${spec}-d1.der`), '-noout']);
    const der = new Uint8Array(tmp.read(`${spec}-d1.der`));
    const key = await parseTargetKey(der);
    expect(key.spec).toBe(spec);
    const d = targetPlaintext(key, 'scalar');
    expect(hex(d)).toBe('00'.repeat(n - 1) + '01');
    const ours = pemToDer(await exportTargetKey(key));
    expect(openssl(['pkey', '-inform', 'DER', '-check', '-noout'], ours).toString()).toContain('Key is valid');
    expect(opensslPublicPem(['-inform', 'DER'], ours)).toBe(key.publicKeyPem);
    expect(opensslPublicPem(['-inform', 'DER'], der)).toBe(key.publicKeyPem);
  });
});

describe('Ed25519: RFC 8410 §10 vectors (tests/vectors/ed25519-pkcs8.json)', () => {
  const v = JSON.parse(readFileSync(new URL('../vectors/ed25519-pkcs8.json', import.meta.url), 'utf8')) as {
    seed: string; publicKey: string; spki: { base64: string }; pkcs8v1: { base64: string }; pkcs8v2: { base64: string };
  };
  const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
  let fromV1: AsymmetricTargetKey;
  beforeAll(async () => {
    fromV1 = await parseTargetKey(b64(v.pkcs8v1.base64));
  });

  test('v1 loads; SPKI is the §10.1 example; export is the v1 bytes', async () => {
    expect(fromV1.spec).toBe('ED25519');
    expect(hex(fromV1.publicKeySpki)).toBe(hex(b64(v.spki.base64)));
    expect(hex(fromV1.publicKeySpki).endsWith(v.publicKey)).toBe(true);
    expect(hex(pemToDer(await exportTargetKey(fromV1)))).toBe(hex(b64(v.pkcs8v1.base64)));
    expect(hex(targetPlaintext(fromV1, 'pkcs8'))).toBe('302e020100300506032b657004220420' + v.seed);
  });

  test('v2 with an attribute and the public key loads (the public key is checked) and exports as v1', async () => {
    const key = await parseTargetKey(b64(v.pkcs8v2.base64));
    expect(key.publicKeySha256).toBe(fromV1.publicKeySha256);
    expect(hex(pemToDer(await exportTargetKey(key)))).toBe(hex(b64(v.pkcs8v1.base64)));
  });

  test('v2 without attributes, public key present; a wrong public key → ed25519_public_key_mismatch', async () => {
    const v2 = (pub: string) => Buffer.from(`3051020101300506032b657004220420${v.seed}812100${pub}`, 'hex');
    const ok = await parseTargetKey(new Uint8Array(v2(v.publicKey)));
    expect(ok.publicKeySha256).toBe(fromV1.publicKeySha256);
    const wrong = v.publicKey.slice(0, -2) + (v.publicKey.endsWith('00') ? '01' : '00');
    await expectCode(parseTargetKey(new Uint8Array(v2(wrong))), 'ed25519_public_key_mismatch');
    const shortPub = Buffer.from(`3050020101300506032b657004220420${v.seed}812000${v.publicKey.slice(0, -2)}`, 'hex');
    expect((await expectCode(parseTargetKey(new Uint8Array(shortPub)), 'der_malformed')).facts).toMatchObject({ field: 'publicKey', length: 31 });
  });

  test('rejections: parameters present, short seed, JWK with wrong x or short d', async () => {
    // AlgorithmIdentifier with NULL parameters (RFC 8410 §3: MUST be absent)
    await expectCode(parseTargetKey(new Uint8Array(Buffer.from(`3030020100300706032b65700500 04220420${v.seed}`.replace(/ /g, ''), 'hex'))), 'der_malformed');
    // CurvePrivateKey of 31 bytes
    await expectCode(parseTargetKey(new Uint8Array(Buffer.from(`302d020100300506032b65700421041f${v.seed.slice(0, 62)}`, 'hex'))), 'der_malformed');
    const jwk = { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(v.seed, 'hex').toString('base64url'), x: Buffer.from(v.publicKey, 'hex').toString('base64url') };
    expect((await parseTargetKey(JSON.stringify(jwk))).publicKeySha256).toBe(fromV1.publicKeySha256);
    const otherX = Buffer.from(v.publicKey, 'hex');
    otherX[0]! ^= 1;
    await expectCode(parseTargetKey(JSON.stringify({ ...jwk, x: otherX.toString('base64url') })), 'ed25519_public_key_mismatch');
    expect((await expectCode(parseTargetKey(JSON.stringify({ ...jwk, d: jwk.d.slice(0, 40) })), 'jwk_invalid')).facts.field).toBe('d');
    await expectCode(parseTargetKey(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: jwk.x })), 'key_is_public');
  });
});
