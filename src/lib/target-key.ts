// The target key: generate, load, validate, normalise, export — docs/spec.md §3 (RSA, EC) and §10 (every type).
// The key object itself (private fields, dispose) is keys/target-key-object.ts; secrets are keys/secret-key.ts,
// Ed25519 keys/ed25519.ts.
import { bigIntToBytes, bitLength, equalBytes, randomBytes, RNG_TEST_BLOCK, wipe } from './bytes.ts';
import { EC_CURVES, curveByOid, type EcCurve, type EcSpec } from './curves.ts';
import { fail, isByokError } from './errors.ts';
import { allocSecret, stripZeros } from './formats/der-secret.ts';
import { encryptPkcs8 } from './formats/encrypted-pkcs8.ts';
import { oidName } from './formats/oids.ts';
import { CMS_PEM_LABEL, decryptSecretBackup, encryptSecretBackup } from './formats/cms.ts';
import { encodePem, readArmored } from './formats/pem.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from './formats/pkcs8.ts';
import { decodePrivateKey } from './formats/private-key.ts';
import { encodeEcSpki, encodeRsaSpki } from './formats/spki.ts';
import type { EcPrivateComponents, PrivateComponents, PrivateKeyFormat, RsaPrivateComponents } from './formats/types.ts';
import { readField } from './input.ts';
import { ed25519Target, generateEd25519 } from './keys/ed25519.ts';
import { isKeySpec, isSecretKeySpec, KEY_SPEC_INFO, rsaSpecForBits, specFact, type AsymmetricKeySpec, type KeySpec, type SecretKeySpec } from './keys/key-specs.ts';
import { exportSecretHex, generateSecretKey, parseSecretKey, secretLengthOf } from './keys/secret-key.ts';
import { AsymmetricKeyImpl, assertTargetKey, type AsymmetricTargetKey, type SecretTargetKey, type TargetKey } from './keys/target-key-object.ts';
import { assertInput } from './wrapping-key.ts';

export type { AsymmetricTargetKey, PlaintextEncoding, SecretKeyFormat, SecretTargetKey, TargetKey } from './keys/target-key-object.ts';
export { assertTargetKey, sameKey, targetPlaintext } from './keys/target-key-object.ts';

// --- validation and normalisation (spec §3.3) ---

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function rsaTarget(c: RsaPrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): AsymmetricTargetKey {
  const bits = bitLength(c.n);
  const spec = rsaSpecForBits(bits);
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
  // keeps a copy of its divisor in scratch memory it frees unwiped (spec §3.6; measured by bench:memory).
  if (c.qi <= 0n || c.qi >= c.p || mod((c.qi * c.q - 1n) * c.q, c.n) !== 0n) fail('rsa_inconsistent', { check: 'qInv·q ≡ 1 mod p' });
  const pkcs8 = encodeRsaPkcs8(c);
  return new AsymmetricKeyImpl(spec, encodeRsaSpki(c.n, c.e), { pkcs8 }, origin, format);
}

function ecTarget(c: EcPrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): AsymmetricTargetKey {
  const curve: EcCurve | undefined = curveByOid(c.curveOid);
  if (!curve) fail('ec_curve_unsupported', { curve: oidName(c.curveOid), oid: c.curveOid });
  // SEC 1 §3.2.1 / RFC 5915: d in [1, n−1] (SM2: [1, n−2], GB/T 32918.1 §6.1); normalised to the curve's length,
  // left-padded (spec §3.2 — never the Alibaba sample's zeroed scalar for short values). Compared as bytes: a
  // bigint of d could not be wiped (spec §3.6).
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
  return new AsymmetricKeyImpl(curve.spec, encodeEcSpki(curve.oid, point), { pkcs8, scalar: d }, origin, format);
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

function fromComponents(c: PrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): AsymmetricTargetKey {
  if (c.kind === 'rsa') return rsaTarget(c, origin, format);
  if (c.kind === 'ec') return ecTarget(c, origin, format);
  return ed25519Target(c, origin, format);
}

function wipeComponents(c: PrivateComponents): void {
  // bigints cannot be zeroed (spec §6 notes this limit); byte fields can.
  if (c.kind === 'ec') wipe(c.d);
  if (c.kind === 'ed25519') wipe(c.seed);
}

// --- generation (spec §3.1) ---

/**
 * Draws before giving up on the RNG: a working one is rejected with probability < 2^−32 per draw on these
 * curves, so 64 rejections in a row mean it is broken (spec §3.7), not unlucky.
 */
export const MAX_SCALAR_DRAWS = 64;

function randomScalar(curve: EcCurve): Uint8Array {
  // A fresh block just before the draws: a generator stuck on one value then fails the continuous test on the
  // candidate itself, instead of its first stuck output becoming a key (spec §3.7).
  wipe(randomBytes(RNG_TEST_BLOCK));
  // Rejection sampling: uniform in [1, maxScalar] without modulo bias (FIPS 186-5 A.2.2 "testing candidates"):
  // draw exactly bitlen(n) bits — the scalar's bytes with the top byte masked (P-521: 66 bytes, top 7 bits
  // cleared) — so that a candidate is accepted with probability > 1/2 (spec §10.5).
  const topMask = (1 << (bitLength(curve.n) - 8 * (curve.scalarBytes - 1))) - 1;
  for (let i = 0; i < MAX_SCALAR_DRAWS; i++) {
    const candidate = randomBytes(curve.scalarBytes);
    candidate[0]! &= topMask;
    const d = scalarInRange(curve, candidate);
    wipe(candidate);
    if (d) return d;
  }
  fail('rng_failed', { limit: MAX_SCALAR_DRAWS });
}

export async function generateTargetKey(spec: AsymmetricKeySpec): Promise<AsymmetricTargetKey>;
export async function generateTargetKey(spec: SecretKeySpec): Promise<SecretTargetKey>;
export async function generateTargetKey(spec: KeySpec): Promise<TargetKey>;
export async function generateTargetKey(spec: KeySpec): Promise<TargetKey> {
  if (!isKeySpec(spec)) fail('key_spec_unknown', specFact(spec));
  if (isSecretKeySpec(spec)) return generateSecretKey(spec);
  if (spec === 'ED25519') return generateEd25519();
  const info = KEY_SPEC_INFO[spec];
  if (info.family === 'rsa') {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) fail('crypto_unavailable');
    const bits = info.modulusBits;
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
  const curve = EC_CURVES[spec as EcSpec];
  const d = randomScalar(curve);
  try {
    return ecTarget({ kind: 'ec', curveOid: curve.oid, d }, 'generated');
  } finally {
    wipe(d);
  }
}

const CMS_PEM_BEGIN = `-----BEGIN ${CMS_PEM_LABEL}-----`;

/** A PEM "CMS" block in the input; bytes are searched as ASCII, never decoded into an unwipeable string. */
function isCmsPem(input: string | Uint8Array): boolean {
  if (typeof input === 'string') return input.includes(CMS_PEM_BEGIN);
  const marker = new TextEncoder().encode(CMS_PEM_BEGIN);
  const end = Math.min(input.length, 4096) - marker.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < marker.length; j++) if (input[i + j] !== marker[j]) continue outer;
    return true;
  }
  return false;
}

/** Decoder failures after which an input may be a secret given without its type (spec §10.2). */
const NOT_A_KEY_FILE: ReadonlySet<string> = new Set(['format_unrecognized', 'base64_invalid', 'der_truncated', 'der_trailing_data', 'der_malformed']);

// Without a spec, or with an asymmetric one, the result is asymmetric: a secret cannot load without its spec.
export async function parseTargetKey(input: string | Uint8Array, options?: { passphrase?: string; spec?: AsymmetricKeySpec }): Promise<AsymmetricTargetKey>;
export async function parseTargetKey(input: string | Uint8Array, options: { passphrase?: string; spec: SecretKeySpec }): Promise<SecretTargetKey>;
export async function parseTargetKey(input: string | Uint8Array, options?: { passphrase?: string; spec?: KeySpec }): Promise<TargetKey>;
export async function parseTargetKey(input: string | Uint8Array, options: { passphrase?: string; spec?: KeySpec } = {}): Promise<TargetKey> {
  assertInput(input);
  if (options === null || typeof options !== 'object') fail('input_type', { field: 'options' });
  const passphrase = readField(options, 'passphrase'); // read once: a getter could answer differently twice
  if (passphrase !== undefined && typeof passphrase !== 'string') fail('input_type', { field: 'passphrase' });
  const spec = readField(options, 'spec');
  if (spec !== undefined && !isKeySpec(spec)) fail('key_spec_unknown', specFact(spec));
  if (spec !== undefined && isSecretKeySpec(spec)) {
    // spec §9.7, §10.2: the CMS backup this library writes (or OpenSSL's `cms -encrypt -pwri_password`)
    const backup = isCmsPem(input) ? readArmored(input).find((b) => b.label === CMS_PEM_LABEL) : undefined;
    if (backup === undefined) return parseSecretKey(input, spec);
    const raw = await decryptSecretBackup(backup.der, typeof passphrase === 'string' ? passphrase : '');
    try {
      // spec §9.7: the content is the key's raw bytes, exactly the type's length (never text to decode again)
      const expected = KEY_SPEC_INFO[spec].byteLength;
      if (raw.length !== expected) fail('secret_length', { spec, expected: `${expected} bytes`, length: raw.length, found: 'a CMS backup' });
      return parseSecretKey(raw, spec);
    } finally {
      wipe(raw, backup.der);
    }
  }
  let decoded;
  try {
    decoded = await decodePrivateKey(input, { passphrase });
  } catch (e) {
    // spec §10.2: a secret says nothing about its type; say so rather than "not a key format".
    if (spec === undefined && isByokError(e) && NOT_A_KEY_FILE.has(e.code)) {
      const length = secretLengthOf(input);
      if (length !== undefined) fail('key_spec_required', { length });
    }
    throw e;
  }
  let key: AsymmetricTargetKey;
  try {
    key = fromComponents(decoded.key, 'loaded', decoded.format);
  } finally {
    wipeComponents(decoded.key);
  }
  if (spec !== undefined && key.spec !== spec) {
    key.dispose();
    fail('key_spec_mismatch', { spec, found: `a key of type ${key.spec}` });
  }
  return key;
}

/**
 * Asymmetric: PKCS#8 PEM; "ENCRYPTED PRIVATE KEY" (PBES2, PBKDF2-HMAC-SHA256 ≥ 600,000, AES-256-CBC) with a
 * passphrase (spec §3.4). Secret: lowercase hex (spec §10.3), or with a passphrase the CMS password backup, PEM
 * "CMS" (spec §9.7).
 */
export async function exportTargetKey(target: TargetKey, options: { passphrase?: string } = {}): Promise<string> {
  assertTargetKey(target);
  if (options === null || typeof options !== 'object') fail('input_type', { field: 'options' });
  const passphrase = readField(options, 'passphrase');
  if (passphrase !== undefined && typeof passphrase !== 'string') fail('input_type', { field: 'passphrase' });
  if (passphrase === '') fail('passphrase_empty');
  if (target.kind === 'secret') {
    const raw = target.copySecret('raw', target.spec);
    try {
      // spec §9.7: CMS EnvelopedData for a password recipient, what `openssl cms -decrypt -pwri_password` opens
      if (passphrase !== undefined) return encodePem(CMS_PEM_LABEL, await encryptSecretBackup(raw, passphrase));
      return exportSecretHex(raw);
    } finally {
      wipe(raw);
    }
  }
  const pkcs8 = target.copySecret('pkcs8', target.spec);
  try {
    if (passphrase === undefined) return encodePem('PRIVATE KEY', pkcs8);
    return encodePem('ENCRYPTED PRIVATE KEY', await encryptPkcs8(pkcs8, passphrase));
  } finally {
    wipe(pkcs8);
  }
}
