// Spec §5: the import token is trimmed and otherwise untouched; its SHA-256 goes in the ceremony record.
import { describe, expect, test } from 'vitest';
import { parseImportToken } from '../src/lib/index.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl } from './helpers/openssl.ts';

describe('import token', () => {
  const raw = Buffer.from(crypto.getRandomValues(new Uint8Array(700))).toString('base64');
  test('trimmed, BOM removed, never altered otherwise; SHA-256 matches openssl', () => {
    for (const input of [raw, `\uFEFF  ${raw}\r\n`, new TextEncoder().encode(`${raw}\n`)]) {
      const t = parseImportToken(input);
      expect(t.value).toBe(raw);
      expect(t.length).toBe(raw.length);
      expect(t.sha256).toBe(openssl(['dgst', '-sha256', '-r'], raw).toString().slice(0, 64));
    }
    const url = raw.replace(/\+/g, '-').replace(/\//g, '_');
    expect(parseImportToken(url).value).toBe(url);
  });
  test('rejections', async () => {
    await expectCode(() => parseImportToken('   \n'), 'token_empty');
    const e = await expectCode(() => parseImportToken('abc!def'), 'token_invalid');
    expect(e.facts.offset).toBe(3);
    await expectCode(() => parseImportToken('abc def'), 'token_invalid');
    await expectCode(() => parseImportToken('a'.repeat(20000)), 'input_too_large');
    await expectCode(() => parseImportToken(null as unknown as string), 'input_type');
  });
});
