// A deliberately simple passphrase strength hint: length × log2(alphabet), halved for heavy repetition, and for
// a passphrase of words at most ~13 bits a word (a diceware word). It is a nudge for the custodian, not a
// guarantee; the minimum length is the only hard rule.

export const MIN_PASSPHRASE_LENGTH = 12;
/** log2(7776), one word of a diceware list */
const BITS_PER_WORD = 12.9;

export type StrengthLevel = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong';

export interface Strength {
  level: StrengthLevel;
  /** rough entropy estimate in bits */
  bits: number;
  /** length in Unicode code points */
  length: number;
}

export function passphraseStrength(passphrase: string): Strength {
  const chars = Array.from(passphrase);
  const length = chars.length;
  if (length === 0) return { level: 'empty', bits: 0, length };
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[!-/:-@[-`{-~]/.test(passphrase)) pool += 32;
  if (/[^\x20-\x7e]/.test(passphrase)) pool += 100;
  let bits = length * Math.log2(Math.max(pool, 2));
  const distinct = new Set(chars).size;
  if (distinct < Math.max(4, length / 3)) bits /= 2;
  const words = passphrase.split(/[\s._-]+/).filter(Boolean);
  if (words.length >= 3 && words.every((w) => /^\p{L}+$/u.test(w))) bits = Math.min(bits, words.length * BITS_PER_WORD);
  bits = Math.floor(bits);
  if (length < MIN_PASSPHRASE_LENGTH) return { level: 'too-short', bits, length };
  return { level: bits < 50 ? 'weak' : bits < 70 ? 'fair' : 'strong', bits, length };
}
