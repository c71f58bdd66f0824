// The formatter of the ceremony app's words: the catalogues live one per language in i18n/ (English is the
// reference; every other language must supply every key, which the type `Catalogue` enforces). Placeholders are
// `{name}`; values are public facts only (file names, specs, fingerprints, counts), never secrets.
import { ByokError, describeError, type DescribedError, type ErrorCode, type ErrorFacts, type Lang } from '../lib/index.ts';
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

/**
 * Message and hint for a stored problem, in the current language: the library's provider-neutral words (the app
 * speaks for every provider, so it adds none of one provider's own; file names and steps are on the page).
 */
export function describeProblem(p: Problem): DescribedError {
  return describeError(p.code === 'internal' ? undefined : new ByokError(p.code, p.facts), locale.lang);
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
