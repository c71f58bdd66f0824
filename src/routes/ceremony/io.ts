// What every step's rules share: a library failure as a stored problem (code and public facts only), and the
// bytes of a picked or dropped file with its size checked before it is read.
import { ByokError, isByokError } from '../../lib/index.ts';
import { MAX_FILE_BYTES } from '../download.ts';
import type { Problem } from '../i18n.ts';

export function problemOf(e: unknown): Problem {
  if (isByokError(e)) return { code: e.code, facts: { ...e.facts } };
  // A foreign exception is never shown (it might echo input); only its kind goes to the console for support.
  console.warn('byok-wrap: unexpected', e instanceof Error ? e.name : typeof e);
  return { code: 'internal', facts: {} };
}

/** Bytes of a picked or dropped file; a huge file is refused before it is read. */
export async function readFileBytes(file: File): Promise<Uint8Array> {
  if (file.size > MAX_FILE_BYTES) throw new ByokError('input_too_large', { length: file.size, limit: 64 * 1024 });
  return new Uint8Array(await file.arrayBuffer());
}

const encoder = new TextEncoder();

/** Whether `bytes` contain the ASCII text `needle` (an encrypted key's PEM label), without decoding them. */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const n = encoder.encode(needle);
  outer: for (let i = 0; i + n.length <= bytes.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}
