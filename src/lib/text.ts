// Characters that do not show, or that reorder what is shown (docs/spec.md §2.3): the C0/C1 controls and DEL, the
// bidi marks ALM/LRM/RLM, the line/paragraph separators, and the bidi embeddings, overrides and isolates (UAX #9
// §2). "key-\u202Eevil-1234" renders as "key-4321-live". Typed names are refused with them; names that were
// given to us (a file's name) are shown with each one spelled out, ⟨U+202E⟩.

import { fail } from './errors.ts';

const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;

/** `U+202E` for one character. */
function codePoint(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** The first hidden or direction-changing character as `U+XXXX`, or undefined when there is none. */
export function hiddenCharacter(s: string): string | undefined {
  const m = s.match(new RegExp(HIDDEN.source));
  return m ? codePoint(m[0]) : undefined;
}

/** Every such character, each once, in order of first appearance. */
export function hiddenCharacters(s: string): string[] {
  if (typeof s !== 'string') fail('input_type');
  return [...new Set((s.match(HIDDEN) ?? []).map(codePoint))];
}

/** The text with every such character spelled out as ⟨U+XXXX⟩. */
export function showHidden(s: string): string {
  if (typeof s !== 'string') fail('input_type');
  return s.replace(HIDDEN, (ch) => `⟨${codePoint(ch)}⟩`);
}
