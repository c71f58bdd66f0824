// Text from outside the app (file names, a typed key ID, names in the record) may carry characters that do not
// show, or that reorder what is shown: bidi embeddings, overrides and isolates (UAX #9 §2), the marks LRM/RLM/ALM,
// line separators and the C0/C1 controls. "key-\u202Eevil-1234" renders as "key-4321-live". Typed fields refuse
// them; text that was given to us (a file's name) is shown with each such character spelled out, ⟨U+202E⟩.

/** C0 and DEL, C1, ALM, LRM/RLM, LS/PS, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI. */
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;

/** `U+202E` for one character. */
function codePoint(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** The text with every hidden or direction-changing character spelled out as ⟨U+XXXX⟩. */
export function showHidden(s: string): string {
  return s.replace(HIDDEN, (ch) => `⟨${codePoint(ch)}⟩`);
}

/**
 * For a typed field: null when the text is clean, else the code points it must not contain (each once, in order
 * of first appearance), for a message in plain words.
 */
export function refuseHidden(s: string): { chars: string[] } | null {
  const found = s.match(HIDDEN);
  if (!found) return null;
  return { chars: [...new Set(found.map(codePoint))] };
}
