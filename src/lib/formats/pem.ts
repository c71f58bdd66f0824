// Text armour: PEM (RFC 7468), legacy RFC 1421 headers, bare base64 of DER, or raw binary DER.
import { fromBase64, toBase64 } from '../bytes.ts';
import { fail, isByokError } from '../errors.ts';
import { isBytes } from '../input.ts';
import { MAX_INPUT_BYTES } from './der.ts';
import { sniffFileType } from './file-type.ts';
import type { Armored } from './types.ts';

const BOM = '\uFEFF';
/** Labels as real files have them ("EC PRIVATE KEY", "X509 CRL"); narrower than RFC 7468 §3 allows. */
const PLAIN_LABEL = /^[A-Za-z0-9]+(?:[ _.-][A-Za-z0-9]+)*$/;
const MAX_LABEL = 64;

export function assertInputType(input: unknown): asserts input is string | Uint8Array {
  if (typeof input !== 'string' && !isBytes(input)) fail('input_type');
}

function assertSize(length: number): void {
  if (length > MAX_INPUT_BYTES) fail('input_too_large', { length, limit: MAX_INPUT_BYTES });
}

/**
 * The input as text, or undefined when it is binary. Bytes are text when they are UTF-8 (a BOM settles it)
 * without NUL or other C0 controls besides tab, line feed, vertical tab, form feed and carriage return: DER
 * always has small tag and length octets, so it never passes.
 */
export function asText(input: string | Uint8Array): string | undefined {
  assertInputType(input);
  assertSize(input.length);
  if (typeof input === 'string') return input;
  const hasBom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: !hasBom, ignoreBOM: true }).decode(input);
  } catch {
    return undefined;
  }
  if (!hasBom && /[\x00-\x08\x0e-\x1f]/.test(text)) return undefined;
  return text;
}

/** The label as an error fact, if it is a well-formed one: a label is file content, so only then. */
export function labelFact(label: string): { label?: string } {
  return label.length <= MAX_LABEL && PLAIN_LABEL.test(label) ? { label } : {};
}

/**
 * Every armoured object in the input, in order. PEM blocks are found anywhere in surrounding text; without
 * any, the whole text is bare base64 of one DER value (the form of the KMS API's PublicKey field); binary
 * input is one raw DER value. Each `der` is a fresh buffer the caller may wipe.
 */
export function readArmored(input: string | Uint8Array): Armored[] {
  // spec §2.1: a picked PNG, PDF, … is named as such (also when large), before a DER error calls it a damaged key
  const fileType = isBytes(input) ? sniffFileType(input) : undefined;
  if (fileType !== undefined) fail('not_a_key_file', { fileType });
  const text = asText(input);
  // A copy, never a view: Node's Buffer#slice shares memory, and callers wipe `der` (the caller's file).
  if (text === undefined) return [{ der: new Uint8Array(input as Uint8Array) }];
  const normalised = (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const blocks = readPemBlocks(normalised);
  if (blocks.length > 0) return blocks;
  if (normalised.includes('-----BEGIN ') || normalised.includes('-----END ')) fail('pem_malformed');
  const bare = normalised.trim();
  if (bare === '') fail('input_empty');
  return [{ der: fromBase64(bare) }];
}

function readPemBlocks(text: string): Armored[] {
  const out: Armored[] = [];
  const begin = /-----BEGIN ([^\n]{0,128}?)-----/g; // bounded: linear time on hostile input
  for (let m = begin.exec(text); m !== null; m = begin.exec(text)) {
    const label = m[1]!;
    const bodyStart = m.index + m[0].length;
    const endAt = text.indexOf('-----END ', bodyStart);
    if (endAt < 0) fail('pem_malformed', labelFact(label));
    const endLine = `-----END ${label}-----`;
    if (!text.startsWith(endLine, endAt)) fail('pem_malformed', labelFact(label));
    const body = text.slice(bodyStart, endAt);
    if (body.includes('-----BEGIN ')) fail('pem_malformed', labelFact(label));
    out.push({ label, der: decodeBody(body, label) });
    begin.lastIndex = endAt + endLine.length;
  }
  return out;
}

/**
 * The base64 between the BEGIN and END lines. RFC 1421 headers ("Name: value" lines, then a blank line)
 * are skipped; Proc-Type ENCRYPTED / DEK-Info mean OpenSSL's legacy PEM encryption, which we do not read.
 */
function decodeBody(body: string, label: string): Uint8Array {
  let lines = body.split('\n');
  if (lines[0]?.trim() === '') lines = lines.slice(1);
  if (lines.length > 0 && /^[A-Za-z][A-Za-z0-9-]*:/.test(lines[0]!)) {
    const blank = lines.findIndex((l) => l.trim() === '');
    const headers = blank < 0 ? lines : lines.slice(0, blank);
    if (headers.some((h) => /^(?:DEK-Info:|Proc-Type:.*ENCRYPTED)/i.test(h)))
      fail('encryption_unsupported', { found: 'legacy OpenSSL PEM encryption (DEK-Info)', ...labelFact(label) });
    if (blank < 0) fail('pem_malformed', labelFact(label));
    lines = lines.slice(blank + 1);
  }
  const base64 = lines.join('');
  if (base64.trim() === '') fail('pem_malformed', labelFact(label));
  try {
    return fromBase64(base64);
  } catch (e) {
    fail('base64_invalid', { ...(isByokError(e) ? e.facts : {}), ...labelFact(label) });
  }
}

/** RFC 7468 §2: 64-character lines, LF line ends, final newline. */
export function encodePem(label: string, der: Uint8Array): string {
  const base64 = toBase64(der);
  let body = '';
  for (let i = 0; i < base64.length; i += 64) body += base64.slice(i, i + 64) + '\n';
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
