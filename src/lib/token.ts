// The KMS import token — docs/spec.md §5. Text tokens (Alibaba token_*.txt, base64 in an API answer) lose only
// surrounding whitespace and a BOM; binary tokens (AWS ImportToken.bin) are taken byte for byte.
import { sha256Hex } from './bytes.ts';
import { fail } from './errors.ts';
import { assertInput } from './wrapping-key.ts';

interface TokenCommon {
  /** SHA-256 (hex) of the token as the KMS receives it: the trimmed text's UTF-8 bytes, or the raw bytes */
  sha256: string;
  /** characters of a text token, bytes of a binary token */
  length: number;
}
export interface TextImportToken extends TokenCommon {
  form: 'text';
  /** the token exactly as KMS expects it (trimmed) */
  value: string;
}
export interface BinaryImportToken extends TokenCommon {
  form: 'binary';
  /** a copy of the bytes as given, never decoded or altered */
  bytes: Uint8Array;
}
export type ImportToken = TextImportToken | BinaryImportToken;

export const MAX_TOKEN_LENGTH = 16 * 1024;
// spec §5: base64 / base64url alphabet and padding only.
const TOKEN_CHAR = /[A-Za-z0-9+/=_-]/;
/** C0 controls other than tab, LF, VT, FF, CR: never in a text file, always likely in binary (spec §5). */
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

/**
 * spec §5: bytes are a text token when they are UTF-8 without control characters (a text file, however
 * damaged, is then judged as text); anything else is a binary token.
 */
function tokenText(input: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return undefined;
  }
  return BINARY_CONTROL.test(text) ? undefined : text;
}

export function parseImportToken(input: string | Uint8Array): ImportToken {
  assertInput(input);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.length > MAX_TOKEN_LENGTH * 2) fail('input_too_large', { length: input.length, limit: MAX_TOKEN_LENGTH });
    const decoded = tokenText(input);
    if (decoded === undefined) {
      if (input.length > MAX_TOKEN_LENGTH) fail('input_too_large', { length: input.length, limit: MAX_TOKEN_LENGTH });
      const bytes = input.slice();
      return { form: 'binary', bytes, sha256: sha256Hex(bytes), length: bytes.length };
    }
    text = decoded;
  }
  if (text.length > MAX_TOKEN_LENGTH * 2) fail('input_too_large', { length: text.length, limit: MAX_TOKEN_LENGTH });
  const value = text.replace(/^\uFEFF/, '').trim();
  if (value.length === 0) fail('token_empty');
  if (value.length > MAX_TOKEN_LENGTH) fail('input_too_large', { length: value.length, limit: MAX_TOKEN_LENGTH });
  for (let i = 0; i < value.length; i++) if (!TOKEN_CHAR.test(value[i]!)) fail('token_invalid', { offset: i });
  return { form: 'text', value, sha256: sha256Hex(new TextEncoder().encode(value)), length: value.length };
}
