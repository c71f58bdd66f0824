// The ceremony app's small pure helpers: file names, passphrase hint, the document's tables, the algorithm a
// destination starts with, and the CLI line (the library's importCommand, as Ceremony.cliLine asks for it).
import { describe, expect, it } from 'vitest';
import { ALIBABA_ASYMMETRIC_KEY_SPECS as KEY_SPECS, importCommand } from '../../src/lib/index.ts';
import { Destination } from '../../src/routes/ceremony/destination.svelte.ts';
import { docAdvice, type InstanceType } from '../../src/routes/kms-tables.ts';
import { fileName, hasUnsafeNameChars, safeNamePart } from '../../src/routes/names.ts';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../src/routes/passphrase.ts';

describe('names', () => {
  it("reads the KMS download suffix from the provider's file names, ignoring a browser copy number", () => {
    const d = new Destination(); // Alibaba: publickey_<id>.pem|.bin|.der, token_<id>.txt
    expect(d.suffixOf('publickey_1a2b3c.pem')).toBe('1a2b3c');
    expect(d.suffixOf('publickey_1a2b3c.bin')).toBe('1a2b3c');
    expect(d.suffixOf('publickey_1a2b3c (1).bin')).toBe('1a2b3c');
    expect(d.suffixOf('wrapping.pem')).toBeUndefined();
    expect(d.suffixOf('token_1a2b3c.txt')).toBe('1a2b3c');
    expect(d.suffixOf('token_1a2b3c(2).txt')).toBe('1a2b3c');
    expect(d.suffixOf('token.txt')).toBeUndefined();
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

  it('an Alibaba destination starts with RSA_2048 + RSAES_OAEP… for every asymmetric spec but EC_SM2 (SM2PKE_SM4_ECB)', () => {
    for (const spec of KEY_SPECS) {
      const d = new Destination();
      d.setKeySpec(spec);
      expect(d.keySpec).toBe(spec);
      const a = d.algorithm!;
      if (spec === 'EC_SM2') expect([a.name, a.wrappingKeySpecs]).toEqual(['SM2PKE_SM4_ECB', ['EC_SM2']]);
      else expect([a.name, a.wrappingKeySpecs]).toEqual(['RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', ['RSA_2048']]);
    }
  });
});

describe('aliyun CLI line (library importCommand)', () => {
  it('reads the files with $(cat …), never inline, and quotes what needs quoting', () => {
    const base = { provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', keySpec: 'EC_P256' } as const;
    expect(importCommand({ ...base, keyId: 'key-1', fileName: 'key-material_key-1.txt', tokenFileName: 'token_ab (1).txt', expireUnix: 0 })).toBe(
      `aliyun kms ImportKeyMaterial --KeyId key-1 --EncryptedKeyMaterial "$(cat key-material_key-1.txt)" --ImportToken "$(cat 'token_ab (1).txt')" --KeyMaterialExpireUnix 0`,
    );
    expect(importCommand({ ...base, keyId: "<it's>", fileName: 'm.txt', tokenFileName: '-t.txt', expireUnix: 1800000000 })).toBe(
      `aliyun kms ImportKeyMaterial --KeyId '<it'\\''s>' --EncryptedKeyMaterial "$(cat m.txt)" --ImportToken "$(cat ./-t.txt)" --KeyMaterialExpireUnix 1800000000`,
    );
  });
});
