// Acceptance 1 and 5: generated TAKs for every spec, wrapped by us, unwrapped by the OpenSSL CLI only.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { comparePublicKey, comparePublicKeys, encodeKeyMaterial, exportTargetKey, generateTargetKey, parseWrappingPublicKey, wrapKeyMaterial, type AsymmetricKeySpec as KeySpec } from '../src/lib/index.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl, scratch } from './helpers/openssl.ts';
import { publicPemOf, sm2Sec1FromScalar } from './helpers/keys.ts';
import { makeIwk, unwrapWithOpenssl, type Iwk } from './helpers/unwrap.ts';

const tmp = scratch();
let rsaIwk: Iwk;
let sm2Iwk: Iwk;
beforeAll(() => {
  rsaIwk = makeIwk('rsa', tmp);
  sm2Iwk = makeIwk('sm2', tmp);
});
afterAll(() => tmp.dispose());

type Form = 'pem' | 'der' | 'base64';
const FORMS: Form[] = ['pem', 'der', 'base64'];
function iwkInput(iwk: Iwk, form: Form): string | Uint8Array {
  if (form === 'pem') return iwk.pubPem.replace(/\n/g, '\r\n'); // CRLF as a Windows download would have it
  if (form === 'der') return new Uint8Array(iwk.pubDer);
  return iwk.pubDer.toString('base64');
}

const RUNS: Partial<Record<KeySpec, number>> = { RSA_2048: 3, RSA_3072: 3, RSA_4096: 3, EC_P256: 6, EC_P256K: 6, EC_SM2: 6 };

describe.each(Object.keys(RUNS) as KeySpec[])('%s generated, wrapped, unwrapped by OpenSSL', (spec) => {
  const iwk = () => (spec === 'EC_SM2' ? sm2Iwk : rsaIwk);
  test.each(Array.from({ length: RUNS[spec]! }, (_, i) => [i, FORMS[i % 3]!] as const))('run %i, wrapping key as %s', async (_i, form) => {
    const wrappingKey = parseWrappingPublicKey(iwkInput(iwk(), form));
    expect(wrappingKey.sha256).toBe(openssl(['dgst', '-sha256', '-r'], iwk().pubDer).toString().slice(0, 64));
    const target = await generateTargetKey(spec);
    expect(target.spec).toBe(spec);
    const material = await wrapKeyMaterial(wrappingKey, target);
    const material2 = await wrapKeyMaterial(wrappingKey, target);
    expect(Buffer.from(material).equals(Buffer.from(material2))).toBe(false); // fresh ESK each time

    for (const m of [material, material2]) {
      const { esk, tak } = unwrapWithOpenssl(m, iwk());
      const t = scratch('byok-tak-');
      try {
        if (spec === 'EC_SM2') {
          expect(esk.length).toBe(16);
          expect(m.length).toBe(145);
          expect(tak.length).toBe(32);
          // D → SEC1 by a hand template → OpenSSL derives the public key; must equal ours
          t.write('tak.der', sm2Sec1FromScalar(tak));
          expect(publicPemOf(['-inform', 'DER', '-in', t.path('tak.der')])).toBe(target.publicKeyPem);
        } else {
          expect(esk.length).toBe(32);
          expect(m.length).toBe(256 + 16 * Math.ceil((tak.length + 1) / 16));
          t.write('tak.der', tak);
          // OpenSSL must read the plaintext as PKCS#8 and find the same public key
          expect(publicPemOf(['-inform', 'DER', '-in', t.path('tak.der')])).toBe(target.publicKeyPem);
          const asn1 = openssl(['asn1parse', '-inform', 'DER', '-in', t.path('tak.der')]).toString();
          expect(asn1).toMatch(spec.startsWith('RSA') ? /rsaEncryption/ : /id-ecPublicKey/);
          if (spec.startsWith('RSA')) {
            const bits = openssl(['pkey', '-inform', 'DER', '-in', t.path('tak.der'), '-text', '-noout']).toString();
            expect(bits).toContain(`(${spec.slice(4)} bit`);
            openssl(['rsa', '-inform', 'DER', '-in', t.path('tak.der'), '-check', '-noout']);
          } else {
            expect(asn1).toContain(spec === 'EC_P256' ? 'prime256v1' : 'secp256k1');
            openssl(['ec', '-inform', 'DER', '-in', t.path('tak.der'), '-check', '-noout']);
          }
        }
      } finally {
        t.dispose();
      }
    }
    expect(encodeKeyMaterial(material)).toBe(Buffer.from(material).toString('base64'));
    target.dispose();
  });
});

describe('wrap rejections (spec §1): code asserted, no material produced', () => {
  test('algorithm does not fit the wrapping key', async () => {
    const t = await generateTargetKey('EC_P256');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(rsaIwk.pubPem), t, 'SM2PKE_SM4_ECB'), 'algorithm_mismatch');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(sm2Iwk.pubPem), t, 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD'), 'algorithm_mismatch');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(rsaIwk.pubPem), t, 'AES_256' as never), 'algorithm_mismatch');
  });
  test('target spec not carried by the algorithm', async () => {
    const sm2 = await generateTargetKey('EC_SM2');
    const p256 = await generateTargetKey('EC_P256');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(rsaIwk.pubPem), sm2), 'spec_not_supported_by_algorithm');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(sm2Iwk.pubPem), p256), 'spec_not_supported_by_algorithm');
  });
  test('caller-built wrapping key objects are re-validated from their SPKI', async () => {
    const t = await generateTargetKey('EC_P256');
    const forged = { ...parseWrappingPublicKey(sm2Iwk.pubPem), spec: 'RSA_2048' as const, algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' as const };
    await expectCode(wrapKeyMaterial(forged, t), 'spec_not_supported_by_algorithm');
    const p384 = new Uint8Array(openssl(['pkey', '-pubout', '-outform', 'DER'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'])));
    await expectCode(wrapKeyMaterial({ ...parseWrappingPublicKey(rsaIwk.pubPem), spki: p384 }, t), 'wrapping_key_unsupported');
    await expectCode(wrapKeyMaterial(null as never, t), 'input_type');
    await expectCode(wrapKeyMaterial(parseWrappingPublicKey(rsaIwk.pubPem), { spec: 'EC_P256' } as never), 'input_type');
  });
});

describe('verify after import (spec §6.2)', () => {
  test('KMS public key as PEM, DER, base64 matches; another key does not', async () => {
    for (const spec of ['RSA_2048', 'EC_P256K', 'EC_SM2'] as KeySpec[]) {
      const t = await generateTargetKey(spec);
      const pemPath = tmp.write(`verify-${spec}.pem`, t.publicKeyPem);
      const der = openssl(['pkey', '-pubin', '-in', pemPath, '-outform', 'DER']);
      for (const input of [t.publicKeyPem, new Uint8Array(der), der.toString('base64')]) {
        const r = comparePublicKey(t, input);
        expect(r.matches).toBe(true);
        expect(r.expectedSha256).toBe(t.publicKeySha256);
      }
      const other = await generateTargetKey(spec);
      expect(comparePublicKey(t, other.publicKeyPem).matches).toBe(false);
    }
  });
  test('compressed EC point from KMS still matches (compared by value)', async () => {
    const t = await generateTargetKey('EC_P256');
    const pemPath = tmp.write('verify-compressed.pem', t.publicKeyPem);
    const compressed = openssl(['ec', '-pubin', '-in', pemPath, '-conv_form', 'compressed', '-pubout']).toString();
    expect(compressed).not.toBe(t.publicKeyPem);
    expect(comparePublicKey(t, compressed).matches).toBe(true);
  });
  test('without the private key: the saved target public key against the KMS one (comparePublicKeys)', async () => {
    for (const spec of ['RSA_3072', 'EC_P256', 'EC_SM2'] as KeySpec[]) {
      const t = await generateTargetKey(spec);
      const saved = t.publicKeyPem;
      t.dispose();
      const pemPath = tmp.write(`saved-${spec}.pem`, saved);
      const kmsDer = openssl(['pkey', '-pubin', '-in', pemPath, '-outform', 'DER']); // what KMS would report, via OpenSSL
      const r = comparePublicKeys(saved, new Uint8Array(kmsDer));
      expect(r.matches).toBe(true);
      expect(r.expectedSha256).toBe(openssl(['dgst', '-sha256', '-r'], kmsDer).toString().slice(0, 64));
      expect(comparePublicKeys(saved, (await generateTargetKey(spec)).publicKeyPem).matches).toBe(false);
    }
    const p256 = await generateTargetKey('EC_P256');
    const compressed = openssl(['ec', '-pubin', '-in', tmp.write('saved-c.pem', p256.publicKeyPem), '-conv_form', 'compressed', '-pubout']).toString();
    expect(comparePublicKeys(compressed, p256.publicKeyPem).matches).toBe(true); // either side may be compressed
    await expectCode(() => comparePublicKeys('not a key!', p256.publicKeyPem), 'base64_invalid');
    const privatePem = await exportTargetKey(p256);
    // step 6 talks about public keys: a private key or certificate there is named as "not a public key"
    const e = await expectCode(() => comparePublicKeys(privatePem, p256.publicKeyPem), 'public_key_expected');
    expect(e.facts.label).toBe('PRIVATE KEY');
    const privateDer = openssl(['pkey', '-outform', 'DER'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']));
    const d = await expectCode(() => comparePublicKey(p256, new Uint8Array(privateDer)), 'public_key_expected');
    expect(d.message).toMatch(/^this is not a public key \(it is an? .*private key.*\)$/);
  });
  test('garbage is a typed error', async () => {
    const t = await generateTargetKey('EC_P256');
    await expectCode(() => comparePublicKey(t, 'hello, world!'), 'base64_invalid');
    await expectCode(() => comparePublicKey(t, ''), 'input_empty');
  });
});
