// Size (issue 11): every language's catalogue repeats the English keys (about 490, 'step7.record.step.not-done'
// and the like), which cost the page about 2 kB gzip in each translation. In the build, a translation keeps only
// its values, in English key order, and gets its keys back from the English catalogue when the page starts:
//
//   export const zhCN = { 'app.title': '…', … }   →   export const zhCN = keyed(["…", …])
//
// The source stays keyed (translators read keys next to words; the type `Catalogue` checks every key). The build
// fails, rather than ship a shuffled language, unless the translation has exactly the English keys in the English
// order and every value is a plain string. Tests and the dev server read the source unchanged.
import { readFileSync } from 'node:fs';
import { parseAst, transformWithOxc, type Plugin } from 'vite';

/** The translations to rewrite: file (relative to the catalogues' folder) → the exported constant. */
const TRANSLATIONS: Record<string, string> = { 'zh-CN.ts': 'zhCN' };
const FOLDER = '/src/routes/i18n/';
const REFERENCE = { file: 'en.ts', name: 'en' };

interface Entry {
  key: string;
  value: string;
}

/** The `name` object literal's entries, in order, from a module's JavaScript; throws unless all are plain strings. */
function entries(code: string, name: string, file: string): { list: Entry[]; start: number; end: number } {
  const ast = parseAst(code) as unknown as { body: Node[] };
  for (const statement of ast.body) {
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : undefined;
    for (const d of decl?.type === 'VariableDeclaration' ? (decl.declarations ?? []) : []) {
      if (d.id?.name !== name) continue;
      // `{ … } as const satisfies …` is already plain JavaScript here
      const init = d.init;
      if (init?.type !== 'ObjectExpression') throw new Error(`${file}: ${name} is not an object literal`);
      const list = (init.properties ?? []).map((p): Entry => {
        const key = p.key;
        const value = p.value as Node | undefined;
        const ok = p.type === 'Property' && !p.computed && p.kind === 'init' && key?.type === 'Literal' && typeof key.value === 'string';
        if (!ok || value?.type !== 'Literal' || typeof value.value !== 'string') throw new Error(`${file}: every entry of ${name} must be 'key': 'text'`);
        return { key: key!.value as string, value: value.value };
      });
      return { list, start: init.start!, end: init.end! };
    }
  }
  throw new Error(`${file}: no exported ${name}`);
}

interface Node {
  type: string;
  start?: number;
  end?: number;
  declaration?: Node;
  declarations?: Node[];
  id?: { name?: string };
  init?: Node;
  properties?: Node[];
  computed?: boolean;
  kind?: string;
  key?: Node;
  value?: Node | string | unknown;
}

export function keylessTranslations(): Plugin {
  let referenceKeys: string[] | undefined;
  return {
    name: 'byok-wrap:keyless-translations',
    apply: 'build',
    enforce: 'post', // after TypeScript is stripped
    async transform(code, id) {
      const path = id.split('?')[0]!;
      const at = path.lastIndexOf(FOLDER);
      const file = at >= 0 ? path.slice(at + FOLDER.length) : '';
      const name = TRANSLATIONS[file];
      if (!name) return null;
      if (!referenceKeys) {
        const refPath = path.slice(0, at + FOLDER.length) + REFERENCE.file;
        const js = await transformWithOxc(readFileSync(refPath, 'utf8'), refPath, { lang: 'ts' });
        referenceKeys = entries(js.code, REFERENCE.name, REFERENCE.file).list.map((e) => e.key);
      }
      const { list, start, end } = entries(code, name, file);
      const keys = list.map((e) => e.key);
      const at0 = keys.findIndex((k, i) => k !== referenceKeys![i]);
      if (at0 >= 0 || keys.length !== referenceKeys.length) {
        const i = at0 >= 0 ? at0 : Math.min(keys.length, referenceKeys.length);
        throw new Error(`${file}: entry ${i + 1} is ${keys[i] ?? '(none)'}, but ${REFERENCE.file} has ${referenceKeys[i] ?? '(none)'} there: keep the English key order`);
      }
      const values = `[${list.map((e) => JSON.stringify(e.value)).join(',')}]`;
      const keyed = `/* @__PURE__ */ ((v) => Object.fromEntries(Object.keys(__reference).map((k, i) => [k, v[i]])))(${values})`;
      return {
        code: `import { ${REFERENCE.name} as __reference } from './${REFERENCE.file}';\n${code.slice(0, start)}${keyed}${code.slice(end)}`,
        map: null,
      };
    },
  };
}
