// Issue 9, spec §10.2–§10.4: secret keys — generation, loading (raw, hex, base64), rejections by code, KCVs
// checked against OpenSSL and against AESAVS vectors (tests/vectors/kcv-aesavs.json).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { KEY_SPEC_INFO, KEY_SPECS, exportTargetKey, generateTargetKey, parseTargetKey, type SecretKeySpec, type SecretTargetKey } from '../../src/lib/index.ts';
import { targetPlaintext } from '../../src/lib/target-key.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl } from '../helpers/openssl.ts';

const SECRET_SPECS = KEY_SPECS.filter((s): s is SecretKeySpec => KEY_SPEC_INFO[s].kind === 'secret');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const OPENSSL_CIPHER: Partial<Record<SecretKeySpec, string>> = { AES_128: '-aes-128-ecb', AES_192: '-aes-192-ecb', AES_256: '-aes-256-ecb', SM4: '-sm4-ecb' };
/** OpenSSL's KCV: first 3 bytes of the cipher's encryption of one zero block, no padding. */
const opensslKcv = (spec: SecretKeySpec, key: Uint8Array) => hex(openssl(['enc', OPENSSL_CIPHER[spec]!, '-nopad', '-K', hex(key)], new Uint8Array(16)).subarray(0, 3));
const rawOf = (k: SecretTargetKey) => targetPlaintext(k, 'raw');

test('the table: 8 secret types with the lengths of FIPS 197, GB/T 32907 and the HMAC hash outputs', () => {
  expect(Object.fromEntries(SECRET_SPECS.map((s) => [s, KEY_SPEC_INFO[s].kind === 'secret' && KEY_SPEC_INFO[s].byteLength]))).toEqual({
    AES_128: 16, AES_192: 24, AES_256: 32, SM4: 16, HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64,
  });
});

describe.each(SECRET_SPECS)('%s', (spec) => {
  const n = (KEY_SPEC_INFO[spec] as { byteLength: number }).byteLength;
  const hasKcv = spec !== 'HMAC_224' && spec !== 'HMAC_256' && spec !== 'HMAC_384' && spec !== 'HMAC_512';

  test('generated: length, KCV (OpenSSL), hex export, no secret in JSON, dispose wipes', async () => {
    const k = await generateTargetKey(spec);
    expect(k).toMatchObject({ spec, kind: 'secret', byteLength: n, origin: 'generated' });
    expect(Object.isFrozen(k)).toBe(true);
    const raw = rawOf(k);
    expect(raw.length).toBe(n);
    if (hasKcv) expect(k.kcv).toBe(opensslKcv(spec, raw));
    else expect(k.kcv).toBeUndefined();
    const exported = await exportTargetKey(k);
    expect(exported).toBe(hex(raw));
    expect(exported).toMatch(new RegExp(`^[0-9a-f]{${2 * n}}$`));
    expect(JSON.stringify(k)).not.toContain(exported);
    expect(JSON.stringify(k)).not.toContain(Buffer.from(raw).toString('base64').slice(0, 8));
    expect(await exportTargetKey(k, { passphrase: 'pass' })).toMatch(/^-----BEGIN CMS-----\n/); // spec §9.7; tests/keys/secret-backup.test.ts opens it with OpenSSL
    await expectCode(async () => targetPlaintext(k, 'pkcs8'), 'spec_not_supported_by_algorithm');
    k.dispose();
    expect(k.disposed).toBe(true);
    await expectCode(exportTargetKey(k), 'key_disposed');
    raw.fill(0);
  });

  test('two generated keys differ', async () => {
    expect(await exportTargetKey(await generateTargetKey(spec))).not.toBe(await exportTargetKey(await generateTargetKey(spec)));
  });

  test('loads from raw bytes, hex (either case, spaced, wrapped), base64 and base64url (with or without padding, wrapped)', async () => {
    const key = crypto.getRandomValues(new Uint8Array(n));
    const h = hex(key);
    const b64 = Buffer.from(key).toString('base64');
    const inputs: [string, string | Uint8Array, string][] = [
      ['raw', key.slice(), 'raw'],
      ['hex', h, 'hex'],
      ['HEX', h.toUpperCase(), 'hex'],
      ['spaced hex', ` ${h.replace(/(..)/g, '$1 ')}\r\n`, 'hex'],
      ['hex file bytes with BOM and newline', new TextEncoder().encode(`\uFEFF${h}\n`), 'hex'],
      ['base64', b64, 'base64'],
      ['base64 wrapped', b64.replace(/(.{8})/g, '$1\n'), 'base64'],
      ['base64url unpadded', Buffer.from(key).toString('base64url'), 'base64'],
      ['base64 file bytes', new TextEncoder().encode(`${b64}\n`), 'base64'],
    ];
    for (const [name, input, format] of inputs) {
      const k = await parseTargetKey(input, { spec });
      expect(k.sourceFormat, name).toBe(format);
      expect(hex(rawOf(k)), name).toBe(h);
      if (hasKcv) expect(k.kcv, name).toBe(opensslKcv(spec, key));
    }
  });

  test('wrong lengths → secret_length with expected and found lengths; bad text → secret_encoding', async () => {
    const short = crypto.getRandomValues(new Uint8Array(n - 1));
    const long = crypto.getRandomValues(new Uint8Array(n + 1));
    short[0] = 0x00; // never text
    long[0] = 0x01;
    expect((await expectCode(parseTargetKey(short, { spec }), 'secret_length')).facts).toMatchObject({ spec, length: n - 1, expected: `${n} bytes`, found: 'raw bytes' });
    expect((await expectCode(parseTargetKey(long, { spec }), 'secret_length')).facts).toMatchObject({ length: n + 1 });
    expect((await expectCode(parseTargetKey(hex(long), { spec }), 'secret_length')).facts).toMatchObject({ length: n + 1, found: 'hex' });
    expect((await expectCode(parseTargetKey(Buffer.from(short).toString('base64'), { spec }), 'secret_length')).facts).toMatchObject({ length: n - 1, found: 'base64' });
    expect((await expectCode(parseTargetKey('abc', { spec }), 'secret_encoding')).facts.found).toBe('hex with an odd number of digits');
    expect((await expectCode(parseTargetKey(`${hex(short)}!`, { spec }), 'secret_encoding')).facts.offset).toBe(2 * (n - 1));
    await expectCode(parseTargetKey('  \n', { spec }), 'input_empty');
    await expectCode(parseTargetKey('A'.repeat(5000), { spec }), 'input_too_large');
  });

  test('a key file given for a secret type → key_spec_mismatch', async () => {
    const pem = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
    await expectCode(parseTargetKey(pem, { spec }), 'key_spec_mismatch');
    const der = new Uint8Array(openssl(['pkey', '-outform', 'DER'], pem));
    expect((await expectCode(parseTargetKey(der, { spec }), 'key_spec_mismatch')).facts.found).toMatch(/EC P-256 private key/);
    await expectCode(parseTargetKey('{"kty":"oct","k":"AAAA"}', { spec }), 'key_spec_mismatch');
  });
});

describe('secrets without options.spec', () => {
  test('raw bytes, hex or base64 of a secret length → key_spec_required (length given)', async () => {
    for (const n of [16, 24, 28, 32, 48, 64]) {
      const key = crypto.getRandomValues(new Uint8Array(n));
      key[0] = 0x00; // not text: raw bytes; and not DER-like (spec §10.2)
      key[1] = 0x00;
      expect((await expectCode(parseTargetKey(key), 'key_spec_required')).facts.length).toBe(n);
      expect((await expectCode(parseTargetKey(hex(key)), 'key_spec_required')).facts.length).toBe(n);
      expect((await expectCode(parseTargetKey(Buffer.from(key).toString('base64')), 'key_spec_required')).facts.length).toBe(n);
    }
  });
  test('raw bytes or base64 that start with a DER SEQUENCE keep their DER error (a 48-byte Ed25519 PKCS#8 is HMAC_384-long)', async () => {
    const der = new Uint8Array(48); // zeros: binary, not text
    der[0] = 0x30;
    await expectCode(parseTargetKey(der), 'der_trailing_data');
    await expectCode(parseTargetKey(Buffer.from(der).toString('base64')), 'der_trailing_data');
    der[0] = 0x3f; // a damaged tag; the second byte still states the length of the rest (46)
    der[1] = 46;
    await expectCode(parseTargetKey(der), 'der_malformed');
    // a damaged PEM key whose armour and body happen to decode as base64 of a secret length
    await expectCode(parseTargetKey('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2Vw\n-----END PRIVATE KEY-----\n'), 'der_truncated');
    expect((await expectCode(parseTargetKey(Buffer.from(der).toString('hex')), 'key_spec_required')).facts.length).toBe(48);
  });
  test('other damaged input keeps its own code', async () => {
    await expectCode(parseTargetKey('not base64 at all!'), 'base64_invalid');
    await expectCode(parseTargetKey(new Uint8Array([0x30, 0x03, 0x02, 0x01])), 'der_truncated');
  });
  test('an unknown spec → key_spec_unknown', async () => {
    await expectCode(parseTargetKey('00', { spec: 'AES_512' as SecretKeySpec }), 'key_spec_unknown');
    await expectCode(generateTargetKey('DES' as SecretKeySpec), 'key_spec_unknown');
  });
});

describe('ambiguous text (spec §10.2): hex digits only → hex', () => {
  test('32 hex characters are hex (16 bytes) even for AES_192, where base64 would give 24 bytes', async () => {
    const h = hex(crypto.getRandomValues(new Uint8Array(16)));
    expect((await parseTargetKey(h, { spec: 'AES_128' })).sourceFormat).toBe('hex');
    expect((await expectCode(parseTargetKey(h, { spec: 'AES_192' }), 'secret_length')).facts).toMatchObject({ length: 16, found: 'hex', expected: '24 bytes' });
  });
});

describe('KCV (spec §10.4)', () => {
  const vectors = JSON.parse(readFileSync(new URL('../vectors/kcv-aesavs.json', import.meta.url), 'utf8')) as { vectors: { spec: SecretKeySpec; key: string; ciphertext: string; kcv: string }[] };
  test.each(vectors.vectors.map((v) => [v.spec, v] as const))('AESAVS KeySbox vector, %s', async (spec, v) => {
    const k = await parseTargetKey(v.key, { spec });
    expect(k.kcv).toBe(v.kcv);
    expect(v.ciphertext.startsWith(v.kcv)).toBe(true);
    expect(opensslKcv(spec, Buffer.from(v.key, 'hex'))).toBe(v.kcv);
  });
  test.each(['AES_128', 'AES_192', 'AES_256', 'SM4'] as const)('%s: 20 random keys agree with openssl enc -nopad', async (spec) => {
    for (let i = 0; i < 20; i++) {
      const k = await generateTargetKey(spec);
      expect(k.kcv).toMatch(/^[0-9a-f]{6}$/);
      expect(k.kcv).toBe(opensslKcv(spec, rawOf(k)));
    }
  });
});
