// The UI catalogue: zh-CN supplies every English key (also enforced by the type), with the same placeholders;
// every key the screens name exists (the .svelte files are not type-checked by tsc), and none is dead.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALIBABA_ASYMMETRIC_KEY_SPECS, ByokError, ERROR_CATALOGUE, LANGS, describeError, type ErrorCode } from '../../src/lib/index.ts';
import { CATALOGUES, describeProblem, formatTimestamp, setLang, t, tNotice, type MessageKey } from '../../src/routes/i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => setLang('en'));

describe('i18n', () => {
  it('zh-CN has every key, non-empty, with the same placeholders', () => {
    const en = CATALOGUES.en;
    const zh = CATALOGUES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('every key named in src/routes exists; every key is used', () => {
    const dir = resolve(import.meta.dirname, '../../src/routes');
    // every module of the UI, in sub-folders too, except the formatter and the catalogues themselves
    const src = (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.(svelte|ts)$/.test(f) && f !== 'i18n.ts' && !f.startsWith('i18n/'))
      .map((f) => readFileSync(resolve(dir, f), 'utf8'))
      .join('\n');
    const keys = Object.keys(CATALOGUES.en);
    // t('key'), t(`prefix.${…}`) and keys stored in data ({ key: 'warn.…' }) are all quoted literals or templates
    const named = [...src.matchAll(/\b(?:t|translate\([^,]+,)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((k) => !keys.includes(k))).toEqual([]);
    const literals = new Set([...src.matchAll(/'([a-zA-Z0-9]+(?:\.[\w-]+)+)'/g)].map((m) => m[1]!));
    const prefixes = [...src.matchAll(/`([\w.-]+\.)\$\{/g)].map((m) => m[1]!);
    expect(keys.filter((k) => !literals.has(k) && !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
    // the library's provider-neutral words describe every problem: the app names no one provider's files there
    expect(keys.filter((k) => k.startsWith('problem.'))).toEqual([]);
  });

  it('fills placeholders, translates nested keys and follows the language', () => {
    expect(t('step5.downloaded', { file: 'key-material_x.txt' })).toBe('Downloaded as key-material_x.txt.');
    const n = { key: 'advice.notListed', params: { spec: 'RSA_4096', instance: { t: 'instance.software.short' }, listed: 'RSA_2048' } } as const;
    expect(tNotice(n)).toContain('for software-protected keys');
    setLang('zh-CN');
    expect(t('step7.clear')).toBe('清除一切');
    expect(tNotice(n)).toContain('软件密钥');
  });

  it("describes library problems through the library's catalogue, in the current language", () => {
    const e = new ByokError('token_invalid', { offset: 4 });
    const p = { code: e.code, facts: e.facts };
    expect(describeProblem(p).message).toBe('the import token contains characters a token never has (at position 5)');
    setLang('zh-CN');
    expect(describeProblem(p).message).toContain('第 5 个字符');
    expect(describeProblem({ code: 'internal', facts: {} }).code).toBe('internal');
  });

  describe("the library's provider-neutral words, for every provider", () => {
    it.each(LANGS)('%s: a stored problem is described exactly as the library describes the error', (l) => {
      setLang(l);
      for (const [code, facts] of [
        ['token_empty', {}],
        ['wrapping_key_unsupported', { found: 'an RSA 4096-bit public key', bits: 4096 }],
        ['ec_curve_unsupported', { curve: 'P-384', oid: '1.3.132.0.34' }],
        ['spec_not_supported_by_algorithm', { spec: 'RSA_3072', algorithm: 'SM2PKE_SM4_ECB' }],
      ] as const) {
        const shown = describeProblem({ code, facts });
        expect(shown).toEqual(describeError(new ByokError(code, facts), l));
        // no one provider's files or console in words shown for every provider
        expect(`${shown.message} ${shown.hint}`).not.toMatch(/token_\*|publickey_|Alibaba|阿里云/);
      }
    });
  });

  it('prints times with their UTC offset', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
  });
});
