// Continuous RNG health (spec §3.6): a generator that repeats itself, or never yields a usable scalar, stops the
// work with rng_failed: no key, salt or IV is made from it, and nothing hangs.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { randomBytes, RNG_TEST_BLOCK } from '../src/lib/bytes.ts';
import { encryptPkcs8 } from '../src/lib/formats/encrypted-pkcs8.ts';
import { exportTargetKey, generateTargetKey, MAX_SCALAR_DRAWS, parseTargetKey } from '../src/lib/target-key.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl } from './helpers/openssl.ts';
import genpkey from './genpkey.json';

/** Replace crypto.getRandomValues with `fill`; returns the lengths asked for. */
function stubRandom(fill: (buf: Uint8Array, call: number) => void): number[] {
  const lengths: number[] = [];
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(((buf: Uint8Array) => {
    fill(buf, lengths.length);
    lengths.push(buf.length);
    return buf;
  }) as Crypto['getRandomValues']);
  return lengths;
}

afterEach(() => vi.restoreAllMocks());

describe('randomBytes: the continuous test', () => {
  test('a healthy generator passes, many times over', () => {
    for (let i = 0; i < 1000; i++) expect(randomBytes(32).length).toBe(32);
  });

  test('an all-zero generator → rng_failed at its second output, which is wiped, never returned', async () => {
    const given: Uint8Array[] = [];
    stubRandom((buf) => given.push(buf.fill(0)));
    randomBytes(32); // a single zero block is possible (2^−128) and compared with the real output before it
    await expectCode(() => randomBytes(32), 'rng_failed');
    expect(given.length).toBe(2);
  });

  test('the same block twice in a row → rng_failed (outputs of 16 bytes or more)', async () => {
    const block = crypto.getRandomValues(new Uint8Array(RNG_TEST_BLOCK));
    randomBytes(RNG_TEST_BLOCK); // a real one before
    stubRandom((buf) => buf.set(block.subarray(0, Math.min(buf.length, block.length))));
    expect(randomBytes(RNG_TEST_BLOCK).length).toBe(RNG_TEST_BLOCK); // the first stubbed output is new
    await expectCode(() => randomBytes(32), 'rng_failed');
  });
});

describe('key generation and the backup refuse a failed generator', () => {
  test.each(['EC_P256', 'EC_P256K', 'EC_SM2'] as const)('%s with an all-zero generator → rng_failed (today it loops forever)', async (spec) => {
    stubRandom((buf) => buf.fill(0));
    await expectCode(generateTargetKey(spec), 'rng_failed');
  });

  test.each(['EC_P256', 'EC_SM2'] as const)('%s with a constant non-zero generator → rng_failed', async (spec) => {
    stubRandom((buf) => buf.fill(0x42));
    await expectCode(generateTargetKey(spec), 'rng_failed');
  });

  test('never in range (yet never repeating) → rng_failed after MAX_SCALAR_DRAWS draws, not an endless loop', async () => {
    // 0xff… is above every curve order; a counter in the first 16 bytes keeps each draw new
    const lengths = stubRandom((buf, call) => {
      buf.fill(0xff);
      new DataView(buf.buffer, buf.byteOffset).setUint32(8, call);
    });
    const e = await expectCode(generateTargetKey('EC_P256'), 'rng_failed');
    expect(e.facts.limit).toBe(MAX_SCALAR_DRAWS);
    expect(lengths.filter((n) => n === 32).length).toBe(MAX_SCALAR_DRAWS);
  });

  test('the backup: salt and IV from a repeating generator → rng_failed, no file', async () => {
    const key = await parseTargetKey(openssl(['genpkey', ...genpkey.p256]).toString());
    const pkcs8 = new Uint8Array(Buffer.from((await exportTargetKey(key)).replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    stubRandom((buf) => buf.fill(7));
    await expectCode(encryptPkcs8(pkcs8, 'passphrase', {}), 'rng_failed');
    await expectCode(exportTargetKey(key, { passphrase: 'passphrase' }), 'rng_failed');
    key.dispose();
  });
});
