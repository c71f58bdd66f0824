// Every provider × algorithm × a target of each key family it allows (docs/spec.md §20), wrapped through the public
// API and unwrapped by the OpenSSL 3 CLI only, by construction (research §3: V1 direct OAEP, V3 OAEP ‖ KWP with the
// RSA block length from the wrapping key, V4 Alibaba AES-ECB, V5 SM2 DER, V6 Alibaba SM2 + SM4-ECB). The plaintext
// must equal the target: the secret's bytes, the PKCS#8 DER (`openssl pkey -inform DER` must also read it), or the
// private scalar as OpenSSL prints it. pyca is a second implementation for the OAEP part. Cases run concurrently;
// wrapping keys and targets are made once for the file.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  KEY_SPEC_INFO,
  PROVIDERS,
  exportTargetKey,
  generateTargetKey,
  parseWrappingPublicKey,
  wrapKeyMaterial,
  type KeySpec,
  type Provider,
  type ProviderAlgorithm,
  type TargetKey,
  type WrappingPublicKey,
} from '../../src/lib/index.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { makeRsaWrappingKeys, oaepDecryptArgs, opensslAsync, scratch } from '../helpers/openssl.ts';
import { pyca } from '../helpers/pyca.ts';
import { recipeFor as vendorRecipe, scalarOfPkcs8, unwrapWithRecipe, type Recipe, type Unwrapped } from '../helpers/unwrap-oracle.ts';

type RsaBits = 2048 | 3072 | 4096;
type WrappingSpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_SM2';
const BITS: Readonly<Record<Exclude<WrappingSpec, 'EC_SM2'>, RsaBits>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

const tmp = scratch('byok-providers-');
const wrapping = new Map<WrappingSpec, { privPath: string; key: WrappingPublicKey; modulusLength: number }>();
const targets = new Map<KeySpec, { key: TargetKey; expected: Buffer; pkcs8?: Buffer }>();

/** One representative of each key family an algorithm carries (a secret of each cipher, RSA, EC, Ed25519). */
function representatives(keySpecs: readonly KeySpec[]): KeySpec[] {
  const byFamily = new Map<string, KeySpec>();
  const preference: KeySpec[] = ['AES_256', 'SM4', 'HMAC_256', 'RSA_2048', 'EC_P384', 'EC_SM2', 'EC_P256', 'ED25519'];
  for (const spec of [...preference.filter((s) => keySpecs.includes(s)), ...keySpecs]) {
    const info = KEY_SPEC_INFO[spec];
    const family = spec === 'EC_SM2' ? 'sm2' : info.family;
    if (!byFamily.has(family)) byFamily.set(family, spec);
  }
  return [...byFamily.values()];
}

interface Case {
  provider: Provider;
  algorithm: ProviderAlgorithm;
  wrappingSpec: WrappingSpec;
  keySpec: KeySpec;
}

/** Every (provider, algorithm entry, family) once; the wrapping key size rotates through those the entry takes. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const provider of Object.values(PROVIDERS)) {
    for (const algorithm of provider.algorithms) {
      representatives(algorithm.keySpecs).forEach((keySpec, i) => {
        const wrappingSpec = algorithm.wrappingKeySpecs[i % algorithm.wrappingKeySpecs.length] as WrappingSpec;
        out.push({ provider, algorithm, wrappingSpec, keySpec });
      });
    }
  }
  return out;
}
const CASES = cases();
const NEEDED_TARGETS = [...new Set(CASES.map((c) => c.keySpec)), 'EC_P521', 'RSA_3072', 'HMAC_512'] as KeySpec[];

beforeAll(async () => {
  const rsa = await makeRsaWrappingKeys(tmp, [2048, 3072, 4096] as const);
  for (const [spec, bits] of Object.entries(BITS) as [Exclude<WrappingSpec, 'EC_SM2'>, RsaBits][])
    wrapping.set(spec, { privPath: rsa[bits].privPath, key: parseWrappingPublicKey(rsa[bits].spki), modulusLength: bits / 8 });
  const sm2Path = tmp.path('sm2.pem');
  await opensslAsync(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', sm2Path]);
  const sm2Pub = await opensslAsync(['pkey', '-in', sm2Path, '-pubout']);
  wrapping.set('EC_SM2', { privPath: sm2Path, key: parseWrappingPublicKey(sm2Pub.toString()), modulusLength: 0 });

  await Promise.all(
    NEEDED_TARGETS.map(async (spec) => {
      const key = await generateTargetKey(spec);
      if (key.kind === 'secret') {
        targets.set(spec, { key, expected: Buffer.from(await exportTargetKey(key), 'hex') });
      } else {
        const pem = await exportTargetKey(key);
        const pkcs8 = await opensslAsync(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], pem); // OpenSSL re-encodes it: byte-equal is checked below
        targets.set(spec, { key, expected: pkcs8, pkcs8 });
      }
    }),
  );
}, 180_000);
afterAll(() => {
  for (const t of targets.values()) t.key.dispose();
  tmp.dispose();
});

const opensslHash = (hash: string) => hash.replace('-', '').toLowerCase();

/** The private scalar of a PKCS#8 key as OpenSSL prints it (`priv:`), left-padded to `length` bytes. */
async function opensslScalar(pkcs8: Buffer, length: number): Promise<Buffer> {
  const scalar = await scalarOfPkcs8(pkcs8);
  expect(scalar.length).toBe(length);
  return scalar;
}

/**
 * The vendors' own recipes live in tests/helpers/unwrap-oracle.ts, written there independently of
 * src/lib/providers (so a wrong entry there fails this test): research §3 V1–V6 and §4, docs/spec.md §20.
 */
const recipeFor = (c: Case): Recipe => vendorRecipe(c.provider.id, c.algorithm.name, KEY_SPEC_INFO[c.keySpec].kind === 'secret');

/** Unwrap `material` with the OpenSSL CLI alone, by the vendor's recipe; returns the plaintext and the OAEP block. */
function unwrap(c: Case, material: Uint8Array): Promise<Unwrapped> {
  return unwrapWithRecipe(recipeFor(c), material, wrapping.get(c.wrappingSpec)!.privPath);
}

/** Direct OAEP carries at most k − 2·hLen − 2 bytes (RFC 8017 §7.1.1): the cases that must be refused instead. */
function fitsDirectOaep(c: Case, plaintextLength: number): boolean {
  const e = recipeFor(c);
  if (e.shape !== 'rsa-oaep') return true;
  const hLen = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[e.hash];
  return plaintextLength <= wrapping.get(c.wrappingSpec)!.modulusLength - 2 * hLen - 2;
}

const SHAPES = [...new Set(CASES.map((c) => c.algorithm.construction.shape))];

describe.each(SHAPES)('%s: every provider algorithm of this construction, unwrapped by OpenSSL', (shape) => {
  const mine = CASES.filter((c) => c.algorithm.construction.shape === shape);
  test('every algorithm of every provider has a vendor recipe in this test', () => {
    for (const c of mine) expect(recipeFor(c).shape, `${c.provider.id} ${c.algorithm.name}`).toBeDefined();
  });
  test(`${mine.length} cases: ${[...new Set(mine.map((c) => c.provider.id))].join(', ')}`, async () => {
    const oaepChecks: { block: Uint8Array; plain: Buffer; hash: string; privPath: string; label: string }[] = [];
    await Promise.all(
      mine.map(async (c) => {
        const label = `${c.provider.id} ${c.algorithm.name} ${c.wrappingSpec} ${c.keySpec}`;
        const target = targets.get(c.keySpec)!;
        const choice = { provider: c.provider.id, algorithm: c.algorithm.name };
        const encoding = target.key.kind === 'secret' ? 'raw' : (c.algorithm.asymmetricPlaintext ?? 'pkcs8');
        const plaintextLength = encoding === 'pkcs8' ? target.pkcs8!.length : target.expected.length;
        if (encoding !== 'scalar' && !fitsDirectOaep(c, plaintextLength)) {
          await expectCode(wrapKeyMaterial(wrapping.get(c.wrappingSpec)!.key, target.key, choice), 'key_too_large_for_algorithm');
          return;
        }
        const material = await wrapKeyMaterial(wrapping.get(c.wrappingSpec)!.key, target.key, choice);
        const { plaintext, oaepBlock, oaepPlain } = await unwrap(c, material);
        if (encoding === 'scalar') {
          const scalar = await opensslScalar(target.pkcs8!, plaintext.length);
          expect(plaintext.toString('hex'), label).toBe(scalar.toString('hex'));
        } else {
          expect(plaintext.toString('hex'), label).toBe(target.expected.toString('hex'));
          if (encoding === 'pkcs8') await opensslAsync(['pkey', '-inform', 'DER', '-noout'], plaintext);
        }
        const recipe = recipeFor(c);
        if (oaepBlock && oaepPlain && 'hash' in recipe)
          oaepChecks.push({ block: oaepBlock, plain: oaepPlain, hash: recipe.hash, privPath: wrapping.get(c.wrappingSpec)!.privPath, label });
      }),
    );
    // pyca/cryptography as a second implementation of every OAEP block above
    if (oaepChecks.length > 0) {
      const answers = pyca(oaepChecks.map((o) => ({ op: 'oaep-decrypt' as const, key: o.privPath, hash: o.hash, data: o.block })));
      answers.forEach((a, i) => expect('ok' in a ? Buffer.from(a.ok).toString('hex') : a.error, oaepChecks[i]!.label).toBe(oaepChecks[i]!.plain.toString('hex')));
    }
  });
});

describe('the exact OpenSSL commands of research §2.5: MGF1 defaults to the OAEP hash', () => {
  test('AWS RSAES_OAEP_SHA_256 material decrypts with only rsa_oaep_md:sha256 given, as AWS documents it', async () => {
    const w = wrapping.get('RSA_4096')!;
    const target = targets.get('AES_256')!;
    const material = await wrapKeyMaterial(w.key, target.key, { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256' });
    const out = await opensslAsync(['pkeyutl', '-decrypt', '-inkey', w.privPath, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256'], material);
    expect(out.toString('hex')).toBe(target.expected.toString('hex'));
    // and a mismatched MGF1 hash is refused by OpenSSL: the material really is MGF1-SHA-256
    await expect(opensslAsync([...oaepDecryptArgs(w.privPath, 'SHA-256').slice(0, -1), `rsa_mgf1_md:${opensslHash('SHA-1')}`], material)).rejects.toThrow();
  });
});

describe('refused pairs (spec §20): a typed code, no material', () => {
  const t = (spec: KeySpec) => targets.get(spec)!.key;
  const w = (spec: WrappingSpec) => wrapping.get(spec)!.key;
  test.each([
    ['AWS: an RSA_3072 target under direct RSAES_OAEP_SHA_256', () => wrapKeyMaterial(w('RSA_4096'), t('RSA_3072'), { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256' }), 'spec_not_supported_by_algorithm'],
    ['AWS: an HMAC key under RSA_AES_KEY_WRAP_SHA_256', () => wrapKeyMaterial(w('RSA_4096'), t('HMAC_256'), { provider: 'aws', algorithm: 'RSA_AES_KEY_WRAP_SHA_256' }), 'spec_not_supported_by_algorithm'],
    ['AWS: a P-521 key under RSA_2048 + direct OAEP (241-byte PKCS#8 > 190)', () => wrapKeyMaterial(w('RSA_2048'), t('EC_P521'), { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256' }), 'key_too_large_for_algorithm'],
    ['Vault: a wrapping key that is not RSA-4096', () => wrapKeyMaterial(w('RSA_3072'), t('AES_256'), { provider: 'vault', algorithm: 'SHA256' }), 'algorithm_mismatch'],
    ['Google: a 3072 method with a 4096-bit wrapping key', () => wrapKeyMaterial(w('RSA_4096'), t('AES_256'), { provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256_AES_256' }), 'algorithm_mismatch'],
    ['Google: an RSA target under a direct method', () => wrapKeyMaterial(w('RSA_3072'), t('RSA_2048'), { provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256' }), 'spec_not_supported_by_algorithm'],
    ['Google: an RSA_2048 wrapping key', () => wrapKeyMaterial(w('RSA_2048'), t('AES_256'), { provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256_AES_256' }), 'algorithm_mismatch'],
    ['Alibaba: an SM2 target under an RSA wrapping key', () => wrapKeyMaterial(w('RSA_2048'), t('EC_SM2'), { provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' }), 'spec_not_supported_by_algorithm'],
    ['Alibaba: an HMAC key (Alibaba imports none)', () => wrapKeyMaterial(w('RSA_2048'), t('HMAC_256'), { provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256' }), 'spec_not_supported_by_algorithm'],
    ['Alibaba: RSAES_PKCS1_V1_5 is not offered', () => wrapKeyMaterial(w('RSA_2048'), t('AES_256'), { provider: 'alibaba', algorithm: 'RSAES_PKCS1_V1_5' }), 'algorithm_unknown'],
    ['Azure: a secret under an SM2 wrapping key', () => wrapKeyMaterial(w('EC_SM2'), t('AES_256'), { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP' }), 'algorithm_mismatch'],
    ['Tencent: an asymmetric key', () => wrapKeyMaterial(w('RSA_2048'), t('EC_P256'), { provider: 'tencent', algorithm: 'RSAES_OAEP_SHA_256' }), 'spec_not_supported_by_algorithm'],
    ['OCI: an EC key (ECDSA keys cannot be imported)', () => wrapKeyMaterial(w('RSA_4096'), t('EC_P256'), { provider: 'oci', algorithm: 'RSA_OAEP_AES_SHA256' }), 'spec_not_supported_by_algorithm'],
    ['a provider that does not exist', () => wrapKeyMaterial(w('RSA_2048'), t('AES_256'), { provider: 'ibm' as never, algorithm: 'RSAES_OAEP_SHA_256' }), 'provider_unknown'],
    ['a secret with no provider choice (Alibaba asymmetric import by default)', () => wrapKeyMaterial(w('RSA_2048'), t('AES_256')), 'spec_not_supported_by_algorithm'],
  ] as const)('%s', async (_name, call, code) => {
    await expectCode(call, code);
  });

  test('a refusal draws no random byte', async () => {
    const original = crypto.getRandomValues.bind(crypto);
    let draws = 0;
    crypto.getRandomValues = ((a: ArrayBufferView) => {
      draws++;
      return original(a as Uint8Array<ArrayBuffer>);
    }) as typeof crypto.getRandomValues;
    try {
      await expectCode(wrapKeyMaterial(w('RSA_2048'), t('EC_P521'), { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256' }), 'key_too_large_for_algorithm');
      await expectCode(wrapKeyMaterial(w('RSA_3072'), t('AES_256'), { provider: 'vault', algorithm: 'SHA256' }), 'algorithm_mismatch');
    } finally {
      crypto.getRandomValues = original;
    }
    expect(draws).toBe(0);
  });
});

describe('Alibaba symmetric import (issue 9): Aliyun_AES_256 and Aliyun_SM4, generated and loaded', () => {
  test('every offered algorithm, keys loaded from hex, base64 and raw binary, unwrapped by OpenSSL', async () => {
    const { parseTargetKey } = await import('../../src/lib/index.ts');
    const algorithms = PROVIDERS.alibaba.algorithms.filter((a) => a.keySpecs.includes('AES_256'));
    expect(algorithms.map((a) => a.name)).toEqual(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'SM2PKE']);
    const jobs: Promise<void>[] = [];
    for (const spec of ['AES_256', 'SM4'] as const) {
      const raw = crypto.getRandomValues(new Uint8Array(KEY_SPEC_INFO[spec].byteLength));
      const forms: (string | Uint8Array)[] = [Buffer.from(raw).toString('hex'), Buffer.from(raw).toString('base64'), raw.slice(), ` ${Buffer.from(raw).toString('hex').replace(/(.{8})/g, '$1\n')} `];
      for (const form of forms)
        for (const algorithm of algorithms)
          jobs.push(
            (async () => {
              const key = await parseTargetKey(form, { spec });
              const wrappingSpec = algorithm.wrappingKeySpecs[0] as WrappingSpec;
              const material = await wrapKeyMaterial(wrapping.get(wrappingSpec)!.key, key, { provider: 'alibaba', algorithm: algorithm.name });
              if (wrappingSpec === 'RSA_2048') expect(material.length).toBe(256);
              else expect(material.length).toBe(97 + raw.length); // raw C1‖C3‖C2 (spec §9.5.1)
              const { plaintext } = await unwrap({ provider: PROVIDERS.alibaba, algorithm, wrappingSpec, keySpec: spec }, material);
              expect(plaintext.toString('hex'), `${spec} ${algorithm.name}`).toBe(Buffer.from(raw).toString('hex'));
              key.dispose();
            })(),
          );
    }
    await Promise.all(jobs);
  });
});
