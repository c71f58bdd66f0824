// Test-only: SM2 ciphertext in raw C1‖C3‖C2 (GB/T 32918.4-2016 §6.1 A8, C1 = 04‖x1‖y1) ↔ the GM/T 0009-2012
// §7.2 DER form that OpenSSL reads and writes:
//   SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32), CipherText OCTET STRING }
// Deliberately written without anything from src/, so that a shared mistake cannot make both sides agree.
import { cat, tlv } from './der.ts';

const C3_LENGTH = 32;

/** X.690 §8.3: minimal two's complement of a non-negative integer given as unsigned big-endian bytes. */
function derInteger(unsigned: Uint8Array): Uint8Array {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const body = unsigned.subarray(i);
  return tlv(0x02, body[0]! & 0x80 ? cat(Uint8Array.of(0), body) : body);
}

/** raw C1‖C3‖C2 → DER SM2Cipher. `coordLen` is the field size in bytes (32 for sm2p256v1). */
export function sm2RawToDer(raw: Uint8Array, coordLen = 32): Uint8Array {
  const pointLen = 1 + 2 * coordLen;
  if (raw.length <= pointLen + C3_LENGTH) throw new Error(`raw SM2 ciphertext too short: ${raw.length} bytes`);
  if (raw[0] !== 0x04) throw new Error(`C1 must be uncompressed (04), starts with ${raw[0]}`);
  const x = raw.subarray(1, 1 + coordLen);
  const y = raw.subarray(1 + coordLen, pointLen);
  const c3 = raw.subarray(pointLen, pointLen + C3_LENGTH);
  const c2 = raw.subarray(pointLen + C3_LENGTH);
  return tlv(0x30, cat(derInteger(x), derInteger(y), tlv(0x04, c3), tlv(0x04, c2)));
}

/** Strict DER reader over one buffer: definite minimal lengths only. */
class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  read(expectedTag: number, what: string): Uint8Array {
    const tag = this.buf[this.pos];
    if (tag !== expectedTag) throw new Error(`${what}: expected tag ${expectedTag.toString(16)}, got ${tag?.toString(16)}`);
    let len = this.buf[this.pos + 1];
    if (len === undefined) throw new Error(`${what}: truncated length`);
    let p = this.pos + 2;
    if (len & 0x80) {
      const count = len & 0x7f;
      if (count === 0 || count > 4) throw new Error(`${what}: unsupported length form`);
      len = 0;
      for (let i = 0; i < count; i++) {
        const b = this.buf[p++];
        if (b === undefined) throw new Error(`${what}: truncated length`);
        if (i === 0 && b === 0) throw new Error(`${what}: non-minimal length`);
        len = len * 256 + b;
      }
      if (len < 0x80) throw new Error(`${what}: non-minimal length`);
    }
    if (p + len > this.buf.length) throw new Error(`${what}: truncated content`);
    this.pos = p + len;
    return this.buf.subarray(p, p + len);
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

function readCoordinate(r: Reader, coordLen: number, what: string): Uint8Array {
  const v = r.read(0x02, what);
  if (v.length === 0) throw new Error(`${what}: empty INTEGER`);
  if (v[0]! & 0x80) throw new Error(`${what}: negative INTEGER`);
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) throw new Error(`${what}: non-minimal INTEGER`);
  const unsigned = v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
  if (unsigned.length > coordLen) throw new Error(`${what}: longer than ${coordLen} bytes`);
  const out = new Uint8Array(coordLen);
  out.set(unsigned, coordLen - unsigned.length);
  return out;
}

/** DER SM2Cipher → raw C1‖C3‖C2 with C1 = 04‖x‖y, coordinates left-padded to `coordLen` bytes. */
export function sm2DerToRaw(der: Uint8Array, coordLen = 32): Uint8Array {
  const outer = new Reader(der);
  const seq = new Reader(outer.read(0x30, 'SM2Cipher'));
  if (!outer.done) throw new Error(`SM2Cipher: ${der.length - outer.pos} trailing bytes`);
  const x = readCoordinate(seq, coordLen, 'XCoordinate');
  const y = readCoordinate(seq, coordLen, 'YCoordinate');
  const c3 = seq.read(0x04, 'HASH');
  if (c3.length !== C3_LENGTH) throw new Error(`HASH: ${c3.length} bytes, expected ${C3_LENGTH}`);
  const c2 = seq.read(0x04, 'CipherText');
  if (c2.length === 0) throw new Error('CipherText: empty');
  if (!seq.done) throw new Error('SM2Cipher: extra fields');
  return cat(Uint8Array.of(0x04), x, y, c3, c2);
}
