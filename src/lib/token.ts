// The KMS import token — docs/spec.md §5. Text tokens (Alibaba token_*.txt, base64 in an API answer) lose only
// surrounding whitespace and a BOM; binary tokens (AWS ImportToken.bin) are taken byte for byte.
import { sha256Hex } from './bytes.ts';
import { fail } from './errors.ts';
import { readField } from './input.ts';
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

/** spec §5.1: the provider's token form (`Provider.token.form`), when the caller knows it. */
export interface ImportTokenOptions {
  /** 'binary': bytes taken byte for byte, never read as text; 'text': base64 text. Absent: judged from the input. */
  form?: 'text' | 'binary';
}

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

function readForm(options: unknown): 'text' | 'binary' | undefined {
  const form = readField(options, 'form');
  if (form !== undefined && form !== 'text' && form !== 'binary') fail('input_type', { field: 'form' });
  return form;
}

function binaryToken(input: Uint8Array): BinaryImportToken {
  if (input.length > MAX_TOKEN_LENGTH) fail('input_too_large', { length: input.length, limit: MAX_TOKEN_LENGTH });
  if (input.length === 0) fail('token_empty');
  const bytes = input.slice();
  return { form: 'binary', bytes, sha256: sha256Hex(bytes), length: bytes.length };
}

/**
 * spec §5: a text or binary import token. With `options.form` (spec §5.1) the provider's form is used instead of
 * judged from the bytes, and input of the other form is refused with token_form.
 */
export function parseImportToken(input: string | Uint8Array, options: ImportTokenOptions = {}): ImportToken {
  assertInput(input);
  const form = readForm(options);
  let text: string;
  if (typeof input === 'string') {
    if (form === 'binary') fail('token_form', { expected: 'binary', found: 'text' });
    text = input;
  } else if (form === 'binary') {
    return binaryToken(input);
  } else {
    if (input.length > MAX_TOKEN_LENGTH * 2) fail('input_too_large', { length: input.length, limit: MAX_TOKEN_LENGTH });
    const decoded = tokenText(input);
    if (decoded === undefined) {
      if (form === 'text') fail('token_form', { expected: 'text', found: 'binary' });
      return binaryToken(input);
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
