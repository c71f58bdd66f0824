// The UI language, under one localStorage key. The only other value the page stores is the version and commit of
// the build that started last (src/sw/build-change.ts). Nothing else is written to localStorage, sessionStorage,
// IndexedDB, cookies or Cache Storage by the page (the service worker's cache holds only the build's own files;
// src/sw/sw.ts). Keys, tokens, key material and names live only in memory.
import { LANGS, type Lang } from '../lib/index.ts';

export const LANG_STORAGE_KEY = 'byok-wrap.lang';

const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** The stored language, else the browser's if it is Simplified Chinese, else English. */
export function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage refused (privacy settings, some file:// setups): the default is fine
  }
  const browser = globalThis.navigator?.language ?? '';
  return /^zh(-(CN|SG|Hans)\b|$)/i.test(browser) ? 'zh-CN' : 'en';
}

/** Remember the operator's choice; silently does nothing where storage is refused. */
export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not stored: the switch still works for this page
  }
}
