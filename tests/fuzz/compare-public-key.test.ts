// Issue 5: comparePublicKey (spec §6.2, the KMS GetPublicKey output on the verify step) against 10,000+
// hostile inputs. Every case ends in a comparison or a typed ByokError within the time bound; a "match" is
// only ever reported for the target's own key, as OpenSSL (node:crypto) reads the input.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { comparePublicKey, parseTargetKey, type PublicKeyComparison, type AsymmetricTargetKey } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { readTree, type DerNode } from './der-tree.ts';
import { bytes, certDer, genKeys, pkcs8Der, spkiDer, text } from './fixtures.ts';
import { FUZZ_RUNS, Tally, expectCodeIn, fuzzParams, hostileText, mutatedInput, opensslReadableSpki, outcome, oversized, pemShapedText, randomBytes, type Fixture } from './support.ts';

const tmp = scratch('byok-fuzz-cmp-');
const tally = new Tally('comparePublicKey');
let targets: AsymmetricTargetKey[];
let fixtures: Fixture[];
let donors: DerNode[];

beforeAll(async () => {
  const k = genKeys(tmp, ['rsa2048', 'p256', 'k256', 'sm2', 'rsa1024']);
  const names = ['rsa2048', 'p256', 'k256', 'sm2'] as const;
  targets = await Promise.all(names.map((n) => parseTargetKey(text(['pkey', '-in', k[n]]))));
  const compressed = (path: string) => bytes(['pkey', '-in', path, '-pubout', '-outform', 'DER', '-ec_conv_form', 'compressed']);
  fixtures = [
    ...names.map((n) => ({ name: `${n}-spki`, label: 'PUBLIC KEY', der: spkiDer(k[n]) })),
    { name: 'p256-spki-compressed', label: 'PUBLIC KEY', der: compressed(k.p256) },
    { name: 'k256-spki-compressed', label: 'PUBLIC KEY', der: compressed(k.k256) },
  ];
  donors = [...fixtures.map((f) => readTree(f.der)), readTree(certDer(k.rsa1024)), readTree(pkcs8Der(k.p256)), readTree(spkiDer(k.rsa1024))];
}, 60_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

/** The same public key, as OpenSSL sees it (compressed and uncompressed EC points compare equal). */
function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.equals(b);
}

function check(kind: string, target: AsymmetricTargetKey, input: string | Uint8Array, der: Uint8Array | undefined) {
  const o = outcome(() => comparePublicKey(target, input));
  tally.record(kind, o);
  if (!o.ok) return o;
  const c: PublicKeyComparison = o.value;
  expect(typeof c.matches).toBe('boolean');
  expect(c.expectedSha256).toBe(target.publicKeySha256);
  expect(c.actualSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(typeof c.found).toBe('string');
  if (der !== undefined) {
    expect(c.actualSha256).toBe(createHash('sha256').update(der).digest('hex'));
    let theirs: KeyObject | undefined;
    try {
      theirs = createPublicKey({ key: Buffer.from(opensslReadableSpki(der)), format: 'der', type: 'spki' });
    } catch {
      theirs = undefined; // OpenSSL refuses it: then it must not match
    }
    const ours = createPublicKey({ key: Buffer.from(target.publicKeySpki), format: 'der', type: 'spki' });
    if (c.matches) expect(theirs !== undefined && sameKey(theirs, ours)).toBe(true);
  }
  return o;
}

describe('comparePublicKey: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases against each kind of target key`, () => {
    const input = fc.oneof(
      { weight: 2, arbitrary: randomBytes().map((i) => ({ kind: 'random-bytes', input: i as string | Uint8Array, expect: undefined as string | undefined, der: undefined as Uint8Array | undefined, describe: '' })) },
      { weight: 2, arbitrary: hostileText().map((i) => ({ kind: 'random-text', input: i as string | Uint8Array, expect: undefined as string | undefined, der: undefined as Uint8Array | undefined, describe: '' })) },
      { weight: 1, arbitrary: pemShapedText().map((i) => ({ kind: 'pem-shaped', input: i as string | Uint8Array, expect: undefined as string | undefined, der: undefined as Uint8Array | undefined, describe: '' })) },
      { weight: 10, arbitrary: mutatedInput(fixtures, donors).map((m) => ({ kind: 'mutated', input: m.input, expect: m.expect as string | undefined, der: m.der, describe: m.describe })) },
    );
    fc.assert(
      fc.property(fc.nat(3), input, (t, c) => {
        const o = check(c.kind, targets[t]!, c.input, c.der);
        if (c.expect) expectCodeIn(o, [c.expect as never], c.describe);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('anything over 64 KiB is input_too_large (spec §2.1)', () => {
    fc.assert(
      fc.property(oversized, (i) => expectCodeIn(check('oversized', targets[0]!, i, undefined), ['input_too_large'], 'oversized')),
      fuzzParams(0.01),
    );
  });

  test('each target matches its own key in every encoding and no other (the mutations start from valid input)', () => {
    const keyOf = (name: string) => ['rsa2048', 'p256', 'k256', 'sm2'].findIndex((n) => name.startsWith(n));
    for (const f of fixtures) {
      targets.forEach((t, i) => {
        const o = check('valid', t, f.der, f.der);
        expect(o.ok && o.value.matches, `${f.name} vs target ${i}`).toBe(i === keyOf(f.name));
      });
    }
  });
});
