import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/sm4.json';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { sm4DecryptEcb, sm4EncryptEcb } from '../../src/lib/wrap/sm4.ts';
import { openssl } from '../helpers/openssl.ts';

const rnd = (n: number) => new Uint8Array(randomBytes(n));

describe('SM4 (GB/T 32907-2016)', () => {
  test.each(vectors.vectors)('$source', (v) => {
    const key = fromHex(v.key);
    let block = fromHex(v.plaintext);
    for (let i = 0; i < v.iterations; i++) block = sm4EncryptEcb(key, block);
    expect(toHex(block)).toBe(v.ciphertext);
  });

  test('decrypts the Annex A example 1 ciphertext back to its plaintext', () => {
    const v = vectors.vectors.find((x) => x.iterations === 1)!;
    expect(toHex(sm4DecryptEcb(fromHex(v.key), fromHex(v.ciphertext)))).toBe(v.plaintext);
  });

  test('decrypt(encrypt(x)) = x for several block counts, and the input is left untouched', () => {
    for (const blocks of [1, 2, 3, 17]) {
      const key = rnd(16);
      const data = rnd(16 * blocks);
      const copy = data.slice();
      const ct = sm4EncryptEcb(key, data);
      expect(ct.length).toBe(data.length);
      expect(toHex(ct)).not.toBe(toHex(data));
      expect(toHex(data)).toBe(toHex(copy));
      expect(toHex(sm4DecryptEcb(key, ct))).toBe(toHex(data));
    }
  });

  test('ECB: equal plaintext blocks give equal ciphertext blocks (no chaining, no padding)', () => {
    const key = rnd(16);
    const block = rnd(16);
    const ct = sm4EncryptEcb(key, new Uint8Array([...block, ...block]));
    expect(ct.length).toBe(32);
    expect(toHex(ct.subarray(0, 16))).toBe(toHex(ct.subarray(16)));
  });

  test('empty data gives empty output', () => {
    expect(sm4EncryptEcb(rnd(16), new Uint8Array(0)).length).toBe(0);
  });

  test.each([
    ['key of 15 bytes', 15, 16],
    ['key of 32 bytes', 32, 16],
    ['data of 15 bytes', 16, 15],
    ['data of 17 bytes', 16, 17],
  ])('rejects %s with RangeError', (_name, keyLen, dataLen) => {
    expect(() => sm4EncryptEcb(new Uint8Array(keyLen), new Uint8Array(dataLen))).toThrow(RangeError);
    expect(() => sm4DecryptEcb(new Uint8Array(keyLen), new Uint8Array(dataLen))).toThrow(RangeError);
  });

  test.each([1, 2, 3, 4, 16, 77])('matches openssl enc -sm4-ecb -nopad for %i random blocks (both directions)', (blocks) => {
    const key = rnd(16);
    const data = rnd(16 * blocks);
    const theirs = openssl(['enc', '-sm4-ecb', '-nopad', '-K', toHex(key)], data);
    expect(toHex(sm4EncryptEcb(key, data))).toBe(toHex(theirs));
    const back = openssl(['enc', '-d', '-sm4-ecb', '-nopad', '-K', toHex(key)], data);
    expect(toHex(sm4DecryptEcb(key, data))).toBe(toHex(back));
  });
});
