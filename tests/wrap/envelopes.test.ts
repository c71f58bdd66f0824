// The envelope shapes (spec §9.6, §1.1, §1.2) unwrapped by the OpenSSL CLI alone, with pyca as a second
// implementation for the RSA + KWP path. RSA wrapping keys are generated once for the file.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { toHex } from '../../src/lib/bytes.ts';
import { envelopeFits, envelopeLength, wrapEnvelope, type Envelope } from '../../src/lib/wrap/envelopes.ts';
import { oaepMaxMessageLength, type OaepHash } from '../../src/lib/wrap/rsa-oaep.ts';
import { materialLength } from '../../src/lib/specs.ts';
import { makeRsaWrappingKeys, oaepDecryptArgs, openssl, opensslAsync, scratch } from '../helpers/openssl.ts';
import { pyca } from '../helpers/pyca.ts';
import { sm2RawToDer } from '../helpers/sm2-der.ts';
import { makeIwk, unwrapWithOpenssl, type Iwk } from '../helpers/unwrap.ts';

const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const SIZES = [2048, 3072, 4096] as const;
const HASHES: OaepHash[] = ['SHA-1', 'SHA-256'];

const tmp = scratch('byok-env-');
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<(typeof SIZES)[number]>>>;
let sm2: Iwk;
let sm2Point: Uint8Array;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(tmp, SIZES);
  sm2 = makeIwk('sm2', tmp);
  sm2Point = new Uint8Array(sm2.pubDer.subarray(sm2.pubDer.length - 65));
}, 120_000);
afterAll(() => tmp.dispose());

const rsaKey = (bits: (typeof SIZES)[number]) => ({ kind: 'rsa' as const, spki: rsa[bits].spki });

/** Research §3 V3: split at k, OAEP-decrypt the ESK, then `enc -d -id-aes256-wrap-pad -iv A65959A6`. */
async function unwrapOaepKwp(blob: Uint8Array, bits: (typeof SIZES)[number], hash: OaepHash): Promise<{ esk: Buffer; plaintext: Buffer }> {
  const k = rsa[bits].modulusLength;
  const esk = await opensslAsync(oaepDecryptArgs(rsa[bits].privPath, hash), blob.subarray(0, k));
  const plaintext = await opensslAsync(['enc', '-d', '-id-aes256-wrap-pad', '-K', esk.toString('hex'), '-iv', 'A65959A6'], blob.subarray(k));
  return { esk, plaintext };
}

describe('direct OAEP(key)', () => {
  test('AES-128/256 and HMAC-256 sized keys under every wrapping key × SHA-1/SHA-256 decrypt with openssl pkeyutl', async () => {
    await Promise.all(
      SIZES.flatMap((bits) =>
        HASHES.flatMap((hash) =>
          [16, 32].map(async (len) => {
            const envelope: Envelope = { shape: 'rsa-oaep', hash };
            const key = rnd(len);
            const blob = await wrapEnvelope(envelope, rsaKey(bits), key);
            expect(blob.length).toBe(envelopeLength(envelope, len, rsa[bits].modulusLength).min);
            expect(toHex(await opensslAsync(oaepDecryptArgs(rsa[bits].privPath, hash), blob))).toBe(toHex(key));
          }),
        ),
      ),
    );
  }, 60_000);

  test('envelopeFits is the k − 2·hLen − 2 rule: HMAC-512 (64 B) fits, an RSA PKCS#8 never does', () => {
    const direct = (hash: OaepHash): Envelope => ({ shape: 'rsa-oaep', hash });
    for (const bits of SIZES) {
      const k = bits / 8;
      for (const hash of HASHES) {
        const max = oaepMaxMessageLength(k, hash);
        expect(envelopeFits(direct(hash), max, k)).toBe(true);
        expect(envelopeFits(direct(hash), max + 1, k)).toBe(false);
        expect(envelopeFits(direct(hash), 64, k)).toBe(true);
        expect(envelopeFits(direct(hash), 1217, k)).toBe(false);
      }
    }
    expect(envelopeFits(direct('SHA-256'), 0, 256)).toBe(false);
    // P-521 PKCS#8 (241 B) under RSA-2048 does not fit (research §5: the AWS case)
    expect(envelopeFits(direct('SHA-1'), 241, 256)).toBe(false);
  });
});

describe('OAEP(ESK) ‖ KWP(ESK, key), RSA block first', () => {
  // raw AES/HMAC keys and PKCS#8 sizes of P-256, P-521, RSA-2048 and RSA-4096 (research §2.3)
  const LENGTHS = [16, 32, 64, 138, 241, 1217, 2374];

  test(`every wrapping key × SHA-1/SHA-256, plaintexts of ${LENGTHS.join(', ')} bytes: OpenSSL unwraps`, async () => {
    await Promise.all(
      SIZES.flatMap((bits) =>
        HASHES.flatMap((hash) =>
          LENGTHS.map(async (len) => {
            const envelope: Envelope = { shape: 'rsa-oaep+aes-kwp', hash };
            const key = rnd(len);
            const blob = await wrapEnvelope(envelope, rsaKey(bits), key);
            expect(blob.length).toBe(envelopeLength(envelope, len, bits / 8).min);
            expect(blob.length).toBe(bits / 8 + 8 + 8 * Math.ceil(len / 8));
            const { esk, plaintext } = await unwrapOaepKwp(blob, bits, hash);
            expect(esk.length).toBe(32);
            expect(toHex(plaintext)).toBe(toHex(key));
          }),
        ),
      ),
    );
  }, 120_000);

  test('a real RSA-4096 PKCS#8 under an RSA-4096 wrapping key comes back as the same key (openssl pkey -inform DER)', async () => {
    const pkcs8 = new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER', '-in', rsa[4096].privPath]));
    const blob = await wrapEnvelope({ shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' }, rsaKey(4096), pkcs8);
    const { plaintext } = await unwrapOaepKwp(blob, 4096, 'SHA-256');
    const text = openssl(['pkey', '-inform', 'DER', '-noout', '-text'], plaintext).toString();
    expect(text.split('\n')[0]).toMatch(/Private-Key: \(4096 bit/);
    expect(toHex(plaintext)).toBe(toHex(pkcs8));
  });

  test('pyca decrypts the RSA block and unwraps the KWP part (second implementation)', async () => {
    const cases = await Promise.all(
      SIZES.flatMap((bits) =>
        HASHES.map(async (hash) => {
          const key = rnd(241);
          return { bits, hash, key, blob: await wrapEnvelope({ shape: 'rsa-oaep+aes-kwp', hash }, rsaKey(bits), key) };
        }),
      ),
    );
    const esks = pyca(cases.map((c) => ({ op: 'oaep-decrypt', key: rsa[c.bits].privPath, hash: c.hash, data: c.blob.subarray(0, c.bits / 8) })));
    const keys = pyca(cases.map((c, i) => ({ op: 'kwp-unwrap', kek: (esks[i] as { ok: Uint8Array }).ok, data: c.blob.subarray(c.bits / 8) })));
    cases.forEach((c, i) => expect(toHex((keys[i] as { ok: Uint8Array }).ok)).toBe(toHex(c.key)));
  });

  test('sizes from the research table (§5): Azure 4096-bit KEK + AES-256 = 552; Vault RSA-4096 block is 512', () => {
    const kwp: Envelope = { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' };
    expect(envelopeLength(kwp, 32, 512)).toEqual({ min: 552, max: 552 });
    expect(envelopeLength(kwp, 64, 256).min).toBe(256 + 72);
    expect(envelopeLength(kwp, 138, 384).min).toBe(384 + 152);
    expect(envelopeLength(kwp, 1217, 256).min).toBe(256 + 1232);
    expect(envelopeLength(kwp, 2374, 512).min).toBe(512 + 2384);
  });
});

describe("Alibaba's shapes (spec §1.1, §1.2): unchanged", () => {
  let iwk: Iwk;
  beforeAll(() => {
    iwk = { kind: 'rsa', privPath: rsa[2048].privPath, pubPem: '', pubDer: Buffer.from(rsa[2048].spki) };
  });

  test('OAEP-SHA-256(ESK) ‖ AES-256-ECB-PKCS7(ESK, PKCS#8) unwraps with openssl; fresh ESK each time; length = materialLength', async () => {
    const envelope = ({ shape: 'rsa-oaep+aes-ecb', hash: 'SHA-256' } as const);
    expect(envelope).toEqual({ shape: 'rsa-oaep+aes-ecb', hash: 'SHA-256' });
    const tak = rnd(1217);
    const [a, b] = await Promise.all([wrapEnvelope(envelope, rsaKey(2048), tak), wrapEnvelope(envelope, rsaKey(2048), tak)]);
    expect(a.length).toBe(256 + 16 * Math.ceil((tak.length + 1) / 16));
    expect(a.length).toBe(envelopeLength(envelope, tak.length, 256).min);
    expect(a.length).toBe(materialLength('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', tak.length));
    expect(toHex(a)).not.toBe(toHex(b));
    for (const w of [a, b]) {
      const { esk, tak: plain } = unwrapWithOpenssl(w, iwk);
      expect(esk.length).toBe(32);
      expect(toHex(plain)).toBe(toHex(tak));
    }
  });

  test('SM2(ESK) raw C1‖C3‖C2 ‖ SM4-ECB(ESK, d): 145 bytes, unwraps with openssl', async () => {
    const envelope = ({ shape: 'sm2+sm4-ecb' } as const);
    const d = rnd(32);
    const w = await wrapEnvelope(envelope, { kind: 'sm2', point: sm2Point }, d);
    expect(w.length).toBe(145);
    expect(envelopeLength(envelope, 32)).toEqual({ min: 145, max: 145 });
    expect(materialLength('SM2PKE_SM4_ECB')).toBe(145);
    const { esk, tak } = unwrapWithOpenssl(w, sm2);
    expect(esk.length).toBe(16);
    expect(toHex(tak)).toBe(toHex(d));
  });
});

describe('direct SM2(key), both encodings', () => {
  test.each([16, 32])('a %i-byte key: raw C1‖C3‖C2 (converted by the test helper) and GM/T 0009 DER decrypt with openssl pkeyutl', async (len) => {
    const key = rnd(len);
    const raw = await wrapEnvelope({ shape: 'sm2', encoding: 'C1C3C2' }, { kind: 'sm2', point: sm2Point }, key);
    const der = await wrapEnvelope({ shape: 'sm2', encoding: 'GMT0009-DER' }, { kind: 'sm2', point: sm2Point }, key);
    expect(raw.length).toBe(envelopeLength({ shape: 'sm2', encoding: 'C1C3C2' }, len).min);
    expect(raw.length).toBe(97 + len);
    const range = envelopeLength({ shape: 'sm2', encoding: 'GMT0009-DER' }, len);
    expect(der.length).toBeGreaterThanOrEqual(range.min);
    expect(der.length).toBeLessThanOrEqual(range.max);
    const decrypt = (ct: Uint8Array, name: string) => openssl(['pkeyutl', '-decrypt', '-inkey', sm2.privPath, '-in', tmp.write(name, ct)]);
    expect(toHex(decrypt(sm2RawToDer(raw), `raw-${len}.der`))).toBe(toHex(key));
    expect(toHex(decrypt(der, `der-${len}.der`))).toBe(toHex(key));
  });
});

describe('ESK hygiene', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The buffers our code hands to getRandomValues (noble's own draws inside SM2 included). */
  function captureRandom(): Uint8Array[] {
    const seen: Uint8Array[] = [];
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(((buf: Uint8Array<ArrayBuffer>) => {
      seen.push(buf);
      return real(buf);
    }) as Crypto['getRandomValues']);
    return seen;
  }

  test.each(['rsa-oaep+aes-kwp', 'rsa-oaep+aes-ecb'] as const)('%s: the 32-byte ESK is wiped after use, and after a refused key', async (shape) => {
    const envelope: Envelope = { shape, hash: 'SHA-256' };
    let seen = captureRandom();
    await wrapEnvelope(envelope, rsaKey(2048), new Uint8Array(48).fill(7));
    const esks = seen.filter((b) => b.length === 32);
    expect(esks).toHaveLength(1);
    expect(esks[0]!.every((x) => x === 0)).toBe(true);
    vi.restoreAllMocks();
    // a key WebCrypto refuses (an SM2 SPKI given as RSA): wrapping_key_invalid, and the ESK is still wiped
    seen = captureRandom();
    await expect(wrapEnvelope(envelope, { kind: 'rsa', spki: new Uint8Array(sm2.pubDer) }, new Uint8Array(48))).rejects.toMatchObject({ code: 'wrapping_key_invalid' });
    const refused = seen.filter((b) => b.length === 32);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.every((x) => x === 0)).toBe(true);
  });

  test('sm2+sm4-ecb: the 16-byte ESK is wiped after use', async () => {
    const seen = captureRandom();
    await wrapEnvelope({ shape: 'sm2+sm4-ecb' }, { kind: 'sm2', point: sm2Point }, new Uint8Array(32).fill(9));
    const esks = seen.filter((b) => b.length === 16);
    expect(esks.length).toBeGreaterThanOrEqual(1);
    expect(esks[0]!.every((x) => x === 0)).toBe(true);
  });
});

describe('refusals happen before any random byte is drawn', () => {
  afterEach(() => vi.restoreAllMocks());

  test('a shape/key mismatch is a TypeError, a plaintext that does not fit a RangeError; getRandomValues untouched', async () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const sm2Key = { kind: 'sm2' as const, point: sm2Point };
    await expect(wrapEnvelope({ shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' }, sm2Key, new Uint8Array(32).fill(1))).rejects.toThrow(TypeError);
    await expect(wrapEnvelope({ shape: 'sm2', encoding: 'C1C3C2' }, rsaKey(2048), new Uint8Array(32))).rejects.toThrow(TypeError);
    await expect(wrapEnvelope({ shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' }, rsaKey(2048), new Uint8Array(0))).rejects.toThrow(RangeError);
    await expect(wrapEnvelope({ shape: 'sm2+sm4-ecb' }, sm2Key, new Uint8Array(31))).rejects.toThrow(RangeError);
    await expect(wrapEnvelope({ shape: 'rsa-oaep', hash: 'SHA-256' }, rsaKey(2048), new Uint8Array(191))).rejects.toThrow(RangeError);
    expect(spy).not.toHaveBeenCalled();
  });
});
