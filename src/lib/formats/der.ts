// Strict DER structure check (X.690 §10) run before any schema decoding (docs/spec.md §2.2).
// asn1-schema is lenient about what follows a value; KMS material must come from exactly one well-formed
// DER value, so truncation, trailing bytes, indefinite or non-minimal lengths and absurd nesting are
// rejected here with a specific code.
import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import { bigIntToMinimalBytes, bytesToBigInt, equalBytes, wipe } from '../bytes.ts';
import { fail, isByokError } from '../errors.ts';

/** Nesting deeper than this is not a key (keys nest ≤ 6 levels); bounds recursion on hostile input. */
export const MAX_DER_DEPTH = 32;
/**
 * Members of one constructed value. Keys have at most 10 and certificates' widest lists (RDNs, extensions) a few
 * dozen; 64 KiB of tiny INTEGERs in one SEQUENCE (about 21,000) would make the schema decoder build that many
 * objects per parse (spec §2.2), so a wider value is refused before any decoding.
 */
export const MAX_DER_CHILDREN = 256;
/** No key file we accept is anywhere near this; bounds work on hostile input (spec §2.1). */
export const MAX_INPUT_BYTES = 64 * 1024;

export interface Tlv {
  tag: number; // first identifier octet
  constructed: boolean;
  headerLength: number;
  length: number;
  /** offset of the value within the buffer given to readTlv */
  valueOffset: number;
  end: number;
}

/** Read one TLV at `offset`; the value must lie within `limit`. */
export function readTlv(der: Uint8Array, offset = 0, limit = der.length): Tlv {
  if (offset >= limit) fail('der_truncated', { offset });
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) fail('der_malformed', { offset }); // high tag numbers never appear in keys
  if (offset + 1 >= limit) fail('der_truncated', { offset });
  const first = der[offset + 1]!;
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else if (first === 0x80) {
    fail('der_malformed', { offset }); // indefinite length is BER, not DER
  } else {
    const n = first & 0x7f;
    if (n > 4) fail('der_malformed', { offset });
    if (offset + 2 + n > limit) fail('der_truncated', { offset });
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[offset + 2 + i]!;
    // DER: minimal length encoding
    if (length < 0x80 || der[offset + 2]! === 0) fail('der_malformed', { offset });
    headerLength = 2 + n;
  }
  const valueOffset = offset + headerLength;
  const end = valueOffset + length;
  if (end > limit) fail('der_truncated', { offset, length });
  return { tag, constructed: (tag & 0x20) !== 0, headerLength, length, valueOffset, end };
}

function walk(der: Uint8Array, offset: number, limit: number, depth: number): number {
  if (depth > MAX_DER_DEPTH) fail('der_malformed', { limit: MAX_DER_DEPTH });
  const tlv = readTlv(der, offset, limit);
  if (tlv.constructed) {
    let p = tlv.valueOffset;
    for (let children = 0; p < tlv.end; children++) {
      if (children === MAX_DER_CHILDREN) fail('der_malformed', { offset, field: 'members', limit: MAX_DER_CHILDREN });
      p = walk(der, p, tlv.end, depth + 1);
    }
  } else if (tlv.tag === 0x03 && tlv.length === 0) {
    fail('der_malformed', { offset }); // BIT STRING needs its unused-bits octet
  }
  return tlv.end;
}

/**
 * Assert `der` is exactly one well-formed DER value: no truncation, no trailing bytes, definite minimal
 * lengths, bounded depth and width. Returns the outer TLV.
 */
export function assertSingleDer(der: Uint8Array): Tlv {
  if (der.length === 0) fail('input_empty');
  if (der.length > MAX_INPUT_BYTES) fail('input_too_large', { length: der.length, limit: MAX_INPUT_BYTES });
  const end = walk(der, 0, der.length, 0);
  if (end !== der.length) fail('der_trailing_data', { offset: end, length: der.length });
  return readTlv(der, 0);
}

/** Decode with an asn1-schema class after the strict check; any schema mismatch becomes der_malformed. */
export function parseDer<T>(der: Uint8Array, schema: new () => T): T {
  assertSingleDer(der);
  try {
    return AsnParser.parse(der, schema);
  } catch {
    fail('der_malformed');
  }
}

/**
 * `parseDer`, then X.690 §10 canonical form: the decoded value must re-encode to exactly the input.
 * asn1-schema 2.11 accepts extra SEQUENCE members, optional members out of order and non-minimal small
 * INTEGERs and OIDs; one re-encoding rule rejects all of them. Big INTEGERs stay raw bytes in the schema,
 * so their minimality is checked separately by `derUnsigned`.
 * `structure` names the ASN.1 type for the error ("RSAPrivateKey").
 */
export function parseCanonical<T>(der: Uint8Array, schema: new () => T, structure: string): T {
  let value: T;
  let again: Uint8Array | undefined;
  try {
    value = parseDer(der, schema);
    again = new Uint8Array(AsnSerializer.serialize(value));
  } catch (e) {
    if (!isByokError(e)) fail('der_malformed', { field: structure });
    if (e.code !== 'der_malformed') throw e;
    fail('der_malformed', { ...e.facts, field: e.facts.field ?? structure });
  }
  const canonical = equalBytes(again, der);
  wipe(again);
  if (!canonical) fail('der_malformed', { field: structure });
  return value;
}

/** A non-negative DER INTEGER held as raw two's-complement bytes (X.690 §8.3): minimal and not negative. */
export function derUnsigned(raw: ArrayBuffer, field: string): bigint {
  const b = new Uint8Array(raw);
  if (b.length === 0 || (b[0]! & 0x80) !== 0) fail('der_malformed', { field });
  if (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) fail('der_malformed', { field });
  return bytesToBigInt(b);
}

/** Minimal two's-complement content octets of a non-negative INTEGER (leading 0x00 when the top bit is set). */
export function derUnsignedBytes(n: bigint): ArrayBuffer {
  const m = bigIntToMinimalBytes(n);
  if ((m[0]! & 0x80) === 0) return m.buffer as ArrayBuffer;
  const out = new Uint8Array(m.length + 1);
  out.set(m, 1);
  wipe(m);
  return out.buffer;
}
