// Issue 11, spec §10.8: sameKey(a, b) — the same key type and the same key. The app's backup read-back relies on
// it for secret keys (a CMS backup must hold exactly the key in memory), so each "same" case reads the key back
// through another path (hex, OpenSSL's re-encoding, the CMS backup) rather than comparing an object with itself.
import { describe, expect, test } from 'vitest';
import { exportTargetKey, generateTargetKey, parseTargetKey, sameKey, type SecretKeySpec, type TargetKey } from '../../src/lib/index.ts';
import { targetPlaintext } from '../../src/lib/target-key.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl } from '../helpers/openssl.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** The raw bytes of a secret key, read once and wiped by the caller's scope ending (test only). */
const rawHex = (k: TargetKey) => {
  const raw = targetPlaintext(k, 'raw');
  const h = hex(raw);
  raw.fill(0);
  return h;
};

describe.each(['AES_256', 'HMAC_256'] as const satisfies readonly SecretKeySpec[])('%s', (spec) => {
  test('the same key read back as hex and from the CMS backup is the same; another key, or one byte changed, is not', async () => {
    const k = await generateTargetKey(spec);
    const h = rawHex(k);
    expect(sameKey(k, k)).toBe(true);
    const fromHex = await parseTargetKey(h, { spec });
    expect(sameKey(k, fromHex)).toBe(true);
    expect(sameKey(fromHex, k)).toBe(true);
    const backup = await exportTargetKey(k, { passphrase: 'same-key test' });
    const readBack = await parseTargetKey(backup, { spec, passphrase: 'same-key test' });
    expect(sameKey(k, readBack)).toBe(true);

    expect(sameKey(k, await generateTargetKey(spec))).toBe(false);
    // a difference in the first or only in the last byte: the whole length is compared
    for (const at of [0, h.length - 2]) {
      const flipped = h.slice(0, at) + ((parseInt(h.slice(at, at + 2), 16) ^ 1).toString(16).padStart(2, '0')) + h.slice(at + 2);
      expect(sameKey(k, await parseTargetKey(flipped, { spec }))).toBe(false);
    }
  }, 30_000);
});

describe('RSA_2048 (generated)', () => {
  test("the key and OpenSSL's re-encoding of it (PKCS#1) are the same; another generated key is not", async () => {
    const k = await generateTargetKey('RSA_2048');
    const pkcs8 = await exportTargetKey(k);
    const pkcs1 = openssl(['pkey', '-traditional'], pkcs8).toString();
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const loaded = await parseTargetKey(pkcs1);
    expect(sameKey(k, loaded)).toBe(true);
    expect(sameKey(loaded, k)).toBe(true);
    const other = await generateTargetKey('RSA_2048');
    expect(sameKey(k, other)).toBe(false);
  }, 60_000);
});

test('different specs are different keys, even with equal bytes (AES_128 and SM4, 16 bytes each)', async () => {
  const bytes = hex(crypto.getRandomValues(new Uint8Array(16)));
  const aes = await parseTargetKey(bytes, { spec: 'AES_128' });
  const sm4 = await parseTargetKey(bytes, { spec: 'SM4' });
  expect(sameKey(aes, sm4)).toBe(false);
  expect(sameKey(sm4, aes)).toBe(false);
  expect(sameKey(aes, await parseTargetKey(bytes, { spec: 'AES_128' }))).toBe(true); // the bytes are equal
  // a secret and an asymmetric key
  expect(sameKey(aes, await generateTargetKey('EC_P256'))).toBe(false);
});

test('every copy of the secret is wiped; the keys themselves keep their bytes', async () => {
  const a = await generateTargetKey('AES_256');
  const b = await parseTargetKey(rawHex(a), { spec: 'AES_256' });
  // copySecret lives on the class both kinds share; record what it hands out during sameKey
  const core = Object.getPrototypeOf(Object.getPrototypeOf(a)) as { copySecret: (...args: unknown[]) => Uint8Array };
  const original = core.copySecret;
  const copies: Uint8Array[] = [];
  core.copySecret = function (this: unknown, ...args: unknown[]) {
    const c = original.apply(this, args);
    copies.push(c);
    return c;
  };
  try {
    expect(sameKey(a, b)).toBe(true);
    expect(sameKey(a, await generateTargetKey('AES_256'))).toBe(false);
  } finally {
    core.copySecret = original;
  }
  expect(copies.length).toBe(4);
  for (const c of copies) {
    expect(c.length).toBe(32);
    expect(c.every((x) => x === 0)).toBe(true);
  }
  expect(sameKey(a, b)).toBe(true);
  expect(rawHex(a)).toMatch(/[1-9a-f]/);
});

test('a disposed key is key_disposed, in either position', async () => {
  const k = await generateTargetKey('AES_256');
  const d = await generateTargetKey('AES_256');
  d.dispose();
  await expectCode(() => sameKey(k, d), 'key_disposed');
  await expectCode(() => sameKey(d, k), 'key_disposed');
  const ec = await generateTargetKey('EC_P256');
  const ecDisposed = await parseTargetKey(await exportTargetKey(ec));
  ecDisposed.dispose();
  await expectCode(() => sameKey(ec, ecDisposed), 'key_disposed');
});

test('anything but a key this library made is input_type (brand check, no caller code run)', async () => {
  const k = await generateTargetKey('AES_256');
  const lookAlikes: unknown[] = [null, undefined, 'AES_256', new Uint8Array(32), { ...k }, Object.create(k), new Proxy(k, {}), { spec: 'AES_256', kind: 'secret', byteLength: 32, disposed: false }];
  for (const v of lookAlikes) {
    await expectCode(() => sameKey(k, v as TargetKey), 'input_type');
    await expectCode(() => sameKey(v as TargetKey, k), 'input_type');
  }
});
