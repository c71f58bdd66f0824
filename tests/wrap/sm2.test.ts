import { randomBytes as nodeRandomBytes, randomFillSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import vectors from '../vectors/sm2.json';
import { bigIntToBytes, fromHex, toHex } from '../../src/lib/bytes.ts';
import {
  SM2_CIPHERTEXT_OVERHEAD,
  SM2_N,
  sm2CiphertextLength,
  sm2CiphertextToDer,
  sm2Decrypt,
  sm2Encrypt,
  sm2EncryptWithK,
  sm2IsValidPublicPoint,
  sm2Point,
  sm2PublicKeyFromPrivate,
  type Sm2Curve,
} from '../../src/lib/wrap/sm2.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { sm2DerToRaw, sm2RawToDer } from '../helpers/sm2-der.ts';

const rnd = (n: number) => new Uint8Array(nodeRandomBytes(n));
const big = (hex: string) => BigInt('0x' + hex);

type CurveName = keyof typeof vectors.curves;

function curveFor(name: CurveName): Sm2Curve {
  const c = vectors.curves[name];
  return weierstrass({ p: big(c.p), n: big(c.n), h: big(c.h), a: big(c.a), b: big(c.b), Gx: big(c.gx), Gy: big(c.gy) });
}

/** SEC1 ECPrivateKey (RFC 5915) for an sm2p256v1 scalar, so OpenSSL can load a known d. */
function sec1Sm2PrivateKey(d: Uint8Array): Uint8Array {
  return new Uint8Array([
    ...fromHex('30310201010420'),
    ...d,
    ...fromHex('a00a06082a811ccf5501822d'), // [0] OID 1.2.156.10197.1.301 (sm2p256v1)
  ]);
}

/** d from `openssl pkey -text`: the hex between "priv:" and "pub:". */
function privateScalarFromOpenssl(pem: string): Uint8Array {
  const text = openssl(['pkey', '-in', pem, '-text', '-noout']).toString();
  const m = /priv:\s*([0-9a-f:\s]+?)\s*pub:/i.exec(text);
  if (!m) throw new Error('no priv: in openssl output');
  return bigIntToBytes(big(m[1]!.replace(/[^0-9a-f]/gi, '')), 32);
}

describe('sm2p256v1 curve definition', () => {
  test('matches the GB/T 32918.5 parameters recorded in the vectors file', () => {
    const c = vectors.curves.sm2p256v1;
    const ours = sm2Point.CURVE();
    expect(ours.p).toBe(big(c.p));
    expect(ours.a).toBe(big(c.a));
    expect(ours.b).toBe(big(c.b));
    expect(ours.n).toBe(big(c.n));
    expect(ours.Gx).toBe(big(c.gx));
    expect(ours.Gy).toBe(big(c.gy));
    expect(SM2_N).toBe(big(c.n));
  });

  test('matches OpenSSL’s explicit SM2 parameters (p, a, b, G, n appear in its ECParameters DER)', () => {
    const der = toHex(openssl(['ecparam', '-name', 'SM2', '-param_enc', 'explicit', '-outform', 'DER']));
    const ours = sm2Point.CURVE();
    for (const v of [ours.p, ours.a, ours.b, ours.n]) expect(der).toContain(toHex(bigIntToBytes(v, 32)));
    expect(der).toContain(toHex(sm2Point.BASE.toBytes(false)));
  });
});

describe.each(vectors.vectors)('known answer: $curve', (v) => {
  const curve = v.curve === 'sm2p256v1' ? sm2Point : curveFor(v.curve as CurveName);
  const d = fromHex(v.privateKey);
  const m = fromHex(v.message);
  const expected = v.c1 + v.c3 + v.c2;

  test('source is recorded', () => {
    expect(v.source.length).toBeGreaterThan(20);
  });

  test('fixed-k encryption gives the published C1‖C3‖C2', () => {
    const pub = sm2PublicKeyFromPrivate(d, curve);
    if ('publicKey' in v) expect(toHex(pub)).toBe(v.publicKey);
    const c = sm2EncryptWithK(pub, m, fromHex(v.k), curve);
    expect(c).toBeDefined();
    expect(toHex(c!)).toBe(expected);
  });

  test('decryption of the published ciphertext gives the message', () => {
    expect(toHex(sm2Decrypt(d, fromHex(expected), curve))).toBe(v.message);
  });

  test('the DER helper maps the raw form to the published GM/T 0009 DER and back', () => {
    expect(toHex(sm2RawToDer(fromHex(expected)))).toBe(v.der);
    if (v.curve === 'sm2p256v1') expect(toHex(sm2CiphertextToDer(fromHex(expected)))).toBe(v.der);
    expect(toHex(sm2DerToRaw(fromHex(v.der)))).toBe(expected);
  });

  test.each([
    ['C1.x', 1],
    ['C1.y', 64],
    ['C3', 65 + 5],
    ['C2', 65 + 32],
    ['C2, last byte', -1],
  ])('one flipped bit in %s is rejected with RangeError', (_where, at) => {
    const c = fromHex(expected);
    c[at < 0 ? c.length + at : at]! ^= 0x01;
    expect(() => sm2Decrypt(d, c, curve)).toThrow(RangeError);
  });
});

describe('the sm2p256v1 known answer against OpenSSL (checks the vector, not our code)', () => {
  const v = vectors.vectors.find((x) => x.curve === 'sm2p256v1')!;
  const tmp = scratch('byok-sm2kat-');
  afterAll(() => tmp.dispose());

  test('OpenSSL derives the same public key from d and decrypts the published DER', () => {
    const keyPath = tmp.write('kat.der', sec1Sm2PrivateKey(fromHex(v.privateKey)));
    const spki = openssl(['pkey', '-inform', 'DER', '-in', keyPath, '-pubout', '-outform', 'DER']);
    expect(toHex(spki.subarray(spki.length - 65))).toBe(v.publicKey);
    const ct = tmp.write('kat-ct.der', fromHex(v.der));
    const plain = openssl(['pkeyutl', '-decrypt', '-keyform', 'DER', '-inkey', keyPath, '-in', ct]);
    expect(toHex(plain)).toBe(v.message);
  });
});

describe('SM2 against OpenSSL (random keys and messages)', () => {
  const tmp = scratch('byok-sm2-');
  let keyPem: string;
  let pubPem: string;
  let pub: Uint8Array;
  let d: Uint8Array;
  beforeAll(() => {
    keyPem = tmp.path('key.pem');
    pubPem = tmp.path('pub.pem');
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyPem]);
    openssl(['pkey', '-in', keyPem, '-pubout', '-out', pubPem]);
    const spki = openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']);
    pub = new Uint8Array(spki.subarray(spki.length - 65));
    d = privateScalarFromOpenssl(keyPem);
  });
  afterAll(() => tmp.dispose());

  test('our public key from d equals OpenSSL’s, and it validates', () => {
    expect(toHex(sm2PublicKeyFromPrivate(d))).toBe(toHex(pub));
    expect(sm2IsValidPublicPoint(pub)).toBe(true);
  });

  test.each([1, 16, 24, 31, 32, 33, 64, 100, 1217])('our sm2Encrypt of %i bytes decrypts with openssl pkeyutl', (len) => {
    const m = rnd(len);
    const c = sm2Encrypt(pub, m);
    expect(c.length).toBe(SM2_CIPHERTEXT_OVERHEAD + len);
    expect(c.length).toBe(97 + len);
    expect(c[0]).toBe(0x04);
    const ctPath = tmp.write(`ours-${len}.der`, sm2RawToDer(c));
    const plain = openssl(['pkeyutl', '-decrypt', '-inkey', keyPem, '-in', ctPath]);
    expect(toHex(plain)).toBe(toHex(m));
  });

  test.each([1, 16, 32, 33, 100, 1217])('openssl pkeyutl -encrypt of %i bytes decrypts with our sm2Decrypt', (len) => {
    const m = rnd(len);
    const mPath = tmp.write(`m-${len}`, m);
    const der = new Uint8Array(openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', pubPem, '-in', mPath]));
    const raw = sm2DerToRaw(der);
    // the helper is faithful to OpenSSL's encoding, including minimal INTEGERs
    expect(toHex(sm2RawToDer(raw))).toBe(toHex(der));
    expect(toHex(sm2Decrypt(d, raw))).toBe(toHex(m));
  });

  test('decryption with a different private key fails the C3 check (RangeError)', () => {
    const c = sm2Encrypt(pub, rnd(16));
    const other = new Uint8Array(d);
    other[31]! ^= 0x01;
    expect(() => sm2Decrypt(other, c)).toThrow(/C3 does not match/);
    expect(() => sm2Decrypt(other, c)).toThrow(RangeError);
  });

  test('two encryptions of the same message differ (fresh k each time)', () => {
    const m = rnd(16);
    const a = sm2Encrypt(pub, m);
    const b = sm2Encrypt(pub, m);
    expect(toHex(a.subarray(0, 65))).not.toBe(toHex(b.subarray(0, 65)));
    expect(toHex(a.subarray(97))).not.toBe(toHex(b.subarray(97)));
    expect(toHex(sm2Decrypt(d, a))).toBe(toHex(m));
    expect(toHex(sm2Decrypt(d, b))).toBe(toHex(m));
  });
});

describe('GM/T 0009-2012 DER encoding (spec §9.5), produced by the library', () => {
  const tmp = scratch('byok-sm2der-');
  let keyPem: string;
  let pub: Uint8Array;
  beforeAll(() => {
    keyPem = tmp.path('key.pem');
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyPem]);
    const spki = openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']);
    pub = new Uint8Array(spki.subarray(spki.length - 65));
  });
  afterAll(() => tmp.dispose());

  test.each([1, 16, 32, 100, 127, 128, 200, 2374])('sm2Encrypt(…, GMT0009-DER) of %i bytes: openssl pkeyutl -decrypt gives the message', (len) => {
    const m = rnd(len);
    const der = sm2Encrypt(pub, m, 'GMT0009-DER');
    const range = sm2CiphertextLength(len, 'GMT0009-DER');
    expect(der.length).toBeGreaterThanOrEqual(range.min);
    expect(der.length).toBeLessThanOrEqual(range.max);
    expect(der[0]).toBe(0x30);
    const plain = openssl(['pkeyutl', '-decrypt', '-inkey', keyPem, '-in', tmp.write(`der-${len}.der`, der)]);
    expect(toHex(plain)).toBe(toHex(m));
    // the test-side converter (written without src/) reads it back to a raw form of the raw length
    expect(sm2DerToRaw(der).length).toBe(sm2CiphertextLength(len, 'C1C3C2').min);
  });

  test('library and test-side converters agree on 200 random ciphertexts, incl. coordinates with the high bit set or leading zeros', () => {
    let highBit = 0;
    for (let i = 0; i < 200; i++) {
      const raw = sm2Encrypt(pub, rnd(1 + (i % 40)));
      if (raw[1]! & 0x80) highBit++;
      expect(toHex(sm2CiphertextToDer(raw))).toBe(toHex(sm2RawToDer(raw)));
    }
    expect(highBit).toBeGreaterThan(0);
    // a C1 whose x1 starts with zero bytes: the INTEGER is shortened (X.690 §8.3.2), as OpenSSL writes it
    const raw = sm2Encrypt(pub, rnd(16));
    raw.fill(0, 1, 3);
    expect(toHex(sm2CiphertextToDer(raw))).toBe(toHex(sm2RawToDer(raw)));
    const der = sm2CiphertextToDer(raw);
    expect(der[2]).toBe(0x02);
    expect(der[3]).toBeLessThanOrEqual(31); // 30 value bytes, plus a 00 only if the next one has its high bit set
  });

  test('length ranges: raw is exactly 97 + n; DER spans minimal to 33-byte INTEGERs (research §5 saw 16 → 123, 2374 → 2486)', () => {
    expect(sm2CiphertextLength(16, 'C1C3C2')).toEqual({ min: 113, max: 113 });
    expect(sm2CiphertextLength(16, 'GMT0009-DER')).toEqual({ min: 60, max: 124 });
    // long form length octets once the C2 OCTET STRING passes 127 bytes (X.690 §8.1.3.5)
    expect(sm2CiphertextLength(128, 'GMT0009-DER').max).toBe(238);
    expect(sm2CiphertextLength(2374, 'GMT0009-DER').max).toBe(2486);
  });

  test('an unknown encoding and a non-raw input are refused', () => {
    expect(() => sm2Encrypt(pub, rnd(16), 'DER' as never)).toThrow(TypeError);
    expect(() => sm2CiphertextToDer(rnd(97))).toThrow(RangeError);
    const raw = sm2Encrypt(pub, rnd(16));
    raw[0] = 0x02;
    expect(() => sm2CiphertextToDer(raw)).toThrow(RangeError);
  });
});

/**
 * Stub crypto.getRandomValues: `fill` writes the bytes of the n-th call (0-based). sm2Encrypt's own draws come
 * first; later calls are noble-curves' scalar blinding inside multiply().
 */
function stubRandom(fill: (buf: Uint8Array, call: number) => void) {
  let call = 0;
  const getRandomValues = (buf: Uint8Array) => {
    fill(buf, call++);
    return buf;
  };
  return vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(getRandomValues as Crypto['getRandomValues']);
}

describe('ephemeral k: rejection sampling over crypto.getRandomValues', () => {
  afterEach(() => vi.restoreAllMocks());

  test('out-of-range draws (≥ n, and 0) are discarded, not reduced; the first in-range draw is k', () => {
    const d = rnd(32);
    d[0] = 0x01; // comfortably in [1, n−2]
    const pub = sm2PublicKeyFromPrivate(d);
    const m = rnd(16);
    const kGood = bigIntToBytes(SM2_N - 12345n, 32);
    const draws = [new Uint8Array(32).fill(0xff), bigIntToBytes(SM2_N, 32), new Uint8Array(32), kGood];
    const lengths: number[] = [];
    const spy = stubRandom((buf, call) => {
      lengths.push(buf.length);
      if (call < draws.length) buf.set(draws[call]!);
      else randomFillSync(buf);
    });
    const c = sm2Encrypt(pub, m);
    spy.mockRestore();
    expect(lengths.slice(0, 4)).toEqual([32, 32, 32, 32]);
    expect(toHex(c)).toBe(toHex(sm2EncryptWithK(pub, m, kGood)!));
    // 0xff…ff mod n would have been a different, valid k: make sure it was not used
    const reduced = bigIntToBytes(big('ff'.repeat(32)) % SM2_N, 32);
    expect(toHex(c)).not.toBe(toHex(sm2EncryptWithK(pub, m, reduced)!));
  });

  test('the k buffer handed to getRandomValues is wiped afterwards', () => {
    const pub = sm2PublicKeyFromPrivate(bigIntToBytes(7n, 32));
    const seen: Uint8Array[] = [];
    stubRandom((buf) => {
      randomFillSync(buf);
      seen.push(buf.slice(), buf);
    });
    sm2Encrypt(pub, rnd(16));
    // the first draw is ours (k; in range with probability 1 − 2^−32), the rest are noble's blinding
    const [drawn, afterwards] = [seen[0]!, seen[1]!];
    expect(drawn.length).toBe(32);
    expect(drawn.some((x) => x !== 0)).toBe(true);
    expect(afterwards.every((x) => x === 0)).toBe(true);
  });

  test('sm2EncryptWithK refuses k = 0, k = n and a k of the wrong length (RangeError); accepts k = n − 1', () => {
    const pub = sm2PublicKeyFromPrivate(bigIntToBytes(7n, 32));
    const m = rnd(16);
    expect(() => sm2EncryptWithK(pub, m, new Uint8Array(32))).toThrow(/ephemeral k out of range/);
    expect(() => sm2EncryptWithK(pub, m, bigIntToBytes(SM2_N, 32))).toThrow(/ephemeral k out of range/);
    expect(() => sm2EncryptWithK(pub, m, new Uint8Array(31).fill(1))).toThrow(/ephemeral k must be 32 bytes/);
    expect(sm2EncryptWithK(pub, m, bigIntToBytes(SM2_N - 1n, 32))!.length).toBe(97 + 16);
  });
});

describe('public point validation', () => {
  const valid = sm2PublicKeyFromPrivate(bigIntToBytes(0x1234567n, 32));
  const p = sm2Point.CURVE().p;
  const mutate = (f: (b: Uint8Array) => void) => {
    const b = valid.slice();
    f(b);
    return b;
  };
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['single 0x00 (SEC1 infinity)', Uint8Array.of(0)],
    ['64 bytes (no 04 prefix)', valid.subarray(1)],
    ['66 bytes', new Uint8Array([...valid, 0])],
    ['33-byte compressed form', sm2Point.fromBytes(valid).toBytes(true)],
    ['65 bytes with prefix 02', mutate((b) => (b[0] = 0x02))],
    ['65 bytes with hybrid prefix 06', mutate((b) => (b[0] = 0x06))],
    ['off the curve (y + 1)', mutate((b) => (b[64]! ^= 0x01))],
    ['off the curve (x + 1)', mutate((b) => (b[32]! ^= 0x01))],
    ['04 ‖ 0 ‖ 0 (infinity as zeros)', Uint8Array.of(4, ...new Uint8Array(64))],
    ['65 zero bytes', new Uint8Array(65)],
    ['x = p (coordinate not reduced)', new Uint8Array([4, ...bigIntToBytes(p, 32), ...valid.subarray(33)])],
    ['the generator of another curve (P-256)', fromHex('046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5')],
  ];

  test('a valid point and the generator are accepted', () => {
    expect(sm2IsValidPublicPoint(valid)).toBe(true);
    expect(sm2IsValidPublicPoint(sm2Point.BASE.toBytes(false))).toBe(true);
  });

  test.each(cases)('rejects %s', (_name, point) => {
    expect(sm2IsValidPublicPoint(point)).toBe(false);
    expect(() => sm2Encrypt(point, rnd(16))).toThrow(RangeError);
    expect(() => sm2EncryptWithK(point, rnd(16), bigIntToBytes(5n, 32))).toThrow(/public point/);
  });
});

describe('other refusals', () => {
  const d = bigIntToBytes(0xabcdefn, 32);
  const pub = sm2PublicKeyFromPrivate(d);

  test('an empty message is refused (RangeError), as OpenSSL does', () => {
    expect(() => sm2Encrypt(pub, new Uint8Array(0))).toThrow(/must not be empty/);
  });

  test('private keys outside [1, n−2] or of the wrong length are refused (RangeError)', () => {
    for (const bad of [new Uint8Array(32), bigIntToBytes(SM2_N - 1n, 32), bigIntToBytes(SM2_N, 32)]) {
      expect(() => sm2PublicKeyFromPrivate(bad)).toThrow(/private key out of range/);
    }
    expect(() => sm2PublicKeyFromPrivate(new Uint8Array(31).fill(1))).toThrow(/private key must be 32 bytes/);
    expect(sm2PublicKeyFromPrivate(bigIntToBytes(SM2_N - 2n, 32)).length).toBe(65);
  });

  test('ciphertexts of 97 bytes or fewer, or with C1 off the curve, are refused (RangeError)', () => {
    const c = sm2Encrypt(pub, rnd(16));
    expect(() => sm2Decrypt(d, c.subarray(0, 97))).toThrow(/too short/);
    const offCurve = c.slice();
    offCurve[64]! ^= 0x01;
    expect(() => sm2Decrypt(d, offCurve)).toThrow(/C1 is not a valid point/);
    expect(toHex(sm2Decrypt(d, c)).length).toBe(32);
  });

  test('the DER helper refuses trailing bytes, non-minimal and negative INTEGERs', () => {
    const v = vectors.vectors.find((x) => x.curve === 'sm2p256v1')!;
    expect(() => sm2DerToRaw(fromHex(v.der + '00'))).toThrow(/trailing/);
    // x1 = 04eb… has its top bit clear: a leading 00 is not minimal
    expect(v.der.startsWith('307c022004eb')).toBe(true);
    expect(() => sm2DerToRaw(fromHex('307d02210004eb' + v.der.slice(12)))).toThrow(/non-minimal INTEGER/);
    // y1 = e858… has its top bit set: without the 00 it would be negative
    const yAt = v.der.indexOf('022100e858');
    expect(yAt).toBeGreaterThan(0);
    const negative = '307b' + v.der.slice(4, yAt) + '0220' + v.der.slice(yAt + 6);
    expect(() => sm2DerToRaw(fromHex(negative))).toThrow(/negative INTEGER/);
  });
});
