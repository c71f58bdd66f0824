import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/sm3.json';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { sm3 } from '../../src/lib/wrap/sm3.ts';
import { openssl } from '../helpers/openssl.ts';

// node:crypto, not getRandomValues: test inputs go beyond its 65,536-byte limit
const rnd = (n: number) => new Uint8Array(randomBytes(n));

describe('SM3 (GB/T 32905-2016)', () => {
  test.each(vectors.vectors)('$source', (v) => {
    expect(toHex(sm3(fromHex(v.message)))).toBe(v.digest);
  });

  test('does not modify its input', () => {
    const m = rnd(100);
    const copy = m.slice();
    sm3(m);
    expect(toHex(m)).toBe(toHex(copy));
  });

  // Padding edges (§5.2): 55/56 bytes decide one vs two final blocks; 63/64/65 straddle a block boundary.
  test.each([0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097, 100_003])(
    'matches openssl dgst -sm3 on %i random bytes',
    (len) => {
      const m = rnd(len);
      const theirs = openssl(['dgst', '-sm3', '-binary'], m);
      expect(theirs.length).toBe(32);
      expect(toHex(sm3(m))).toBe(toHex(theirs));
    },
  );
});
