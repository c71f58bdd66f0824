// Issue 5: parseTargetKey with encrypted PKCS#8 (spec §3.3: PBES2, PBKDF2, AES-CBC; RFC 8018) against
// 10,000+ hostile inputs, with and without the passphrase. The fixtures are written by `openssl pkcs8 -topk8`
// with one PBKDF2 iteration so that each decryption is cheap; work bombs (huge iteration counts) are a case
// class of their own and must be refused before any key derivation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parseTargetKey } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { integerContent, nodeAt, readTree, replaceAt, writeTree, type DerNode } from './der-tree.ts';
import { bytes, genKeys } from './fixtures.ts';
import {
  FUZZ_RUNS,
  Tally,
  applyByteMutation,
  byteMutation,
  container,
  expectCodeIn,
  fuzzParams,
  hostileText,
  mutatedInput,
  outcomeAsync,
  wrapIn,
  type Fixture,
} from './support.ts';
import { checkTargetKey } from './target-key-check.ts';

const tmp = scratch('byok-fuzz-epk-');
const tally = new Tally('parseTargetKey (encrypted PKCS#8)');
const PASS = 'fuzz passphrase';
const LABEL = 'ENCRYPTED PRIVATE KEY';
let fixtures: Fixture[];
let donors: DerNode[];

/** EncryptedPrivateKeyInfo → PBES2-params → keyDerivationFunc → PBKDF2-params → iterationCount (RFC 8018 §A.2, §A.4). */
const ITERATION_PATH = [0, 1, 0, 1, 1];

function withIterations(der: Uint8Array, count: bigint): Uint8Array {
  const tree = readTree(der);
  if (nodeAt(tree, ITERATION_PATH).tag !== 0x02) throw new Error('fixture layout changed: no iterationCount INTEGER');
  return writeTree(replaceAt(tree, ITERATION_PATH, () => ({ tag: 0x02, value: integerContent(count) }))!);
}

// counts PBKDF2 derivations (passes through): hostile iteration counts must be refused before any
const derivations = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');

beforeAll(() => {
  const k = genKeys(tmp, ['p256', 'rsa2048', 'sm2', 'k256']);
  const enc = (path: string, args: string[]) => bytes(['pkcs8', '-topk8', '-in', path, ...args, '-iter', '1', '-passout', `pass:${PASS}`, '-outform', 'DER']);
  fixtures = [
    { name: 'p256 aes-256-cbc sha256', label: LABEL, der: enc(k.p256, ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256']) },
    { name: 'rsa2048 aes-128-cbc sha1', label: LABEL, der: enc(k.rsa2048, ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1']) },
    { name: 'sm2 aes-192-cbc sha512', label: LABEL, der: enc(k.sm2, ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA512']) },
    { name: 'k256 aes-256-cbc sha384', label: LABEL, der: enc(k.k256, ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA384']) },
  ];
  donors = [
    ...fixtures.map((f) => readTree(f.der)),
    readTree(enc(k.p256, ['-v2', 'des3'])),
    readTree(enc(k.p256, ['-v1', 'PBE-SHA1-3DES'])),
    readTree(bytes(['pkcs8', '-topk8', '-in', k.p256, '-scrypt', '-scrypt_N', '2', '-scrypt_r', '1', '-scrypt_p', '1', '-passout', `pass:${PASS}`, '-outform', 'DER'])),
  ];
}, 60_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

async function run(kind: string, input: string | Uint8Array, passphrase: string | undefined) {
  const o = await outcomeAsync(() => parseTargetKey(input, passphrase === undefined ? {} : { passphrase }));
  tally.record(kind, o);
  if (o.ok) await checkTargetKey(o.value);
  return o;
}

/** Passphrases: the right one, near misses, empty, hostile text (lone surrogates, NUL), very long. */
const passphrase = fc.oneof(
  { weight: 4, arbitrary: fc.constant(PASS) },
  { weight: 1, arbitrary: fc.constantFrom('', 'fuzz passphras', 'fuzz passphrase ', 'Fuzz passphrase', 'fuzz\u0000passphrase', '\uD800', 'x'.repeat(10_000)) },
  { weight: 2, arbitrary: hostileText(40) },
);

describe('parseTargetKey, encrypted PKCS#8: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases: mutated OpenSSL files with the right passphrase, and the right file with hostile passphrases`, async () => {
    const cases = fc.oneof(
      {
        weight: 10,
        arbitrary: fc.tuple(mutatedInput(fixtures, donors), passphrase).map(([m, p]) => ({ kind: 'mutated-file', input: m.input, passphrase: p as string | undefined, expect: m.expect as string | undefined, describe: m.describe })),
      },
      {
        weight: 3,
        arbitrary: fc.tuple(fc.nat(fixtures.length - 1), container, fc.option(passphrase, { nil: undefined })).map(([i, c, p]) => {
          const f = fixtures[i]!;
          // the file is intact: the passphrase alone decides (spec §3.3)
          const expect = p === undefined || p === '' ? 'passphrase_required' : p === PASS ? undefined : 'passphrase_wrong';
          return { kind: 'intact-file', input: wrapIn(c, f.label, f.der), passphrase: p, expect: expect as string | undefined, describe: `${f.name} ${c} ${JSON.stringify(p?.slice(0, 40))}` };
        }),
      },
      {
        // damage only the ciphertext (the last OCTET STRING): CBC garbles a block, so a wrong-looking plaintext
        weight: 3,
        arbitrary: fc.tuple(fc.nat(fixtures.length - 1), fc.nat(), fc.nat(7)).map(([i, at, bit]) => {
          const f = fixtures[i]!;
          const tree = readTree(f.der);
          const data = tree.children![1]!.value!.slice();
          data[at % data.length]! ^= 1 << bit;
          const der = writeTree({ tag: tree.tag, children: [tree.children![0]!, { tag: 0x04, value: data }] });
          return { kind: 'ciphertext-bit', input: der as string | Uint8Array, passphrase: PASS as string | undefined, expect: undefined as string | undefined, describe: f.name };
        }),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.nat(fixtures.length - 1), byteMutation, fc.option(passphrase, { nil: undefined })).map(([i, m, p]) => {
          const f = fixtures[i]!;
          return { kind: 'mutated-no-label', input: applyByteMutation(f.der, m) as string | Uint8Array, passphrase: p, expect: undefined as string | undefined, describe: f.name };
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const o = await run(c.kind, c.input, c.passphrase);
        // a single DER error is found before the passphrase is looked at
        if (c.expect) expectCodeIn(o, [c.expect as never], c.describe);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('iteration counts of 0, negative or over 10,000,000 are refused before any key derivation', async () => {
    const bomb = fc.oneof(
      fc.constantFrom(0n, -1n, 10_000_001n, 2n ** 31n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n + 1n, 2n ** 1024n, -(2n ** 63n)),
      fc.bigInt({ min: 10_000_001n, max: 2n ** 200n }),
      fc.bigInt({ min: -(2n ** 200n), max: 0n }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(fixtures.length - 1), bomb, async (i, count) => {
        derivations.mockClear();
        const o = await run('iteration-bomb', withIterations(fixtures[i]!.der, count), PASS);
        // a negative INTEGER may also be refused as malformed; never derived
        expectCodeIn(o, count < 0n ? ['encryption_unsupported', 'der_malformed'] : ['encryption_unsupported'], `iterationCount ${count}`);
        expect(derivations.mock.calls.length, 'no PBKDF2 derivation was started').toBe(0);
      }),
      fuzzParams(0.02),
    );
  });

  test('a count just under the cap costs nothing until a passphrase is given', async () => {
    for (const f of fixtures) {
      const der = withIterations(f.der, 9_999_999n);
      for (const p of [undefined, '']) {
        derivations.mockClear();
        const o = await run('under-cap-no-passphrase', der, p);
        expectCodeIn(o, ['passphrase_required'], f.name);
        expect(derivations.mock.calls.length, 'no PBKDF2 derivation was started').toBe(0);
      }
    }
  });

  test('the untouched fixtures load with the passphrase (the mutations start from valid input)', async () => {
    derivations.mockClear();
    for (const f of fixtures) expect((await run('valid', f.der, PASS)).ok, f.name).toBe(true);
    // the spy sees real derivations, so the "no derivation" assertions above can fail
    expect(derivations.mock.calls.length).toBe(fixtures.length);
  });
});
