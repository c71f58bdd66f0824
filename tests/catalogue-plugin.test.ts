// build/catalogue-plugin.ts: the build ships translations as values in English key order. What it ships must be
// the source catalogue exactly, and a translation out of order or with a computed entry must fail the build.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformWithOxc } from 'vite';
import { describe, expect, it } from 'vitest';
import { keylessTranslations } from '../build/catalogue-plugin.ts';
import { en } from '../src/routes/i18n/en.ts';
import { zhCN } from '../src/routes/i18n/zh-CN.ts';

const dir = resolve(import.meta.dirname, '../src/routes/i18n');
const ZH = resolve(dir, 'zh-CN.ts');

/** The plugin's output for `source` (TypeScript) as zh-CN.ts, evaluated with the English catalogue. */
async function shipped(source: string, id = ZH): Promise<unknown> {
  const js = (await transformWithOxc(source, id, { lang: 'ts' })).code;
  const transform = keylessTranslations().transform as (code: string, id: string) => Promise<{ code: string } | null>;
  const out = await transform.call({}, js, id);
  if (!out) return null;
  expect(out.code).not.toContain("'app.title'");
  const body = out.code.replace(/^import \{ en as __reference \} from '\.\/en\.ts';\n/, '').replace(/^export const zhCN/m, 'const zhCN');
  return new Function('__reference', `${body}\nreturn zhCN;`)(en) as unknown;
}

describe('keyless translations in the build', () => {
  const source = readFileSync(ZH, 'utf8');

  it('ships zh-CN with the same keys, in the same order, and the same words', async () => {
    const built = (await shipped(source)) as Record<string, string>;
    expect(Object.keys(built)).toEqual(Object.keys(zhCN));
    expect(built).toEqual(zhCN);
  });

  it('leaves other modules alone', async () => {
    expect(await shipped(readFileSync(resolve(dir, 'en.ts'), 'utf8'), resolve(dir, 'en.ts'))).toBeNull();
  });

  it('fails on a translation out of English key order', async () => {
    const swapped = source.replace(/\n( {2}'app\.title':[^\n]*)\n( {2}'app\.heading':[^\n]*)\n/, '\n$2\n$1\n');
    expect(swapped).not.toBe(source);
    await expect(shipped(swapped)).rejects.toThrow(/entry 1 is app\.heading, but en\.ts has app\.title there/);
  });

  it('fails on a missing entry and on an entry that is not a plain string', async () => {
    await expect(shipped(source.replace(/\n {2}'app\.heading':[^\n]*\n/, '\n'))).rejects.toThrow(/entry 2 is app\.lead/);
    await expect(shipped(source.replace(/'app\.heading': ('[^']*')/, "'app.heading': `${$1}`"))).rejects.toThrow(/must be 'key': 'text'/);
  });
});
