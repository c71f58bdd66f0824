// Strict DER structure check (X.690 §10) run before any structure is decoded (docs/spec.md §2.2). KMS material
// must come from exactly one well-formed DER value, so truncation, trailing bytes, indefinite or non-minimal
// lengths and absurd nesting are rejected here with a specific code, in one linear walk; der-codec.ts then
// reads the members of the structure it expects.
import { fail } from '../errors.ts';

/** Nesting deeper than this is not a key (keys nest ≤ 6 levels); bounds recursion on hostile input. */
export const MAX_DER_DEPTH = 32;
/**
 * Members of one constructed value. Keys have at most 10 and certificates' widest lists (RDNs, extensions) a few
 * dozen; a wider value is not a structure we read and is refused before any decoding (spec §2.2).
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

/**
 * Whether a universal tag's form is the one DER allows: SEQUENCE and SET are constructed (X.690 §8.9.1, §8.11.1),
 * as are EXTERNAL, EMBEDDED PDV and CHARACTER STRING; every other universal type is primitive (the string types
 * too in DER, X.690 §10.2), and universal 0 is BER's end-of-contents. Context, application and private tags take
 * the form of what they tag.
 */
function derForm(tag: number): boolean {
  if ((tag & 0xc0) !== 0) return true;
  const number = tag & 0x1f;
  if (number === 0) return false;
  const constructed = (tag & 0x20) !== 0;
  return constructed === (number === 16 || number === 17 || number === 8 || number === 11 || number === 29);
}

function walk(der: Uint8Array, offset: number, limit: number, depth: number): number {
  if (depth > MAX_DER_DEPTH) fail('der_malformed', { limit: MAX_DER_DEPTH });
  const tlv = readTlv(der, offset, limit);
  if (!derForm(tlv.tag)) fail('der_malformed', { offset });
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
