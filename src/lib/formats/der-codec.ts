// The library's one DER codec (spec §2.2, §3.6): every structure in formats/ is read and written here, public
// ones (SPKI, AlgorithmIdentifier, PBES2 and CMS parameters) and secret-bearing ones alike. A general ASN.1
// library (asn1js under @peculiar/asn1-schema) cost a fifth of the page's JavaScript and copies every value it
// touches into buffers nothing wipes; the structures we read are few and fixed, so a reader over views and a
// writer that assembles one buffer are enough.
//
// Reading is canonical by construction: the input first passes the strict check of der.ts (one TLV, definite
// minimal lengths, universal tags in their DER form, bounded depth and width); then every member must be present
// with its exact tag, in order, with nothing left over, INTEGERs, OIDs and NULLs in their minimal forms, BIT STRINGs' unused bits zero, and
// the members of a SET OF read with setOf() in DER order (X.690 §10, §11, §8.3, §8.19).
// Everything read is a subarray view into the caller's buffer; nothing is copied. Encrypted PKCS#8 and
// certificates are read leniently (spec §2.2), as the schema decoder before this codec read them.
import { fail, isByokError } from '../errors.ts';
import { assertSingleDer, readTlv } from './der.ts';

/** Universal and context tags (first identifier octet, X.690 §8.1.2). */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
} as const;

/** RFC 5280 §4.1.1.2: AlgorithmIdentifier. `parameters`: absent → undefined, NULL → null, else the raw TLV (a view). */
export interface AlgorithmIdentifier {
  algorithm: string;
  parameters?: Uint8Array | null;
}

/**
 * Reads the members of one constructed value in order (or, from `DerReader.of`, the one value a buffer holds).
 * A member missing or of another type means the input is not this structure: the error names the structure
 * (`field`), as spec §2.2 says.
 */
export class DerReader {
  readonly #der: Uint8Array;
  #pos: number;
  readonly #end: number;
  readonly #structure: string;
  readonly #lenient: boolean;

  private constructor(der: Uint8Array, start: number, end: number, structure: string, lenient: boolean) {
    this.#der = der;
    this.#pos = start;
    this.#end = end;
    this.#structure = structure;
    this.#lenient = lenient;
  }

  /**
   * After the strict check (spec §2.2), a reader whose only member is the whole buffer's one value. `lenient`
   * (encrypted PKCS#8 only, spec §2.2, §3.3) lets members follow the last one modelled and accepts non-minimal
   * INTEGERs, OIDs and NULLs, as the schema decoder before this codec did there; a reader whose last OPTIONAL
   * member was absent refuses what is left with `end(false)`.
   */
  static of(der: Uint8Array, structure: string, lenient = false): DerReader {
    assertSingleDer(der);
    return new DerReader(der, 0, der.length, structure, lenient);
  }

  /** The whole buffer is exactly one SEQUENCE (spec §2.2); read its members. */
  static sequence(der: Uint8Array, structure: string): DerReader {
    return DerReader.of(der, structure).nested(TAG.sequence);
  }

  /** The tag of the next member, or undefined at the end. */
  peek(): number | undefined {
    return this.#pos < this.#end ? this.#der[this.#pos] : undefined;
  }

  #mismatch(): never {
    fail('der_malformed', { field: this.#structure });
  }

  /** The next member's whole TLV and its value, both views. */
  element(tag: number): { tlv: Uint8Array; value: Uint8Array } {
    if (this.peek() !== tag) this.#mismatch();
    const t = readTlv(this.#der, this.#pos, this.#end);
    this.#pos = t.end;
    return { tlv: this.#der.subarray(t.valueOffset - t.headerLength, t.end), value: this.#der.subarray(t.valueOffset, t.end) };
  }

  value(tag: number): Uint8Array {
    return this.element(tag).value;
  }

  /** The next member if it carries `tag`, else undefined (OPTIONAL members, X.680 §25). */
  optional(tag: number): Uint8Array | undefined {
    return this.peek() === tag ? this.value(tag) : undefined;
  }

  /**
   * The next member's whole TLV, whatever its tag (ANY, X.680 §C). Its OBJECT IDENTIFIERs and BIT STRINGs, at any
   * depth, must still be well-formed (as asn1js required of them).
   */
  any(): Uint8Array {
    const tag = this.peek();
    if (tag === undefined) this.#mismatch();
    const tlv = this.element(tag).tlv;
    if (!wellFormedContents(tlv, 0, tlv.length)) this.#mismatch();
    return tlv;
  }

  /** A BIT STRING's content: the unused-bits octet and the bits, in DER form (`derBitString`). */
  bitString(): Uint8Array {
    const b = this.value(TAG.bitString);
    if (!derBitString(b)) this.#mismatch();
    return b;
  }

  /** A members' reader for the constructed value that comes next. */
  nested(tag: number): DerReader {
    if ((tag & 0x20) === 0) this.#mismatch();
    const v = this.element(tag).value;
    const start = v.byteOffset - this.#der.byteOffset;
    return new DerReader(this.#der, start, start + v.length, this.#structure, this.#lenient);
  }

  /**
   * A members' reader for the SET OF that comes next (`tag`: SET, or the context tag of an IMPLICIT one). DER sorts
   * a SET OF's members by their encodings, ascending, the shorter one padded with zero octets (X.690 §11.6).
   */
  setOf(tag: number = TAG.set): DerReader {
    const members = this.nested(tag);
    let previous: Uint8Array | undefined;
    for (let p = members.#pos; p < members.#end; ) {
      const t = readTlv(this.#der, p, members.#end);
      const encoding = this.#der.subarray(p, t.end);
      if (previous !== undefined && compareSetMembers(previous, encoding) > 0) this.#mismatch();
      previous = encoding;
      p = t.end;
    }
    return members;
  }

  /** A small non-negative INTEGER (a version): minimal encoding, X.690 §8.3.2. */
  smallInteger(): number {
    const v = this.unsigned(this.#structure);
    if (v.length > 1) this.#mismatch();
    return v.length === 0 ? 0 : v[0]!;
  }

  /**
   * A non-negative INTEGER's magnitude, big-endian without the sign octet (a view; empty for 0). The content
   * must be minimal two's complement and not negative (X.690 §8.3.2–3); `field` names it in the error.
   */
  unsigned(field: string): Uint8Array {
    const b = this.value(TAG.integer);
    if (b.length === 0 || (b[0]! & 0x80) !== 0) fail('der_malformed', { field });
    if (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) fail('der_malformed', { field });
    return b[0] === 0 ? b.subarray(1) : b;
  }

  /** Any INTEGER, negative ones included (a count the caller range-checks); minimal encoding (X.690 §8.3.2). */
  integer(): bigint {
    const b = this.value(TAG.integer);
    if (b.length === 0) this.#mismatch();
    if (!this.#lenient && b.length > 1 && ((b[0] === 0 && (b[1]! & 0x80) === 0) || (b[0] === 0xff && (b[1]! & 0x80) !== 0))) this.#mismatch();
    let n = 0n;
    for (const x of b) n = (n << 8n) | BigInt(x);
    return (b[0]! & 0x80) !== 0 ? n - (1n << BigInt(8 * b.length)) : n;
  }

  oid(): string {
    return decodeOid(this.value(TAG.oid), this.#lenient) ?? this.#mismatch();
  }

  null(): void {
    if (this.value(TAG.null).length !== 0 && !this.#lenient) this.#mismatch();
  }

  /** AlgorithmIdentifier (RFC 5280 §4.1.1.2) as the next member. */
  algorithm(): AlgorithmIdentifier {
    return readAlgorithmBody(this.nested(TAG.sequence));
  }

  /**
   * No members left (DER has no room for extra or reordered members). A lenient reader ignores what follows the
   * last modelled member; `allowTrailing` false refuses it there too, for a structure whose last OPTIONAL member
   * was absent, so that a member of the wrong type in its place is not skipped as if it came after it.
   */
  end(allowTrailing = this.#lenient): void {
    if (this.#pos !== this.#end && !allowTrailing) this.#mismatch();
  }
}

/** X.690 §11.6 order of two SET OF members' encodings: as octet strings, the shorter padded with zero octets. */
function compareSetMembers(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A BIT STRING's content in DER: the unused-bits octet 0..7, 0 when there are no bits (X.690 §8.6.2.2–3), and the
 * unused bits themselves zero (X.690 §11.2.1).
 */
function derBitString(b: Uint8Array): boolean {
  const unused = b[0]!;
  if (b.length === 0 || unused > 7 || (unused !== 0 && b.length === 1)) return false;
  return (b[b.length - 1]! & ((1 << unused) - 1)) === 0;
}

/** OBJECT IDENTIFIERs and BIT STRINGs inside der[start, end) (already through the strict check) are well-formed. */
function wellFormedContents(der: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; ) {
    const t = readTlv(der, p, end);
    const value = der.subarray(t.valueOffset, t.end);
    if (t.constructed ? !wellFormedContents(der, t.valueOffset, t.end) : t.tag === TAG.oid ? decodeOid(value) === undefined : t.tag === TAG.bitString && !derBitString(value)) return false;
    p = t.end;
  }
  return true;
}

/** The members of an AlgorithmIdentifier (also under an IMPLICIT tag, as in CMS PasswordRecipientInfo). */
export function readAlgorithmBody(r: DerReader): AlgorithmIdentifier {
  const algorithm = r.oid();
  const tag = r.peek();
  let parameters: Uint8Array | null | undefined;
  if (tag === TAG.null) {
    r.null();
    parameters = null;
  } else if (tag !== undefined) parameters = r.any();
  r.end();
  return parameters === undefined ? { algorithm } : { algorithm, parameters };
}

/**
 * Decode `der` (one value, spec §2.2) with `read`, which gets a reader whose one member is that value and must
 * consume it. A mismatch anywhere is der_malformed naming `structure`; truncation and trailing data keep their
 * own codes.
 */
export function decodeDer<T>(der: Uint8Array, structure: string, read: (r: DerReader) => T, lenient = false): T {
  try {
    const r = DerReader.of(der, structure, lenient);
    const value = read(r);
    r.end();
    return value;
  } catch (e) {
    if (!isByokError(e)) fail('der_malformed', { field: structure });
    if (e.code !== 'der_malformed') throw e;
    fail('der_malformed', { ...e.facts, field: e.facts.field ?? structure });
  }
}

/** `decodeDer` for a SEQUENCE: `read` gets a reader over its members, which it must consume. */
export function decodeSequence<T>(der: Uint8Array, structure: string, read: (r: DerReader) => T, lenient = false): T {
  return decodeDer(
    der,
    structure,
    (top) => {
      const r = top.nested(TAG.sequence);
      const value = read(r);
      r.end();
      return value;
    },
    lenient,
  );
}

/**
 * OBJECT IDENTIFIER content → dotted string (X.690 §8.19), or undefined unless minimal: no subidentifier starting
 * with 0x80, the last one complete, and at least one (empty content names nothing: X.690 §8.19.2 makes the first
 * subidentifier of the two first arcs; asn1js read it as '').
 */
const MAX_ARC = BigInt(Number.MAX_SAFE_INTEGER); // asn1js's limit; no OID we know comes near it
export function decodeOid(content: Uint8Array, lenient = false): string | undefined {
  if (content.length === 0) return undefined;
  if ((content[content.length - 1]! & 0x80) !== 0) return undefined;
  const arcs: bigint[] = [];
  let v = 0n;
  let start = true;
  for (const b of content) {
    if (start && b === 0x80 && !lenient) return undefined;
    v = (v << 7n) | BigInt(b & 0x7f);
    start = (b & 0x80) === 0;
    if (start) {
      if (v > MAX_ARC) return undefined;
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Dotted string → OBJECT IDENTIFIER content (X.690 §8.19); our OIDs are constants, so bad input is a bug. */
export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(BigInt);
  if (arcs.length < 2 || arcs[0]! > 2n || (arcs[0]! < 2n && arcs[1]! > 39n)) throw new RangeError(`bad OID ${oid}`);
  const out: number[] = [];
  for (const arc of [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)]) {
    const group = [Number(arc & 0x7fn)];
    for (let a = arc >> 7n; a > 0n; a >>= 7n) group.unshift(Number(a & 0x7fn) | 0x80);
    out.push(...group);
  }
  return Uint8Array.from(out);
}

/** A value to write: primitive bytes, an unsigned INTEGER magnitude, raw DER, or a constructed value. */
export type DerNode =
  | { tag: number; bytes: Uint8Array }
  | { unsigned: Uint8Array }
  | { der: Uint8Array }
  | { tag: number; children: DerNode[] };

export const sequence = (...children: DerNode[]): DerNode => ({ tag: TAG.sequence, children });
export const oidNode = (oid: string): DerNode => ({ tag: TAG.oid, bytes: encodeOid(oid) });
export const octetString = (bytes: Uint8Array): DerNode => ({ tag: TAG.octetString, bytes });
/** A non-negative INTEGER from a number or bigint (public values: versions, counts, lengths). */
export const integerNode = (n: number | bigint): DerNode => {
  let hex = BigInt(n).toString(16);
  if (hex.length & 1) hex = `0${hex}`;
  return { unsigned: Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16)) };
};

/** AlgorithmIdentifier: parameters absent (undefined), NULL (null) or a DER value. */
export function algorithmNode(algorithm: string, parameters?: DerNode | null): DerNode {
  if (parameters === undefined) return sequence(oidNode(algorithm));
  return sequence(oidNode(algorithm), parameters ?? { tag: TAG.null, bytes: new Uint8Array(0) });
}

function lengthOfLength(n: number): number {
  return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 5;
}

/** Content length of a node (X.690 §8.1.3 header excluded). */
function contentLength(node: DerNode): number {
  if ('der' in node) return node.der.length;
  if ('unsigned' in node) {
    const m = stripZeros(node.unsigned);
    return m.length === 0 ? 1 : m.length + ((m[0]! & 0x80) !== 0 ? 1 : 0);
  }
  if ('bytes' in node) return node.bytes.length;
  let n = 0;
  for (const c of node.children) n += encodedLength(c);
  return n;
}

function encodedLength(node: DerNode): number {
  if ('der' in node) return node.der.length;
  const n = contentLength(node);
  return 1 + lengthOfLength(n) + n;
}

/** The magnitude without leading zero octets (a view). */
export function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

function writeNode(out: Uint8Array, at: number, node: DerNode): number {
  if ('der' in node) {
    out.set(node.der, at);
    return at + node.der.length;
  }
  const n = contentLength(node);
  out[at++] = 'unsigned' in node ? TAG.integer : node.tag;
  if (n < 0x80) out[at++] = n;
  else {
    const k = lengthOfLength(n) - 1;
    out[at++] = 0x80 | k;
    for (let i = k - 1; i >= 0; i--) out[at++] = (n >>> (8 * i)) & 0xff;
  }
  if ('unsigned' in node) {
    const m = stripZeros(node.unsigned);
    if (m.length === 0 || (m[0]! & 0x80) !== 0) out[at++] = 0; // X.690 §8.3.2: sign octet
    out.set(m, at);
    return at + m.length;
  }
  if ('bytes' in node) {
    out.set(node.bytes, at);
    return at + node.bytes.length;
  }
  for (const c of node.children) at = writeNode(out, at, c);
  return at;
}

/**
 * DER of `node`, computed length first and assembled into exactly one buffer from `alloc` (no scratch). Public
 * structures take a plain buffer; der-secret.ts passes its traced allocator for secret-bearing ones.
 */
export function writeDer(node: DerNode, alloc: (length: number) => Uint8Array = (length) => new Uint8Array(length)): Uint8Array {
  const out = alloc(encodedLength(node));
  writeNode(out, 0, node);
  return out;
}
