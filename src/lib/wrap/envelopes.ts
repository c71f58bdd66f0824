// The shapes KMSs import, built from the constructions (docs/spec.md §9.6). Pure: wrapping-key bytes and
// plaintext bytes in, wrapped bytes out. Each shape declares its output length here, once; callers derive
// sizes from envelopeLength and refuse a target that does not fit (envelopeFits) before any random byte is
// drawn. ESKs come from crypto.getRandomValues and are wiped before returning, also on failure.
import { concatBytes, randomBytes, wipe } from '../bytes.ts';
import { aesEcbPkcs7Encrypt, aesEcbPkcs7Length } from './aes-ecb.ts';
import { aesKwpWrap, kwpLength } from './aes-kwp.ts';
import { oaepCiphertextLength, oaepMaxMessageLength, rsaOaepEncrypt, type OaepHash } from './rsa-oaep.ts';
import { sm2CiphertextLength, sm2Encrypt, type Sm2CiphertextEncoding } from './sm2.ts';
import { sm4EncryptEcb } from './sm4.ts';

/** ESK of the RSA envelopes: AES-256 (spec §1.1, §9.6; Vault requires 32 bytes, AWS and Google say AES-256). */
export const AES_256_ESK_LENGTH = 32;
/** ESK of Alibaba's SM2 envelope: one SM4 key (spec §1.2). */
export const SM4_ESK_LENGTH = 16;
const SM4_BLOCK_LENGTH = 16;
/** RFC 5649 §3: the MLI is 32 bits. */
const KWP_MAX_PLAINTEXT = 2 ** 32 - 1;

export type Envelope =
  /** direct: OAEP(key), one RSA block (RFC 8017 §7.1) */
  | { shape: 'rsa-oaep'; hash: OaepHash }
  /** OAEP(ESK) ‖ KWP(ESK, key): RSA block first (PKCS#11 CKM_RSA_AES_KEY_WRAP; AWS, Google, Azure, Vault, OCI) */
  | { shape: 'rsa-oaep+aes-kwp'; hash: OaepHash }
  /** Alibaba RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: OAEP(ESK) ‖ AES-256-ECB-PKCS7(ESK, key) (spec §1.1) */
  | { shape: 'rsa-oaep+aes-ecb'; hash: OaepHash }
  /** direct: SM2(key) in the chosen ciphertext encoding (GB/T 32918.4 §6.1) */
  | { shape: 'sm2'; encoding: Sm2CiphertextEncoding }
  /** Alibaba SM2PKE_SM4_ECB: SM2 raw C1‖C3‖C2 (ESK) ‖ SM4-ECB(ESK, d) without padding (spec §1.2) */
  | { shape: 'sm2+sm4-ecb' };

export type EnvelopeShape = Envelope['shape'];

/** The wrapping key as the constructions take it: an RSA SPKI (DER) or an SM2 point 04‖x‖y. */
export type WrappingKeyBytes = { kind: 'rsa'; spki: Uint8Array } | { kind: 'sm2'; point: Uint8Array };

/** What a shape's wrapping key is. */
export function envelopeKeyKind(envelope: Envelope): 'rsa' | 'sm2' {
  return envelope.shape.startsWith('rsa-') ? 'rsa' : 'sm2';
}

/** Output size in bytes; min = max except for GM/T 0009 DER, whose INTEGERs are minimal (spec §9.5). */
export interface EnvelopeLength {
  min: number;
  max: number;
}

const exactly = (n: number): EnvelopeLength => ({ min: n, max: n });

/**
 * Output length for a plaintext of `plaintextLength` bytes; `modulusLength` is the RSA wrapping key's k in bytes
 * (256, 384, 512), ignored for SM2 shapes.
 */
export function envelopeLength(envelope: Envelope, plaintextLength: number, modulusLength = 0): EnvelopeLength {
  switch (envelope.shape) {
    case 'rsa-oaep':
      return exactly(oaepCiphertextLength(modulusLength));
    case 'rsa-oaep+aes-kwp':
      return exactly(oaepCiphertextLength(modulusLength) + kwpLength(plaintextLength));
    case 'rsa-oaep+aes-ecb':
      return exactly(oaepCiphertextLength(modulusLength) + aesEcbPkcs7Length(plaintextLength));
    case 'sm2':
      return sm2CiphertextLength(plaintextLength, envelope.encoding);
    case 'sm2+sm4-ecb':
      return exactly(sm2CiphertextLength(SM4_ESK_LENGTH, 'C1C3C2').min + plaintextLength);
  }
}

/**
 * Whether a plaintext of this length can be carried: direct OAEP holds at most k − 2·hLen − 2 bytes
 * (RFC 8017 §7.1.1 step 1b), KWP 1 to 2^32 − 1 (RFC 5649 §3), SM4-ECB without padding whole blocks; nothing
 * carries an empty plaintext.
 */
export function envelopeFits(envelope: Envelope, plaintextLength: number, modulusLength = 0): boolean {
  if (!Number.isSafeInteger(plaintextLength) || plaintextLength < 1) return false;
  switch (envelope.shape) {
    case 'rsa-oaep':
      return plaintextLength <= oaepMaxMessageLength(modulusLength, envelope.hash);
    case 'rsa-oaep+aes-kwp':
      return plaintextLength <= KWP_MAX_PLAINTEXT;
    case 'rsa-oaep+aes-ecb':
    case 'sm2':
      return true;
    case 'sm2+sm4-ecb':
      return plaintextLength % SM4_BLOCK_LENGTH === 0;
  }
}

/**
 * Wrap `plaintext` (the target key in the encoding the provider wants: raw bytes, PKCS#8 DER or the 32-byte
 * scalar) under the wrapping key. A shape/key mismatch or a plaintext that does not fit is a caller's bug
 * (TypeError / RangeError), thrown before any random byte is drawn; callers check envelopeFits first.
 */
export async function wrapEnvelope(envelope: Envelope, wrappingKey: WrappingKeyBytes, plaintext: Uint8Array): Promise<Uint8Array> {
  if (wrappingKey.kind !== envelopeKeyKind(envelope)) throw new TypeError(`${envelope.shape} needs an ${envelopeKeyKind(envelope)} wrapping key`);
  const fitsWithoutModulus = envelope.shape === 'rsa-oaep' || envelopeFits(envelope, plaintext.length);
  if (!fitsWithoutModulus || plaintext.length === 0) throw new RangeError(`plaintext of ${plaintext.length} bytes does not fit ${envelope.shape}`);
  switch (envelope.shape) {
    case 'rsa-oaep':
      return rsaOaepEncrypt(rsaKey(wrappingKey), plaintext, envelope.hash); // RangeError there if too long
    case 'rsa-oaep+aes-kwp':
      return wrapOaepThenSymmetric(rsaKey(wrappingKey), envelope.hash, plaintext, aesKwpWrap);
    case 'rsa-oaep+aes-ecb':
      return wrapOaepThenSymmetric(rsaKey(wrappingKey), envelope.hash, plaintext, aesEcbPkcs7Encrypt);
    case 'sm2':
      return sm2Encrypt(sm2Key(wrappingKey), plaintext, envelope.encoding);
    case 'sm2+sm4-ecb':
      return wrapSm2Sm4Ecb(sm2Key(wrappingKey), plaintext);
  }
}

const rsaKey = (k: WrappingKeyBytes) => (k as { spki: Uint8Array }).spki;
const sm2Key = (k: WrappingKeyBytes) => (k as { point: Uint8Array }).point;

/**
 * OAEP(ESK) ‖ Sym(ESK, plaintext), RSA block first (spec §1.1 for AES-ECB, §9.6 for KWP): a fresh 32-byte AES-256
 * ESK, encrypted under the wrapping key, then used once as the symmetric key over the plaintext.
 */
async function wrapOaepThenSymmetric(
  spki: Uint8Array,
  hash: OaepHash,
  plaintext: Uint8Array,
  symmetric: (esk: Uint8Array, plaintext: Uint8Array) => Uint8Array,
): Promise<Uint8Array> {
  const esk = randomBytes(AES_256_ESK_LENGTH);
  try {
    const cipherEsk = await rsaOaepEncrypt(spki, esk, hash);
    return concatBytes(cipherEsk, symmetric(esk, plaintext));
  } finally {
    wipe(esk);
  }
}

/**
 * Alibaba SM2PKE_SM4_ECB (spec §1.2): SM2 raw C1‖C3‖C2 of a fresh 16-byte SM4 ESK (113 bytes), then SM4-ECB
 * without padding over the plaintext (the 32-byte scalar d).
 */
function wrapSm2Sm4Ecb(point: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const esk = randomBytes(SM4_ESK_LENGTH);
  try {
    const cipherEsk = sm2Encrypt(point, esk, 'C1C3C2');
    return concatBytes(cipherEsk, sm4EncryptEcb(esk, plaintext));
  } finally {
    wipe(esk);
  }
}
