// Issue 9, spec §4.1–§4.2: wrapping keys RSA_2048/3072/4096 and EC_SM2, as SPKI or PKCS#1, PEM/DER/base64 or
// base64 of a PEM; the result is provider-neutral.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTargetKey, parseWrappingPublicKey, wrapKeyMaterial } from '../../src/lib/index.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

const tmp = scratch('byok-wk-');
afterAll(() => tmp.dispose());
const sha = (b: Uint8Array) => openssl(['dgst', '-sha256', '-r'], b).toString().slice(0, 64);
const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');

const rsa = {} as Record<2048 | 3072 | 4096 | 1024, { spkiDer: Uint8Array; spkiPem: string; pkcs1Der: Uint8Array; pkcs1Pem: string }>;
beforeAll(() => {
  for (const bits of [1024, 2048, 3072, 4096] as const) {
    const path = tmp.path(`rsa${bits}.pem`);
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', path]);
    rsa[bits] = {
      spkiDer: new Uint8Array(openssl(['pkey', '-in', path, '-pubout', '-outform', 'DER'])),
      spkiPem: openssl(['pkey', '-in', path, '-pubout']).toString(),
      pkcs1Der: new Uint8Array(openssl(['rsa', '-in', path, '-RSAPublicKey_out', '-outform', 'DER'])),
      pkcs1Pem: openssl(['rsa', '-in', path, '-RSAPublicKey_out']).toString(),
    };
  }
}, 120_000);

describe('RSA wrapping keys of every size, SPKI and PKCS#1', () => {
  test.each([2048, 3072, 4096] as const)('RSA %i: every form gives one spec, one SPKI, one fingerprint (OpenSSL SPKI)', (bits) => {
    const k = rsa[bits];
    expect(k.pkcs1Pem).toContain('-----BEGIN RSA PUBLIC KEY-----');
    const forms: [string, string | Uint8Array, string, string][] = [
      ['SPKI PEM', k.spkiPem, 'pem', 'spki'],
      ['SPKI DER', k.spkiDer, 'der', 'spki'],
      ['SPKI base64', b64(k.spkiDer), 'base64', 'spki'],
      ['base64 of the SPKI PEM', b64(k.spkiPem), 'base64', 'spki'],
      ['PKCS#1 PEM', k.pkcs1Pem, 'pem', 'pkcs1'],
      ['PKCS#1 DER', k.pkcs1Der, 'der', 'pkcs1'],
      ['PKCS#1 base64', b64(k.pkcs1Der), 'base64', 'pkcs1'],
      ['base64 of the PKCS#1 PEM', b64(k.pkcs1Pem), 'base64', 'pkcs1'],
    ];
    for (const [name, input, source, container] of forms) {
      const w = parseWrappingPublicKey(input);
      expect(w.spec, name).toBe(`RSA_${bits}`);
      expect(Buffer.from(w.spki).equals(Buffer.from(k.spkiDer)), name).toBe(true);
      expect(w.sha256, name).toBe(sha(k.spkiDer));
      expect(w.source, name).toBe(source);
      expect(w.container, name).toBe(container);
      // Alibaba's algorithm only where Alibaba issues the key
      expect(w.algorithm, name).toBe(bits === 2048 ? 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' : undefined);
    }
  });

  test('an RSA_3072 wrapping key under Alibaba asymmetric import → algorithm_mismatch, before any output', async () => {
    const w = parseWrappingPublicKey(rsa[3072].spkiPem);
    const target = await generateTargetKey('EC_P256');
    expect((await expectCode(wrapKeyMaterial(w, target), 'algorithm_mismatch')).facts.spec).toBe('RSA_3072');
    await expectCode(wrapKeyMaterial(w, target, 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD'), 'algorithm_mismatch');
  });

  test('RSA 1024 in every form → wrapping_key_unsupported naming its size', async () => {
    for (const input of [rsa[1024].spkiPem, rsa[1024].pkcs1Pem, rsa[1024].pkcs1Der, b64(rsa[1024].pkcs1Der), b64(rsa[1024].pkcs1Pem)]) {
      const e = await expectCode(() => parseWrappingPublicKey(input), 'wrapping_key_unsupported');
      expect(e.facts.bits).toBe(1024);
    }
  });

  test('damaged PKCS#1 and a base64 PEM of a certificate or private key are rejected as before', async () => {
    const pem = rsa[2048].pkcs1Pem;
    const body = pem.split('\n').slice(1, -2).join('');
    await expectCode(() => parseWrappingPublicKey(`-----BEGIN RSA PUBLIC KEY-----\n${body.slice(0, 40)}\n-----END RSA PUBLIC KEY-----\n`), 'der_truncated');
    await expectCode(() => parseWrappingPublicKey(new Uint8Array([...rsa[2048].pkcs1Der, 0])), 'der_trailing_data');
    const path = tmp.path('rsa2048.pem');
    const cert = openssl(['req', '-x509', '-key', path, '-subj', '/CN=x', '-days', '1']).toString();
    await expectCode(() => parseWrappingPublicKey(b64(cert)), 'wrapping_key_is_certificate');
    await expectCode(() => parseWrappingPublicKey(b64(openssl(['pkey', '-in', path]).toString())), 'wrapping_key_is_private_key');
    await expectCode(() => parseWrappingPublicKey(b64(openssl(['rsa', '-in', path, '-traditional']).toString())), 'wrapping_key_is_private_key');
  });

  test('EC_SM2 keeps its algorithm; other curves are still refused', async () => {
    const sm2 = openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'])).toString();
    expect(parseWrappingPublicKey(b64(sm2))).toMatchObject({ spec: 'EC_SM2', algorithm: 'SM2PKE_SM4_ECB', container: 'spki', source: 'base64' });
    const p384 = openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'])).toString();
    expect((await expectCode(() => parseWrappingPublicKey(p384), 'wrapping_key_unsupported')).facts.curve).toBe('P-384');
  });
});
