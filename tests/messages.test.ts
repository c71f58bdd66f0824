// Spec §7: every error code has a message and a hint in every language; foreign exceptions never leak.
import { describe, expect, test } from 'vitest';
import { ByokError, describeError, ERROR_CATALOGUE, LANGS, type ErrorCode } from '../src/lib/index.ts';
import { readFileSync } from 'node:fs';

const codes = [...readFileSync(new URL('../src/lib/errors.ts', import.meta.url), 'utf8').matchAll(/^\s*\|\s*'([a-z0-9_]+)'/gm)].map((m) => m[1] as ErrorCode);

describe('error catalogue', () => {
  test('the union has codes and every language covers exactly them', () => {
    expect(codes.length).toBeGreaterThan(30);
    for (const lang of LANGS) expect(Object.keys(ERROR_CATALOGUE[lang]).sort()).toEqual([...codes].sort());
  });
  test.each(LANGS)('%s: every code renders a non-empty message and hint, with and without facts', (lang) => {
    for (const code of codes) {
      for (const facts of [{}, { bits: 1024, curve: 'P-384', found: 'an X', offset: 3, length: 9, limit: 10, spec: 'EC_SM2', algorithm: 'SM2PKE_SM4_ECB', check: 'n = p·q', field: 'd', label: 'FOO', test: 'SM3' }]) {
        const d = describeError(new ByokError(code, facts), lang);
        expect(d.code).toBe(code);
        expect(d.message.length).toBeGreaterThan(lang === 'en' ? 5 : 2);
        expect(d.hint.length).toBeGreaterThan(lang === 'en' ? 5 : 2);
        expect(d.message).not.toMatch(/undefined|\[object/);
      }
    }
  });
  test('zh-CN messages are Chinese, English ones are not', () => {
    const zh = describeError(new ByokError('passphrase_wrong'), 'zh-CN');
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    expect(describeError(new ByokError('passphrase_wrong')).message).not.toMatch(/[\u4e00-\u9fff]/);
  });
  test('a foreign exception becomes a generic internal error without its text', () => {
    const d = describeError(new Error('secret 00112233 at line 5'));
    expect(d.code).toBe('internal');
    expect(d.message).not.toContain('00112233');
    expect(describeError('oops', 'zh-CN').code).toBe('internal');
  });
  test('ByokError.message is the English message', () => {
    const e = new ByokError('rsa_modulus_size', { bits: 1024 });
    expect(e.message).toBe(describeError(e).message);
    expect(e.message).toContain('1024');
  });
});
