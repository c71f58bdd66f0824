// Hidden and direction-changing characters (issue 8 §5): refused when typed, spelled out when shown, and what
// reaches the record, the file names and the CLI line.
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/lib/index.ts';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { fileName } from '../../src/routes/names.ts';
import { ceremonyRecord, recordText } from '../../src/routes/record.ts';
import { refuseHidden, showHidden } from '../../src/routes/visible.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';

const dir = scratch('byok-visible-');
afterAll(() => dir.dispose());

const HIDDEN = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((c) => String.fromCodePoint(c));

describe('hidden characters', () => {
  it('spells out every bidi control, mark and C0/C1 control, and nothing else', () => {
    for (const ch of HIDDEN) {
      const shown = showHidden(`a${ch}b`);
      expect(shown).toBe(`a⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩b`);
      expect(refuseHidden(ch)).not.toBeNull();
    }
    for (const clean of ['key-hzz6abc', 'token_ab12.txt', '简体中文 名字', 'Ωμέγα', 'publickey_a (1).pem', 'emoji 🔑']) {
      expect(showHidden(clean)).toBe(clean);
      expect(refuseHidden(clean)).toBeNull();
    }
  });

  it('names each refused code point once, in order', () => {
    expect(refuseHidden('key-\u202Eevil-\u202E1234\u200F')).toEqual({ chars: ['U+202E', 'U+200F'] });
  });

  it('a key ID with U+202E: wrapping is blocked, the record shows the ID as typed, the file names drop it', async () => {
    const c = new Ceremony();
    const d = c.first;
    d.keyId = 'key-\u202Eevil-1234';
    expect(d.keyIdRefused).toEqual({ chars: ['U+202E'] });
    expect(c.wrapBlockers).toContainEqual({ kind: 'destination', n: 1, blocker: 'keyId' });
    const r = ceremonyRecord(c, { operator: 'Ada\u202E', witness: 'Wen', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.destinations[0]!.kmsKeyId).toBe('key-⟨U+202E⟩evil-1234');
    expect(r.people.operator).toBe('Ada⟨U+202E⟩');
    const text = recordText(r);
    expect(text).toContain('key-⟨U+202E⟩evil-1234');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(c.backupFileName).toBe('target-key-backup_key-evil-1234.pem');
    expect(c.publicKeyFileName).toBe('target-public-key_key-evil-1234.pem');
    expect(fileName('key-material', 'a\u0000b\u2066c', 'txt')).toBe('key-material_abc.txt');
    // the library's CLI line refuses it outright
    expect(() => importCommand({ provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', keySpec: 'RSA_2048', keyId: d.keyId, fileName: 'm.txt' })).toThrow(
      expect.objectContaining({ code: 'text_hidden_character' }),
    );
  });

  it('a token file named with hidden characters is shown spelled out in step 2, the record and the CLI line', async () => {
    const c = new Ceremony();
    const d = c.first;
    c.setKeySpec(d, 'EC_P256');
    d.keyId = 'key-1';
    await c.runSelfTests();
    await d.loadWrappingKey(makeIwk('rsa', dir).pubPem);
    await d.loadToken(new File(['dG9rZW4='], 'token_a\u202Eb\n.txt'));
    expect(d.token?.fileName).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
    expect(d.tokenFileName).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
    await c.loadTargetText(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString());
    await c.wrap();
    expect(d.material?.fileName).toBe('key-material_key-1.txt');
    const cli = c.cliLine(d);
    expect(cli && 'line' in cli ? cli.line : cli).toContain(`"$(cat 'token_a⟨U+202E⟩b⟨U+000A⟩.txt')"`);
    const r = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.destinations[0]!.files.importToken).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
    // a key ID typed with a hidden character after the wrap: the material is stale and the CLI line is refused
    d.keyId = 'key-\u202E1';
    expect(c.materialStale).toBe(true);
    expect(c.cliLine(d)).toEqual({ problem: { code: 'text_hidden_character', facts: expect.objectContaining({ field: 'keyId' }) } });
  });
});
