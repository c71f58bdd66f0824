// Issue 5: round-trip properties. exportTargetKey → parseTargetKey gives back the same key (spec and public-key
// SHA-256) for every spec, unencrypted and encrypted; wrapKeyMaterial → OpenSSL unwrap gives back the key for
// a sample per spec; and wrapKeyMaterial under damaged wrapping keys returns the full material of spec §1 or
// throws a ByokError — never partial output, never another exception.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ALIBABA_ASYMMETRIC_KEY_SPECS as KEY_SPECS,
  algorithmForTargetSpec,
  exportTargetKey,
  generateTargetKey,
  materialLength,
  parseTargetKey,
  parseWrappingPublicKey,
  wrapKeyMaterial,
  type AsymmetricKeySpec as KeySpec,
  type AsymmetricTargetKey as TargetKey,
  type WrappingPublicKey,
} from '../../src/lib/index.ts';
import { ecScalarOf, pemToDer } from '../helpers/keys.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl, type Iwk } from '../helpers/unwrap.ts';
import { genKeys, text, type KeyName } from './fixtures.ts';
import { TAG, integerContent, readTree, writeTree } from './der-tree.ts';
import { FUZZ_RUNS, Tally, applyByteMutation, byteMutation, expectCodeIn, fuzzParams, outcomeAsync } from './support.ts';

const tmp = scratch('byok-fuzz-rt-');
const tally = new Tally('wrapKeyMaterial under damaged wrapping keys');
const SPEC_KEY: Partial<Record<KeySpec, KeyName>> = { RSA_2048: 'rsa2048', RSA_3072: 'rsa3072', RSA_4096: 'rsa4096', EC_P256: 'p256', EC_P256K: 'k256', EC_SM2: 'sm2' };
/** Per spec: a key made by OpenSSL and, where cheap, one generated here (RSA keygen is slow: made once). */
const pool = {} as Record<KeySpec, TargetKey[]>;
let rsaIwk: Iwk;
let sm2Iwk: Iwk;
let iwks: Record<'rsa' | 'sm2', WrappingPublicKey>;

beforeAll(async () => {
  const k = genKeys(tmp, Object.values(SPEC_KEY));
  for (const spec of KEY_SPECS) {
    const fromOpenssl = await parseTargetKey(text(['pkey', '-in', k[SPEC_KEY[spec]!]]));
    // WebCrypto RSA keygen is the same code for every size: RSA_2048 covers it, the big sizes come from OpenSSL.
    pool[spec] = spec === 'RSA_3072' || spec === 'RSA_4096' ? [fromOpenssl] : [fromOpenssl, await generateTargetKey(spec)];
  }
  rsaIwk = makeIwk('rsa', tmp);
  sm2Iwk = makeIwk('sm2', tmp);
  iwks = { rsa: parseWrappingPublicKey(rsaIwk.pubDer), sm2: parseWrappingPublicKey(sm2Iwk.pubDer) };
}, 180_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

/** An EC key: a fresh one each time (cheap); an RSA key: one of the pool. */
async function keyFor(spec: KeySpec, pick: number): Promise<TargetKey> {
  if (spec.startsWith('EC_') && pick % 3 === 2) return generateTargetKey(spec);
  return pool[spec][pick % pool[spec].length]!;
}

/** OpenSSL's view of a private key PEM: its SubjectPublicKeyInfo. */
const opensslSpki = (pem: string, pass?: string) =>
  pemToDer(openssl(['pkey', '-pubout', ...(pass === undefined ? [] : ['-passin', `pass:${pass}`])], pem).toString());

/** Passphrases OpenSSL can take on its command line: printable, non-empty, any script. */
const passphrase = fc.string({ unit: fc.oneof(fc.constantFrom(...'abcXYZ019 -_.!'), fc.constantFrom('电', '池', 'é', 'ß', 'ю', '🔑')), minLength: 1, maxLength: 24 });

describe('round trips (issue 5)', () => {
  test('exportTargetKey → parseTargetKey (unencrypted) is the same key for every spec; OpenSSL agrees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEY_SPECS), fc.nat(), async (spec, pick) => {
        const key = await keyFor(spec, pick);
        const pem = await exportTargetKey(key);
        const back = await parseTargetKey(pem);
        expect({ spec: back.spec, sha: back.publicKeySha256, format: back.sourceFormat }).toEqual({ spec, sha: key.publicKeySha256, format: 'pkcs8' });
        expect(Buffer.compare(opensslSpki(pem), Buffer.from(key.publicKeySpki))).toBe(0);
        if (back !== key) back.dispose();
      }),
      fuzzParams(0.005),
    );
  });

  // 600,000 PBKDF2 iterations per export (spec §3.4) and again per parse: one case per spec.
  test.each(KEY_SPECS)('exportTargetKey → parseTargetKey (encrypted, spec §3.4) is the same key: %s; OpenSSL reads it', async (spec) => {
    await fc.assert(
      fc.asyncProperty(passphrase, async (pass) => {
        const key = pool[spec][pool[spec].length - 1]!;
        const pem = await exportTargetKey(key, { passphrase: pass });
        expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
        const back = await parseTargetKey(pem, { passphrase: pass });
        expect({ spec: back.spec, sha: back.publicKeySha256, format: back.sourceFormat }).toEqual({ spec, sha: key.publicKeySha256, format: 'encrypted-pkcs8' });
        expect(Buffer.compare(opensslSpki(pem, pass), Buffer.from(key.publicKeySpki))).toBe(0);
        back.dispose();
      }),
      { ...fuzzParams(0.0001), numRuns: Math.max(1, Math.round(FUZZ_RUNS / 10_000)) },
    );
  }, 60_000);

  test('wrapKeyMaterial → OpenSSL unwrap returns the key, for a sample per spec (spec §1.1, §1.2)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEY_SPECS), fc.nat(), async (spec, pick) => {
        const key = await keyFor(spec, pick);
        const sm2 = spec === 'EC_SM2';
        const material = await wrapKeyMaterial(sm2 ? iwks.sm2 : iwks.rsa, key);
        const { esk, tak } = unwrapWithOpenssl(material, sm2 ? sm2Iwk : rsaIwk);
        const pem = await exportTargetKey(key);
        if (sm2) {
          expect(esk.length).toBe(16);
          expect(material.length).toBe(145);
          const path = tmp.write(`sm2-${pick}.pem`, pem);
          expect(tak.toString('hex')).toBe(ecScalarOf(path).toString('hex'));
        } else {
          expect(esk.length).toBe(32);
          expect(material.length).toBe(materialLength(algorithmForTargetSpec(spec), tak.length));
          // the unwrapped PKCS#8 is the key OpenSSL reads from our export
          const theirs = createPrivateKey({ key: tak, format: 'der', type: 'pkcs8' });
          expect(createPublicKey(theirs).export({ type: 'spki', format: 'der' }).equals(Buffer.from(key.publicKeySpki))).toBe(true);
          expect(tak.equals(pemToDer(pem))).toBe(true);
        }
      }),
      fuzzParams(0.002),
    );
  });

  test('RSA wrapping keys with tampered modulus and exponent: the full material or a ByokError (spec §4.2)', async () => {
    const spki = readTree(iwks.rsa.spki);
    const rsaPublicKey = readTree(spki.children![1]!.value!.subarray(1)); // BIT STRING: unused-bits octet, then RSAPublicKey
    const n = BigInt('0x' + Buffer.from(rsaPublicKey.children![0]!.value!).toString('hex'));
    const modulus = fc.oneof(
      fc.constant(n),
      fc.array(fc.nat(2047), { minLength: 1, maxLength: 3 }).map((bits) => bits.reduce((m, b) => m ^ (1n << BigInt(b)), n)),
      fc.bigInt({ min: 1n << 2047n, max: (1n << 2048n) - 1n }),
      fc.constant(n ^ 1n), // even: the bug this property found
    );
    const exponent = fc.oneof(fc.constantFrom(65537n, 3n, 1n, 2n, 65536n, (1n << 32n) + 1n, (1n << 255n) + 1n, (1n << 256n) + 1n), fc.bigInt({ min: 1n, max: 1n << 257n }));
    await fc.assert(
      fc.asyncProperty(modulus, exponent, fc.nat(), async (m, e, pick) => {
        const der = writeTree({ tag: TAG.SEQUENCE, children: [{ tag: TAG.INTEGER, value: integerContent(m) }, { tag: TAG.INTEGER, value: integerContent(e) }] });
        const tampered = writeTree({ tag: spki.tag, children: [spki.children![0]!, { tag: TAG.BIT_STRING, value: Uint8Array.of(0, ...der) }] });
        const key = await keyFor(KEY_SPECS[pick % 5]!, pick);
        const o = await outcomeAsync(() => wrapKeyMaterial({ ...iwks.rsa, spki: tampered }, key));
        tally.record('rsa-numbers', o);
        if (m % 2n === 0n && e % 2n === 1n && e >= 3n) expectCodeIn(o, ['wrapping_key_invalid'], 'even modulus');
        if (o.ok) expect(o.value.length).toBe(materialLength('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', pemToDer(await exportTargetKey(key)).length));
      }),
      fuzzParams(0.02),
    );
  });

  test('damaged wrapping keys: the full material of spec §1 or a ByokError, never partial output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), byteMutation, fc.nat(), async (sm2, m, pick) => {
        const iwk = sm2 ? iwks.sm2 : iwks.rsa;
        const spec: KeySpec = sm2 ? 'EC_SM2' : KEY_SPECS[pick % 5]!;
        const key = await keyFor(spec, pick);
        const damaged = { ...iwk, spki: applyByteMutation(iwk.spki, m) };
        const o = await outcomeAsync(() => wrapKeyMaterial(damaged, key));
        tally.record(m.kind, o);
        if (o.ok) {
          const pkcs8 = pemToDer(await exportTargetKey(key));
          expect(o.value.length).toBe(sm2 ? 145 : materialLength('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', pkcs8.length));
        }
      }),
      fuzzParams(0.03),
    );
  });
});
