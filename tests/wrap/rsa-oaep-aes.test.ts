import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import vectors from '../vectors/aes-256-ecb.json';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import {
  aes256EcbPkcs7Decrypt,
  aes256EcbPkcs7Encrypt,
  aes256EcbRawEncrypt,
  rsaOaepSha256Encrypt,
  wrapRsaOaepAes256Ecb,
} from '../../src/lib/wrap/rsa-oaep-aes.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('AES-256-ECB', () => {
  test('NIST SP 800-38A F.1.5 encrypt / F.1.6 decrypt', () => {
    const key = fromHex(vectors.key);
    const pt = fromHex(vectors.blocks.map((b) => b.plaintext).join(''));
    const ct = fromHex(vectors.blocks.map((b) => b.ciphertext).join(''));
    expect(toHex(aes256EcbRawEncrypt(key, pt))).toBe(toHex(ct));
    // with PKCS#7 the four vector blocks come first, then one full padding block
    const padded = aes256EcbPkcs7Encrypt(key, pt);
    expect(padded.length).toBe(80);
    expect(toHex(padded.subarray(0, 64))).toBe(toHex(ct));
    expect(toHex(aes256EcbPkcs7Decrypt(key, padded))).toBe(toHex(pt));
  });

  test.each([0, 1, 15, 16, 17, 100, 1217])('matches openssl enc -aes-256-ecb for %i bytes', (len) => {
    const key = rnd(32);
    const data = rnd(len);
    const ours = aes256EcbPkcs7Encrypt(key, data);
    expect(ours.length).toBe(16 * Math.ceil((len + 1) / 16));
    const theirs = openssl(['enc', '-aes-256-ecb', '-K', toHex(key)], data);
    expect(toHex(ours)).toBe(toHex(theirs));
  });
});

describe('RSA-OAEP-SHA-256 + AES-256-ECB construction', () => {
  const tmp = scratch();
  let spki: Uint8Array;
  beforeAll(() => {
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', tmp.path('iwk.pem')]);
    spki = new Uint8Array(openssl(['pkey', '-in', tmp.path('iwk.pem'), '-pubout', '-outform', 'DER']));
  });
  afterAll(() => tmp.dispose());

  const oaepDecrypt = (ct: Uint8Array) =>
    openssl(
      ['pkeyutl', '-decrypt', '-inkey', tmp.path('iwk.pem'), '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'],
      ct,
    );

  test('OAEP ciphertext decrypts with openssl (SHA-256, MGF1-SHA-256)', async () => {
    const m = rnd(32);
    const ct = await rsaOaepSha256Encrypt(spki, m);
    expect(ct.length).toBe(256);
    expect(toHex(oaepDecrypt(ct))).toBe(toHex(m));
  });

  test('OAEP with SHA-1 MGF would not decrypt (the oracle distinguishes the parameters)', async () => {
    const ct = await rsaOaepSha256Encrypt(spki, rnd(32));
    expect(() =>
      openssl(['pkeyutl', '-decrypt', '-inkey', tmp.path('iwk.pem'), '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha1'], ct),
    ).toThrow();
  });

  test('Cipher(ESK) ‖ Cipher(TAK) unwraps with openssl; fresh ESK each time', async () => {
    const tak = rnd(1217);
    const a = await wrapRsaOaepAes256Ecb(spki, tak);
    const b = await wrapRsaOaepAes256Ecb(spki, tak);
    expect(a.length).toBe(256 + 16 * Math.ceil((tak.length + 1) / 16));
    expect(toHex(a)).not.toBe(toHex(b));
    for (const w of [a, b]) {
      const esk = oaepDecrypt(w.subarray(0, 256));
      expect(esk.length).toBe(32);
      const plain = openssl(['enc', '-d', '-aes-256-ecb', '-K', esk.toString('hex')], w.subarray(256));
      expect(toHex(plain)).toBe(toHex(tak));
    }
  });
});
