// Text from outside the app (file names, a typed key ID, names in the record) may carry characters that do not
// show, or that reorder what is shown (docs/spec.md §2.3; the rule itself is the library's, src/lib/text.ts).
// Typed fields refuse them; text that was given to us (a file's name) is shown with each such character spelled
// out, ⟨U+202E⟩.
import { hiddenCharacters, showHidden } from '../lib/index.ts';

export { showHidden };

/**
 * For a typed field: null when the text is clean, else the code points it must not contain (each once, in order
 * of first appearance), for a message in plain words.
 */
export function refuseHidden(s: string): { chars: string[] } | null {
  const chars = hiddenCharacters(s);
  return chars.length === 0 ? null : { chars };
}
