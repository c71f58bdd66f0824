// A small DER codec for the structures that carry private key bytes (spec §3.5): PrivateKeyInfo /
// OneAsymmetricKey, RSAPrivateKey, ECPrivateKey. asn1js (under @peculiar/asn1-schema) copies every value it
// reads or writes into fresh buffers that nothing wipes; here every value read is a subarray view into the
// caller's buffer (which the caller wipes), and a write assembles into exactly one output buffer. Public
// structures (SPKI, AlgorithmIdentifier, PBES2 parameters) keep using @peculiar/asn1-*.
import { fail } from '../errors.ts';
import { assertSingleDer, readTlv } from './der.ts';

/** DER tags used by the secret-bearing structures (X.690 §8). */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
} as const;

let tracer: ((b: Uint8Array) => void) | undefined;

/**
 * Every buffer this codec and the key layer allocate for secret bytes comes from here, so a test can list them
 * all (traceSecretAllocations) and prove each was wiped.
 */
export function allocSecret(length: number): Uint8Array {
  const b = new Uint8Array(length);
  tracer?.(b);
  return b;
}

/**
 * @internal tests: record every secret buffer allocated from now until stop() (async work included), so a test
 * can prove each was wiped once the key is disposed.
 */
export function traceSecretAllocations(): { buffers: Uint8Array[]; stop(): void } {
  const buffers: Uint8Array[] = [];
  const previous = tracer;
  tracer = (b) => {
    buffers.push(b);
    previous?.(b);
  };
  return { buffers, stop: () => void (tracer = previous) };
}

/** A copy we own (from allocSecret) of bytes the caller will wipe. */
export function copySecret(bytes: Uint8Array): Uint8Array {
  const out = allocSecret(bytes.length);
  out.set(bytes);
  return out;
}

/**
 * Reads the members of one constructed value in order. Every value returned is a view into the buffer given
 * to `DerReader.sequence`; nothing is copied. The buffer passed the strict check of spec §2.2 first.
 */
export class DerReader {
  readonly #der: Uint8Array;
  #pos: number;
  readonly #end: number;
  readonly #structure: string;

  private constructor(der: Uint8Array, start: number, end: number, structure: string) {
    this.#der = der;
    this.#pos = start;
    this.#end = end;
    this.#structure = structure;
  }

  /** The whole buffer is exactly one SEQUENCE (spec §2.2); read its members. */
  static sequence(der: Uint8Array, structure: string): DerReader {
    const outer = assertSingleDer(der);
    if (outer.tag !== TAG.sequence) fail('der_malformed', { field: structure });
    return new DerReader(der, outer.valueOffset, outer.end, structure);
  }

  /** The tag of the next member, or undefined at the end. */
  peek(): number | undefined {
    return this.#pos < this.#end ? this.#der[this.#pos] : undefined;
  }

  /**
   * The next member's whole TLV and its value, both views. A member missing or of another type means the
   * input is not this structure: the error names the structure, as a schema mismatch does (spec §2.2).
   */
  element(tag: number): { tlv: Uint8Array; value: Uint8Array } {
    if (this.peek() !== tag) fail('der_malformed', { field: this.#structure });
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

  /** A members' reader for the constructed value that comes next. */
  nested(tag: number): DerReader {
    const v = this.element(tag).value;
    const start = v.byteOffset - this.#der.byteOffset;
    return new DerReader(this.#der, start, start + v.length, this.#structure);
  }

  /** A small non-negative INTEGER (a version): minimal encoding, X.690 §8.3.2. */
  smallInteger(): number {
    const v = this.unsigned(this.#structure);
    if (v.length > 1) fail('der_malformed', { field: this.#structure });
    return v.length === 0 ? 0 : v[0]!;
  }

  /**
   * A non-negative INTEGER's magnitude, big-endian without the sign octet (a view; empty for 0). The content
   * must be minimal two's complement and not negative (X.690 §8.3.2–3).
   */
  unsigned(field: string): Uint8Array {
    const b = this.value(TAG.integer);
    if (b.length === 0 || (b[0]! & 0x80) !== 0) fail('der_malformed', { field });
    if (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) fail('der_malformed', { field });
    return b[0] === 0 ? b.subarray(1) : b;
  }

  /** No members left (DER has no room for extra or reordered members). */
  end(): void {
    if (this.#pos !== this.#end) fail('der_malformed', { field: this.#structure });
  }
}

/** A value to write: primitive bytes, an unsigned INTEGER magnitude, raw DER, or a constructed value. */
export type DerNode =
  | { tag: number; bytes: Uint8Array }
  | { unsigned: Uint8Array }
  | { der: Uint8Array }
  | { tag: number; children: DerNode[] };

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

/** DER of `node` in one buffer from allocSecret (no scratch): the caller owns and wipes it. */
export function encodeDer(node: DerNode): Uint8Array {
  const out = allocSecret(encodedLength(node));
  writeNode(out, 0, node);
  return out;
}

/**
 * A bigint's magnitude, big-endian, in a buffer from allocSecret (the caller wipes it). The hex string on the way
 * is immutable, like the bigint itself (spec §3.5 names this limit).
 */
export function bigIntSecretBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('negative');
  const hex = n.toString(16);
  const out = allocSecret((hex.length + 1) >> 1);
  const odd = hex.length & 1;
  for (let i = 0; i < out.length; i++) {
    const hi = i === 0 && odd ? 0 : parseInt(hex[2 * i - odd]!, 16);
    out[i] = (hi << 4) | parseInt(hex[2 * i + 1 - odd]!, 16);
  }
  return out;
}
