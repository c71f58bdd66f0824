// Issue 5: parseTargetKey with JSON Web Keys (spec §3.3; RFC 7517, RFC 7518 §6) against 10,000+ hostile
// inputs: random JSON, and JWKs exported by OpenSSL (through node:crypto) with members removed, retyped,
// re-encoded, padded, nested, duplicated or cut. Where one change determines the code it is asserted.
import { createPrivateKey } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseTargetKey, type ErrorCode } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { genKeys, text } from './fixtures.ts';
import { FUZZ_RUNS, Tally, expectCodeIn, fuzzParams, hostileText, outcomeAsync, utf8 } from './support.ts';
import { checkTargetKey } from './target-key-check.ts';

const tmp = scratch('byok-fuzz-jwk-');
const tally = new Tally('parseTargetKey (JWK)');
type Jwk = Record<string, unknown>;
let jwks: { name: string; jwk: Jwk }[];

beforeAll(() => {
  const k = genKeys(tmp, ['rsa2048', 'p256', 'k256']);
  const jwkOf = (path: string) => createPrivateKey(text(['pkey', '-in', path])).export({ format: 'jwk' }) as Jwk;
  jwks = [
    { name: 'rsa2048', jwk: jwkOf(k.rsa2048) },
    { name: 'p256', jwk: jwkOf(k.p256) },
    { name: 'k256', jwk: jwkOf(k.k256) },
  ];
}, 60_000);
afterAll(() => {
  tally.report();
  tmp.dispose();
});

const RSA_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
const EC_MEMBERS = ['x', 'y', 'd'];

/** One change to one member, and the code it must cause when it is the only change (undefined: not fixed). */
type MemberChange =
  | { kind: 'delete-d' }
  | { kind: 'delete'; member: number }
  | { kind: 'json'; member: number; value: unknown }
  | { kind: 'base64url'; member: number; damage: 'padding' | 'space' | 'standard-alphabet' | 'empty' | 'number' | 'null' | 'array' }
  | { kind: 'flip-char'; member: number; at: number }
  | { kind: 'leading-zeros'; member: number }
  | { kind: 'huge'; member: number; size: number }
  | { kind: 'kty'; value: string | number }
  | { kind: 'crv'; value: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'oth' };

const memberChange: fc.Arbitrary<MemberChange> = fc.oneof(
  fc.constant({ kind: 'delete-d' as const }),
  fc.record({ kind: fc.constant('delete' as const), member: fc.nat() }),
  fc.record({ kind: fc.constant('json' as const), member: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('base64url' as const), member: fc.nat(), damage: fc.constantFrom('padding' as const, 'space' as const, 'standard-alphabet' as const, 'empty' as const, 'number' as const, 'null' as const, 'array' as const) }),
  fc.record({ kind: fc.constant('flip-char' as const), member: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('leading-zeros' as const), member: fc.nat() }),
  fc.record({ kind: fc.constant('huge' as const), member: fc.nat(), size: fc.integer({ min: 600, max: 60_000 }) }),
  fc.record({ kind: fc.constant('kty' as const), value: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', '', 'rsa', 'RSA ', 'EC\u0000', 7) }),
  fc.record({ kind: fc.constant('crv' as const), value: fc.constantFrom('P-256', 'secp256k1', 'P-256K', 'P-384', 'P-521', 'Ed25519', 'SM2', 'p-256', '') }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('__proto__', 'constructor', 'keys', 'use', 'key_ops', 'alg', 'kid', 'x5c', ''), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.constant({ kind: 'oth' as const }),
);

function applyChange(jwk: Jwk, c: MemberChange): { jwk: Jwk; expect?: ErrorCode } {
  const out: Jwk = { ...jwk };
  const members = jwk.kty === 'RSA' ? RSA_MEMBERS : EC_MEMBERS;
  const name = 'member' in c ? members[c.member % members.length]! : '';
  // an earlier change may have removed or retyped the member
  const current = typeof out[name] === 'string' ? (out[name] as string) : 'AQAB';
  switch (c.kind) {
    case 'delete-d':
      delete out.d;
      return { jwk: out, expect: 'key_is_public' };
    case 'delete':
      delete out[name];
      return { jwk: out, expect: name === 'd' ? 'key_is_public' : 'jwk_invalid' };
    case 'json':
      out[name] = c.value;
      return { jwk: out };
    case 'base64url': {
      const v = current;
      const damaged = { padding: v + '=', space: v.slice(0, 4) + ' ' + v.slice(4), 'standard-alphabet': '+/' + v.slice(2), empty: '', number: 65537, null: null, array: [v] }[c.damage];
      out[name] = damaged;
      // an empty d is "no private key" only if it is absent; present and empty is invalid base64url
      return { jwk: out, expect: 'jwk_invalid' };
    }
    case 'flip-char': {
      const v = current;
      const i = c.at % v.length;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      out[name] = v.slice(0, i) + alphabet[(alphabet.indexOf(v[i]!) + 1 + (c.at % 63)) % 64] + v.slice(i + 1);
      return { jwk: out };
    }
    case 'leading-zeros':
      out[name] = 'AAAA' + current;
      return { jwk: out };
    case 'huge':
      out[name] = 'A'.repeat(c.size);
      return { jwk: out };
    case 'kty':
      out.kty = c.value;
      if (c.value === 'OKP' || c.value === 'oct') return { jwk: out, expect: 'key_algorithm_unsupported' };
      if (typeof c.value !== 'string') return { jwk: out, expect: 'jwk_invalid' };
      return { jwk: out };
    case 'crv':
      if (jwk.kty !== 'EC') return { jwk: { ...out, crv: c.value } };
      out.crv = c.value;
      // issue 9: P-384 and P-521 are read too; a 32-byte coordinate is then the wrong size (RFC 7518 §6.2.1.2)
      if (c.value === 'P-384' || c.value === 'P-521') return { jwk: out, expect: 'jwk_invalid' };
      if (!['P-256', 'secp256k1', 'P-256K'].includes(c.value)) return { jwk: out, expect: 'ec_curve_unsupported' };
      // secp256k1 and P-256K name the same curve: a P-256 key relabelled is not on it
      return { jwk: out };
    case 'extra':
      // through JSON text, so that "__proto__" becomes an own member as it would in a file
      return { jwk: JSON.parse(JSON.stringify(out).replace(/}$/, () => `,${JSON.stringify(c.key)}:${JSON.stringify(c.value)}}`)) as Jwk };
    case 'oth':
      out.oth = [{ r: 'AQ', d: 'AQ', t: 'AQ' }];
      return { jwk: out, expect: jwk.kty === 'RSA' ? 'rsa_multi_prime' : undefined };
  }
}

/** Damage to the JSON text itself. */
type TextChange =
  | { kind: 'cut'; keep: number }
  | { kind: 'bom' }
  | { kind: 'nul'; at: number }
  | { kind: 'trailing'; text: string }
  | { kind: 'duplicate-member' }
  | { kind: 'deep'; depth: number }
  | { kind: 'set' }
  | { kind: 'as-bytes' }
  | { kind: 'pretty' };

const textChange: fc.Arbitrary<TextChange> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), keep: fc.nat() }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('trailing' as const), text: hostileText(20) }),
  fc.constant({ kind: 'duplicate-member' as const }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 1, max: 30_000 }) }),
  fc.constant({ kind: 'set' as const }),
  fc.constant({ kind: 'as-bytes' as const }),
  fc.constant({ kind: 'pretty' as const }),
);

function applyText(json: string, c: TextChange, jwk: Jwk): { input: string | Uint8Array; expect?: ErrorCode } {
  switch (c.kind) {
    case 'cut': {
      const keep = 1 + (c.keep % (json.length - 1)); // a strict, non-empty prefix: never valid JSON
      return { input: json.slice(0, keep), expect: 'jwk_invalid' };
    }
    case 'bom':
      return { input: '\uFEFF' + json };
    case 'nul': {
      const i = 1 + (c.at % (json.length - 1));
      return { input: json.slice(0, i) + '\0' + json.slice(i) };
    }
    case 'trailing':
      return { input: json + c.text };
    case 'duplicate-member': // JSON.parse keeps the last; a second "d" of another key then fails the checks
      return { input: json.replace(/}$/, `,"d":"AQ"}`) };
    case 'deep': // nesting bounded only by the 64 KiB input limit
      return { input: json.replace(/}$/, `,"x5c":${'['.repeat(c.depth)}${']'.repeat(c.depth)}}`) };
    case 'set':
      return { input: JSON.stringify({ keys: [jwk] }), expect: 'jwk_invalid' };
    case 'as-bytes':
      return { input: utf8(json) };
    case 'pretty':
      return { input: JSON.stringify(jwk, null, '\t').replace(/\n/g, '\r\n') };
  }
}

async function run(kind: string, input: string | Uint8Array) {
  const o = await outcomeAsync(() => parseTargetKey(input));
  tally.record(kind, o);
  if (o.ok) await checkTargetKey(o.value);
  return o;
}

describe('parseTargetKey, JWK: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases: random JSON, and OpenSSL JWKs changed member by member and as text`, async () => {
    const pick = fc.nat();
    const cases = fc.oneof(
      { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((s) => ({ kind: 'random-json', input: s as string | Uint8Array, expect: undefined as ErrorCode | undefined, describe: '' })) },
      {
        weight: 2,
        arbitrary: fc.dictionary(fc.constantFrom('kty', 'crv', 'n', 'e', 'd', 'x', 'y', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'keys'), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('RSA', 'EC', 'P-256', 'secp256k1', 'AQAB', 'AQ', ''))).map((o) => ({
          kind: 'random-jwk-like',
          input: JSON.stringify(o) as string | Uint8Array,
          expect: undefined as ErrorCode | undefined,
          describe: '',
        })),
      },
      { weight: 1, arbitrary: hostileText(200).map((s) => ({ kind: 'random-text', input: ('{' + s) as string | Uint8Array, expect: undefined as ErrorCode | undefined, describe: '' })) },
      {
        weight: 6,
        arbitrary: fc.tuple(pick, memberChange).map(([i, c]) => {
          const f = jwks[i % jwks.length]!;
          const r = applyChange(f.jwk, c);
          return { kind: 'one-member', input: JSON.stringify(r.jwk) as string | Uint8Array, expect: r.expect, describe: `${f.name} ${JSON.stringify(c).slice(0, 200)}` };
        }),
      },
      {
        weight: 3,
        arbitrary: fc.tuple(pick, fc.array(memberChange, { minLength: 2, maxLength: 4 })).map(([i, cs]) => {
          const f = jwks[i % jwks.length]!;
          const jwk = cs.reduce((j, c) => applyChange(j, c).jwk, f.jwk);
          return { kind: 'several-members', input: JSON.stringify(jwk) as string | Uint8Array, expect: undefined as ErrorCode | undefined, describe: f.name };
        }),
      },
      {
        weight: 3,
        arbitrary: fc.tuple(pick, textChange).map(([i, c]) => {
          const f = jwks[i % jwks.length]!;
          const r = applyText(JSON.stringify(f.jwk), c, f.jwk);
          return { kind: 'json-text', input: r.input, expect: r.expect, describe: `${f.name} ${c.kind}` };
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const o = await run(c.kind, c.input);
        if (c.expect) expectCodeIn(o, [c.expect], c.describe);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('the untouched JWKs load (the mutations start from valid input)', async () => {
    for (const f of jwks) expect((await run('valid', JSON.stringify(f.jwk))).ok, f.name).toBe(true);
  });
});
