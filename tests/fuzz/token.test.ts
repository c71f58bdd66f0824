// Issue 5: parseImportToken (spec §5) against 10,000+ hostile inputs. The spec fixes the outcome of every
// input, so each case is checked against it exactly: trimmed-empty → token_empty, over 16 KiB →
// input_too_large, a character outside `A–Z a–z 0–9 + / = _ -` → token_invalid at its position, else the
// trimmed token unchanged with the SHA-256 of its UTF-8 bytes. Issue 9: bytes that are not UTF-8 text, or
// hold a control character other than \t \n \v \f \r, are a binary token, taken byte for byte.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parseImportToken, type ImportToken } from '../../src/lib/index.ts';
import { FUZZ_RUNS, Tally, fuzzParams, hostileText, outcome, randomBytes, utf8, type Outcome } from './support.ts';

const tally = new Tally('parseImportToken');
afterAll(() => tally.report());

const MAX_TOKEN = 16 * 1024;
const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_-]*$/;

/** What spec §5 says about a text token. Inputs whose raw size is far over the bound may also be input_too_large. */
function specFor(text: string): { code: 'token_empty' | 'input_too_large' | 'token_invalid'; offset?: number } | { value: string } {
  const value = text.replace(/^\uFEFF/, '').trim();
  if (value.length === 0) return { code: 'token_empty' };
  if (value.length > MAX_TOKEN) return { code: 'input_too_large' };
  if (!TOKEN_ALPHABET.test(value)) return { code: 'token_invalid', offset: firstBadUnit(value) };
  return { value };
}

/** Position in UTF-16 units, as the facts report it (a lone surrogate is one unit). */
function firstBadUnit(s: string): number {
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=_-]/.test(s[i]!)) return i;
  return -1;
}

/** spec §5: the text of a byte input, or undefined when it is a binary token (an independent restatement). */
function textOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return [...text].some((c) => (c < ' ' && !'\t\n\v\f\r'.includes(c)) || c === '\x7f') ? undefined : text;
}

function check(kind: string, input: string | Uint8Array): Outcome<ImportToken> {
  const o = outcome(() => parseImportToken(input));
  tally.record(kind, o);
  const text = typeof input === 'string' ? input : textOf(input);
  const rawSize = input.length;
  if (text === undefined) {
    const bytes = input as Uint8Array;
    if (bytes.length > MAX_TOKEN) {
      expect(o.ok ? 'ok' : o.code).toBe('input_too_large');
      return o;
    }
    if (!o.ok) throw new Error(`${kind}: a binary token was refused with ${o.code}`);
    const t = o.value;
    if (t.form !== 'binary') throw new Error(`${kind}: binary input read as text`);
    expect(Buffer.from(t.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(t.length).toBe(bytes.length);
    expect(t.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    return o;
  }
  const spec = specFor(text);
  if ('value' in spec) {
    if (!o.ok) throw new Error(`${kind}: a valid token was refused with ${o.code}`);
    expect(o.value.form === 'text' && o.value.value).toBe(spec.value);
    expect(o.value.length).toBe(spec.value.length);
    expect(o.value.sha256).toBe(createHash('sha256').update(spec.value, 'utf8').digest('hex'));
    return o;
  }
  if (o.ok) throw new Error(`${kind}: expected ${spec.code}, got a token`);
  // A raw input more than twice the bound may be refused on size before it is trimmed (a cheap bound).
  if (o.code === 'input_too_large' && rawSize > 2 * MAX_TOKEN) return o;
  expect(o.code).toBe(spec.code);
  if (spec.code === 'token_invalid') expect(o.error.facts.offset).toBe(spec.offset);
  return o;
}

const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-');
const validToken = fc.string({ unit: tokenChar, minLength: 1, maxLength: 600 });
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2028', '\u3000', '\v', '\f'), maxLength: 6 });

/** A valid token around which and into which hostile things are put. */
const damagedToken = fc
  .tuple(fc.boolean(), whitespace, validToken, whitespace, fc.array(fc.tuple(fc.nat(), fc.constantFrom('\0', '\uFEFF', '\uD800', '\uDFFF', ' ', '.', '%', 'é', '\u200b', '"', '\n', '\uFFFD')), { maxLength: 2 }))
  .map(([bom, before, token, after, inserts]) => {
    let t = token;
    for (const [at, ch] of inserts) t = t.slice(0, at % (t.length + 1)) + ch + t.slice(at % (t.length + 1));
    return (bom ? '\uFEFF' : '') + before + t + after;
  });

/** Lengths around the 16 KiB bound, with surrounding whitespace that does not count. */
const boundaryToken = fc
  .tuple(fc.integer({ min: MAX_TOKEN - 2, max: MAX_TOKEN + 2 }), whitespace, fc.constantFrom('A', '-', '='))
  .map(([n, ws, ch]) => ws + ch.repeat(n) + ws);

describe('parseImportToken: hostile input (issue 5)', () => {
  test(`${FUZZ_RUNS} mixed cases, each checked against spec §5 exactly`, () => {
    const cases = fc.oneof(
      { weight: 3, arbitrary: hostileText(300).map((input) => ({ kind: 'random-text', input: input as string | Uint8Array })) },
      { weight: 2, arbitrary: randomBytes(600).map((input) => ({ kind: 'random-bytes', input: input as string | Uint8Array })) },
      { weight: 3, arbitrary: validToken.map((input) => ({ kind: 'valid', input: input as string | Uint8Array })) },
      { weight: 4, arbitrary: damagedToken.map((input) => ({ kind: 'damaged', input: input as string | Uint8Array })) },
      { weight: 2, arbitrary: damagedToken.map((input) => ({ kind: 'damaged-bytes', input: utf8(input) as string | Uint8Array })) },
      { weight: 1, arbitrary: whitespace.map((input) => ({ kind: 'blank', input: input as string | Uint8Array })) },
    );
    fc.assert(
      fc.property(cases, (c) => {
        check(c.kind, c.input);
      }),
      fuzzParams(),
    );
    expect(tally.total).toBeGreaterThanOrEqual(FUZZ_RUNS);
  });

  test('lengths around the 16 KiB bound, and inputs far over it', () => {
    fc.assert(
      fc.property(fc.oneof(boundaryToken, boundaryToken.map(utf8), fc.integer({ min: 2 * MAX_TOKEN + 1, max: 70_000 }).map((n) => ' '.repeat(n))), (input) => {
        check('boundary', input);
      }),
      fuzzParams(0.01),
    );
  });

  // Issue 11, spec §5.1: with the provider's form the outcome is fixed by the form, not by the bytes.
  test("with form 'binary' or 'text': every input checked against spec §5.1", () => {
    const input = fc.oneof(randomBytes(600), damagedToken.map(utf8), validToken.map(utf8), validToken, damagedToken);
    fc.assert(
      fc.property(input, fc.constantFrom('binary' as const, 'text' as const), (v, form) => {
        const o = outcome(() => parseImportToken(v, { form }));
        tally.record(`form-${form}`, o);
        if (form === 'binary') {
          if (typeof v === 'string') return void expect(o.ok ? 'ok' : o.code).toBe('token_form');
          if (v.length === 0) return void expect(o.ok ? 'ok' : o.code).toBe('token_empty');
          if (!o.ok) throw new Error(`a binary token was refused with ${o.code}`);
          if (o.value.form !== 'binary') throw new Error('read as text');
          expect(Buffer.from(o.value.bytes).equals(Buffer.from(v))).toBe(true);
          expect(o.value.sha256).toBe(createHash('sha256').update(v).digest('hex'));
          return;
        }
        if (typeof v !== 'string' && textOf(v) === undefined) return void expect(o.ok ? 'ok' : o.code).toBe('token_form');
        // text: exactly the judged outcome
        const judged = outcome(() => parseImportToken(v));
        expect(o.ok ? o.value : o.code).toEqual(judged.ok ? judged.value : judged.code);
      }),
      fuzzParams(0.2),
    );
  });
});
