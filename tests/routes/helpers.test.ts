// The ceremony app's small pure helpers: file names, passphrase hint, the document's tables, the CLI line.
import { describe, expect, it } from 'vitest';
import { ALIBABA_ASYMMETRIC_KEY_SPECS as KEY_SPECS } from '../../src/lib/index.ts';
import { importKeyMaterialCommand, shellQuote } from '../../src/routes/cli.ts';
import { docAdvice, planFor, type InstanceType } from '../../src/routes/kms-tables.ts';
import { fileName, hasUnsafeNameChars, safeNamePart, tokenSuffix, wrappingKeySuffix } from '../../src/routes/names.ts';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../src/routes/passphrase.ts';

describe('names', () => {
  it('reads the KMS download suffix, ignoring a browser copy number', () => {
    expect(wrappingKeySuffix('publickey_1a2b3c.pem')).toBe('1a2b3c');
    expect(wrappingKeySuffix('publickey_1a2b3c.bin')).toBe('1a2b3c');
    expect(wrappingKeySuffix('publickey_1a2b3c (1).bin')).toBe('1a2b3c');
    expect(wrappingKeySuffix('wrapping.pem')).toBeUndefined();
    expect(tokenSuffix('token_1a2b3c.txt')).toBe('1a2b3c');
    expect(tokenSuffix('token_1a2b3c(2).txt')).toBe('1a2b3c');
    expect(tokenSuffix('token.txt')).toBeUndefined();
    expect(tokenSuffix('publickey_1a2b3c.pem')).toBeUndefined();
  });

  it('keeps only file-name-safe characters', () => {
    expect(safeNamePart(' key-abc_1.2 ')).toBe('key-abc_1.2');
    expect(safeNamePart('../../etc/passwd')).toBe('etcpasswd');
    expect(safeNamePart('key/ä:*?')).toBe('key');
    expect(hasUnsafeNameChars('key-hzz6')).toBe(false);
    expect(hasUnsafeNameChars('key hzz6')).toBe(true);
    expect(fileName('key-material', 'key-1', 'txt')).toBe('key-material_key-1.txt');
    expect(fileName('key-material', '///', 'txt')).toBe('key-material.txt');
  });
});

describe('passphrase strength hint', () => {
  it('refuses short passphrases and grades the rest', () => {
    expect(passphraseStrength('').level).toBe('empty');
    expect(passphraseStrength('a'.repeat(MIN_PASSPHRASE_LENGTH - 1)).level).toBe('too-short');
    expect(passphraseStrength('aaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('correct horse battery').level).toBe('weak');
    expect(passphraseStrength('correct horse battery staple').level).toBe('fair');
    expect(passphraseStrength('correct horse battery staple orbit velvet').level).toBe('strong');
    expect(passphraseStrength('k3#Vq9!zP2@w').level).toBe('strong');
    expect(passphraseStrength('abcdefghijkl').level).toBe('fair');
    expect(passphraseStrength('口令口令口令口令口令口令').length).toBe(12);
  });
});

describe("the Alibaba document's tables", () => {
  const advice = (i: InstanceType, s: (typeof KEY_SPECS)[number]) => docAdvice(i, s).map((n) => n.key);

  it('warns, with the reason, where the document contradicts itself or is silent', () => {
    for (const spec of ['RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K'] as const) expect(advice('software', spec)).toEqual([]);
    expect(advice('software', 'RSA_4096')).toEqual(['advice.notListed']);
    expect(advice('software', 'EC_SM2')).toEqual(['advice.sm2']);
    for (const spec of ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K'] as const)
      expect(advice('hardware', spec)).toEqual(['advice.hardwareTable']);
    expect(advice('hardware', 'EC_SM2')).toEqual(['advice.hardwareTable', 'advice.sm2']);
  });

  it('plans RSA_2048 + RSAES_OAEP… for every spec but EC_SM2', () => {
    for (const spec of KEY_SPECS) {
      const plan = planFor(spec);
      if (spec === 'EC_SM2') expect(plan).toEqual({ algorithm: 'SM2PKE_SM4_ECB', wrappingKeySpec: 'EC_SM2', eskLength: 16, wraps: 'raw-scalar' });
      else
        expect(plan).toEqual({
          algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
          wrappingKeySpec: 'RSA_2048',
          eskLength: 32,
          wraps: 'pkcs8',
        });
    }
  });
});

describe('aliyun CLI line', () => {
  it('reads the files by default and quotes what needs quoting', () => {
    expect(
      importKeyMaterialCommand({ keyId: 'key-1', materialFile: 'key-material_key-1.txt', tokenFile: 'token_ab (1).txt', expireUnix: 0 }),
    ).toBe(
      `aliyun kms ImportKeyMaterial --KeyId key-1 --EncryptedKeyMaterial "$(cat key-material_key-1.txt)" --ImportToken "$(cat 'token_ab (1).txt')" --KeyMaterialExpireUnix 0`,
    );
    expect(
      importKeyMaterialCommand({ keyId: '<KeyId>', materialFile: 'm.txt', tokenFile: 't.txt', expireUnix: 1800000000, inline: { material: 'QUJD+/==', token: 'dG9r' } }),
    ).toBe(`aliyun kms ImportKeyMaterial --KeyId '<KeyId>' --EncryptedKeyMaterial QUJD+/== --ImportToken dG9r --KeyMaterialExpireUnix 1800000000`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
