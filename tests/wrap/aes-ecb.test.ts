// AES-ECB (spec §1.1, §9.3) and the key check value (spec §9.4), against SP 800-38A and the OpenSSL CLI.
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/aes-256-ecb.json';
import kcvVectors from '../vectors/kcv.json';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { aesEcbEncryptBlocks, aesEcbPkcs7Decrypt, aesEcbPkcs7Encrypt, aesEcbPkcs7Length } from '../../src/lib/wrap/aes-ecb.ts';
import { keyCheckValue, type KcvCipher } from '../../src/lib/wrap/kcv.ts';
import { openssl, opensslAsync } from '../helpers/openssl.ts';

const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('AES-256-ECB', () => {
  test('NIST SP 800-38A F.1.5 encrypt / F.1.6 decrypt', () => {
    const key = fromHex(vectors.key);
    const pt = fromHex(vectors.blocks.map((b) => b.plaintext).join(''));
    const ct = fromHex(vectors.blocks.map((b) => b.ciphertext).join(''));
    expect(toHex(aesEcbEncryptBlocks(key, pt))).toBe(toHex(ct));
    // with PKCS#7 the four vector blocks come first, then one full padding block
    const padded = aesEcbPkcs7Encrypt(key, pt);
    expect(padded.length).toBe(80);
    expect(toHex(padded.subarray(0, 64))).toBe(toHex(ct));
    expect(toHex(aesEcbPkcs7Decrypt(key, padded))).toBe(toHex(pt));
  });

  test.each([0, 1, 15, 16, 17, 100, 1217])('matches openssl enc -aes-256-ecb for %i bytes', (len) => {
    const key = rnd(32);
    const data = rnd(len);
    const ours = aesEcbPkcs7Encrypt(key, data);
    expect(ours.length).toBe(aesEcbPkcs7Length(len));
    expect(ours.length).toBe(16 * Math.ceil((len + 1) / 16));
    const theirs = openssl(['enc', '-aes-256-ecb', '-K', toHex(key)], data);
    expect(toHex(ours)).toBe(toHex(theirs));
  });

  test('AES-128 and AES-192 keys match openssl too; other key lengths and partial blocks are refused', () => {
    for (const [len, name] of [[16, 'aes-128-ecb'], [24, 'aes-192-ecb']] as const) {
      const key = rnd(len);
      const data = rnd(33);
      expect(toHex(aesEcbPkcs7Encrypt(key, data))).toBe(toHex(openssl(['enc', `-${name}`, '-K', toHex(key)], data)));
    }
    expect(() => aesEcbPkcs7Encrypt(rnd(31), rnd(16))).toThrow(RangeError);
    expect(() => aesEcbEncryptBlocks(rnd(32), rnd(15))).toThrow(RangeError);
  });
});

describe('key check value (spec §9.4)', () => {
  const zeroBlockKcv = async (cipher: string, key: Uint8Array) =>
    toHex((await opensslAsync(['enc', `-${cipher}`, '-nopad', '-K', toHex(key)], new Uint8Array(16))).subarray(0, 3));

  test.each(kcvVectors.vectors)('$source ($openssl): vector file, ours and OpenSSL agree', async (v) => {
    expect(keyCheckValue(v.cipher as KcvCipher, fromHex(v.key))).toBe(v.kcv);
    expect(await zeroBlockKcv(v.openssl, fromHex(v.key))).toBe(v.kcv);
  });

  test('random AES-128/192/256 and SM4 keys: ours equals openssl enc -nopad of a zero block', async () => {
    const cases: [KcvCipher, string, number][] = [];
    for (let i = 0; i < 5; i++) cases.push(['AES', 'aes-128-ecb', 16], ['AES', 'aes-192-ecb', 24], ['AES', 'aes-256-ecb', 32], ['SM4', 'sm4-ecb', 16]);
    await Promise.all(
      cases.map(async ([cipher, name, len]) => {
        const key = rnd(len);
        const kcv = keyCheckValue(cipher, key);
        expect(kcv).toMatch(/^[0-9a-f]{6}$/);
        expect(kcv).toBe(await zeroBlockKcv(name, key));
      }),
    );
  });

  test('AES and SM4 give different values for the same 16 bytes; bad key lengths throw', () => {
    const key = fromHex('0123456789abcdeffedcba9876543210');
    expect(keyCheckValue('AES', key)).not.toBe(keyCheckValue('SM4', key));
    expect(() => keyCheckValue('AES', rnd(20))).toThrow(RangeError);
    expect(() => keyCheckValue('SM4', rnd(32))).toThrow(RangeError);
  });
});
