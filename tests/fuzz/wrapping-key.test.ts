// Issue 5: parseWrappingPublicKey (spec §2, §4) against 10,000+ hostile inputs. Every case ends in a valid
// WrappingPublicKey or a typed ByokError, within the per-case time bound; where the damage determines the code
// (oversized input, one broken DER length or tag, truncation, trailing bytes), the code is asserted.
import { createHash, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseWrappingPublicKey, type WrappingPublicKey } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { readTree } from './der-tree.ts';
import { bytes, certDer, genKeys, pkcs8Der, spkiDer } from './fixtures.ts';
import {
  FUZZ_RUNS,
  Tally,
  expectCodeIn,
  fuzzParams,
  hostileText,
  mutatedInput,
  opensslReadableSpki,
  outcome,
  oversized,
  pemShapedText,
  randomBytes,
  type Fixture,
  type Outcome,
} from './support.ts';

const tmp = scratch('byok-fuzz-iwk-');
const tally = new Tally('parseWrappingPublicKey');
let fixtures: Fixture[];
let donors: ReturnType<typeof readTree>[];

beforeAll(() => {
  const k = genKeys(tmp, ['rsa2048', 'sm2', 'rsa1024', 'p256', 'ed25519']);
  fixtures = [
    { name: 'rsa2048-iwk', label: 'PUBLIC KEY', der: spkiDer(k.rsa2048) },
    { name: 'sm2-iwk', label: 'PUBLIC KEY', der: spkiDer(k.sm2) },
    { name: 'p256-spki', label: 'PUBLIC KEY', der: spkiDer(k.p256) },
    { name: 'rsa-certificate', label: 'CERTIFICATE', der: certDer(k.rsa1024), labelDecides: true },
    { name: 'sm2-pkcs8', label: 'PRIVATE KEY', der: pkcs8Der(k.sm2), labelDecides: true },
    { name: 'pkcs1-public', label: 'RSA PUBLIC KEY', der: bytes(['rsa', '-in', k.rsa1024, '-RSAPublicKey_out', '-outform', 'DER']), labelDecides: true },
  ];
  donors = [...fixtures.map((f) => readTree(f.der)), readTree(spkiDer(k.ed25519)), readTree(spkiDer(k.rsa1024))];
}, 60_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

/** A returned key must be internally consistent and readable by OpenSSL (through node:crypto). */
function checkResult(w: WrappingPublicKey): void {
  expect(['RSA_2048', 'EC_SM2']).toContain(w.spec);
  expect(w.algorithm).toBe(w.spec === 'RSA_2048' ? 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' : 'SM2PKE_SM4_ECB');
  expect(['pem', 'der', 'base64']).toContain(w.source);
  expect(w.spki).toBeInstanceOf(Uint8Array);
  expect(w.sha256).toBe(createHash('sha256').update(w.spki).digest('hex'));
  const key = createPublicKey({ key: Buffer.from(opensslReadableSpki(w.spki)), format: 'der', type: 'spki' });
  if (w.spec === 'RSA_2048') expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
}

function run(kind: string, input: string | Uint8Array): Outcome<WrappingPublicKey> {
  const o = outcome(() => parseWrappingPublicKey(input));
  tally.record(kind, o);
  if (o.ok) checkResult(o.value);
  return o;
}

describe('parseWrappingPublicKey: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases: random bytes and text, PEM-shaped text, mutated OpenSSL keys`, () => {
    const cases = fc.oneof(
      { weight: 2, arbitrary: randomBytes().map((input) => ({ kind: 'random-bytes', input, expect: undefined as string | undefined })) },
      { weight: 2, arbitrary: hostileText().map((input) => ({ kind: 'random-text', input, expect: undefined as string | undefined })) },
      { weight: 1, arbitrary: pemShapedText().map((input) => ({ kind: 'pem-shaped', input, expect: undefined as string | undefined })) },
      { weight: 10, arbitrary: mutatedInput(fixtures, donors).map((m) => ({ kind: 'mutated', input: m.input, expect: m.expect as string | undefined, describe: m.describe })) },
    );
    fc.assert(
      fc.property(cases, (c) => {
        const o = run(c.kind, c.input);
        if (c.expect) expectCodeIn(o, [c.expect as never], (c as { describe?: string }).describe ?? c.kind);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('anything over 64 KiB is input_too_large, whatever it holds (spec §2.1)', () => {
    fc.assert(
      fc.property(oversized, (input) => expectCodeIn(run('oversized', input), ['input_too_large'], 'oversized')),
      fuzzParams(0.01),
    );
  });

  test('an untouched key in any container still parses (the mutations start from valid input)', () => {
    for (const f of fixtures.slice(0, 2)) {
      const o = run('valid', f.der);
      expect(o.ok).toBe(true);
    }
  });
});
