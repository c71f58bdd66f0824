// Issue 5: every function exported by src/lib/index.ts against a table of hostile JavaScript values, in every
// argument position. Each call returns a valid result or throws/rejects a ByokError (spec §2.1: anything but
// a string or Uint8Array is input_type); describeError, isByokError and isKeySpec never throw at all. A
// function exported later without a row here fails the coverage test.
import { createHash } from 'node:crypto';
import { isUint8Array } from 'node:util/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as lib from '../../src/lib/index.ts';
import { ByokError, type AsymmetricTargetKey, type WrappingPublicKey } from '../../src/lib/index.ts';
import { scratch } from '../helpers/openssl.ts';
import { genKeys, spkiDer, text } from './fixtures.ts';
import { ERROR_CODES, outcomeAsync, revokedProxy, throwingProxy, type Outcome } from './support.ts';

const tmp = scratch('byok-fuzz-hostile-');
let iwk: WrappingPublicKey;
let sm2Iwk: WrappingPublicKey;
let tak: AsymmetricTargetKey;
let disposed: AsymmetricTargetKey;

beforeAll(async () => {
  const k = genKeys(tmp, ['rsa2048', 'sm2', 'p256']);
  iwk = lib.parseWrappingPublicKey(spkiDer(k.rsa2048));
  sm2Iwk = lib.parseWrappingPublicKey(spkiDer(k.sm2));
  tak = await lib.parseTargetKey(text(['pkey', '-in', k.p256]));
  disposed = await lib.parseTargetKey(text(['pkey', '-in', k.p256]));
  disposed.dispose();
}, 60_000);
afterAll(() => tmp.dispose());

const TEN_MB = 10 * 1024 * 1024;

/** The table. Lazy, because some rows need the fixtures. */
function hostileValues(): [string, unknown][] {
  return [
    ['null', null],
    ['undefined', undefined],
    ['0', 0],
    ['-1', -1],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['2^53', 2 ** 53],
    ['1n', 1n],
    ['true', true],
    ['false', false],
    ['""', ''],
    ['" \\n"', ' \n'],
    ['a 10 MB string', 'A'.repeat(TEN_MB)],
    ['a 10 MB PEM-looking string', `-----BEGIN PUBLIC KEY-----\n${'A'.repeat(TEN_MB)}\n-----END PUBLIC KEY-----\n`],
    ['a lone high surrogate', '\uD800'],
    ['lone surrogates in text', 'MII\uDC00BIjAN\uD800'],
    ['a NUL string', '\0\0\0'],
    ['{}', {}],
    ['[]', []],
    ['[1, 2, 3]', [1, 2, 3]],
    ['Object.create(null)', Object.create(null)],
    ['Uint16Array', new Uint16Array([0x3082, 0x0122])],
    ['Int8Array', new Int8Array([48, -126])],
    ['Uint8ClampedArray', new Uint8ClampedArray([48, 130])],
    ['Float64Array', new Float64Array(4)],
    ['ArrayBuffer', new Uint8Array([48, 3, 2, 1, 1]).buffer],
    ['DataView', new DataView(new Uint8Array([48, 3, 2, 1, 1]).buffer)],
    ['a 1 MB Uint8Array', new Uint8Array(1024 * 1024)],
    ['a Proxy of a Uint8Array', new Proxy(new Uint8Array([48, 0]), {})],
    ['Symbol', Symbol('hostile')],
    ['a function', () => 'RSA_2048'],
    ['a class', class Hostile {}],
    ['a Proxy that throws on every trap', throwingProxy()],
    ['a revoked Proxy', revokedProxy()],
    ['a Date', new Date(0)],
    ['a RegExp', /RSA_2048/],
    ['a Map', new Map([['passphrase', 'x']])],
    ['a Promise', Promise.resolve('RSA_2048')],
    ['an Error', new Error('not ours')],
    ['toString throws', { toString: () => { throw new Error('toString'); } }],
    ['toPrimitive throws', { [Symbol.toPrimitive]: () => { throw new Error('toPrimitive'); } }],
    ['String object', new String('RSA_2048')],
    ['a getter that throws for every field', Object.defineProperties({}, Object.fromEntries(['spki', 'spec', 'publicKeySpki', 'publicKeySha256', 'passphrase', 'break', 'algorithm', 'then'].map((f) => [f, { get: () => { throw new Error(f); }, enumerable: true }])))],
    ['a WrappingPublicKey look-alike with junk SPKI', { spec: 'RSA_2048', spki: new Uint8Array([48, 0]), sha256: '00', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', source: 'der' }],
    ['a WrappingPublicKey look-alike with a 16-bit SPKI', { spec: 'RSA_2048', spki: new Uint16Array(140), sha256: '00', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', source: 'der' }],
    ['a TargetKey look-alike', { spec: 'EC_P256', publicKeySpki: tak.publicKeySpki, publicKeyPem: tak.publicKeyPem, publicKeySha256: tak.publicKeySha256, origin: 'generated', disposed: false, dispose() {} }],
    ['a TargetKey look-alike with junk SPKI', { spec: 'EC_P256', publicKeySpki: new Uint8Array([1, 2, 3]), publicKeySha256: 'x', disposed: false }],
    ['Object.create(a TargetKey)', Object.create(tak)],
    ['a disposed TargetKey', disposed],
    ['a ByokError', new ByokError('input_type')],
  ];
}

/** How each exported function is called: one argument position at a time takes the hostile value. */
type Call = (v: unknown) => unknown;
function calls(): Record<string, Call[]> {
  const f = lib as unknown as Record<string, (...a: unknown[]) => unknown>;
  const pem = tak.publicKeyPem;
  return {
    algorithmForWrappingKey: [(v) => f.algorithmForWrappingKey!(v)],
    algorithmForTargetSpec: [(v) => f.algorithmForTargetSpec!(v)],
    materialLength: [(v) => f.materialLength!(v, 138), (v) => f.materialLength!('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', v)],
    isKeySpec: [(v) => f.isKeySpec!(v)],
    parseWrappingPublicKey: [(v) => f.parseWrappingPublicKey!(v)],
    parseImportToken: [(v) => f.parseImportToken!(v), (v) => f.parseImportToken!('AAAA', v), (v) => f.parseImportToken!(new Uint8Array([0x41]), { form: v }), (v) => f.parseImportToken!(v, { form: 'binary' }), (v) => f.parseImportToken!(v, { form: 'text' })],
    generateTargetKey: [(v) => f.generateTargetKey!(v)],
    parseTargetKey: [(v) => f.parseTargetKey!(v), (v) => f.parseTargetKey!(pem, v), (v) => f.parseTargetKey!(pem, { passphrase: v })],
    sameKey: [(v) => f.sameKey!(v, tak), (v) => f.sameKey!(tak, v)],
    exportTargetKey: [(v) => f.exportTargetKey!(v), (v) => f.exportTargetKey!(tak, v), (v) => f.exportTargetKey!(tak, { passphrase: v })],
    wrapKeyMaterial: [(v) => f.wrapKeyMaterial!(v, tak), (v) => f.wrapKeyMaterial!(iwk, v), (v) => f.wrapKeyMaterial!(iwk, tak, v), (v) => f.wrapKeyMaterial!(sm2Iwk, v)],
    encodeKeyMaterial: [(v) => f.encodeKeyMaterial!(v)],
    comparePublicKey: [(v) => f.comparePublicKey!(v, pem), (v) => f.comparePublicKey!(tak, v)],
    comparePublicKeys: [(v) => f.comparePublicKeys!(v, pem), (v) => f.comparePublicKeys!(pem, v)],
    ByokError: [(v) => new lib.ByokError(v as lib.ErrorCode)],
    isByokError: [(v) => f.isByokError!(v)],
    describeError: [(v) => f.describeError!(v), (v) => f.describeError!(new ByokError('input_empty'), v)],
    sha256Hex: [(v) => f.sha256Hex!(v)],
    formatFingerprint: [(v) => f.formatFingerprint!(v)],
    toBase64: [(v) => f.toBase64!(v)],
    toHex: [(v) => f.toHex!(v)],
    runSelfTests: [(v) => f.runSelfTests!(v), (v) => f.runSelfTests!({ break: v })],
    hiddenCharacters: [(v) => f.hiddenCharacters!(v)],
    showHidden: [(v) => f.showHidden!(v)],
    algorithmsFor: [(v) => f.algorithmsFor!(v, 'AES_256'), (v) => f.algorithmsFor!('aws', v)],
    deliverKeyMaterial: [
      (v) => f.deliverKeyMaterial!(v, deliveryContext),
      (v) => f.deliverKeyMaterial!(new Uint8Array(256), v),
      ...(['provider', 'algorithm', 'keySpec', 'wrappingKeySpec', 'keyId', 'kekId'] as const).map((k) => (v: unknown) => f.deliverKeyMaterial!(new Uint8Array(256), { ...deliveryContext, [k]: v })),
    ],
    importCommand: [
      (v) => f.importCommand!(v),
      ...(['provider', 'algorithm', 'keySpec', 'keyId', 'fileName', 'tokenFileName', 'importJob', 'vaultName', 'mount'] as const).map((k) => (v: unknown) => f.importCommand!({ ...commandContext, [k]: v })),
    ],
  };
}

const deliveryContext = { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'AES_256', wrappingKeySpec: 'RSA_4096', keyId: 'k', kekId: 'https://contoso.vault.azure.net/keys/kek/eba63d27e4e34e028839b53fac905621' };
const commandContext = { provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256_AES_256', keySpec: 'google-symmetric-encryption', keyId: 'k', fileName: 'w.bin', importJob: 'j' };

/** Functions that must not throw at all, whatever they are given. */
const TOTAL = new Set(['describeError', 'isByokError', 'isKeySpec', 'ByokError']);

/** What a successful result must look like, per function (a wrong value is as bad as a wrong exception). */
function checkResult(name: string, value: unknown, v: unknown): void {
  switch (name) {
    case 'describeError': {
      const d = value as lib.DescribedError;
      expect(d.code === 'internal' || ERROR_CODES.has(d.code)).toBe(true);
      expect(typeof d.message).toBe('string');
      expect(typeof d.hint).toBe('string');
      break;
    }
    case 'isByokError':
    case 'isKeySpec':
      expect(typeof value).toBe('boolean');
      break;
    case 'algorithmForWrappingKey':
    case 'algorithmForTargetSpec':
      expect(lib.WRAPPING_ALGORITHMS).toContain(value);
      expect(['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2']).toContain(v);
      break;
    case 'materialLength':
      expect(Number.isSafeInteger(value) && (value as number) > 0).toBe(true);
      break;
    case 'toHex':
    case 'sha256Hex':
      expect(v).toBeInstanceOf(Uint8Array);
      expect(value).toMatch(/^[0-9a-f]*$/);
      if (name === 'sha256Hex') expect(value).toBe(createHash('sha256').update(v as Uint8Array).digest('hex'));
      break;
    case 'toBase64':
      expect(v).toBeInstanceOf(Uint8Array);
      expect(value).toBe(Buffer.from(v as Uint8Array).toString('base64'));
      break;
    case 'formatFingerprint':
      expect(typeof v).toBe('string');
      expect(typeof value).toBe('string');
      break;
    case 'wrapKeyMaterial': {
      // never partial: the full material of spec §1 or nothing
      const m = value as Uint8Array;
      expect(m).toBeInstanceOf(Uint8Array);
      expect([lib.materialLength('SM2PKE_SM4_ECB'), lib.materialLength('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 138)]).toContain(m.length);
      break;
    }
    case 'parseImportToken': {
      const t = value as lib.ImportToken;
      expect(['text', 'binary']).toContain(t.form);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
      break;
    }
    case 'sameKey':
      // only a real, live key is accepted; the one such value in the table is not the same key as tak
      expect(value).toBe(false);
      break;
    case 'exportTargetKey':
      expect(value).toMatch(/^-----BEGIN (ENCRYPTED )?PRIVATE KEY-----\n/);
      break;
    case 'runSelfTests':
      expect(typeof (value as lib.SelfTestReport).ok).toBe('boolean');
      break;
    case 'algorithmsFor':
      expect(Array.isArray(value)).toBe(true);
      break;
    case 'deliverKeyMaterial': {
      const d = value as lib.Delivery;
      expect(typeof d.fileName).toBe('string');
      expect(d.bytes).toBeInstanceOf(Uint8Array);
      break;
    }
    case 'importCommand':
      expect(typeof value).toBe('string');
      expect(value).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
      break;
    default:
      break;
  }
}

async function callUnderRule(name: string, call: Call, v: unknown): Promise<Outcome<unknown>> {
  const o = await outcomeAsync(() => call(v));
  if (TOTAL.has(name) && !o.ok) throw new Error(`${name} threw ${o.code}; it must never throw`);
  if (o.ok) checkResult(name, o.value, v);
  return o;
}

describe('hostile values against every public function (issue 5)', () => {
  test('every exported function has rows in the table', () => {
    const exported = Object.entries(lib)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .sort();
    expect(Object.keys(calls()).sort()).toEqual(exported);
  });

  // One test per function keeps failures readable; the values run inside it.
  const names = ['algorithmForWrappingKey', 'algorithmForTargetSpec', 'materialLength', 'isKeySpec', 'parseWrappingPublicKey', 'parseImportToken', 'generateTargetKey', 'parseTargetKey', 'exportTargetKey', 'sameKey', 'wrapKeyMaterial', 'encodeKeyMaterial', 'comparePublicKey', 'comparePublicKeys', 'ByokError', 'isByokError', 'describeError', 'sha256Hex', 'formatFingerprint', 'toBase64', 'toHex', 'runSelfTests', 'algorithmsFor', 'deliverKeyMaterial', 'importCommand', 'hiddenCharacters', 'showHidden'];
  test.each(names)('%s: a valid result or a ByokError, for every value in every position', async (name) => {
    const failures: string[] = [];
    const table = calls()[name]!;
    for (const [label, v] of hostileValues()) {
      for (const [i, call] of table.entries()) {
        try {
          await callUnderRule(name, call, v);
        } catch (e) {
          failures.push(`argument form ${i + 1}, ${label}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test('input_type where the type alone is wrong (spec §2.1)', async () => {
    const notText = hostileValues().filter(([, v]) => typeof v !== 'string' && !isUint8Array(v)); // isUint8Array runs no Proxy trap
    for (const [label, v] of notText) {
      const parsers: Call[] = [(x) => lib.parseWrappingPublicKey(x as string), (x) => lib.parseImportToken(x as string), (x) => lib.parseImportToken(x as string, { form: 'binary' }), (x) => lib.parseImportToken(x as string, { form: 'text' }), (x) => lib.parseTargetKey(x as string), (x) => lib.comparePublicKey(tak, x as string), (x) => lib.comparePublicKeys(x as string, x as string)];
      for (const call of parsers) {
        const o = await outcomeAsync(() => call(v));
        expect(o.ok ? 'ok' : o.code, label).toBe('input_type');
      }
    }
  });

  test('a WrappingPublicKey look-alike cannot bypass the wrapping-key rules (spec §4.2)', async () => {
    const fake = { ...iwk, spki: new Uint8Array(iwk.spki.length) };
    const o = await outcomeAsync(() => lib.wrapKeyMaterial(fake, tak));
    expect(o.ok).toBe(false);
  });

  test('a TargetKey look-alike or a disposed key wraps nothing', async () => {
    for (const t of [disposed, Object.create(tak), { ...tak }]) {
      const o = await outcomeAsync(() => lib.wrapKeyMaterial(iwk, t as AsymmetricTargetKey));
      expect(o.ok ? 'ok' : o.code).toMatch(/^(input_type|key_disposed)$/);
    }
  });
});
