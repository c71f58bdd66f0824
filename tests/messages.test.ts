// Spec §7: every error code has a message and a hint in every language; foreign exceptions never leak.
import { describe, expect, test } from 'vitest';
import { ByokError, describeError, ERROR_CATALOGUE, KEY_SPEC_INFO, KEY_SPECS, LANGS, PROVIDERS, type ErrorCode } from '../src/lib/index.ts';
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
  test('the library speaks for every provider: no Alibaba file, step or algorithm name in any message or hint', () => {
    const alibabaAlgorithms = PROVIDERS.alibaba!.algorithms.map((a) => a.name);
    expect(alibabaAlgorithms.length).toBeGreaterThan(3);
    const forbidden = ['KMS', 'token_', 'publickey_', 'Alibaba', 'Aliyun', '阿里', 'GetPublicKey', 'Obtain Parameters', '导入参数', ...alibabaAlgorithms];
    // representative public facts, none of them Alibaba's own words
    const factSets = [{}, { bits: 1024, curve: 'P-384', found: 'an X', offset: 3, length: 9, limit: 10, spec: 'EC_SM2', algorithm: 'SOME_ALG', check: 'n = p·q', field: 'd', label: 'FOO', test: 'SM3' }, { spec: 'RSA_2048' }];
    let checked = 0;
    for (const lang of LANGS) {
      for (const code of Object.keys(ERROR_CATALOGUE[lang]) as ErrorCode[]) {
        for (const facts of factSets) {
          const d = describeError(new ByokError(code, facts), lang);
          for (const text of [d.message, d.hint]) {
            for (const word of forbidden) expect(text, `${lang} ${code}`).not.toContain(word);
            expect(text).not.toMatch(/https?:\/\//);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(LANGS.length * codes.length * factSets.length * 2);
  });
  test('the lists of what byok-wrap reads come from the key-type table', () => {
    const asymmetric = KEY_SPECS.filter((s) => KEY_SPEC_INFO[s].kind === 'asymmetric');
    expect(describeError(new ByokError('key_algorithm_unsupported')).message).toContain(`${asymmetric.slice(0, -1).join(', ')} or ${asymmetric.at(-1)} private keys`);
    expect(describeError(new ByokError('rsa_modulus_size', { bits: 1024 })).message).toBe('this RSA key is 1024 bits; byok-wrap reads RSA keys of 2048, 3072 or 4096 bits');
    expect(describeError(new ByokError('ec_curve_unsupported', { curve: 'brainpoolP256r1' })).message).toBe(
      'this file holds a key on brainpoolP256r1; byok-wrap reads EC keys on P-256, P-384, P-521, secp256k1 or SM2',
    );
    expect(describeError(new ByokError('wrapping_key_unsupported', { found: 'an RSA 1024-bit public key' })).message).toBe(
      'this file holds an RSA 1024-bit public key; byok-wrap reads wrapping public keys of type RSA_2048, RSA_3072, RSA_4096 or EC_SM2',
    );
    expect(describeError(new ByokError('ec_curve_unsupported', { curve: 'P-192' }), 'zh-CN').message).toBe(
      '此文件包含 P-192 曲线上的密钥；byok-wrap 读取 P-256、P-384、P-521、secp256k1 或 SM2 曲线上的 EC 密钥',
    );
    expect(describeError(new ByokError('key_spec_unknown', { spec: 'X' })).hint).toContain(KEY_SPECS.join(', ').replace(/, (?=[^,]*$)/, ' or '));
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
