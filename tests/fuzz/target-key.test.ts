// Issue 5: parseTargetKey (spec §2, §3.3) for the unencrypted DER formats — PKCS#8, PKCS#1 and SEC1 (also
// with an EC PARAMETERS block) — against 10,000+ hostile inputs. Encrypted PKCS#8 and JWK have their own
// files. Every case ends in a valid TargetKey (checked against OpenSSL in node:crypto) or a typed ByokError,
// within the per-case time bound; one damaged DER length or tag, truncation and trailing bytes have their
// codes asserted.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseTargetKey } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { readTree, type DerNode } from './der-tree.ts';
import { bytes, genKeys, pkcs8Der, spkiDer, text } from './fixtures.ts';
import {
  FUZZ_RUNS,
  Tally,
  applyTextMutation,
  expectCodeIn,
  fuzzParams,
  hostileText,
  mutatedInput,
  outcomeAsync,
  oversized,
  pemShapedText,
  randomBytes,
  textMutation,
  type Fixture,
} from './support.ts';
import { checkTargetKey } from './target-key-check.ts';

const tmp = scratch('byok-fuzz-tak-');
const tally = new Tally('parseTargetKey (PKCS#8, PKCS#1, SEC1)');
let fixtures: Fixture[];
let donors: DerNode[];
let withParams: string[];

beforeAll(() => {
  const k = genKeys(tmp, ['rsa2048', 'p256', 'k256', 'sm2', 'p384', 'ed25519', 'rsa1024']);
  const sec1 = (path: string, extra: string[] = []) => bytes(['ec', '-in', path, ...extra, '-outform', 'DER']);
  fixtures = [
    { name: 'rsa2048-pkcs8', label: 'PRIVATE KEY', der: pkcs8Der(k.rsa2048) },
    { name: 'p256-pkcs8', label: 'PRIVATE KEY', der: pkcs8Der(k.p256) },
    { name: 'k256-pkcs8', label: 'PRIVATE KEY', der: pkcs8Der(k.k256) },
    { name: 'sm2-pkcs8', label: 'PRIVATE KEY', der: pkcs8Der(k.sm2) },
    { name: 'rsa2048-pkcs1', label: 'RSA PRIVATE KEY', der: bytes(['rsa', '-in', k.rsa2048, '-traditional', '-outform', 'DER']) },
    { name: 'p256-sec1', label: 'EC PRIVATE KEY', der: sec1(k.p256) },
    { name: 'k256-sec1-no-public', label: 'EC PRIVATE KEY', der: sec1(k.k256, ['-no_public']) },
    { name: 'sm2-sec1', label: 'EC PRIVATE KEY', der: sec1(k.sm2) },
  ];
  donors = [
    ...fixtures.map((f) => readTree(f.der)),
    readTree(pkcs8Der(k.p384)),
    readTree(pkcs8Der(k.ed25519)),
    readTree(pkcs8Der(k.rsa1024)),
    readTree(spkiDer(k.p256)),
    readTree(bytes(['ecparam', '-name', 'P-256', '-param_enc', 'explicit', '-outform', 'DER'])),
  ];
  // a key after its EC PARAMETERS (SM2 PARAMETERS) block, as `openssl ecparam -genkey` writes it
  withParams = [text(['ecparam', '-name', 'prime256v1', '-genkey']), text(['ecparam', '-name', 'SM2', '-genkey'])];
}, 60_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

async function run(kind: string, input: string | Uint8Array) {
  const o = await outcomeAsync(() => parseTargetKey(input));
  tally.record(kind, o);
  if (o.ok) await checkTargetKey(o.value);
  return o;
}

describe('parseTargetKey, unencrypted formats: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases: random bytes and text, PEM-shaped text, mutated OpenSSL keys`, async () => {
    const cases = fc.oneof(
      { weight: 2, arbitrary: randomBytes().map((input) => ({ kind: 'random-bytes', input: input as string | Uint8Array, expect: undefined as string | undefined, describe: '' })) },
      { weight: 2, arbitrary: hostileText().map((input) => ({ kind: 'random-text', input: input as string | Uint8Array, expect: undefined as string | undefined, describe: '' })) },
      { weight: 1, arbitrary: pemShapedText().map((input) => ({ kind: 'pem-shaped', input: input as string | Uint8Array, expect: undefined as string | undefined, describe: '' })) },
      { weight: 12, arbitrary: mutatedInput(fixtures, donors).map((m) => ({ kind: 'mutated', input: m.input, expect: m.expect as string | undefined, describe: m.describe })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.nat(withParams.length - 1), fc.array(textMutation, { minLength: 1, maxLength: 3 }))
          .map(([i, ms]) => ({ kind: 'ec-parameters-text', input: ms.reduce(applyTextMutation, withParams[i]!) as string | Uint8Array, expect: undefined as string | undefined, describe: '' })),
      },
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const o = await run(c.kind, c.input);
        if (process.env.FUZZ_VERBOSE && o.ms > 50) console.info(`slow ${o.ms.toFixed(0)} ms: ${c.kind} ${c.describe} ${o.ok ? 'ok' : o.code}`);
        if (c.expect) expectCodeIn(o, [c.expect as never], c.describe);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('anything over 64 KiB is input_too_large, whatever it holds (spec §2.1)', async () => {
    await fc.assert(
      fc.asyncProperty(oversized, async (input) => expectCodeIn(await run('oversized', input), ['input_too_large'], 'oversized')),
      fuzzParams(0.01),
    );
  });

  test('the untouched fixtures load (the mutations start from valid input)', async () => {
    for (const f of fixtures) expect((await run('valid', f.der)).ok, f.name).toBe(true);
    for (const t of withParams) expect((await run('valid', t)).ok).toBe(true);
  });
});
