// The ceremony record without a browser: every field, in both languages, and never a secret.
import { afterAll, describe, expect, it } from 'vitest';
import { formatFingerprint, SELF_TEST_NAMES } from '../../src/lib/index.ts';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { ceremonyRecord, parseSha256sum, recordJson, recordSections, recordText, type RecordExtras } from '../../src/routes/record.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';

const dir = scratch('byok-record-');
afterAll(() => dir.dispose());

const TOKEN = 'dG9rZW4gdmFsdWUgdGhhdCBtdXN0IG5ldmVyIGJlIGluIHRoZSByZWNvcmQ=';
const extras = (over: Partial<RecordExtras> = {}): RecordExtras => ({
  operator: ' Ada Custodian ',
  witness: 'Wen Witness',
  appSha256: '',
  recordedAt: Date.UTC(2026, 10, 30, 6, 5, 9),
  form: 'single-file',
  language: 'en',
  ...over,
});

describe('ceremony record', () => {
  const iwk = makeIwk('rsa', dir);
  const plain = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();

  async function wrapped(): Promise<Ceremony> {
    const c = new Ceremony();
    c.keySpec = 'EC_P256';
    c.keyId = 'key-record';
    c.confirmSettings(true);
    await c.runSelfTests();
    await c.loadWrappingKeyText(iwk.pubPem);
    await c.loadTokenText(TOKEN);
    await c.loadTargetText(plain);
    await c.wrap();
    return c;
  }

  it('holds every field; steps say what was done', async () => {
    const c = await wrapped();
    const r = ceremonyRecord(c, extras());
    expect(r.recordedAt).toEqual({ local: expect.stringMatching(/^2026-11-30 \d\d:\d\d:09 UTC[+-]\d\d:\d\d$/), utc: '2026-11-30T06:05:09Z' });
    expect(r.app).toMatchObject({ form: 'single-file', fileSha256: null });
    expect(r.selfTest.ok).toBe(true);
    expect(r.selfTest.results.map((t) => t.name)).toEqual(SELF_TEST_NAMES);
    expect(r.key).toEqual({
      kmsKeyId: 'key-record',
      instanceType: 'software',
      keySpec: 'EC_P256',
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
      keyMaterialExpireUnix: 0,
    });
    expect(r.sha256).toEqual({
      wrappingPublicKeySpki: c.wrappingKey!.sha256,
      importToken: c.token!.sha256,
      takPublicKeySpki: c.target!.publicKeySha256,
      keyMaterialFile: c.material!.sha256,
      backupFile: null,
      verifyExpected: null,
      verifyActual: null,
    });
    expect(r.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'optional-skipped', 'not-downloaded', 'not-done']);
    expect(r.people).toEqual({ operator: 'Ada Custodian', witness: 'Wen Witness' });

    c.materialDownloaded = true; // downloadMaterial() needs a DOM; the flag is what the record reads
    c.verify(openssl(['pkey', '-pubout'], plain).toString());
    expect(ceremonyRecord(c, extras()).steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'optional-skipped', 'done', 'done']);
    expect(ceremonyRecord(c, extras()).verifyAfterImport).toBe('match');
  });

  it('text and JSON: every row, signature lines, in English and Chinese; no secret', async () => {
    const c = await wrapped();
    const appSha = 'ab'.repeat(32);
    for (const language of ['en', 'zh-CN'] as const) {
      const r = ceremonyRecord(c, extras({ language, appSha256: `${appSha.toUpperCase()}  byok-wrap.html` }));
      const text = recordText(r);
      for (const section of recordSections(r)) {
        if (section.title) expect(text).toContain(section.title);
        for (const row of section.rows) expect(text, row.id).toContain(row.label);
      }
      // the same form as on screen and on paper
      for (const hex of [appSha, ...Object.values(r.sha256).filter((h) => h !== null)]) expect(text).toContain(formatFingerprint(hex));
      expect(text).toContain(language === 'en' ? 'Signature:' : '签名:');
      expect(text).toContain('Ada Custodian');
      const json = recordJson(r);
      expect(JSON.parse(json)).toEqual(r);
      for (const out of [text, json]) {
        expect(out).not.toContain(TOKEN);
        expect(out).not.toContain(c.material!.text);
        expect(out).not.toContain('-----BEGIN');
        expect(out).not.toMatch(/[A-Za-z0-9+/=]{65,}/);
      }
    }
    expect(recordText(ceremonyRecord(c, extras({ language: 'zh-CN' })))).toContain('第 5 步 — 封装');
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
