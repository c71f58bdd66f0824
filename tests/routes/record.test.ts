// The ceremony record (format 2) without a browser: the key once, every destination with its provider, key spec,
// algorithm, file names and SHA-256s, in both languages — and never a secret: no private key, no secret key in
// hex or base64, no import token, no key material, no passphrase.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFingerprint, SELF_TEST_NAMES } from '../../src/lib/index.ts';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { ceremonyRecord, parseSha256sum, recordJson, recordSections, recordText, type RecordExtras } from '../../src/routes/record.ts';
import { makeRsaWrappingKeys, openssl, scratch } from '../helpers/openssl.ts';

const dir = scratch('byok-record-');
afterAll(() => dir.dispose());
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<2048 | 3072>>>;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(dir, [2048, 3072] as const);
});
const pem = (bits: 2048 | 3072) => openssl(['pkey', '-in', rsa[bits].privPath, '-pubout']).toString();
const der = (bits: 2048 | 3072) => new Uint8Array(openssl(['pkey', '-in', rsa[bits].privPath, '-pubout', '-outform', 'DER']));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const TOKEN = 'dG9rZW4gdmFsdWUgdGhhdCBtdXN0IG5ldmVyIGJlIGluIHRoZSByZWNvcmQ=';
// AWS's token is binary: its bytes must not reach the record in any spelling either
const AWS_TOKEN = Uint8Array.from({ length: 96 }, (_, i) => (i * 37 + 11) & 255);
const AWS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const extras = (over: Partial<RecordExtras> = {}): RecordExtras => ({
  operator: ' Ada Custodian ',
  witness: 'Wen Witness',
  appSha256: '',
  recordedAt: Date.UTC(2026, 10, 30, 6, 5, 9),
  form: 'single-file',
  language: 'en',
  ...over,
});

/** Every spelling of `bytes` a record could leak it in. */
function spellings(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  const hex = b.toString('hex');
  return [hex, hex.toUpperCase(), ...(b.length === 32 ? [formatFingerprint(hex)] : []), b.toString('base64'), b.toString('base64url')];
}

/** A ceremony: the loaded key `target`, wrapped for Alibaba (text token) and AWS (binary token), self-test passed. */
async function wrapped(spec: 'EC_P256' | 'Aliyun_AES_256', target: string): Promise<Ceremony> {
  const c = new Ceremony();
  const ali = c.first;
  c.setKeySpec(ali, spec);
  ali.keyId = 'key-record';
  const aws = c.addDestination();
  c.setProvider(aws, 'aws');
  aws.keyId = AWS_KEY;
  c.confirmSettings(true);
  await c.runSelfTests();
  await c.dropFiles([
    new File([pem(2048)], 'publickey_rec1.pem'),
    new File([TOKEN], 'token_rec1.txt'),
    new File([der(3072)], 'WrappingPublicKey.bin'),
    new File([AWS_TOKEN], 'ImportToken.bin'),
  ]);
  await c.loadTargetText(target);
  await c.wrap();
  expect(c.wrapProblem).toBeNull();
  expect(c.materialCount).toBe(2);
  return c;
}

describe('ceremony record', () => {
  const plain = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();

  it('format 2: the key once, every destination with provider, key spec, algorithm, files and SHA-256s; steps say what was done', async () => {
    const c = await wrapped('EC_P256', plain);
    const [ali, aws] = c.destinations as [(typeof c.destinations)[0], (typeof c.destinations)[0]];
    expect(aws.keySpecName).toBe('ECC_NIST_P256');
    const r = ceremonyRecord(c, extras());
    expect(r.recordFormat).toBe(2);
    expect(r.recordedAt).toEqual({ local: expect.stringMatching(/^2026-11-30 \d\d:\d\d:09 UTC[+-]\d\d:\d\d$/), utc: '2026-11-30T06:05:09Z' });
    expect(r.app).toMatchObject({ form: 'single-file', fileSha256: null });
    expect(r.selfTest.ok).toBe(true);
    expect(r.selfTest.results.map((t) => t.name)).toEqual(SELF_TEST_NAMES);
    const spki = openssl(['pkey', '-pubout', '-outform', 'DER'], plain);
    expect(r.key).toEqual({
      keySpec: 'EC_P256',
      kind: 'asymmetric',
      origin: 'loaded',
      publicKeySha256: sha256(spki),
      kcv: null,
      file: null,
      backup: null,
      backupCheck: null,
      savedPublicKey: null,
    });
    expect(r.destinations).toEqual([
      {
        n: 1,
        provider: 'alibaba',
        providerName: 'Alibaba Cloud KMS',
        keySpec: 'EC_P256',
        wrappingAlgorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
        kmsKeyId: 'key-record',
        instanceType: 'software',
        kekId: null,
        importJob: null,
        keyMaterialExpireUnix: 0,
        sha256: { wrappingPublicKeySpki: sha256(der(2048)), importToken: sha256(new TextEncoder().encode(TOKEN)), keyMaterialFile: ali.material!.sha256 },
        files: { wrappingPublicKey: 'publickey_rec1.pem', importToken: 'token_rec1.txt', keyMaterial: 'key-material_key-record.txt' },
        keyMaterialDownloaded: false,
        verify: null,
      },
      {
        n: 2,
        provider: 'aws',
        providerName: 'AWS KMS',
        keySpec: 'ECC_NIST_P256',
        wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        kmsKeyId: AWS_KEY,
        instanceType: null,
        kekId: null,
        importJob: null,
        keyMaterialExpireUnix: null,
        sha256: { wrappingPublicKeySpki: sha256(der(3072)), importToken: sha256(AWS_TOKEN), keyMaterialFile: aws.material!.sha256 },
        files: { wrappingPublicKey: 'WrappingPublicKey.bin', importToken: 'ImportToken.bin', keyMaterial: 'EncryptedKeyMaterial.bin' },
        keyMaterialDownloaded: false,
        verify: null,
      },
    ]);
    // the material's SHA-256 is that of the bytes delivered
    expect(ali.material!.sha256).toBe(sha256(ali.deliveredBytes()!));
    expect(aws.material!.sha256).toBe(sha256(aws.deliveredBytes()!));
    expect(r.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'optional-skipped', 'not-downloaded', 'not-done']);
    expect(r.people).toEqual({ operator: 'Ada Custodian', witness: 'Wen Witness' });

    // downloadMaterial() needs a DOM; the flag is what the record reads
    for (const d of c.destinations) d.materialDownloaded = true;
    const pub = openssl(['pkey', '-pubout'], plain).toString();
    c.verify(ali, pub);
    expect(ceremonyRecord(c, extras()).steps[5]!.outcome).toBe('not-done'); // one destination of two checked
    c.verify(aws, pub);
    const done = ceremonyRecord(c, extras());
    expect(done.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'optional-skipped', 'done', 'done']);
    expect(done.destinations.map((d) => d.verify)).toEqual([
      { outcome: 'match', expected: sha256(spki), actual: sha256(spki) },
      { outcome: 'match', expected: sha256(spki), actual: sha256(spki) },
    ]);
    c.verify(aws, openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'])).toString());
    expect(ceremonyRecord(c, extras()).steps[5]!.outcome).toBe('mismatch');

    // stale material (inputs changed since) is not recorded as made
    aws.keyId = 'key-\u202E';
    const stale = ceremonyRecord(c, extras());
    expect(stale.destinations.map((d) => [d.files.keyMaterial, d.sha256.keyMaterialFile])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(stale.steps[4]!.outcome).toBe('not-done');
  });

  it('text and JSON: every row, one section per destination, signature lines, in English and Chinese; no secret', async () => {
    const c = await wrapped('EC_P256', plain);
    const appSha = 'ab'.repeat(32);
    const privateDer = openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], plain);
    for (const language of ['en', 'zh-CN'] as const) {
      const r = ceremonyRecord(c, extras({ language, appSha256: `${appSha.toUpperCase()}  byok-wrap.html` }));
      const text = recordText(r);
      const sections = recordSections(r);
      expect(sections.map((s) => s.id)).toEqual(['when', 'app', 'key', 'destination-1', 'destination-2', 'steps']);
      expect(sections[4]!.title).toBe(language === 'en' ? 'Destination 2: AWS KMS' : '目的地 2：AWS KMS');
      const ids = sections.flatMap((s) => s.rows.map((row) => row.id));
      expect(new Set(ids).size, 'row ids are unique').toBe(ids.length);
      for (const section of sections) {
        if (section.title) expect(text).toContain(section.title);
        for (const row of section.rows) expect(text, row.id).toContain(row.label);
      }
      // the same form as on screen and on paper
      const hashes = [appSha, r.key.publicKeySha256!, ...r.destinations.flatMap((d) => Object.values(d.sha256))];
      for (const hex of hashes) expect(text).toContain(formatFingerprint(hex!));
      for (const name of ['ECC_NIST_P256', 'RSA_AES_KEY_WRAP_SHA_256', 'EncryptedKeyMaterial.bin', 'key-material_key-record.txt', AWS_KEY]) expect(text).toContain(name);
      expect(text).toContain(language === 'en' ? 'Signature:' : '签名:');
      expect(text).toContain('Ada Custodian');
      const json = recordJson(r);
      expect(JSON.parse(json)).toEqual(r);
      for (const out of [text, json]) {
        expect(out).not.toContain(TOKEN);
        for (const s of [...spellings(AWS_TOKEN), ...spellings(privateDer)]) expect(out).not.toContain(s);
        for (const d of c.destinations) for (const s of spellings(d.deliveredBytes()!)) expect(out).not.toContain(s);
        expect(out).not.toContain(c.first.material!.text);
        expect(out).not.toContain('-----BEGIN');
        expect(out).not.toMatch(/[A-Za-z0-9+/=]{65,}/);
      }
    }
    expect(recordText(ceremonyRecord(c, extras({ language: 'zh-CN' })))).toContain('第 5 步 — 封装');
  });

  it('a secret key: its KCV once, never its bytes in hex or base64', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const hex = Buffer.from(secret).toString('hex');
    const c = await wrapped('Aliyun_AES_256', hex);
    const kcv = openssl(['enc', '-aes-256-ecb', '-nopad', '-K', hex], new Uint8Array(16)).subarray(0, 3).toString('hex');
    c.verify(c.first, kcv);
    for (const language of ['en', 'zh-CN'] as const) {
      const r = ceremonyRecord(c, extras({ language }));
      expect(r.key).toMatchObject({ keySpec: 'AES_256', kind: 'secret', kcv, publicKeySha256: null });
      expect(r.destinations.map((d) => [d.keySpec, d.wrappingAlgorithm])).toEqual([
        ['Aliyun_AES_256', 'RSAES_OAEP_SHA_256'],
        ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_256'],
      ]);
      expect(r.destinations[0]!.verify).toEqual({ outcome: 'match', expected: kcv, actual: kcv });
      const text = recordText(r);
      expect(text).toContain(kcv);
      for (const out of [text, recordJson(r)]) {
        for (const s of spellings(secret)) expect(out).not.toContain(s);
        // and no 16-digit run of it either (a key split over a line would be one)
        for (let i = 0; i + 16 <= hex.length; i += 8) expect(out.toLowerCase()).not.toContain(hex.slice(i, i + 16));
        expect(out).not.toMatch(/[A-Za-z0-9+/=]{65,}/);
      }
    }
  });

  it('without a pasted hash or names, leaves lines to write on', async () => {
    const c = new Ceremony();
    const text = recordText(ceremonyRecord(c, extras({ operator: '', witness: '' })));
    expect(text).toMatch(/^byok-wrap\.html SHA-256:\s+_{20,} \(verified against SHA256SUMS/m);
    expect(text).toMatch(/^Operator \(key custodian\):\s+_{20,}$/m);
    expect(text).toMatch(/^Power-on self-test:\s+not finished$/m);
  });

  it('reads a pasted sha256sum line', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(parseSha256sum('')).toBeNull();
    expect(parseSha256sum(`  ${hex}  `)).toBe(hex);
    expect(parseSha256sum(`${hex.toUpperCase()}  byok-wrap.html`)).toBe(hex);
    expect(parseSha256sum(`${hex} *byok-wrap.html`)).toBe(hex);
    expect(parseSha256sum(hex.slice(1))).toBe('invalid');
    expect(parseSha256sum(`${hex}0`)).toBe('invalid');
    expect(parseSha256sum('byok-wrap.html: OK')).toBe('invalid');
  });
});
