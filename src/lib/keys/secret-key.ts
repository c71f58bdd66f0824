// Secret (symmetric and HMAC) target keys: generate, load, export (docs/spec.md §10.2–§10.4).
import { fromBase64, fromHex, randomBytes, toHex, wipe } from '../bytes.ts';
import { fail, isByokError } from '../errors.ts';
import { asText } from '../formats/pem.ts';
import { describeDer } from '../formats/spki.ts';
import { keyCheckValue } from './kcv.ts';
import { KEY_SPEC_INFO, SECRET_LENGTHS, type SecretKeySpec } from './key-specs.ts';
import { SecretKeyImpl, type SecretKeyFormat, type SecretTargetKey } from './target-key-object.ts';

const HEX = /^[0-9a-fA-F]*$/;
/** RFC 4648 §4 and §5 alphabets and padding: what fromBase64 reads */
const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;
/** A secret is at most 64 bytes: its text forms are short. More is some other file (spec §10.2). */
const MAX_SECRET_TEXT = 1024;

function byteLength(spec: SecretKeySpec): number {
  return KEY_SPEC_INFO[spec].byteLength;
}

/** `raw` is handed over to the key object. */
function secretTarget(spec: SecretKeySpec, raw: Uint8Array, origin: 'generated' | 'loaded', format?: SecretKeyFormat): SecretTargetKey {
  return new SecretKeyImpl(spec, raw, keyCheckValue(spec, raw), origin, format);
}

/** spec §10.3: uniform bytes from crypto.getRandomValues; every value is a valid key. */
export function generateSecretKey(spec: SecretKeySpec): SecretTargetKey {
  return secretTarget(spec, randomBytes(byteLength(spec)), 'generated');
}

/** Secret text after removing a BOM and all whitespace (spec §10.2). */
function compactText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\s+/g, '');
}

/**
 * Decode text as a secret (spec §10.2): text of hex digits only is hex, anything else must be base64.
 * Returns a buffer the caller owns; its length is not checked here.
 */
function decodeSecretText(compact: string): { bytes: Uint8Array; format: 'hex' | 'base64' } {
  if (HEX.test(compact)) {
    if (compact.length % 2 !== 0) fail('secret_encoding', { found: 'hex with an odd number of digits' });
    return { bytes: fromHex(compact), format: 'hex' };
  }
  for (let i = 0; i < compact.length; i++) if (!BASE64_CHAR.test(compact[i]!)) fail('secret_encoding', { offset: i });
  return { bytes: fromBase64(compact), format: 'base64' };
}

/** What a non-secret input is, for key_spec_mismatch; undefined if it does not look like a key file. */
function keyFileWords(input: string | Uint8Array, text: string | undefined): string | undefined {
  if (text !== undefined) {
    if (/-----BEGIN [^-\n]*-----/.test(text)) return 'a PEM key file';
    if (/^\uFEFF?\s*\{/.test(text)) return 'a JWK';
    return undefined;
  }
  const what = describeDer(input as Uint8Array);
  return what.kind === 'unknown' ? undefined : what.description;
}

/** spec §10.2: raw bytes of exactly the type's length, or hex or base64 text of that many bytes. */
export function parseSecretKey(input: string | Uint8Array, spec: SecretKeySpec): SecretTargetKey {
  const expectedLength = byteLength(spec);
  const expected = `${expectedLength} bytes`;
  // Raw bytes: n bytes are never a text encoding of n bytes (hex is 2n characters, base64 at least 4n/3).
  if (typeof input !== 'string' && input.length === expectedLength) return secretTarget(spec, input.slice(), 'loaded', 'raw');
  const text = asText(input);
  const other = keyFileWords(input, text);
  if (other !== undefined) fail('key_spec_mismatch', { spec, found: other });
  if (text === undefined) fail('secret_length', { spec, expected, length: input.length, found: 'raw bytes' });
  if (text.length > MAX_SECRET_TEXT) fail('input_too_large', { length: text.length, limit: MAX_SECRET_TEXT });
  const compact = compactText(text);
  if (compact.length === 0) fail('input_empty');
  const { bytes, format } = decodeSecretText(compact);
  if (bytes.length !== expectedLength) {
    wipe(bytes);
    fail('secret_length', { spec, expected, length: bytes.length, found: format });
  }
  return secretTarget(spec, bytes, 'loaded', format);
}

/**
 * Bytes that start like a DER key file: a SEQUENCE tag (every private key container has one), or a second
 * byte that states the length of the rest (a short-form DER header whose tag was damaged). Spec §10.2.
 */
function looksLikeDer(b: Uint8Array): boolean {
  return b[0] === 0x30 || b[1] === b.length - 2;
}

/**
 * For parseTargetKey without a spec, after the private-key decoders failed: the length of the secret the
 * input would be if it is one, else undefined. Never throws. Hex text of a secret length counts; raw bytes or
 * base64 only when they do not look like DER — a damaged key file (a 48-byte Ed25519 PKCS#8 is as long as an
 * HMAC_384 key) keeps its DER error.
 */
export function secretLengthOf(input: string | Uint8Array): number | undefined {
  try {
    if (typeof input !== 'string' && SECRET_LENGTHS.has(input.length) && !looksLikeDer(input)) return input.length;
    const text = asText(input);
    if (text === undefined || text.length > MAX_SECRET_TEXT || keyFileWords(input, text) !== undefined) return undefined;
    const compact = compactText(text);
    if (compact.length === 0) return undefined;
    const { bytes, format } = decodeSecretText(compact);
    const der = format === 'base64' && looksLikeDer(bytes);
    wipe(bytes);
    return !der && SECRET_LENGTHS.has(bytes.length) ? bytes.length : undefined;
  } catch (e) {
    if (isByokError(e)) return undefined;
    throw e;
  }
}

/** spec §10.3: lowercase hex of the raw key. */
export function exportSecretHex(raw: Uint8Array): string {
  return toHex(raw);
}
