// The wiping DER codec (spec §3.6): it reads and writes the secret-bearing structures byte for byte as OpenSSL
// does, never hands private bytes to an ASN.1 library, and every buffer it allocates is zero once the key is disposed.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { DerReader, encodeDer, TAG, traceSecretAllocations } from '../../src/lib/formats/der-secret.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from '../../src/lib/formats/pkcs8.ts';
import { decodeRsaPrivateKey, encodeRsaPrivateKey } from '../../src/lib/formats/pkcs1.ts';
import { decodeEcPrivateKey, encodeEcPrivateKey } from '../../src/lib/formats/sec1.ts';
import { decodePrivateKey } from '../../src/lib/formats/private-key.ts';
import type { EcPrivateComponents, RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { exportTargetKey, generateTargetKey, parseTargetKey } from '../../src/lib/target-key.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl } from '../helpers/openssl.ts';
import genpkey from '../genpkey.json';
import { OneAsymmetricKey, opensslHexField, tlv } from './support.ts';

const SPECS = { RSA_2048: genpkey.rsa2048, RSA_3072: genpkey.rsa3072, RSA_4096: genpkey.rsa4096, EC_P256: genpkey.p256, EC_P256K: genpkey.k256, EC_SM2: genpkey.sm2 };
type Spec = keyof typeof SPECS;
const pem: Record<string, Buffer> = {};
/** `openssl pkcs8 -topk8 -nocrypt -outform DER`: what the normalised PKCS#8 has always been (spec §3.2). */
const pkcs8: Record<string, Uint8Array> = {};
const PASS = 'wiping codec passphrase';

beforeAll(() => {
  for (const [spec, args] of Object.entries(SPECS)) {
    pem[spec] = openssl(['genpkey', ...args]);
    pkcs8[spec] = new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], pem[spec]));
  }
});

const derOfPem = (text: string) => Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const contains = (hay: Uint8Array, needle: Uint8Array) => Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(needle)) >= 0;

/** The private scalar / exponent of an OpenSSL key, big-endian, as `openssl pkey -text` prints it. */
function secretOf(spec: Spec): Uint8Array {
  const text = openssl(['pkey', '-text', '-noout'], pem[spec]).toString();
  const hex = opensslHexField(text, spec.startsWith('RSA') ? 'privateExponent' : 'priv').replace(/^00/, '');
  return fromHex(hex);
}

describe('round trips against OpenSSL', () => {
  test.each(Object.keys(SPECS) as Spec[])('%s: load → normalised PKCS#8 is byte for byte `openssl pkcs8 -topk8`', async (spec) => {
    const key = await parseTargetKey(new Uint8Array(pem[spec]!));
    expect(key.spec).toBe(spec);
    const out = derOfPem(await exportTargetKey(key));
    expect(toHex(out)).toBe(toHex(pkcs8[spec]!));
    key.dispose();
  });

  test.each(['RSA_2048', 'EC_P256'] as Spec[])('%s: the encrypted backup decrypts (openssl) to the same bytes', async (spec) => {
    const key = await parseTargetKey(new Uint8Array(pem[spec]!));
    const backup = await exportTargetKey(key, { passphrase: PASS });
    const back = openssl(['pkcs8', '-topk8', '-nocrypt', '-passin', `pass:${PASS}`, '-outform', 'DER'], backup);
    expect(toHex(back)).toBe(toHex(pkcs8[spec]!));
    key.dispose();
  });

  test('PKCS#1 and SEC1 encode(decode(x)) = x, as OpenSSL writes them', () => {
    const pkcs1 = new Uint8Array(openssl(['rsa', '-traditional', '-outform', 'DER'], pem.RSA_2048));
    expect(toHex(encodeRsaPrivateKey(decodeRsaPrivateKey(pkcs1)))).toBe(toHex(pkcs1));
    const sec1 = new Uint8Array(openssl(['ec', '-outform', 'DER'], pem.EC_P256));
    const k = decodeEcPrivateKey(sec1);
    expect(toHex(encodeEcPrivateKey(k.d, k.publicKey!, k.curveOid))).toBe(toHex(sec1));
  });

  test('writer: long-form lengths (X.690 §8.1.3.5) and INTEGER sign octets (§8.3.2)', () => {
    const big = new Uint8Array(300).fill(0xab);
    const der = encodeDer({ tag: TAG.sequence, children: [{ tag: TAG.octetString, bytes: big }, { unsigned: Uint8Array.of(0, 0, 0x80) }, { unsigned: new Uint8Array(0) }] });
    expect(toHex(der.subarray(0, 8))).toBe('308201370482012c');
    expect(toHex(der.subarray(-7))).toBe('02020080020100');
    expect(openssl(['asn1parse', '-inform', 'DER'], der).toString()).toContain('INTEGER'); // OpenSSL reads it
  });
});

describe('reader: strict, views only', () => {
  test('non-minimal or negative INTEGER, missing or extra member → der_malformed', async () => {
    const seq = (...m: Uint8Array[]) => tlv(0x30, ...m);
    const int = (hex: string) => tlv(0x02, fromHex(hex));
    const read = (der: Uint8Array) => () => {
      const r = DerReader.sequence(der, 'Test');
      r.smallInteger();
      r.unsigned('value');
      r.end();
    };
    read(seq(int('00'), int('7f')))();
    for (const bad of [seq(int('0000'), int('7f')), seq(int('00'), int('0001')), seq(int('00'), int('80')), seq(int('00')), seq(int('00'), int('01'), int('02'))])
      await expectCode(read(bad), 'der_malformed');
  });

  test('values are views into the input: nothing is copied', () => {
    const der = tlv(0x30, tlv(0x02, fromHex('00')), tlv(0x04, fromHex('0102030405')));
    const r = DerReader.sequence(der, 'Test');
    r.smallInteger();
    const v = r.value(TAG.octetString);
    expect(v.buffer).toBe(der.buffer);
    der.fill(0);
    expect(v.every((b) => b === 0)).toBe(true);
  });
});

describe('no private bytes reach an ASN.1 library (asn1js copies every value into buffers nothing wipes)', () => {
  afterEach(() => vi.restoreAllMocks());

  test('nothing under src/ imports asn1js, pvtsutils or @peculiar/* (they are the tests\' oracle only)', () => {
    const files = readdirSync(new URL('../../src', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|svelte)$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const importers = files.filter((f) => /from ['"](asn1js|pvtsutils|pvutils|@peculiar\/)/.test(readFileSync(new URL(`../../src/${f}`, import.meta.url), 'utf8')));
    expect(importers).toEqual([]);
  });

  test.each(['RSA_2048', 'EC_P256', 'EC_SM2'] as Spec[])('%s: load, normalise, export never call asn1-schema', async (spec) => {
    const calls = [vi.spyOn(AsnParser, 'parse'), vi.spyOn(AsnSerializer, 'serialize')];
    const key = await parseTargetKey(new Uint8Array(pem[spec]!));
    await exportTargetKey(key);
    decodePkcs8(pkcs8[spec]!);
    key.dispose();
    expect(AsnParser.parse(pkcs8[spec]!.slice(), OneAsymmetricKey).version).toBe(0); // the spies do see calls
    expect(calls.map((c) => c.mock.calls.length)).toEqual([1, 0]);
  });
});

describe('every secret buffer the codec and key layer allocate is zero after dispose()', () => {
  async function traced(run: () => Promise<{ dispose(): void }>): Promise<Uint8Array[]> {
    const t = traceSecretAllocations();
    try {
      const key = await run();
      key.dispose();
    } finally {
      t.stop();
    }
    return t.buffers;
  }

  test.each(Object.keys(SPECS) as Spec[])('%s loaded from PEM', async (spec) => {
    const buffers = await traced(() => parseTargetKey(new Uint8Array(pem[spec]!)));
    expect(buffers.length).toBeGreaterThan(1);
    expect(buffers.filter((b) => b.some((x) => x !== 0)).length).toBe(0);
  });

  test('the traced buffers are the ones that held the key (not an empty trace)', async () => {
    const t = traceSecretAllocations();
    const key = await parseTargetKey(new Uint8Array(pem.RSA_2048!));
    t.stop();
    const secret = secretOf('RSA_2048');
    expect(t.buffers.some((b) => contains(b, secret))).toBe(true);
    key.dispose();
    expect(t.buffers.every((b) => b.every((x) => x === 0))).toBe(true);
  });

  test('encrypted PKCS#8 (RSA, EC) and the encrypted backup', async () => {
    for (const spec of ['RSA_2048', 'EC_P256K'] as Spec[]) {
      const encrypted = openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', '1000', '-passout', `pass:${PASS}`], pem[spec]);
      const buffers = await traced(async () => {
        const key = await parseTargetKey(encrypted.toString(), { passphrase: PASS });
        await exportTargetKey(key, { passphrase: PASS });
        return key;
      });
      expect(buffers.length).toBeGreaterThan(1);
      expect(buffers.every((b) => b.every((x) => x === 0))).toBe(true);
    }
  });

  test('Ed25519 loaded (PKCS#8, and encrypted): the seed and the normalised PKCS#8 are traced, and zero after dispose()', async () => {
    const plain = openssl(['genpkey', '-algorithm', 'ED25519']);
    const encrypted = openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', '1000', '-passout', `pass:${PASS}`], plain);
    const seed = new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], plain)).subarray(16);
    for (const [input, passphrase] of [[plain, undefined], [encrypted, PASS]] as const) {
      const t = traceSecretAllocations();
      const key = await parseTargetKey(input.toString(), { passphrase });
      t.stop();
      expect(key.spec).toBe('ED25519');
      expect(t.buffers.some((b) => contains(b, seed))).toBe(true);
      key.dispose();
      expect(t.buffers.every((b) => b.every((x) => x === 0))).toBe(true);
    }
  });

  test.each(['EC_P256', 'EC_P256K', 'EC_SM2', 'RSA_2048'] as const)('%s generated', async (spec) => {
    const buffers = await traced(() => generateTargetKey(spec));
    expect(buffers.length).toBeGreaterThan(1);
    expect(buffers.every((b) => b.every((x) => x === 0))).toBe(true);
  });

  test('decoders: components own their bytes (the input can be wiped at once)', async () => {
    const der = pkcs8.EC_P256!.slice();
    const k = decodePkcs8(der) as EcPrivateComponents;
    der.fill(0);
    expect(toHex(k.d)).toBe(toHex(secretOf('EC_P256')));
    const rsa = (await decodePrivateKey(pkcs8.RSA_2048!.slice())).key as RsaPrivateComponents;
    expect(toHex(encodeRsaPkcs8(rsa))).toBe(toHex(pkcs8.RSA_2048!));
    expect(toHex(encodeEcPkcs8(k.curveOid, k.d, k.publicKey!))).toBe(toHex(pkcs8.EC_P256!));
  });
});
