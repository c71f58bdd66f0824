// docs/runbook.md quotes the UI: every "English label" / 「中文标签」 pair in it must be one message of the
// catalogue in both languages (a renamed button breaks this test, not the ceremony), and every screenshot it
// links to must exist.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type MessageKey } from '../../src/routes/i18n.ts';

const DOCS = resolve(import.meta.dirname, '../../docs');
const runbook = readFileSync(resolve(DOCS, 'runbook.md'), 'utf8');

/** Does the quoted text show `message`? Placeholders and the runbook's "…" stand for any text; a quote may be
 *  the message's first sentence. */
function shows(message: string, quoted: string): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = message
    .split(/\{\w+\}/)
    .map(escape)
    .join('.+');
  const text = quoted.replace(/…/g, 'X');
  return new RegExp(`^${pattern}$`).test(text) || (message.startsWith(quoted) && /[.。]$/.test(quoted));
}

describe('docs/runbook.md', () => {
  it('quotes the UI exactly, in English and Chinese', () => {
    const pairs = [...runbook.matchAll(/"([^"\n]+)"\**\s*\/\s*「([^」]+)」/g)].map((m) => [m[1]!, m[2]!.replace(/\s*\n\s*/g, '')] as const);
    expect(pairs.length).toBeGreaterThan(40);
    const keys = Object.keys(CATALOGUES.en) as MessageKey[];
    const unknown = pairs.filter(([en, zh]) => !keys.some((k) => shows(CATALOGUES.en[k], en) && shows(CATALOGUES['zh-CN'][k], zh)));
    expect(unknown).toEqual([]);
  });

  it('links only to screenshots that exist', () => {
    const links = [...runbook.matchAll(/\]\((screenshots\/[^)]+\.png)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !existsSync(resolve(DOCS, l)))).toEqual([]);
  });
});
