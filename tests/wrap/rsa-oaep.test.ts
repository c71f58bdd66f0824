// RSAES-OAEP with a hash parameter (RFC 8017 §7.1, spec §9.1): OpenSSL pkeyutl and pyca decrypt what we
// encrypt, for RSA-2048/3072/4096 wrapping keys, SHA-1 and SHA-256 (and SHA-384/512), MGF1 = the same hash.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toHex } from '../../src/lib/bytes.ts';
import { OAEP_HASHES, oaepMaxMessageLength, rsaOaepEncrypt, type OaepHash } from '../../src/lib/wrap/rsa-oaep.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { makeRsaWrappingKeys, oaepDecryptArgs, opensslAsync, scratch } from '../helpers/openssl.ts';
import { pyca } from '../helpers/pyca.ts';

const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const SIZES = [2048, 3072, 4096] as const;
type Keys = Awaited<ReturnType<typeof makeRsaWrappingKeys<(typeof SIZES)[number]>>>;

const tmp = scratch('byok-oaep-');
let keys: Keys;
beforeAll(async () => {
  keys = await makeRsaWrappingKeys(tmp, SIZES);
}, 120_000);
afterAll(() => tmp.dispose());

describe('oaepMaxMessageLength: k − 2·hLen − 2 (RFC 8017 §7.1.1 step 1b)', () => {
  test('matches the capacity table (research §5)', () => {
    expect([256, 384, 512].map((k) => oaepMaxMessageLength(k, 'SHA-1'))).toEqual([214, 342, 470]);
    expect([256, 384, 512].map((k) => oaepMaxMessageLength(k, 'SHA-256'))).toEqual([190, 318, 446]);
    expect(oaepMaxMessageLength(256, 'SHA-512')).toBe(126);
    expect(oaepMaxMessageLength(64, 'SHA-512')).toBe(0);
  });
});

describe('OpenSSL pkeyutl -decrypt (rsa_oaep_md = rsa_mgf1_md = H)', () => {
  const cases = SIZES.flatMap((bits) => OAEP_HASHES.map((hash) => ({ bits, hash })));

  test(`${cases.length} key × hash pairs, a 32-byte and a maximum-length message each`, async () => {
    await Promise.all(
      cases.flatMap(({ bits, hash }) => {
        const key = keys[bits];
        return [32, oaepMaxMessageLength(key.modulusLength, hash)].map(async (len) => {
          const message = rnd(len);
          const ct = await rsaOaepEncrypt(key.spki, message, hash);
          expect(ct.length).toBe(key.modulusLength);
          const pt = await opensslAsync(oaepDecryptArgs(key.privPath, hash), ct);
          expect(toHex(pt)).toBe(toHex(message));
        });
      }),
    );
  }, 60_000);

  test('the oracle distinguishes the parameters: MGF1 or OAEP hash mismatched fails', async () => {
    const key = keys[2048];
    const ct256 = await rsaOaepEncrypt(key.spki, rnd(32), 'SHA-256');
    const ct1 = await rsaOaepEncrypt(key.spki, rnd(32), 'SHA-1');
    const mixed = (oaep: string, mgf: string) =>
      ['pkeyutl', '-decrypt', '-inkey', key.privPath, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${oaep}`, '-pkeyopt', `rsa_mgf1_md:${mgf}`];
    await expect(opensslAsync(mixed('sha256', 'sha1'), ct256)).rejects.toThrow();
    await expect(opensslAsync(mixed('sha1', 'sha256'), ct1)).rejects.toThrow();
    await expect(opensslAsync(oaepDecryptArgs(key.privPath, 'SHA-256'), ct1)).rejects.toThrow();
    await expect(opensslAsync(oaepDecryptArgs(keys[3072].privPath, 'SHA-1'), ct1)).rejects.toThrow(); // another key
  });

  test('fresh randomness: the same message encrypts differently each time', async () => {
    const m = rnd(32);
    const [a, b] = await Promise.all([rsaOaepEncrypt(keys[2048].spki, m, 'SHA-256'), rsaOaepEncrypt(keys[2048].spki, m, 'SHA-256')]);
    expect(toHex(a)).not.toBe(toHex(b));
  });
});

describe('pyca cryptography OAEP decrypt (second implementation)', () => {
  test('every key × SHA-1/SHA-256 pair', async () => {
    const hashes: OaepHash[] = ['SHA-1', 'SHA-256'];
    const cases = await Promise.all(
      SIZES.flatMap((bits) =>
        hashes.map(async (hash) => {
          const message = rnd(oaepMaxMessageLength(keys[bits].modulusLength, hash));
          return { bits, hash, message, ct: await rsaOaepEncrypt(keys[bits].spki, message, hash) };
        }),
      ),
    );
    const answers = pyca(cases.map((c) => ({ op: 'oaep-decrypt', key: keys[c.bits].privPath, hash: c.hash, data: c.ct })));
    cases.forEach((c, i) => expect(toHex((answers[i] as { ok: Uint8Array }).ok)).toBe(toHex(c.message)));
    // and pyca refuses a SHA-1 ciphertext as SHA-256
    const [wrongHash] = pyca([{ op: 'oaep-decrypt', key: keys[2048].privPath, hash: 'SHA-256', data: cases[0]!.ct }]);
    expect(wrongHash).toEqual({ error: 'ValueError' });
  });
});

describe('rejections', () => {
  test('a message one byte over k − 2·hLen − 2 is a caller bug (RangeError), per hash', async () => {
    for (const hash of OAEP_HASHES) {
      await expect(rsaOaepEncrypt(keys[2048].spki, rnd(oaepMaxMessageLength(256, hash) + 1), hash)).rejects.toThrow(RangeError);
    }
  });

  test('a key WebCrypto refuses is wrapping_key_invalid, never a DOMException', async () => {
    const ecSpki = await opensslAsync(['pkey', '-pubout', '-outform', 'DER'], await opensslAsync(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']));
    await expectCode(rsaOaepEncrypt(new Uint8Array(ecSpki), rnd(32), 'SHA-256'), 'wrapping_key_invalid');
    await expectCode(rsaOaepEncrypt(rnd(300), rnd(32), 'SHA-1'), 'wrapping_key_invalid');
  });

  test('an unknown hash name is a TypeError', async () => {
    await expect(rsaOaepEncrypt(keys[2048].spki, rnd(32), 'SHA-224' as OaepHash)).rejects.toThrow(TypeError);
  });
});
