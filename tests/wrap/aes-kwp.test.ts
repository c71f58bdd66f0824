// AES key wrap with padding (RFC 5649 / SP 800-38F KWP, spec §9.2): the RFC's vectors, the OpenSSL CLI both ways
// and pyca cryptography as a second implementation.
//
// OpenSSL 3.0's `enc` wrap path has a 4 KiB buffer (research §2.3, fixed upstream in openssl PR #29940):
// unwrapping fails for any wrapped blob over 4096 bytes, and wrapping an input over 4096 bytes silently gives
// wrong output. So OpenSSL checks lengths up to 4088 bytes (→ a 4096-byte blob) both ways, and pyca alone
// covers the longer ones.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/rfc5649.json';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { aesKwpUnwrap, aesKwpWrap, kwpLength } from '../../src/lib/wrap/aes-kwp.ts';
import { opensslAsync } from '../helpers/openssl.ts';
import { pyca } from '../helpers/pyca.ts';

const rnd = (n: number) => new Uint8Array(randomBytes(n));
const wrapPad = (kek: Uint8Array) => `-id-aes${kek.length * 8}-wrap-pad`;
const kwpArgs = (kek: Uint8Array, decrypt = false, iv = 'A65959A6') => ['enc', ...(decrypt ? ['-d'] : []), wrapPad(kek), '-K', toHex(kek), '-iv', iv];

/** The largest plaintext OpenSSL 3.0 enc unwraps: its wrapped blob is exactly 4096 bytes. */
const OPENSSL_ENC_MAX = 4088;
// every padding remainder, the key sizes KMSs import (AES, HMAC, P-256/P-521/RSA PKCS#8) and the OpenSSL limit
const LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 24, 28, 32, 48, 64, 72, 135, 138, 241, 1217, 1792, 2374, OPENSSL_ENC_MAX];

describe('RFC 5649 §6 vectors', () => {
  test.each(vectors.vectors)('$source', async (v) => {
    expect(v.source.length).toBeGreaterThan(10);
    const kek = fromHex(v.kek);
    expect(toHex(aesKwpWrap(kek, fromHex(v.key)))).toBe(v.wrap);
    expect(toHex(aesKwpUnwrap(kek, fromHex(v.wrap))!)).toBe(v.key);
    // the vector is also what OpenSSL produces, so the oracle and the RFC agree
    expect(toHex(await opensslAsync(kwpArgs(kek), fromHex(v.key)))).toBe(v.wrap);
  });
});

describe('OpenSSL enc -id-aes256-wrap-pad -iv A65959A6, both ways', () => {
  test(`lengths ${LENGTHS.join(', ')}: our wrap unwraps in OpenSSL, OpenSSL's wrap is byte-identical and unwraps in ours`, async () => {
    await Promise.all(
      LENGTHS.map(async (len) => {
        const kek = rnd(32);
        const key = rnd(len);
        const ours = aesKwpWrap(kek, key);
        expect(ours.length).toBe(kwpLength(len));
        expect(ours.length).toBe(8 + 8 * Math.ceil(len / 8));
        const [unwrapped, theirs] = await Promise.all([opensslAsync(kwpArgs(kek, true), ours), opensslAsync(kwpArgs(kek), key)]);
        expect(toHex(unwrapped)).toBe(toHex(key));
        expect(toHex(theirs)).toBe(toHex(ours)); // KWP is deterministic
        expect(toHex(aesKwpUnwrap(kek, theirs)!)).toBe(toHex(key));
      }),
    );
  });

  test('AES-128 and AES-192 KEKs match OpenSSL as well', async () => {
    for (const kekLen of [16, 24]) {
      const kek = rnd(kekLen);
      const key = rnd(37);
      const ours = aesKwpWrap(kek, key);
      expect(toHex(await opensslAsync(kwpArgs(kek, true), ours))).toBe(toHex(key));
    }
  });

  test('the oracle distinguishes: RFC 3394 IV A6A6A6A6, a wrong KEK or a flipped bit fail in OpenSSL', async () => {
    const kek = rnd(32);
    const wrapped = aesKwpWrap(kek, rnd(32));
    const flipped = wrapped.slice();
    flipped[17]! ^= 1;
    await expect(opensslAsync(kwpArgs(kek, true, 'A6A6A6A6'), wrapped)).rejects.toThrow();
    await expect(opensslAsync(kwpArgs(rnd(32), true), wrapped)).rejects.toThrow();
    await expect(opensslAsync(kwpArgs(kek, true), flipped)).rejects.toThrow();
  });
});

describe('pyca cryptography aes_key_wrap_with_padding (second implementation)', () => {
  // beyond OpenSSL 3.0's 4 KiB limit too
  const lengths = [1, 7, 8, 9, 32, 72, 1217, 2374, 4089, 5000, 10_000, 65_537];

  test(`lengths ${lengths.join(', ')}: identical wrap, and pyca unwraps ours`, () => {
    const cases = lengths.map((len) => ({ kek: rnd(32), key: rnd(len) }));
    const ours = cases.map((c) => aesKwpWrap(c.kek, c.key));
    const answers = pyca([
      ...cases.map((c) => ({ op: 'kwp-wrap' as const, kek: c.kek, data: c.key })),
      ...cases.map((c, i) => ({ op: 'kwp-unwrap' as const, kek: c.kek, data: ours[i]! })),
    ]);
    cases.forEach((c, i) => {
      expect(toHex((answers[i] as { ok: Uint8Array }).ok)).toBe(toHex(ours[i]!));
      expect(toHex((answers[cases.length + i] as { ok: Uint8Array }).ok)).toBe(toHex(c.key));
      expect(toHex(aesKwpUnwrap(c.kek, ours[i]!)!)).toBe(toHex(c.key));
    });
  });

  test('pyca refuses a tampered blob (InvalidUnwrap), and so do we', () => {
    const kek = rnd(32);
    const wrapped = aesKwpWrap(kek, rnd(40));
    wrapped[wrapped.length - 1]! ^= 0x80;
    const [answer] = pyca([{ op: 'kwp-unwrap', kek, data: wrapped }]);
    expect(answer).toEqual({ error: 'InvalidUnwrap' });
    expect(aesKwpUnwrap(kek, wrapped)).toBeNull();
  });
});

describe('rejections', () => {
  test('empty plaintext and bad KEK lengths are caller bugs (RangeError)', () => {
    expect(() => aesKwpWrap(rnd(32), new Uint8Array(0))).toThrow(RangeError);
    expect(() => aesKwpWrap(rnd(20), rnd(16))).toThrow(RangeError);
    expect(() => aesKwpUnwrap(rnd(31), rnd(24))).toThrow(RangeError);
  });

  test('unwrap returns null for a wrong KEK, a bad length or non-zero padding behind a valid AIV', async () => {
    const kek = rnd(32);
    const wrapped = aesKwpWrap(kek, rnd(13));
    expect(aesKwpUnwrap(rnd(32), wrapped)).toBeNull();
    expect(aesKwpUnwrap(kek, wrapped.subarray(0, 20))).toBeNull();
    expect(aesKwpUnwrap(kek, rnd(8))).toBeNull();
    // RFC 5649 §3: AIV = A65959A6 ‖ MLI 9 over 16 bytes whose pad bytes 10..16 are not zero, made by OpenSSL's
    // unpadded RFC 3394 wrap with that AIV as its IV: only the padding check can catch it
    const data = rnd(16);
    data[15] = data[15]! | 1;
    const forged = await opensslAsync(['enc', '-id-aes256-wrap', '-K', toHex(kek), '-iv', 'A65959A600000009'], data);
    expect(aesKwpUnwrap(kek, forged)).toBeNull();
    // the same construction with zero padding is accepted: the forgery differs only where the check looks
    data.fill(0, 9);
    const valid = await opensslAsync(['enc', '-id-aes256-wrap', '-K', toHex(kek), '-iv', 'A65959A600000009'], data);
    expect(toHex(aesKwpUnwrap(kek, valid)!)).toBe(toHex(data.subarray(0, 9)));
  });
});
