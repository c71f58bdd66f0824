// The target asymmetric key (TAK): generate, load, validate, normalise, export — docs/spec.md §3.
// Plaintext key bytes live only in a private class field (never enumerable, never in reactive state) and
// are wiped by dispose().
import { bigIntToBytes, bitLength, equalBytes, randomBytes, RNG_TEST_BLOCK, sha256Hex, wipe } from './bytes.ts';
import { EC_CURVES, curveByOid, type EcCurve } from './curves.ts';
import { fail } from './errors.ts';
import { allocSecret, stripZeros } from './formats/der-secret.ts';
import { encryptPkcs8 } from './formats/encrypted-pkcs8.ts';
import { oidName } from './formats/oids.ts';
import { encodePem } from './formats/pem.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from './formats/pkcs8.ts';
import { decodePrivateKey } from './formats/private-key.ts';
import { encodeEcSpki, encodeRsaSpki } from './formats/spki.ts';
import type { EcPrivateComponents, PrivateComponents, PrivateKeyFormat, RsaPrivateComponents } from './formats/types.ts';
import { readField } from './input.ts';
import { isKeySpec, type KeySpec } from './specs.ts';
import { assertInput } from './wrapping-key.ts';

export interface TargetKey {
  readonly spec: KeySpec;
  /** SubjectPublicKeyInfo PEM, for comparison with KMS GetPublicKey after import */
  readonly publicKeyPem: string;
  readonly publicKeySpki: Uint8Array;
  /** hex SHA-256 of the SPKI DER */
  readonly publicKeySha256: string;
  readonly origin: 'generated' | 'loaded';
  /** container it was loaded from (undefined when generated here) */
  readonly sourceFormat?: PrivateKeyFormat;
  readonly disposed: boolean;
  /** wipe the private key from memory; later use fails with key_disposed */
  dispose(): void;
}

interface Secret {
  /** normalised PKCS#8 DER (spec §3.2) */
  pkcs8: Uint8Array;
  /** EC: the scalar D at the curve's length, left-padded (spec §1.2: what SM2PKE_SM4_ECB wraps) */
  d?: Uint8Array;
}

class TargetKeyImpl implements TargetKey {
  readonly spec: KeySpec;
  readonly publicKeyPem: string;
  readonly publicKeySpki: Uint8Array;
  readonly publicKeySha256: string;
  readonly origin: 'generated' | 'loaded';
  readonly sourceFormat?: PrivateKeyFormat;
  #secret: Secret | undefined;

  constructor(spec: KeySpec, spki: Uint8Array, secret: Secret, origin: 'generated' | 'loaded', sourceFormat?: PrivateKeyFormat) {
    this.spec = spec;
    this.publicKeySpki = spki;
    this.publicKeyPem = encodePem('PUBLIC KEY', spki);
    this.publicKeySha256 = sha256Hex(spki);
    this.origin = origin;
    this.sourceFormat = sourceFormat;
    this.#secret = secret;
    // The public facts are what wrapping trusts (spec, which plaintext): a caller cannot rewrite them.
    Object.freeze(this);
  }
  /** Brand check that runs no caller code (no Proxy trap, no getter): only keys this module made pass. */
  static isTargetKey(v: unknown): v is TargetKeyImpl {
    return typeof v === 'object' && v !== null && #secret in v;
  }
  static isDisposed(k: TargetKeyImpl): boolean {
    return k.#secret === undefined;
  }
  get disposed(): boolean {
    return this.#secret === undefined;
  }
  dispose(): void {
    if (this.#secret) wipe(this.#secret.pkcs8, this.#secret.d);
    this.#secret = undefined;
  }
  /** @internal a copy the caller must wipe */
  copySecret(part: 'pkcs8' | 'd'): Uint8Array {
    const s = this.#secret;
    if (!s) fail('key_disposed');
    const b = part === 'pkcs8' ? s.pkcs8 : s.d;
    if (!b) throw new RangeError('no raw scalar for this key');
    return b.slice();
  }
  toJSON(): object {
    // never serialise secrets, even by accident
    return { spec: this.spec, publicKeySha256: this.publicKeySha256, origin: this.origin };
  }
}

export function assertTargetKey(v: unknown): asserts v is TargetKeyImpl {
  if (!TargetKeyImpl.isTargetKey(v)) fail('input_type', { expected: 'a TargetKey from generateTargetKey or parseTargetKey' });
  if (TargetKeyImpl.isDisposed(v)) fail('key_disposed');
}

/** @internal plaintext for wrapping: PKCS#8 DER or the raw scalar; the caller wipes it. */
export function targetPlaintext(target: TargetKey, part: 'pkcs8' | 'd'): Uint8Array {
  assertTargetKey(target);
  return target.copySecret(part);
}

// --- validation and normalisation (spec §3.3) ---

const RSA_SIZES: Record<number, KeySpec> = { 2048: 'RSA_2048', 3072: 'RSA_3072', 4096: 'RSA_4096' };

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function rsaTarget(c: RsaPrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): TargetKeyImpl {
  const bits = bitLength(c.n);
  const spec = RSA_SIZES[bits];
  if (!spec) fail('rsa_modulus_size', { bits });
  // RFC 8017 §3.2 consistency; a damaged or edited key must not reach KMS.
  if (c.p <= 1n || c.q <= 1n || c.p * c.q !== c.n) fail('rsa_inconsistent', { check: 'n = p·q' });
  if (c.e < 3n || c.e % 2n === 0n || c.e >= c.n) fail('rsa_inconsistent', { check: 'e is odd, 3 ≤ e < n' });
  const p1 = c.p - 1n;
  const q1 = c.q - 1n;
  const lambda = (p1 / gcd(p1, q1)) * q1;
  if (c.d <= 0n || c.d >= c.n || mod(c.e * c.d, lambda) !== 1n) fail('rsa_inconsistent', { check: 'e·d ≡ 1 mod λ(n)' });
  if (c.dp !== mod(c.d, p1)) fail('rsa_inconsistent', { check: 'dP = d mod (p−1)' });
  if (c.dq !== mod(c.d, q1)) fail('rsa_inconsistent', { check: 'dQ = d mod (q−1)' });
  // p | (qInv·q − 1) ⇔ n | (qInv·q − 1)·q, as n = p·q: reducing mod the public n, not mod p, because V8's division
  // keeps a copy of its divisor in scratch memory it frees unwiped (spec §3.5; measured by bench:memory).
  if (c.qi <= 0n || c.qi >= c.p || mod((c.qi * c.q - 1n) * c.q, c.n) !== 0n) fail('rsa_inconsistent', { check: 'qInv·q ≡ 1 mod p' });
  const pkcs8 = encodeRsaPkcs8(c);
  return new TargetKeyImpl(spec, encodeRsaSpki(c.n, c.e), { pkcs8 }, origin, format);
}

function ecTarget(c: EcPrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): TargetKeyImpl {
  const curve: EcCurve | undefined = curveByOid(c.curveOid);
  if (!curve) fail('ec_curve_unsupported', { curve: oidName(c.curveOid), oid: c.curveOid });
  // SEC 1 §3.2.1 / RFC 5915: d in [1, n−1] (SM2: [1, n−2], GB/T 32918.1 §6.1); normalised to the curve's length,
  // left-padded (spec §3.2 — never the Alibaba sample's zeroed scalar for short values). Compared as bytes: a
  // bigint of d could not be wiped (spec §3.5).
  const d = scalarInRange(curve, c.d);
  if (!d) fail('ec_scalar_out_of_range', { curve: curve.name });
  const point = curve.publicFromPrivate(d);
  if (c.publicKey) {
    const stored = curve.normalisePoint(c.publicKey);
    if (!stored) {
      wipe(d);
      fail('ec_point_invalid', { curve: curve.name });
    }
    if (!equalBytes(stored, point)) {
      wipe(d);
      fail('ec_public_key_mismatch', { curve: curve.name });
    }
  }
  const pkcs8 = encodeEcPkcs8(curve.oid, d, point);
  return new TargetKeyImpl(curve.spec, encodeEcSpki(curve.oid, point), { pkcs8, d }, origin, format);
}

/**
 * `scalar` (big-endian, any length) left-padded to the curve's length in a buffer of our own, if it lies in
 * [1, maxScalar]; else undefined. Byte comparison against the public bound, no bigint of the secret.
 */
function scalarInRange(curve: EcCurve, scalar: Uint8Array): Uint8Array | undefined {
  const m = stripZeros(scalar);
  if (m.length === 0 || m.length > curve.scalarBytes) return undefined;
  const d = allocSecret(curve.scalarBytes);
  d.set(m, curve.scalarBytes - m.length);
  if (exceeds(d, bigIntToBytes(curve.maxScalar, curve.scalarBytes))) {
    wipe(d);
    return undefined;
  }
  return d;
}

/** a > b for equal-length big-endian numbers: the borrow out of b − a, in time independent of the values. */
function exceeds(a: Uint8Array, b: Uint8Array): boolean {
  let borrow = 0;
  for (let i = a.length - 1; i >= 0; i--) borrow = ((b[i]! - a[i]! - borrow) >>> 8) & 1;
  return borrow === 1;
}

function fromComponents(c: PrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): TargetKeyImpl {
  return c.kind === 'rsa' ? rsaTarget(c, origin, format) : ecTarget(c, origin, format);
}

function wipeComponents(c: PrivateComponents): void {
  // bigints cannot be zeroed (spec §6 notes this limit); byte fields can.
  if (c.kind === 'ec') wipe(c.d);
}

// --- generation (spec §3.1) ---

/**
 * Draws before giving up on the RNG: a working one is rejected with probability < 2^−32 per draw on these
 * curves, so 64 rejections in a row mean it is broken (spec §3.6), not unlucky.
 */
export const MAX_SCALAR_DRAWS = 64;

function randomScalar(curve: EcCurve): Uint8Array {
  // A fresh block just before the draws: a generator stuck on one value then fails the continuous test on the
  // candidate itself, instead of its first stuck output becoming a key (spec §3.6).
  wipe(randomBytes(RNG_TEST_BLOCK));
  // Rejection sampling: uniform in [1, maxScalar] without modulo bias (FIPS 186-5 A.2.2 "testing candidates").
  for (let i = 0; i < MAX_SCALAR_DRAWS; i++) {
    const candidate = randomBytes(curve.scalarBytes);
    const d = scalarInRange(curve, candidate);
    wipe(candidate);
    if (d) return d;
  }
  fail('rng_failed', { limit: MAX_SCALAR_DRAWS });
}

export async function generateTargetKey(spec: KeySpec): Promise<TargetKey> {
  if (!isKeySpec(spec)) fail('key_spec_unknown', { spec: typeof (spec as unknown) === 'string' ? String(spec).slice(0, 32) : undefined });
  if (spec === 'RSA_2048' || spec === 'RSA_3072' || spec === 'RSA_4096') {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) fail('crypto_unavailable');
    const bits = Number(spec.slice(4));
    // WebCrypto generates off the main thread in browsers; e = 65537.
    const pair = (await subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const exported = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
    try {
      const c = decodePkcs8(exported);
      return fromComponents(c, 'generated');
    } finally {
      wipe(exported);
    }
  }
  const curve = EC_CURVES[spec];
  const d = randomScalar(curve);
  try {
    return ecTarget({ kind: 'ec', curveOid: curve.oid, d }, 'generated');
  } finally {
    wipe(d);
  }
}

export async function parseTargetKey(input: string | Uint8Array, options: { passphrase?: string } = {}): Promise<TargetKey> {
  assertInput(input);
  if (options === null || typeof options !== 'object') fail('input_type', { field: 'options' });
  const passphrase = readField(options, 'passphrase'); // read once: a getter could answer differently twice
  if (passphrase !== undefined && typeof passphrase !== 'string') fail('input_type', { field: 'passphrase' });
  const decoded = await decodePrivateKey(input, { passphrase });
  try {
    return fromComponents(decoded.key, 'loaded', decoded.format);
  } finally {
    wipeComponents(decoded.key);
  }
}

/** PKCS#8 PEM; "ENCRYPTED PRIVATE KEY" (PBES2, PBKDF2-HMAC-SHA256 ≥ 600,000, AES-256-CBC) with a passphrase (spec §3.4). */
export async function exportTargetKey(target: TargetKey, options: { passphrase?: string } = {}): Promise<string> {
  assertTargetKey(target);
  if (options === null || typeof options !== 'object') fail('input_type', { field: 'options' });
  const passphrase = readField(options, 'passphrase');
  if (passphrase !== undefined && typeof passphrase !== 'string') fail('input_type', { field: 'passphrase' });
  if (passphrase === '') fail('passphrase_empty');
  const pkcs8 = target.copySecret('pkcs8');
  try {
    if (passphrase === undefined) return encodePem('PRIVATE KEY', pkcs8);
    return encodePem('ENCRYPTED PRIVATE KEY', await encryptPkcs8(pkcs8, passphrase));
  } finally {
    wipe(pkcs8);
  }
}
