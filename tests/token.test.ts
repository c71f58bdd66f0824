// Spec §5: the import token is trimmed and otherwise untouched; its SHA-256 goes in the ceremony record.
import { describe, expect, test } from 'vitest';
import { parseImportToken } from '../src/lib/index.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl } from './helpers/openssl.ts';

const MAX = 16 * 1024;

describe('import token', () => {
  const raw = Buffer.from(crypto.getRandomValues(new Uint8Array(700))).toString('base64');
  test('trimmed, BOM removed, never altered otherwise; SHA-256 matches openssl', () => {
    for (const input of [raw, `\uFEFF  ${raw}\r\n`, new TextEncoder().encode(`${raw}\n`)]) {
      const t = parseImportToken(input);
      expect(t.form === 'text' && t.value).toBe(raw);
      expect(t.length).toBe(raw.length);
      expect(t.sha256).toBe(openssl(['dgst', '-sha256', '-r'], raw).toString().slice(0, 64));
    }
    const url = raw.replace(/\+/g, '-').replace(/\//g, '_');
    expect(parseImportToken(url)).toMatchObject({ form: 'text', value: url });
  });
  test('rejections', async () => {
    await expectCode(() => parseImportToken('   \n'), 'token_empty');
    const e = await expectCode(() => parseImportToken('abc!def'), 'token_invalid');
    expect(e.facts.offset).toBe(3);
    await expectCode(() => parseImportToken('abc def'), 'token_invalid');
    await expectCode(() => parseImportToken('a'.repeat(20000)), 'input_too_large');
    await expectCode(() => parseImportToken(null as unknown as string), 'input_type');
    await expectCode(() => parseImportToken(new Uint8Array(MAX + 1)), 'input_too_large');
  });
  // Issue 9: AWS ImportToken.bin is binary; spec §5 decides text vs binary.
  test('a binary token is taken byte for byte; SHA-256 over the raw bytes matches openssl', async () => {
    const bin = crypto.getRandomValues(new Uint8Array(1200));
    bin[0] = 0x00; // a control byte: never text
    bin[1] = 0x20; // leading and trailing bytes that would be whitespace in text are kept
    bin[1199] = 0x0a;
    const t = parseImportToken(bin);
    if (t.form !== 'binary') throw new Error('read as text');
    expect(Buffer.from(t.bytes).equals(Buffer.from(bin))).toBe(true);
    expect(t.bytes).not.toBe(bin); // a copy
    expect(t.length).toBe(1200);
    expect(t.sha256).toBe(openssl(['dgst', '-sha256', '-r'], Buffer.from(bin)).toString().slice(0, 64));
    // invalid UTF-8 without any control byte is binary too
    const latin = new Uint8Array([0x41, 0xff, 0x42]);
    expect(parseImportToken(latin)).toMatchObject({ form: 'binary', length: 3 });
    // valid UTF-8 text with a bad character stays text, and is refused as text
    expect((await expectCode(() => parseImportToken(new TextEncoder().encode('abc!def')), 'token_invalid')).facts.offset).toBe(3);
  });
  // Issue 11: the provider's token form, when known, is used instead of judged (spec §5.1).
  describe('with the provider\'s form', () => {
    // A binary token that happens to be valid UTF-8 without control bytes, with bytes that would be trimmed as text
    const utf8Binary = new TextEncoder().encode(`\uFEFF  ${raw}\r\n\t`);
    test("form 'binary': valid UTF-8 bytes are a binary token, every byte kept (BOM and surrounding whitespace too)", () => {
      expect(parseImportToken(utf8Binary)).toMatchObject({ form: 'text', value: raw }); // judged: read as text and trimmed
      const t = parseImportToken(utf8Binary, { form: 'binary' });
      if (t.form !== 'binary') throw new Error('read as text');
      expect(Buffer.from(t.bytes).equals(Buffer.from(utf8Binary))).toBe(true);
      expect(t.bytes).not.toBe(utf8Binary);
      expect(t.length).toBe(utf8Binary.length);
      expect(t.length).toBe(raw.length + 3 + 2 + 3);
      expect(t.sha256).toBe(openssl(['dgst', '-sha256', '-r'], Buffer.from(utf8Binary)).toString().slice(0, 64));
      // and bytes that are not text are binary, as without the option
      const bin = new Uint8Array([0x00, 0xff, 0x20, 0x0a]);
      expect(parseImportToken(bin, { form: 'binary' })).toMatchObject({ form: 'binary', length: 4 });
    });
    test("form 'binary': text is refused with token_form; sizes as for any binary token", async () => {
      const e = await expectCode(() => parseImportToken(raw, { form: 'binary' }), 'token_form');
      expect(e.facts).toMatchObject({ expected: 'binary', found: 'text' });
      await expectCode(() => parseImportToken('', { form: 'binary' }), 'token_form');
      await expectCode(() => parseImportToken(new Uint8Array(0), { form: 'binary' }), 'token_empty');
      await expectCode(() => parseImportToken(new Uint8Array(MAX + 1).fill(0x41), { form: 'binary' }), 'input_too_large');
      expect(parseImportToken(new Uint8Array(MAX).fill(0x41), { form: 'binary' }).length).toBe(MAX);
    });
    test("form 'text': bytes that are not text are refused with token_form; text follows the text rules", async () => {
      for (const bytes of [new Uint8Array([0x41, 0x00, 0x42]), new Uint8Array([0x41, 0xff, 0x42])]) {
        const e = await expectCode(() => parseImportToken(bytes, { form: 'text' }), 'token_form');
        expect(e.facts).toMatchObject({ expected: 'text', found: 'binary' });
      }
      expect(parseImportToken(utf8Binary, { form: 'text' })).toMatchObject({ form: 'text', value: raw });
      expect(parseImportToken(` ${raw}\n`, { form: 'text' })).toMatchObject({ form: 'text', value: raw });
      await expectCode(() => parseImportToken('abc!def', { form: 'text' }), 'token_invalid');
      await expectCode(() => parseImportToken(new Uint8Array(0), { form: 'text' }), 'token_empty');
    });
    test('no form, or form undefined, is the judged rule; any other option value is input_type', async () => {
      const bin = new Uint8Array([0x00, 0x01]);
      expect(parseImportToken(bin, {})).toMatchObject({ form: 'binary', length: 2 });
      expect(parseImportToken(raw, { form: undefined })).toMatchObject({ form: 'text', value: raw });
      for (const options of [null, 'binary', { form: 'none' }, { form: 'BINARY' }, { form: 1 }]) {
        const e = await expectCode(() => parseImportToken(raw, options as never), 'input_type');
        expect(['form', 'options']).toContain(e.facts.field);
      }
    });
  });
});
