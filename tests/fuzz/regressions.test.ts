// Regression tests for the bugs the fuzz and hostile-value suites found in src/lib, one block per fix.
import { execFileSync } from 'node:child_process';
import { describe, expect, test, vi } from 'vitest';
import * as lib from '../../src/lib/index.ts';
import { revokedProxy, throwingProxy } from './support.ts';
import { ByokError, ERROR_CATALOGUE, describeError, exportTargetKey, generateTargetKey, isByokError, parseTargetKey, runSelfTests, type ErrorCode, type TargetKey } from '../../src/lib/index.ts';

describe('describeError never throws (spec §7)', () => {
  const hostileErrors: [string, unknown][] = [
    ['a Proxy that throws on every trap', throwingProxy()],
    ['a revoked Proxy', revokedProxy()],
    ['a Proxy posing as a ByokError whose fields throw', new Proxy(new ByokError('input_type'), { get: () => { throw new Error('get'); } })],
    ['a ByokError with a code outside the union', Object.assign(Object.create(ByokError.prototype) as object, { code: 'no_such_code', facts: {} })],
    ['a ByokError with code "toString"', Object.assign(Object.create(ByokError.prototype) as object, { code: 'toString', facts: {} })],
    ['a ByokError with a symbol code', Object.assign(Object.create(ByokError.prototype) as object, { code: Symbol('x') })],
  ];
  test.each(hostileErrors)('%s → internal', (_name, e) => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const d = describeError(e, lang);
      expect(d.code).toBe('internal');
      expect(d.message.length).toBeGreaterThan(0);
    }
  });

  const hostileLangs: [string, unknown][] = [
    ['"fr"', 'fr'],
    ['null', null],
    ['a symbol', Symbol('zh')],
    ['an object', { toString: () => 'zh-CN' }],
    ['a throwing Proxy', throwingProxy()],
    ['"__proto__"', '__proto__'],
  ];
  test.each(hostileLangs)('unknown language %s → English text for the real code', (_name, lang) => {
    const d = describeError(new ByokError('input_empty'), lang as 'en');
    expect(d).toEqual({ code: 'input_empty', ...ERROR_CATALOGUE.en.input_empty({}) });
  });

  test('isByokError is false, not a throw, for a hostile value', () => {
    expect(isByokError(throwingProxy())).toBe(false);
    expect(isByokError(revokedProxy())).toBe(false);
  });

  test('a ByokError built by a JavaScript caller with a bad code or unprintable facts still constructs', () => {
    expect(new ByokError('nonsense' as ErrorCode).message).toBe('nonsense');
    expect(new ByokError('input_too_large', { length: Symbol('n') as unknown as number }).code).toBe('input_too_large');
  });
});

async function codeOf(f: () => unknown): Promise<string> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    return e instanceof ByokError ? e.code : `foreign ${(e as Error)?.name}`;
  }
}

describe('options bags and TargetKey arguments are checked without running caller code (spec §2.1)', () => {
  const throwingGetter = Object.defineProperty({}, 'passphrase', { get: () => { throw new Error('getter'); } });

  test('parseTargetKey / exportTargetKey options: a throwing Proxy or getter → input_type', async () => {
    const key = await generateTargetKey('EC_P256');
    const pem = await exportTargetKey(key);
    for (const options of [throwingProxy(), throwingGetter]) {
      expect(await codeOf(() => parseTargetKey(pem, options as {}))).toBe('input_type');
      expect(await codeOf(() => exportTargetKey(key, options as {}))).toBe('input_type');
    }
  });

  test('an object inheriting from a TargetKey is not one (it has no key inside) → input_type', async () => {
    const key = await generateTargetKey('EC_P256');
    const heir = Object.create(key) as TargetKey;
    expect(await codeOf(() => exportTargetKey(heir))).toBe('input_type');
    expect(await codeOf(() => exportTargetKey(throwingProxy() as TargetKey))).toBe('input_type');
  });

  test("a TargetKey's public facts cannot be rewritten by the caller", async () => {
    const key = await generateTargetKey('EC_P256');
    expect(Object.isFrozen(key)).toBe(true);
    expect(() => ((key as { spec: string }).spec = 'EC_SM2')).toThrow(TypeError);
    expect(key.spec).toBe('EC_P256');
  });

  test('runSelfTests options: not an object, a non-array break, or a Proxy → input_type', async () => {
    for (const options of [null, 5, { break: 5 }, { break: 'SM3' }, { break: [1] }, throwingProxy(), { break: throwingProxy() }, { break: new Proxy([], { get: () => { throw new Error('get'); } }) }]) {
      expect(await codeOf(() => runSelfTests(options as {}))).toBe('input_type');
    }
  });
});

describe('the public byte and spec helpers check their arguments (spec §2.1)', () => {
  const junk: unknown[] = [null, undefined, 5, 'abc', {}, Object.create(null), new Uint16Array(2), new ArrayBuffer(2), Symbol('x'), throwingProxy()];

  test.each(['toHex', 'toBase64', 'sha256Hex'] as const)('%s: anything but a Uint8Array → input_type, never "" or a TypeError', async (name) => {
    for (const v of junk) expect(await codeOf(() => lib[name](v as Uint8Array))).toBe('input_type');
    expect(lib[name](new Uint8Array([1, 255]))).toBe({ toHex: '01ff', toBase64: 'Af8=', sha256Hex: lib.sha256Hex(new Uint8Array([1, 255])) }[name]);
  });

  test('formatFingerprint: anything but a hex hash → input_type (a 10 MB string is refused at once)', async () => {
    for (const v of [...junk.filter((x) => x !== 'abc'), 'not hex', 'ab cd', 'a'.repeat(129), 'A'.repeat(10 * 1024 * 1024)]) expect(await codeOf(() => lib.formatFingerprint(v as string))).toBe('input_type');
    expect(lib.formatFingerprint('abcd1234')).toBe('ABCD 1234');
    expect(lib.formatFingerprint('')).toBe('');
    expect(lib.formatFingerprint('f'.repeat(128)).length).toBe(128 + 31);
  });

  test('algorithmForWrappingKey / algorithmForTargetSpec: an unknown spec → key_spec_unknown, not the RSA algorithm', async () => {
    for (const v of [...junk, 'RSA_3072', 'rsa_2048', '']) expect(await codeOf(() => lib.algorithmForWrappingKey(v as 'RSA_2048'))).toBe('key_spec_unknown');
    for (const v of [...junk, 'RSA_1024', '']) expect(await codeOf(() => lib.algorithmForTargetSpec(v as 'RSA_2048'))).toBe('key_spec_unknown');
    expect(lib.algorithmForWrappingKey('EC_SM2')).toBe('SM2PKE_SM4_ECB');
    expect(lib.algorithmForTargetSpec('EC_P256K')).toBe('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD');
  });

  test('materialLength: an unknown algorithm or a length that is not a non-negative integer → input_type, never NaN', async () => {
    const rsa = 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD';
    for (const v of junk) expect(await codeOf(() => lib.materialLength(v as typeof rsa, 10))).toBe('input_type');
    for (const v of [...junk.filter((x) => x !== undefined && x !== 5), -1, 1.5, NaN, Infinity, 2 ** 53, 1n]) expect(await codeOf(() => lib.materialLength(rsa, v as number))).toBe('input_type');
    expect(lib.materialLength(rsa, 138)).toBe(256 + 144);
    expect(lib.materialLength('SM2PKE_SM4_ECB')).toBe(145);
  });
});

describe('wrapKeyMaterial, encodeKeyMaterial, comparePublicKey and the parsers run no caller code (spec §2.1, §4)', () => {
  const sm2Spki = () => new Uint8Array(execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']) }));
  const throwingSpki = Object.defineProperty({}, 'spki', { get: () => { throw new Error('getter'); } });
  const throwingTargetSpki = Object.defineProperty({}, 'publicKeySpki', { get: () => { throw new Error('getter'); } });

  test('a hostile wrapping key, or a hostile algorithm argument, is a ByokError', async () => {
    const iwk = lib.parseWrappingPublicKey(sm2Spki());
    const tak = await generateTargetKey('EC_SM2');
    expect(await codeOf(() => lib.wrapKeyMaterial(throwingProxy() as lib.WrappingPublicKey, tak))).toBe('input_type');
    expect(await codeOf(() => lib.wrapKeyMaterial(throwingSpki as lib.WrappingPublicKey, tak))).toBe('input_type');
    // issue 9: the choice is a bare Alibaba algorithm name or { provider, algorithm }; an object without a known
    // provider is provider_unknown, one whose fields cannot be read (a Proxy) or a Symbol is input_type
    const hostile: [unknown, lib.ErrorCode][] = [
      [Object.create(null), 'provider_unknown'],
      [{ toString: () => { throw new Error('toString'); } }, 'provider_unknown'],
      [{ provider: 'aws', algorithm: { toString: () => { throw new Error('toString'); } } }, 'input_type'],
      [throwingProxy(), 'input_type'],
      [Symbol('alg'), 'input_type'],
      ['RSAES_OAEP_SHA_256', 'algorithm_mismatch'], // a bare name is Alibaba asymmetric import only
    ];
    for (const [alg, code] of hostile) expect(await codeOf(() => lib.wrapKeyMaterial(iwk, tak, alg as 'SM2PKE_SM4_ECB'))).toBe(code);
    expect((await lib.wrapKeyMaterial(iwk, tak)).length).toBe(145);
  });

  test('hostile material, target or input → input_type', async () => {
    const tak = await generateTargetKey('EC_P256');
    expect(await codeOf(() => lib.encodeKeyMaterial(throwingProxy() as Uint8Array))).toBe('input_type');
    expect(await codeOf(() => lib.comparePublicKey(throwingProxy() as TargetKey, tak.publicKeyPem))).toBe('input_type');
    expect(await codeOf(() => lib.comparePublicKey(throwingTargetSpki as TargetKey, tak.publicKeyPem))).toBe('input_type');
    for (const parse of [lib.parseWrappingPublicKey, lib.parseImportToken, (v: string) => parseTargetKey(v), (v: string) => lib.comparePublicKey(tak, v)])
      for (const v of [throwingProxy(), new Proxy(new Uint8Array(4), {})]) expect(await codeOf(() => parse(v as unknown as string))).toBe('input_type');
  });

  test("comparePublicKey reports the SHA-256 of the target's SPKI, not a caller-supplied one", async () => {
    const tak = await generateTargetKey('EC_P256');
    const lookAlike = { publicKeySpki: tak.publicKeySpki, publicKeySha256: 'not a hash' } as unknown as TargetKey;
    const c = lib.comparePublicKey(lookAlike, tak.publicKeyPem);
    expect(c).toMatchObject({ matches: true, expectedSha256: tak.publicKeySha256 });
  });
});

describe("the parsers never change or share the caller's bytes (a Node Buffer's slice() is a view)", () => {
  const der = (args: string[], input?: Buffer) => execFileSync('openssl', args, { input });

  test('parseTargetKey leaves a Buffer input intact (it wipes its own copy, spec §6)', async () => {
    const ec = der(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    for (const input of [der(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], ec), der(['ec', '-outform', 'DER'], ec)]) {
      const before = Buffer.from(input).toString('hex');
      await parseTargetKey(input);
      expect(input.toString('hex')).toBe(before);
      await parseTargetKey(Buffer.concat([input, Buffer.of(0)])).catch(() => undefined); // the failure path wipes too
      expect(input.toString('hex')).toBe(before);
    }
  });

  test('parseWrappingPublicKey returns its own copy of the SPKI, not a view of a Buffer', () => {
    const spki = der(['pkey', '-pubout', '-outform', 'DER'], der(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']));
    const w = lib.parseWrappingPublicKey(spki);
    const sha = w.sha256;
    spki.fill(0);
    expect(lib.sha256Hex(w.spki)).toBe(sha);
    expect(w.spki[0]).toBe(0x30);
  });
});

describe('new ByokError(code) never throws a foreign exception for the code', () => {
  test.each([
    ['a symbol', Symbol('code')],
    ['Object.create(null)', Object.create(null)],
    ['an object whose toString throws', { toString: () => { throw new Error('toString'); } }],
    ['a throwing Proxy', throwingProxy()],
  ])('%s', (_name, code) => {
    const e = new ByokError(code as ErrorCode);
    expect(e).toBeInstanceOf(ByokError);
    expect(describeError(e).code).toBe('internal');
  });
});

describe('an RSA wrapping key with an even modulus is wrapping_key_invalid, not a WebCrypto OperationError (spec §4.2)', () => {
  test('one flipped bit at the end of publickey_*.bin', async () => {
    const spki = new Uint8Array(execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']) }));
    // SPKI ends with … INTEGER n (last octet = n's lowest byte), INTEGER e = 02 03 01 00 01
    const even = spki.slice();
    even[even.length - 6]! ^= 1;
    expect(await codeOf(() => lib.parseWrappingPublicKey(even))).toBe('wrapping_key_invalid');
    const iwk = lib.parseWrappingPublicKey(spki);
    const tak = await generateTargetKey('EC_P256');
    expect(await codeOf(() => lib.wrapKeyMaterial({ ...iwk, spki: even }, tak))).toBe('wrapping_key_invalid');
    expect((await lib.wrapKeyMaterial(iwk, tak)).length).toBeGreaterThan(256);
  });
});

describe("a browser's WebCrypto refusing an RSA wrapping key is wrapping_key_invalid, not its DOMException (spec §6, §7)", () => {
  // Chrome's WebCrypto (BoringSSL) refuses public exponents over 33 bits, which spec §4.2 once allowed (≤ 256 bits; now ≤ 32);
  // Node's OpenSSL accepts them, so the browser's refusal is simulated here.
  test.each(['importKey', 'encrypt'] as const)('%s rejects', async (method) => {
    const spki = new Uint8Array(execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']) }));
    const iwk = lib.parseWrappingPublicKey(spki);
    const tak = await generateTargetKey('EC_P256');
    const spy = vi.spyOn(globalThis.crypto.subtle, method).mockRejectedValueOnce(new DOMException('bad e value', 'DataError'));
    try {
      expect(await codeOf(() => lib.wrapKeyMaterial(iwk, tak))).toBe('wrapping_key_invalid');
    } finally {
      spy.mockRestore();
    }
    expect((await lib.wrapKeyMaterial(iwk, tak)).length).toBeGreaterThan(256);
  });
});
