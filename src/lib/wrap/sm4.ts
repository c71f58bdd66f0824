// SM4 block cipher, GB/T 32907-2016 (= GM/T 0002-2012). 128-bit key, 128-bit block, 32 rounds.
// ECB without padding only: the callers (SM2 envelope, spec §1) build whole blocks themselves.
// Table-based S-box: not constant-time against a co-resident cache attacker; acceptable for an offline,
// single-user page, and there is no portable constant-time alternative in JS.

const KEY_LENGTH = 16;
const BLOCK = 16;

// GB/T 32907 §6.2 (non-linear transform τ): the S-box
const SBOX = /* @__PURE__ */ Uint8Array.of(
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
);

// GB/T 32907 §7.3: system parameter FK
const FK = /* @__PURE__ */ Uint32Array.of(0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc);

// GB/T 32907 §7.3: fixed parameter CK_i, byte j of CK_i is (4i + j)·7 mod 256
const CK = /* @__PURE__ */ (() => {
  const ck = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    let word = 0;
    for (let j = 0; j < 4; j++) word = (word << 8) | (((4 * i + j) * 7) & 0xff);
    ck[i] = word >>> 0;
  }
  return ck;
})();

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

// GB/T 32907 §6.2: τ applies the S-box to each byte of the word
function tau(a: number): number {
  return (
    ((SBOX[a >>> 24]! << 24) | (SBOX[(a >>> 16) & 0xff]! << 16) | (SBOX[(a >>> 8) & 0xff]! << 8) | SBOX[a & 0xff]!) >>> 0
  );
}

// GB/T 32907 §6.2: T = L∘τ with L(B) = B ⊕ (B<<<2) ⊕ (B<<<10) ⊕ (B<<<18) ⊕ (B<<<24)
function t(a: number): number {
  const b = tau(a);
  return (b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24)) >>> 0;
}

// GB/T 32907 §7.3: T' = L'∘τ with L'(B) = B ⊕ (B<<<13) ⊕ (B<<<23), key schedule only
function tPrime(a: number): number {
  const b = tau(a);
  return (b ^ rotl(b, 13) ^ rotl(b, 23)) >>> 0;
}

const readWord = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

function writeWord(b: Uint8Array, o: number, w: number): void {
  b[o] = w >>> 24;
  b[o + 1] = w >>> 16;
  b[o + 2] = w >>> 8;
  b[o + 3] = w;
}

/** GB/T 32907 §7.3: round keys rk_0..rk_31 from MK. The caller wipes the result. */
function expandKey(key: Uint8Array): Uint32Array {
  const k = Uint32Array.of(
    readWord(key, 0) ^ FK[0]!,
    readWord(key, 4) ^ FK[1]!,
    readWord(key, 8) ^ FK[2]!,
    readWord(key, 12) ^ FK[3]!,
  );
  const rk = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    const next = (k[i % 4]! ^ tPrime(k[(i + 1) % 4]! ^ k[(i + 2) % 4]! ^ k[(i + 3) % 4]! ^ CK[i]!)) >>> 0;
    k[i % 4] = next;
    rk[i] = next;
  }
  k.fill(0);
  return rk;
}

/**
 * GB/T 32907 §7.1: 32 iterations of F(X0..X3, rk) = X0 ⊕ T(X1 ⊕ X2 ⊕ X3 ⊕ rk), then the reverse transform R.
 * Decryption (§7.2) is the same with the round keys in reverse order.
 */
function cryptBlocks(rk: Uint32Array, decrypt: boolean, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let o = 0; o < data.length; o += BLOCK) {
    let x0 = readWord(data, o);
    let x1 = readWord(data, o + 4);
    let x2 = readWord(data, o + 8);
    let x3 = readWord(data, o + 12);
    for (let i = 0; i < 32; i++) {
      const x4 = (x0 ^ t(x1 ^ x2 ^ x3 ^ rk[decrypt ? 31 - i : i]!)) >>> 0;
      x0 = x1;
      x1 = x2;
      x2 = x3;
      x3 = x4;
    }
    writeWord(out, o, x3);
    writeWord(out, o + 4, x2);
    writeWord(out, o + 8, x1);
    writeWord(out, o + 12, x0);
  }
  return out;
}

/** Validates lengths, expands the key, runs the blocks and wipes the round keys, also on failure. */
function ecb(key: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  if (key.length !== KEY_LENGTH) throw new RangeError(`SM4 key must be 16 bytes, got ${key.length}`);
  if (data.length % BLOCK !== 0) throw new RangeError(`SM4-ECB data must be a multiple of 16 bytes, got ${data.length}`);
  const rk = expandKey(key);
  try {
    return cryptBlocks(rk, decrypt, data);
  } finally {
    rk.fill(0);
  }
}

/** SM4-ECB encryption without padding (GB/T 32907 §7.1). `data.length` must be a multiple of 16. */
export function sm4EncryptEcb(key: Uint8Array, data: Uint8Array): Uint8Array {
  return ecb(key, data, false);
}

/** SM4-ECB decryption without padding (GB/T 32907 §7.2). `data.length` must be a multiple of 16. */
export function sm4DecryptEcb(key: Uint8Array, data: Uint8Array): Uint8Array {
  return ecb(key, data, true);
}
