// Issue 9: the new parsers against 10,000+ hostile inputs each — secret keys (text and binary, every secret
// type), PKCS#1 RSA public keys as wrapping keys, and Ed25519 private keys (PKCS#8 v1/v2, JWK). Every case
// ends in a valid result, checked against an independent reading (Buffer's hex/base64, node:crypto/OpenSSL),
// or a typed ByokError within the time bound.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KEY_SPEC_INFO, KEY_SPECS, parseTargetKey, parseWrappingPublicKey, type SecretKeySpec } from '../../src/lib/index.ts';
import { targetPlaintext } from '../../src/lib/target-key.ts';
import { scratch } from '../helpers/openssl.ts';
import { readTree, type DerNode } from './der-tree.ts';
import { bytes, genKeys, pkcs8Der, spkiDer, text } from './fixtures.ts';
import { FUZZ_RUNS, Tally, applyTextMutation, expectCodeIn, fuzzParams, hostileText, mutatedInput, outcome, outcomeAsync, randomBytes, textMutation, utf8, type Fixture } from './support.ts';
import { checkTargetKey } from './target-key-check.ts';

const tmp = scratch('byok-fuzz-keys-');
const SECRET_SPECS = KEY_SPECS.filter((s): s is SecretKeySpec => KEY_SPEC_INFO[s].kind === 'secret');
const lengthOf = (spec: SecretKeySpec) => (KEY_SPEC_INFO[spec] as { byteLength: number }).byteLength;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** spec §10.2 restated independently: the bytes a secret input stands for, or undefined if it is not one. */
function secretBytes(input: string | Uint8Array, n: number): Uint8Array | undefined {
  if (typeof input !== 'string' && input.length === n) return input;
  let t: string;
  try {
    t = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
  const c = t.replace(/^\uFEFF/, '').replace(/\s+/g, '');
  if (/^[0-9a-fA-F]*$/.test(c)) return c.length % 2 === 0 ? new Uint8Array(Buffer.from(c, 'hex')) : undefined;
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(c)) return undefined;
  // RFC 4648 §4: padding, when present, completes a 4-character group; 1 character alone holds no byte
  if ((c.includes('=') && c.length % 4 !== 0) || c.replace(/=+$/, '').length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(c.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

describe.each(SECRET_SPECS)('parseTargetKey, secret %s: hostile text and binary', (spec) => {
  const n = lengthOf(spec);
  const tally = new Tally(`parseTargetKey { spec: ${spec} }`);
  afterAll(() => tally.report());
  const key = fc.uint8Array({ minLength: n, maxLength: n });
  const lengthNear = fc.integer({ min: Math.max(0, n - 3), max: n + 3 }).chain((m) => fc.uint8Array({ minLength: m, maxLength: m }));
  const encodings = (b: Uint8Array): fc.Arbitrary<string | Uint8Array> =>
    fc.constantFrom<string | Uint8Array>(b, hex(b), hex(b).toUpperCase(), Buffer.from(b).toString('base64'), Buffer.from(b).toString('base64url'), utf8(`${hex(b)}\n`), ` ${Buffer.from(b).toString('base64').replace(/(.{5})/g, '$1\n')} `);

  test(`${FUZZ_RUNS} cases: valid encodings, wrong lengths, text mutations, random bytes and text`, async () => {
    const cases = fc.oneof(
      { weight: 3, arbitrary: key.chain(encodings).map((input) => ({ kind: 'valid', input })) },
      { weight: 2, arbitrary: lengthNear.chain(encodings).map((input) => ({ kind: 'length-near', input })) },
      {
        weight: 3,
        arbitrary: fc.tuple(key.chain(encodings), fc.array(textMutation, { minLength: 1, maxLength: 3 })).map(([input, ms]) => ({
          kind: 'mutated',
          input: ms.reduce(applyTextMutation, typeof input === 'string' ? input : hex(input)) as string | Uint8Array,
        })),
      },
      { weight: 1, arbitrary: randomBytes(200).map((input) => ({ kind: 'random-bytes', input: input as string | Uint8Array })) },
      { weight: 1, arbitrary: hostileText(200).map((input) => ({ kind: 'random-text', input: input as string | Uint8Array })) },
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const o = await outcomeAsync(() => parseTargetKey(c.input, { spec }));
        tally.record(c.kind, o);
        const expected = secretBytes(c.input, n);
        if (o.ok) {
          if (o.value.kind !== 'secret') throw new Error('not a secret key');
          expect(o.value.spec).toBe(spec);
          expect(o.value.byteLength).toBe(n);
          expect(expected && hex(expected)).toBe(hex(targetPlaintext(o.value, 'raw')));
        } else if (expected?.length === n) {
          // a well-formed secret of the right length must load (oversized text is the only other refusal)
          expect(o.code).toBe('input_too_large');
        }
        if (c.kind === 'valid') expect(o.ok).toBe(true);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });
});

describe('PKCS#1 RSA public keys as wrapping keys: hostile input', () => {
  const tally = new Tally('parseWrappingPublicKey (PKCS#1)');
  let fixtures: Fixture[];
  let donors: DerNode[];
  beforeAll(() => {
    const k = genKeys(tmp, ['rsa2048', 'rsa3072', 'rsa1024', 'p256']);
    const pkcs1 = (path: string) => bytes(['rsa', '-in', path, '-RSAPublicKey_out', '-outform', 'DER']);
    fixtures = [
      { name: 'rsa2048-pkcs1', label: 'RSA PUBLIC KEY', der: pkcs1(k.rsa2048) },
      { name: 'rsa3072-pkcs1', label: 'RSA PUBLIC KEY', der: pkcs1(k.rsa3072) },
      { name: 'rsa1024-pkcs1', label: 'RSA PUBLIC KEY', der: pkcs1(k.rsa1024) },
    ];
    donors = [...fixtures.map((f) => readTree(f.der)), readTree(spkiDer(k.rsa2048)), readTree(spkiDer(k.p256)), readTree(pkcs8Der(k.rsa1024))];
  }, 60_000);
  afterAll(() => tally.report());

  test(`${FUZZ_RUNS} mutated PKCS#1 keys (DER, PEM, base64, base64 of PEM): a valid result agrees with OpenSSL`, () => {
    const cases = fc.oneof(
      { weight: 8, arbitrary: mutatedInput(fixtures, donors).map((m) => ({ kind: 'mutated', input: m.input, expect: m.expect, describe: m.describe })) },
      {
        weight: 1,
        arbitrary: mutatedInput(fixtures, donors).map((m) => ({
          kind: 'base64-of-pem',
          input: Buffer.from(typeof m.input === 'string' ? m.input : Buffer.from(m.input).toString('latin1')).toString('base64') as string | Uint8Array,
          expect: undefined,
          describe: m.describe,
        })),
      },
    );
    fc.assert(
      fc.property(cases, (c) => {
        const o = outcome(() => parseWrappingPublicKey(c.input));
        tally.record(c.kind, o);
        if (c.expect) expectCodeIn(o, [c.expect], c.describe);
        if (o.ok) {
          const w = o.value;
          const theirs = createPublicKey({ key: Buffer.from(w.spki), format: 'der', type: 'spki' });
          expect(w.spec).toBe(`RSA_${theirs.asymmetricKeyDetails!.modulusLength}`);
          expect(['RSA_2048', 'RSA_3072', 'RSA_4096']).toContain(w.spec);
        }
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });
});

describe('Ed25519 private keys: hostile input', () => {
  const tally = new Tally('parseTargetKey (Ed25519)');
  let fixtures: Fixture[];
  let donors: DerNode[];
  let jwk: Record<string, string>;
  beforeAll(() => {
    const k = genKeys(tmp, ['ed25519', 'p256']);
    const v1 = pkcs8Der(k.ed25519);
    const pub = spkiDer(k.ed25519).subarray(12);
    const v2 = new Uint8Array([0x30, 0x51, 0x02, 0x01, 0x01, ...v1.subarray(5), 0x81, 0x21, 0x00, ...pub]);
    jwk = createPrivateKey(text(['pkey', '-in', k.ed25519])).export({ format: 'jwk' }) as Record<string, string>;
    fixtures = [
      { name: 'ed25519-v1', label: 'PRIVATE KEY', der: v1 },
      { name: 'ed25519-v2', label: 'PRIVATE KEY', der: v2 },
    ];
    donors = [...fixtures.map((f) => readTree(f.der)), readTree(spkiDer(k.ed25519)), readTree(pkcs8Der(k.p256))];
    // (OpenSSL 3.0 reads no PKCS#8 v2 Ed25519 key, so v2 is checked through what we load from it: checkTargetKey)
  });
  afterAll(() => tally.report());

  test(`${FUZZ_RUNS} mutated Ed25519 PKCS#8 (v1, v2) and JWK: a valid result is checked by node:crypto`, async () => {
    const jwkField = fc.constantFrom('kty', 'crv', 'd', 'x');
    const jwkCase = fc
      .tuple(jwkField, fc.oneof(fc.string({ maxLength: 60 }), fc.constant(undefined), fc.integer(), fc.constantFrom('OKP', 'Ed25519', 'Ed448', 'X25519')))
      .map(([f, v]) => ({ kind: 'jwk', input: JSON.stringify({ ...jwk, [f]: v }) as string | Uint8Array, expect: undefined, describe: `jwk ${f}` }));
    const cases = fc.oneof(
      { weight: 8, arbitrary: mutatedInput(fixtures, donors).map((m) => ({ kind: 'mutated', input: m.input, expect: m.expect, describe: m.describe })) },
      { weight: 2, arbitrary: jwkCase },
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const o = await outcomeAsync(() => parseTargetKey(c.input));
        tally.record(c.kind, o);
        if (c.expect) expectCodeIn(o, [c.expect], c.describe);
        if (o.ok) await checkTargetKey(o.value);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });
});

afterAll(() => tmp.dispose());
