// Hidden and direction-changing characters (issue 8 §5): refused when typed, spelled out when shown, and what
// reaches the record, the file names and the CLI line.
import { describe, expect, it } from 'vitest';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { importKeyMaterialCommand } from '../../src/routes/cli.ts';
import { fileName } from '../../src/routes/names.ts';
import { ceremonyRecord, recordText } from '../../src/routes/record.ts';
import { refuseHidden, showHidden } from '../../src/routes/visible.ts';

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

  it('a key ID with U+202E: wrapping is blocked, the record shows the ID as typed, the file name drops it', async () => {
    const c = new Ceremony();
    c.keyId = 'key-\u202Eevil-1234';
    expect(c.keyIdRefused).toEqual({ chars: ['U+202E'] });
    expect(c.wrapBlockers).toContain('keyId');
    const r = ceremonyRecord(c, { operator: 'Ada\u202E', witness: 'Wen', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.key.kmsKeyId).toBe('key-⟨U+202E⟩evil-1234');
    expect(r.people.operator).toBe('Ada⟨U+202E⟩');
    const text = recordText(r);
    expect(text).toContain('key-⟨U+202E⟩evil-1234');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(c.materialFileName).toBe('key-material_key-evil-1234.txt');
    expect(fileName('key-material', 'a\u0000b\u2066c', 'txt')).toBe('key-material_abc.txt');
  });

  it('a token file named with hidden characters is shown spelled out in step 2, the record and the CLI line', async () => {
    const c = new Ceremony();
    await c.loadTokenFile(new File(['dG9rZW4='], 'token_a\u202Eb\n.txt'));
    expect(c.token?.fileName).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
    expect(c.tokenFileName).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
    const cli = importKeyMaterialCommand({ keyId: 'key-1', materialFile: c.materialFileName, tokenFile: c.tokenFileName, expireUnix: 0 });
    expect(cli).toContain("'token_a⟨U+202E⟩b⟨U+000A⟩.txt'");
    const r = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.files.importToken).toBe('token_a⟨U+202E⟩b⟨U+000A⟩.txt');
  });
});
