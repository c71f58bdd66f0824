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
    // 'problem.<code>.message|hint' are named by describeProblem() from the error code (see below)
    expect(keys.filter((k) => !k.startsWith('problem.') && !literals.has(k) && !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
    const problemKeys = keys.filter((k) => k.startsWith('problem.'));
    expect(problemKeys.length).toBeGreaterThan(10);
    expect(problemKeys.filter((k) => !/^problem\.[a-z0-9_]+\.(message|hint)$/.test(k) || !Object.hasOwn(ERROR_CATALOGUE.en, k.split('.')[1]!))).toEqual([]);
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

  describe("this wizard's Alibaba words over the library's provider-neutral ones", () => {
    // every fact an override may name, so that each one is complete
    const facts = { found: 'an RSA 4096-bit public key', curve: 'P-384', spec: 'EC_SM2', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', bits: 1024, offset: 3 };
    const problem = (code: ErrorCode, f: object = facts) => describeProblem({ code, facts: f });

    it.each(LANGS)('%s: every override is complete and differs from the library text it replaces', (l) => {
      setLang(l);
      const keys = Object.keys(CATALOGUES[l]).filter((k) => k.startsWith('problem.'));
      for (const key of keys) {
        const [, code, part] = key.split('.') as [string, ErrorCode, 'message' | 'hint'];
        const shown = problem(code)[part];
        expect(shown, key).not.toMatch(/[{}]/);
        expect(shown, key).not.toBe(describeError(new ByokError(code, facts), l)[part]);
      }
    });

    it('gives the Alibaba hints for token_empty, wrapping_key_unsupported and spec_not_supported_by_algorithm, in both languages', () => {
      expect(problem('token_empty').hint).toBe('pick token_*.txt from the same download as the public key.');
      expect(problem('wrapping_key_unsupported').message).toBe('this file holds an RSA 4096-bit public key; KMS wrapping keys for asymmetric import are RSA_2048 or EC_SM2');
      expect(problem('wrapping_key_unsupported').hint).toBe('download the wrapping public key again with wrapping key type RSA_2048 (or EC_SM2).');
      expect(problem('spec_not_supported_by_algorithm').hint).toBe(
        'EC_SM2 keys need wrapping key type EC_SM2 (SM2PKE_SM4_ECB); obtain the import parameters again with that type.',
      );
      expect(problem('spec_not_supported_by_algorithm', { spec: 'RSA_3072', algorithm: 'SM2PKE_SM4_ECB' }).hint).toContain(
        'wrapping key type RSA_2048 (RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD)',
      );
      setLang('zh-CN');
      expect(problem('token_empty').hint).toBe('请选择与公钥同一次下载的 token_*.txt。');
      expect(problem('wrapping_key_unsupported').hint).toBe('请以加密公钥类型 RSA_2048（或 EC_SM2）重新下载加密公钥。');
      expect(problem('spec_not_supported_by_algorithm').hint).toBe('EC_SM2 密钥需要 EC_SM2 加密公钥（SM2PKE_SM4_ECB）；请以此加密公钥类型重新获取导入参数。');
    });

    it('a spec Alibaba asymmetric import does not take falls back to the library hint (no placeholder left empty)', () => {
      const f = { spec: 'AES_256', algorithm: 'SM2PKE_SM4_ECB' };
      expect(problem('spec_not_supported_by_algorithm', f).hint).toBe(describeError(new ByokError('spec_not_supported_by_algorithm', f)).hint);
      expect(problem('wrapping_key_is_private_key', {}).message).toBe('this file is a private key, not a wrapping public key');
    });

    it("refused keys are told what this ceremony takes (Alibaba's specs), not that byok-wrap cannot read them", () => {
      const ecSpecs = ALIBABA_ASYMMETRIC_KEY_SPECS.filter((s) => s.startsWith('EC_'));
      const p384 = problem('ec_curve_unsupported', { curve: 'P-384', oid: '1.3.132.0.34' });
      expect(p384.message).toBe(`this is a key on P-384; this ceremony (Alibaba Cloud KMS asymmetric import) takes only ${ecSpecs.slice(0, -1).join(', ')} and ${ecSpecs.at(-1)} keys`);
      expect(p384.hint).toBe('create the key in KMS with one of those specs and use a private key on P-256, secp256k1 or SM2.');
      const ed = problem('key_algorithm_unsupported', { found: 'Ed25519', oid: '1.3.101.112' });
      expect(ed.message).toBe(`this is a key of type Ed25519; this ceremony (Alibaba Cloud KMS asymmetric import) takes only ${ALIBABA_ASYMMETRIC_KEY_SPECS.slice(0, -1).join(', ')} and EC_SM2 keys`);
      for (const d of [p384, ed]) expect(d.message).not.toMatch(/byok-wrap reads/);
      setLang('zh-CN');
      expect(problem('ec_curve_unsupported', { curve: 'P-521' }).message).toBe('这是 P-521 曲线上的密钥；本仪式（阿里云 KMS 非对称密钥导入）只接受 EC_P256、EC_P256K 和 EC_SM2 密钥');
    });
  });

  it('prints times with their UTC offset', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
  });
});
