// SM3 cryptographic hash, GB/T 32905-2016 (= GM/T 0004-2012). 256-bit digest, 512-bit blocks, big-endian.
// Self-written: noble-hashes has no SM3. Used by SM2 encryption (GB/T 32918.4 §5.4.2, §5.4.3).

// GB/T 32905 §4.1: initial value IV
const IV = /* @__PURE__ */ Uint32Array.of(
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
);

// GB/T 32905 §4.2: T_j = 79cc4519 for 0 ≤ j ≤ 15, 7a879d8a for 16 ≤ j ≤ 63. Pre-rotated by j mod 32 as used
// in the compression function (§5.3.3, SS1).
const T_ROT = /* @__PURE__ */ (() => {
  const t = new Uint32Array(64);
  for (let j = 0; j < 64; j++) t[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
  return t;
})();

const BLOCK = 64;

function rotl(x: number, n: number): number {
  return n === 0 ? x >>> 0 : ((x << n) | (x >>> (32 - n))) >>> 0;
}

// GB/T 32905 §4.4: permutations P0, P1
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** GB/T 32905 §5.3.2 (message expansion) and §5.3.3 (compression function CF) on one 64-byte block. */
function compress(v: Uint32Array, block: Uint8Array, offset: number, w: Uint32Array, w1: Uint32Array): void {
  for (let j = 0; j < 16; j++) {
    const o = offset + 4 * j;
    w[j] = ((block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!) >>> 0;
  }
  for (let j = 16; j < 68; j++) {
    w[j] = (p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j]! ^ w[j + 4]!) >>> 0;

  let a = v[0]!, b = v[1]!, c = v[2]!, d = v[3]!, e = v[4]!, f = v[5]!, g = v[6]!, h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROT[j]!) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    // GB/T 32905 §4.3: boolean functions FF_j, GG_j
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + w1[j]!) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  v[0] ^= a;
  v[1] ^= b;
  v[2] ^= c;
  v[3] ^= d;
  v[4] ^= e;
  v[5] ^= f;
  v[6] ^= g;
  v[7] ^= h;
}

/** SM3 digest (32 bytes) of `data`, GB/T 32905-2016 §5. Inputs may be secret: all scratch state is wiped. */
export function sm3(data: Uint8Array): Uint8Array {
  const v = IV.slice();
  const w = new Uint32Array(68);
  const w1 = new Uint32Array(64);
  const fullBlocks = Math.floor(data.length / BLOCK);
  for (let i = 0; i < fullBlocks; i++) compress(v, data, i * BLOCK, w, w1);

  // GB/T 32905 §5.2: append bit "1", zeros to 448 mod 512 bits, then the 64-bit big-endian bit length l.
  const rest = data.length - fullBlocks * BLOCK;
  const tail = new Uint8Array(rest < 56 ? BLOCK : 2 * BLOCK);
  tail.set(data.subarray(fullBlocks * BLOCK));
  tail[rest] = 0x80;
  const bitsHi = Math.floor(data.length / 0x20000000); // l = 8·len, split so it stays exact beyond 2^32 bits
  const bitsLo = (data.length * 8) >>> 0;
  const end = tail.length;
  tail[end - 8] = bitsHi >>> 24;
  tail[end - 7] = bitsHi >>> 16;
  tail[end - 6] = bitsHi >>> 8;
  tail[end - 5] = bitsHi;
  tail[end - 4] = bitsLo >>> 24;
  tail[end - 3] = bitsLo >>> 16;
  tail[end - 2] = bitsLo >>> 8;
  tail[end - 1] = bitsLo;
  for (let o = 0; o < tail.length; o += BLOCK) compress(v, tail, o, w, w1);

  // GB/T 32905 §5.4: the hash value is V(n) as 8 big-endian words
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = v[i]! >>> 24;
    out[4 * i + 1] = v[i]! >>> 16;
    out[4 * i + 2] = v[i]! >>> 8;
    out[4 * i + 3] = v[i]!;
  }
  tail.fill(0);
  w.fill(0);
  w1.fill(0);
  v.fill(0);
  return out;
}
