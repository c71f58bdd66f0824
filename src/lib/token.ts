// The KMS import token (token_*.txt) — docs/spec.md §5. Never altered beyond trimming surrounding whitespace.
import { sha256Hex } from './bytes.ts';
import { fail } from './errors.ts';
import { assertInput } from './wrapping-key.ts';

export interface ImportToken {
  /** the token exactly as KMS expects it (trimmed) */
  value: string;
  /** SHA-256 (hex) of the token's UTF-8 bytes, for the ceremony record */
  sha256: string;
  length: number;
}

export const MAX_TOKEN_LENGTH = 16 * 1024;
// spec §5: base64 / base64url alphabet and padding only.
const TOKEN_CHAR = /[A-Za-z0-9+/=_-]/;

export function parseImportToken(input: string | Uint8Array): ImportToken {
  assertInput(input);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.length > MAX_TOKEN_LENGTH * 2) fail('input_too_large', { length: input.length, limit: MAX_TOKEN_LENGTH });
    text = new TextDecoder('utf-8', { fatal: false }).decode(input);
  }
  if (text.length > MAX_TOKEN_LENGTH * 2) fail('input_too_large', { length: text.length, limit: MAX_TOKEN_LENGTH });
  const value = text.replace(/^\uFEFF/, '').trim();
  if (value.length === 0) fail('token_empty');
  if (value.length > MAX_TOKEN_LENGTH) fail('input_too_large', { length: value.length, limit: MAX_TOKEN_LENGTH });
  for (let i = 0; i < value.length; i++) if (!TOKEN_CHAR.test(value[i]!)) fail('token_invalid', { offset: i });
  return { value, sha256: sha256Hex(new TextEncoder().encode(value)), length: value.length };
}
