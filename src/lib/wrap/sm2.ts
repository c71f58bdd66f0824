// SM2 public-key encryption, GB/T 32918.4-2016, on the recommended curve sm2p256v1 (GB/T 32918.5-2017).
// Output is the raw C1‖C3‖C2 string of GB/T 32918.4-2016 §6.1 A8 (BouncyCastle SM2Engine Mode.C1C3C2) or its
// GM/T 0009-2012 §7.2 DER form (what OpenSSL and AWS use), by the caller's choice (spec §9.5). Curve arithmetic
// is noble-curves' weierstrass(); the encryption scheme, KDF and SM3 are ours. The core functions take the
// curve as a parameter so that the standard's example on its Fp-256 test curve can be checked too; the
// wrapping path always uses sm2p256v1.
// Every byte buffer we create that holds k, d, t, x2‖y2 or M is wiped; bigints (k, d, and noble's internal
// coordinates) are immutable in JS and cannot be.
import { weierstrass, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { bytesToBigInt, concatBytes, equalBytes, randomBytes, wipe } from '../bytes.ts';
import { sm3 } from './sm3.ts';

export type Sm2Curve = WeierstrassPointCons<bigint>;

// GB/T 32918.5-2017 §4 (= GM/T 0003.5-2012 §4): recommended 256-bit prime-field curve parameters
const SM2_P = BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff');
export const SM2_N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

/** The sm2p256v1 point constructor (Point.BASE is G). */
export const sm2Point: Sm2Curve = /* @__PURE__ */ weierstrass({
  p: SM2_P,
  n: SM2_N,
  h: 1n,
  a: BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'),
  b: BigInt('0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'),
  Gx: BigInt('0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'),
  Gy: BigInt('0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'),
});

/** 04‖x‖y on sm2p256v1. */
export const SM2_POINT_LENGTH = 65;
/** SM3 digest length: C3. */
export const SM2_C3_LENGTH = 32;
/** C1 + C3: the ciphertext is this many bytes longer than the message. */
export const SM2_CIPHERTEXT_OVERHEAD = SM2_POINT_LENGTH + SM2_C3_LENGTH;

const fieldBytes = (curve: Sm2Curve) => curve.Fp.BYTES;

/**
 * Uncompressed point 04‖x‖y → point, or undefined. GB/T 32918.1 §6.2 public-key validation: not infinity,
 * coordinates in [0, p−1] and on the curve (noble's fromBytes checks both, assertValidity states it here
 * on purpose); with h = 1, [n]P = O follows.
 * Compressed and hybrid forms are refused: KMS hands out uncompressed SPKI points and C1 is uncompressed.
 */
function decodePoint(curve: Sm2Curve, bytes: Uint8Array): WeierstrassPoint<bigint> | undefined {
  if (bytes.length !== 1 + 2 * fieldBytes(curve) || bytes[0] !== 0x04) return undefined;
  try {
    const point = curve.fromBytes(bytes);
    point.assertValidity();
    return point.is0() ? undefined : point;
  } catch {
    return undefined;
  }
}

/** True only for a 65-byte uncompressed sm2p256v1 point that is on the curve and not infinity. */
export function sm2IsValidPublicPoint(point: Uint8Array): boolean {
  return decodePoint(sm2Point, point) !== undefined;
}

/** Big-endian scalar in [1, max], or RangeError. The error names the role, never the value. */
function scalarInRange(curve: Sm2Curve, bytes: Uint8Array, max: bigint, role: string): bigint {
  if (bytes.length !== fieldBytes(curve)) throw new RangeError(`SM2 ${role} must be ${fieldBytes(curve)} bytes`);
  const s = bytesToBigInt(bytes);
  if (s < 1n || s > max) throw new RangeError(`SM2 ${role} out of range`);
  return s;
}

/** GB/T 32918.1 §6.1: a private key d is in [1, n−2]. */
const privateScalar = (curve: Sm2Curve, d: Uint8Array) => scalarInRange(curve, d, curve.Fn.ORDER - 2n, 'private key');

/** 04‖x‖y of P = [d]G. RangeError unless d has the field's length and lies in [1, n−2]. */
export function sm2PublicKeyFromPrivate(d: Uint8Array, curve: Sm2Curve = sm2Point): Uint8Array {
  return curve.BASE.multiply(privateScalar(curve, d)).toBytes(false);
}

/** §6.1 A3 / §7.1 B2: S = [h]P must not be infinity. decodePoint already refused infinity, so with h = 1 this holds. */
function assertNotSmallOrder(curve: Sm2Curve, point: WeierstrassPoint<bigint>): void {
  const h = curve.CURVE().h;
  if (h !== 1n && point.multiplyUnsafe(h).is0()) throw new RangeError('SM2 point has small order');
}

/**
 * §6.1 A4 / §7.1 B3: the shared point [s]P as bytes. `bytes` is 04‖x2‖y2 and must be wiped by the caller;
 * the other fields are views into it.
 */
function sharedPoint(curve: Sm2Curve, point: WeierstrassPoint<bigint>, scalar: bigint) {
  const bytes = point.multiply(scalar).toBytes(false);
  const len = fieldBytes(curve);
  return { bytes, x2: bytes.subarray(1, 1 + len), y2: bytes.subarray(1 + len), x2y2: bytes.subarray(1) };
}

/** GB/T 32918.4 §5.4.3: KDF(Z, klen) = leftmost klen bytes of SM3(Z‖ct) for ct = 1, 2, … (32-bit big-endian). */
function kdf(z: Uint8Array, klen: number): Uint8Array {
  const out = new Uint8Array(klen);
  const input = new Uint8Array(z.length + 4);
  input.set(z);
  for (let ct = 1, off = 0; off < klen; ct++, off += SM2_C3_LENGTH) {
    input[z.length] = ct >>> 24;
    input[z.length + 1] = ct >>> 16;
    input[z.length + 2] = ct >>> 8;
    input[z.length + 3] = ct;
    const block = sm3(input);
    out.set(block.subarray(0, Math.min(SM2_C3_LENGTH, klen - off)), off);
    block.fill(0);
  }
  input.fill(0);
  return out;
}

function isAllZero(b: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < b.length; i++) acc |= b[i]!;
  return acc === 0;
}

/** C3 = SM3(x2‖M‖y2) (GB/T 32918.4 §6.1 A7, §7.1 B6); the concatenation holds M and is wiped. */
function c3Of(x2: Uint8Array, m: Uint8Array, y2: Uint8Array): Uint8Array {
  const input = concatBytes(x2, m, y2);
  try {
    return sm3(input);
  } finally {
    input.fill(0);
  }
}

/**
 * GB/T 32918.4 §6.1 steps A2–A8 for a validated point and message and a scalar k in [1, n−1]. Returns
 * C1‖C3‖C2, or undefined when t = KDF(x2‖y2, klen) is all zero (A5: the caller draws another k).
 */
function encryptWithScalar(
  curve: Sm2Curve,
  pb: WeierstrassPoint<bigint>,
  message: Uint8Array,
  k: bigint,
): Uint8Array | undefined {
  assertNotSmallOrder(curve, pb); // A3
  const c1 = curve.BASE.multiply(k).toBytes(false); // A2: C1 = [k]G, uncompressed (GB/T 32918.1 §4.2.9)
  const shared = sharedPoint(curve, pb, k); // A4: [k]P_B = (x2, y2)
  const t = kdf(shared.x2y2, message.length); // A5
  try {
    if (isAllZero(t)) return undefined;
    const c2 = new Uint8Array(message.length); // A6: C2 = M ⊕ t
    for (let i = 0; i < c2.length; i++) c2[i] = message[i]! ^ t[i]!;
    const c3 = c3Of(shared.x2, message, shared.y2); // A7
    return concatBytes(c1, c3, c2); // A8, GB/T 32918.4-2016 order C1‖C3‖C2
  } finally {
    wipe(t, shared.bytes);
  }
}

function checkInputs(curve: Sm2Curve, publicPoint: Uint8Array, message: Uint8Array): WeierstrassPoint<bigint> {
  const pb = decodePoint(curve, publicPoint);
  if (!pb) throw new RangeError('SM2 public point is not a valid uncompressed point on the curve');
  // klen = 0 would make A5's "t is all zero" vacuously true; KMS never wraps empty material
  if (message.length === 0) throw new RangeError('SM2 message must not be empty');
  return pb;
}

/**
 * SM2 encryption with a caller-supplied ephemeral k (32 bytes, 1 ≤ k ≤ n−1): for the standard's fixed-k
 * examples and the power-on self-test only; the wrapping path calls sm2Encrypt. Returns C1‖C3‖C2, or
 * undefined when t is all zero (§6.1 A5). Throws RangeError for an invalid public point, an empty message or
 * k out of range (callers validate first).
 */
export function sm2EncryptWithK(
  publicPoint: Uint8Array,
  message: Uint8Array,
  k: Uint8Array,
  curve: Sm2Curve = sm2Point,
): Uint8Array | undefined {
  const pb = checkInputs(curve, publicPoint, message);
  return encryptWithScalar(curve, pb, message, scalarInRange(curve, k, curve.Fn.ORDER - 1n, 'ephemeral k'));
}

/**
 * SM2 encryption to an sm2p256v1 public point (04‖x‖y), GB/T 32918.4-2016 §6.1. Output C1‖C3‖C2, 97 + |M|
 * bytes, or its GM/T 0009 DER form (sm2CiphertextToDer). A1: k is drawn uniformly from [1, n−1] by rejection
 * sampling over crypto.getRandomValues, and drawn again if t is all zero (A5). Throws RangeError for an invalid
 * point or an empty message.
 */
export function sm2Encrypt(publicPoint: Uint8Array, message: Uint8Array, encoding: Sm2CiphertextEncoding = 'C1C3C2'): Uint8Array {
  if (!SM2_CIPHERTEXT_ENCODINGS.includes(encoding)) throw new TypeError('unknown SM2 ciphertext encoding');
  const pb = checkInputs(sm2Point, publicPoint, message);
  for (;;) {
    const k = randomBytes(fieldBytes(sm2Point));
    try {
      const kn = bytesToBigInt(k);
      if (kn < 1n || kn >= SM2_N) continue; // reject, never reduce: no modulo bias
      const c = encryptWithScalar(sm2Point, pb, message, kn);
      if (c) return encoding === 'C1C3C2' ? c : sm2CiphertextToDer(c);
    } finally {
      wipe(k);
    }
  }
}

/**
 * The two SM2 ciphertext encodings (spec §9.5): raw C1‖C3‖C2 (GB/T 32918.4-2016 §6.1 A8, C1 uncompressed) or
 * GM/T 0009-2012 §7.2 `SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32),
 * CipherText OCTET STRING }` in DER (X.690 §10).
 */
export type Sm2CiphertextEncoding = 'C1C3C2' | 'GMT0009-DER';
export const SM2_CIPHERTEXT_ENCODINGS: readonly Sm2CiphertextEncoding[] = ['C1C3C2', 'GMT0009-DER'];

/** Bytes of a DER length field for a content of `n` bytes (X.690 §8.1.3: short form below 128). */
function derLengthOctets(n: number): number {
  let octets = 1;
  if (n >= 0x80) for (let v = n; v > 0; v = Math.floor(v / 256)) octets++;
  return octets;
}

const derTlvLength = (contentLength: number) => 1 + derLengthOctets(contentLength) + contentLength;

/**
 * Ciphertext length for a message of `messageLength` bytes on sm2p256v1. Raw: exactly 97 + n. DER: the two
 * INTEGERs are minimal (X.690 §8.3.2), so 1 to 33 content bytes each depending on x1, y1: a range.
 */
export function sm2CiphertextLength(messageLength: number, encoding: Sm2CiphertextEncoding): { min: number; max: number } {
  if (encoding === 'C1C3C2') return { min: SM2_CIPHERTEXT_OVERHEAD + messageLength, max: SM2_CIPHERTEXT_OVERHEAD + messageLength };
  const coordinate = fieldBytes(sm2Point);
  const rest = derTlvLength(SM2_C3_LENGTH) + derTlvLength(messageLength);
  const seq = (intContent: number) => derTlvLength(2 * derTlvLength(intContent) + rest);
  return { min: seq(1), max: seq(coordinate + 1) };
}

function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const lengthOctets = derLengthOctets(content.length);
  const out = new Uint8Array(1 + lengthOctets + content.length);
  out[0] = tag;
  if (lengthOctets === 1) out[1] = content.length;
  else {
    out[1] = 0x80 | (lengthOctets - 1);
    for (let i = lengthOctets - 1, v = content.length; i >= 1; i--, v = Math.floor(v / 256)) out[1 + i] = v & 0xff;
  }
  out.set(content, 1 + lengthOctets);
  return out;
}

/** X.690 §8.3: a non-negative integer from unsigned big-endian bytes, minimal two's complement. */
function derUnsignedInteger(unsigned: Uint8Array): Uint8Array {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const body = unsigned.subarray(i);
  return derTlv(0x02, body[0]! & 0x80 ? concatBytes(Uint8Array.of(0), body) : body);
}

/**
 * Raw C1‖C3‖C2 on sm2p256v1 → GM/T 0009-2012 §7.2 SM2Cipher DER. XCoordinate and YCoordinate are C1's x1 and y1
 * (C1 = 04‖x1‖y1), HASH is C3 and CipherText is C2. Nothing here is secret: C2 is already encrypted.
 */
export function sm2CiphertextToDer(raw: Uint8Array): Uint8Array {
  const coordinate = fieldBytes(sm2Point);
  if (raw.length <= SM2_CIPHERTEXT_OVERHEAD || raw[0] !== 0x04) throw new RangeError('not a raw SM2 C1‖C3‖C2 ciphertext');
  const x1 = raw.subarray(1, 1 + coordinate);
  const y1 = raw.subarray(1 + coordinate, SM2_POINT_LENGTH);
  const c3 = raw.subarray(SM2_POINT_LENGTH, SM2_CIPHERTEXT_OVERHEAD);
  const c2 = raw.subarray(SM2_CIPHERTEXT_OVERHEAD);
  return derTlv(0x30, concatBytes(derUnsignedInteger(x1), derUnsignedInteger(y1), derTlv(0x04, c3), derTlv(0x04, c2)));
}

/**
 * GB/T 32918.4 §7.1 decryption of C1‖C3‖C2 with private key d (32 bytes, in [1, n−2]). For round-trip tests and the
 * power-on self-test; the app never decrypts. Throws RangeError if C1 is not a valid point, t is all zero
 * or C3 does not match (the recovered plaintext is wiped before throwing).
 */
export function sm2Decrypt(d: Uint8Array, ciphertext: Uint8Array, curve: Sm2Curve = sm2Point): Uint8Array {
  const pointLen = 1 + 2 * fieldBytes(curve);
  if (ciphertext.length <= pointLen + SM2_C3_LENGTH) throw new RangeError('SM2 ciphertext too short');
  const dn = privateScalar(curve, d);
  const c1 = decodePoint(curve, ciphertext.subarray(0, pointLen)); // B1: C1 on the curve
  if (!c1) throw new RangeError('SM2 ciphertext C1 is not a valid point');
  assertNotSmallOrder(curve, c1); // B2
  const c3 = ciphertext.subarray(pointLen, pointLen + SM2_C3_LENGTH);
  const c2 = ciphertext.subarray(pointLen + SM2_C3_LENGTH);

  const shared = sharedPoint(curve, c1, dn); // B3: [d]C1 = (x2, y2)
  const t = kdf(shared.x2y2, c2.length); // B4
  const m = new Uint8Array(c2.length);
  try {
    if (isAllZero(t)) throw new RangeError('SM2 KDF output is all zero');
    for (let i = 0; i < m.length; i++) m[i] = c2[i]! ^ t[i]!; // B5
    const u = c3Of(shared.x2, m, shared.y2); // B6
    if (!equalBytes(u, c3)) {
      m.fill(0);
      throw new RangeError('SM2 ciphertext C3 does not match');
    }
    return m; // B7
  } finally {
    wipe(t, shared.bytes);
  }
}
