// The formatter of the ceremony app's words: the catalogues live one per language in i18n/ (English is the
// reference; every other language must supply every key, which the type `Catalogue` enforces). Placeholders are
// `{name}`; values are public facts only (file names, specs, fingerprints, counts), never secrets.
import {
  ALGORITHMS,
  ALIBABA_ASYMMETRIC_KEY_SPECS,
  ByokError,
  KEY_SPEC_INFO,
  algorithmForTargetSpec,
  describeError,
  type DescribedError,
  type ErrorCode,
  type ErrorFacts,
  type KeySpec,
  type Lang,
} from '../lib/index.ts';
import { en, type Catalogue, type MessageKey } from './i18n/en.ts';
import { zhCN } from './i18n/zh-CN.ts';
import { locale } from './locale.svelte.ts';

export type { Catalogue, MessageKey };
export type Params = Record<string, string | number>;

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, 'zh-CN': zhCN };

/** The current language (reactive: reading it inside a template or $derived tracks it). */
export function lang(): Lang {
  return locale.lang;
}

export function setLang(l: Lang): void {
  locale.lang = l;
}

/** The text for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale.lang, key, params);
}

/** The text for `key` in `language` (not reactive: for files written in a given language). */
export function translate(language: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[language]?.[key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** A UI message to show later: a key and its parameters; a `{ t: key }` parameter is itself translated. */
export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number | { t: MessageKey }>;
}

export function tNotice(n: Notice): string {
  if (!n.params) return t(n.key);
  const params: Params = {};
  for (const [k, v] of Object.entries(n.params)) params[k] = typeof v === 'object' ? t(v.t) : v;
  return t(n.key, params);
}

/** A library failure as stored in the flow state: its code and public facts only, never the thrown object. */
export interface Problem {
  code: ErrorCode | 'internal';
  facts: ErrorFacts;
}

/** Message and hint for a stored problem, in the current language: this wizard's Alibaba words where the
 *  catalogue has them ('problem.<code>.*'), else the library's provider-neutral ones. */
export function describeProblem(p: Problem): DescribedError {
  const described = describeError(p.code === 'internal' ? undefined : new ByokError(p.code, p.facts), locale.lang);
  if (described.code === 'internal') return described;
  const params = problemParams(p.facts, locale.lang);
  const own = (part: 'message' | 'hint') => problemOverride(locale.lang, `problem.${described.code}.${part}`, params);
  return { code: described.code, message: own('message') ?? described.message, hint: own('hint') ?? described.hint };
}

/** "a, b and c" / "a、b 和 c" */
function joinList(items: readonly string[], language: Lang, last: 'and' | 'or'): string {
  if (items.length < 2) return items.join('');
  const en = language !== 'zh-CN';
  return items.slice(0, -1).join(en ? ', ' : '、') + (en ? ` ${last} ` : last === 'and' ? ' 和 ' : ' 或 ') + items.at(-1)!;
}

/** The error's public facts, plus the Alibaba asymmetric import facts the overrides name (from the library's data). */
function problemParams(facts: ErrorFacts, language: Lang): Params {
  const params: Params = {};
  for (const [k, v] of Object.entries(facts)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  const specs = ALIBABA_ASYMMETRIC_KEY_SPECS;
  const ec = specs.flatMap((s) => {
    const i = KEY_SPEC_INFO[s];
    return i.family === 'ec' ? [{ spec: s, curve: i.curve }] : [];
  });
  const rsaBits = specs.flatMap((s) => {
    const i = KEY_SPEC_INFO[s];
    return i.family === 'rsa' ? [String(i.modulusBits)] : [];
  });
  params.specs = joinList(specs, language, 'and');
  params.ecSpecs = joinList(ec.map((e) => e.spec), language, 'and');
  params.ecCurves = joinList(ec.map((e) => e.curve), language, 'or');
  params.rsaBits = joinList(rsaBits, language, 'or');
  const spec = facts.spec;
  if (typeof spec === 'string' && (specs as readonly string[]).includes(spec)) {
    const algorithm = algorithmForTargetSpec(spec as KeySpec);
    params.needed = ALGORITHMS[algorithm].wrappingKeySpec;
    params.neededAlgorithm = algorithm;
  }
  return params;
}

/** The catalogue's override for `key`, filled; undefined if there is none or a placeholder has no value. */
function problemOverride(language: Lang, key: string, params: Params): string | undefined {
  const catalogue = CATALOGUES[language] ?? en;
  if (!Object.hasOwn(catalogue, key)) return undefined;
  let complete = true;
  const text = catalogue[key as MessageKey].replace(/\{(\w+)\}/g, (m, name: string) => {
    if (Object.hasOwn(params, name)) return String(params[name]);
    complete = false;
    return m;
  });
  return complete ? text : undefined;
}

/** The same moment in UTC, as ISO 8601 without milliseconds: 2026-11-30T06:05:09Z. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A local time for the ceremony record, unambiguous on paper: 2026-11-30 14:05:09 UTC+08:00. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ` +
    `UTC${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`
  );
}
