// Passphrase-protected private keys: EncryptedPrivateKeyInfo (RFC 5958 §3) with PBES2 (RFC 8018 §6.2),
// PBKDF2 (RFC 8018 §5.2) and AES-CBC-Pad (RFC 8018 §B.2.5) — what OpenSSL 3 writes by default
// (`openssl pkcs8 -topk8`, `openssl genpkey -aes256`). Everything else (PBES1, scrypt, DES-EDE3) is refused
// with encryption_unsupported so the user can re-encrypt with `openssl pkcs8 -topk8 -v2 aes-256-cbc`.
//
// Primitives: PBKDF2 from WebCrypto (native, the expensive part); AES-CBC from @noble/ciphers for every key
// size, because Chromium's WebCrypto refuses 192-bit AES keys ("192-bit AES keys are not supported") while
// Node accepts them, so a WebCrypto path would pass the tests and fail in the browser for `-v2 aes-192-cbc`.
// One AES path means the tested code is the shipped code, and the raw key stays a Uint8Array we can wipe
// (noble wipes its own key schedule).
import { cbc } from '@noble/ciphers/aes.js';
import { randomBytes, wipe } from '../bytes.ts';
import { fail, isByokError } from '../errors.ts';
import { assertSingleDer, readTlv } from './der.ts';
import { algorithmNode, decodeDer, decodeSequence, integerNode, octetString, sequence, TAG, writeDer, type AlgorithmIdentifier, type DerNode, type DerReader } from './der-codec.ts';
import { OID, oidName } from './oids.ts';
import { allocSecret, copySecret } from './der-secret.ts';
import { readEncryptedPrivateKeyInfo } from './pkcs8.ts';

/** Fewer iterations than this are refused when we encrypt (OWASP 2023 figure for PBKDF2-HMAC-SHA256). */
export const MIN_ENCRYPT_ITERATIONS = 600_000;
/** A file asking for more than this is hostile or broken: 3 to 6 s of native PBKDF2 in Node. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** RFC 8018 §4.1 asks for at least 8 bytes; real files use 8 or 16. The cap bounds work on hostile input. */
export const MAX_SALT_BYTES = 1024;
const AES_BLOCK_BYTES = 16;
/**
 * Encrypted PKCS#8 files are read leniently (members after the modelled ones ignored; non-minimal INTEGERs, OIDs
 * and NULLs accepted), as they always were here (spec §3.3): the passphrase and the PKCS#8 inside, read strictly,
 * are what protect the key.
 */
const LENIENT = true;

/** PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme } (RFC 8018 §A.4). */
function readPbes2Params(r: DerReader): { keyDerivationFunc: AlgorithmIdentifier; encryptionScheme: AlgorithmIdentifier } {
  return { keyDerivationFunc: r.algorithm(), encryptionScheme: r.algorithm() };
}

/** PBKDF2-params, RFC 8018 §A.2; `prf` absent means its DEFAULT, hmacWithSHA1. */
export interface Pbkdf2Parameters {
  salt: Uint8Array;
  iterationCount: bigint;
  keyLength?: bigint;
  prf?: AlgorithmIdentifier;
}

/**
 * PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
 * iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
 * (RFC 8018 §A.2). `otherSource` is "reserved for future versions", so only `specified` is read. Integers are
 * bigints so that an absurd or negative count reaches the caller's range check instead of being rounded.
 */
export function readPbkdf2Params(r: DerReader): Pbkdf2Parameters {
  const params: Pbkdf2Parameters = { salt: r.value(TAG.octetString), iterationCount: r.integer() };
  if (r.peek() === TAG.integer) params.keyLength = r.integer();
  if (r.peek() === TAG.sequence) params.prf = r.algorithm();
  // A lenient reader (spec §2.2) ignores members after prf, the last modelled one, but not a member in its place:
  // skipped, it would leave the PRF at its DEFAULT, HMAC-SHA-1, for a file that named another one.
  else r.end(false);
  return params;
}

/** PBKDF2-params as OpenSSL writes them: the PRF with NULL parameters even though it is not the default. */
export function pbkdf2ParamsNode(salt: Uint8Array, iterations: number, prf: string): DerNode {
  return sequence(octetString(salt), integerNode(iterations), algorithmNode(prf, null));
}

/** AES-CBC-Pad's AlgorithmIdentifier: parameters = the IV as OCTET STRING (RFC 8018 §B.2.5, RFC 3565 §4.1). */
export function aesCbcNode(cipher: string, iv: Uint8Array): DerNode {
  return algorithmNode(cipher, octetString(iv));
}

type PbkdfHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** PBKDF2 PRFs, RFC 8018 §B.1. hmacWithSHA224 is absent on purpose: WebCrypto has no SHA-224. */
const PRF_HASHES: ReadonlyMap<string, PbkdfHash> = new Map([
  [OID.hmacWithSHA1, 'SHA-1'],
  [OID.hmacWithSHA256, 'SHA-256'],
  [OID.hmacWithSHA384, 'SHA-384'],
  [OID.hmacWithSHA512, 'SHA-512'],
]);

interface CbcCipher {
  name: string;
  keyBytes: number;
}

/** AES-CBC-Pad, RFC 8018 §B.2.5 (NIST OIDs from RFC 3565 §4.1). */
const AES_CBC: ReadonlyMap<string, CbcCipher> = new Map([
  [OID.aes128Cbc, { name: 'AES-128-CBC', keyBytes: 16 }],
  [OID.aes192Cbc, { name: 'AES-192-CBC', keyBytes: 24 }],
  [OID.aes256Cbc, { name: 'AES-256-CBC', keyBytes: 32 }],
]);

/**
 * Names for schemes we recognise only to refuse them (oids.ts has none of these). PBES1 is RFC 8018 §6.1 /
 * §A.3; the PKCS#12 ones (RFC 7292 §C) are what `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES` writes.
 */
const REFUSED_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.5.1', 'PBES1 pbeWithMD2AndDES-CBC'],
  ['1.2.840.113549.1.5.4', 'PBES1 pbeWithMD2AndRC2-CBC'],
  ['1.2.840.113549.1.5.3', 'PBES1 pbeWithMD5AndDES-CBC'],
  ['1.2.840.113549.1.5.6', 'PBES1 pbeWithMD5AndRC2-CBC'],
  ['1.2.840.113549.1.5.10', 'PBES1 pbeWithSHA1AndDES-CBC'],
  ['1.2.840.113549.1.5.11', 'PBES1 pbeWithSHA1AndRC2-CBC'],
  ['1.2.840.113549.1.12.1.1', 'PKCS#12 pbeWithSHAAnd128BitRC4'],
  ['1.2.840.113549.1.12.1.2', 'PKCS#12 pbeWithSHAAnd40BitRC4'],
  ['1.2.840.113549.1.12.1.3', 'PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC'],
  ['1.2.840.113549.1.12.1.4', 'PKCS#12 pbeWithSHAAnd2-KeyTripleDES-CBC'],
  ['1.2.840.113549.1.12.1.5', 'PKCS#12 pbeWithSHAAnd128BitRC2-CBC'],
  ['1.2.840.113549.1.12.1.6', 'PKCS#12 pbeWithSHAAnd40BitRC2-CBC'],
  [OID.hmacWithSHA224, 'hmacWithSHA224'],
  ['1.3.14.3.2.7', 'DES-CBC'],
  ['1.2.840.113549.3.2', 'RC2-CBC'],
]);

function schemeName(oid: string): string {
  return REFUSED_NAMES.get(oid) ?? oidName(oid);
}

/** Everything needed to derive the key and decrypt, checked against RFC 8018 and our work bounds. */
interface Pbes2Plan {
  hash: PbkdfHash;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  cipher: CbcCipher;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/** The public parameters of an encrypted PKCS#8 file: what one passphrase attempt will cost, and with what. */
export interface EncryptedPkcs8Parameters {
  kdf: 'PBKDF2';
  prf: PbkdfHash;
  iterations: number;
  saltLength: number;
  cipher: string;
}

/**
 * Read an EncryptedPrivateKeyInfo's scheme (RFC 8018 §A.4, §A.2, §B.2.5) without a passphrase, checked against
 * what we support and our work bounds (spec §3.3): a file we would refuse anyway (an iteration count over the cap,
 * PBES1, scrypt…) is refused here, before anyone is asked to type a passphrase for it.
 */
export function readEncryptedPkcs8Parameters(der: Uint8Array): EncryptedPkcs8Parameters {
  if (!(der instanceof Uint8Array)) fail('input_type');
  const plan = readPbes2(readEncryptedPrivateKeyInfo(der, LENIENT));
  return { kdf: 'PBKDF2', prf: plan.hash, iterations: plan.iterations, saltLength: plan.salt.length, cipher: plan.cipher.name };
}

/**
 * Decrypt an EncryptedPrivateKeyInfo (DER) and return the inner PrivateKeyInfo DER; the caller wipes it.
 *
 * The file's structure and scheme are checked before the passphrase, so `decryptPkcs8(der, '')` answers
 * "supported, needs a passphrase" (passphrase_required) or says why the file cannot be used at all.
 * A correct passphrase over a corrupted inner key also reads as passphrase_wrong: without a MAC the two
 * cannot be told apart.
 */
export async function decryptPkcs8(der: Uint8Array, passphrase: string): Promise<Uint8Array> {
  if (!(der instanceof Uint8Array) || typeof passphrase !== 'string') fail('input_type');
  const plan = readPbes2(readEncryptedPrivateKeyInfo(der, LENIENT));
  if (passphrase.length === 0) fail('passphrase_required');

  const key = await pbkdf2(passphrase, plan.salt, plan.iterations, plan.hash, plan.cipher.keyBytes);
  // spec §3.6: the plaintext PrivateKeyInfo lives only in traced buffers that are wiped
  const padded = allocSecret(plan.ciphertext.length);
  let plain: Uint8Array;
  try {
    plain = cbc(key, plan.iv).decrypt(plan.ciphertext, padded);
  } catch {
    // RFC 8018 §6.2.2 step 5: bad padding means a wrong key, i.e. a wrong passphrase.
    wipe(padded);
    fail('passphrase_wrong');
  } finally {
    wipe(key);
  }
  const privateKeyInfo = copySecret(plain);
  wipe(padded);
  // Valid padding happens by chance for about 1 wrong passphrase in 256; the DER shape catches those.
  try {
    assertPrivateKeyInfoShape(privateKeyInfo);
  } catch (e) {
    wipe(privateKeyInfo);
    if (isByokError(e)) fail('passphrase_wrong');
    throw e;
  }
  return privateKeyInfo;
}

export interface EncryptPkcs8Options {
  /** PBKDF2 iteration count; MIN_ENCRYPT_ITERATIONS (600,000) to MAX_PBKDF2_ITERATIONS. */
  iterations?: number;
}

/**
 * Encrypt a PrivateKeyInfo (DER) the way `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256` does:
 * PBES2, PBKDF2-HMAC-SHA256 with a 16-byte random salt, AES-256-CBC with a random IV. Returns
 * EncryptedPrivateKeyInfo DER (PEM label "ENCRYPTED PRIVATE KEY", RFC 7468 §11).
 */
export async function encryptPkcs8(
  pkcs8: Uint8Array,
  passphrase: string,
  options: EncryptPkcs8Options = {},
): Promise<Uint8Array> {
  if (!(pkcs8 instanceof Uint8Array) || typeof passphrase !== 'string') fail('input_type');
  const iterations = options.iterations ?? MIN_ENCRYPT_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_ENCRYPT_ITERATIONS) {
    fail('encryption_unsupported', { field: 'iterations', limit: MIN_ENCRYPT_ITERATIONS });
  }
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    // We would refuse our own file on the way back in.
    fail('encryption_unsupported', { field: 'iterations', limit: MAX_PBKDF2_ITERATIONS });
  }
  // Only a PrivateKeyInfo goes in, so decryptPkcs8's shape check always holds for the right passphrase.
  assertPrivateKeyInfoShape(pkcs8);
  if (passphrase.length === 0) fail('passphrase_empty');

  const cipher = AES_CBC.get(OID.aes256Cbc)!;
  const salt = randomBytes(16).slice();
  const iv = randomBytes(AES_BLOCK_BYTES);
  const key = await pbkdf2(passphrase, salt, iterations, 'SHA-256', cipher.keyBytes);
  let ciphertext: Uint8Array;
  try {
    ciphertext = cbc(key, iv).encrypt(pkcs8); // PKCS#7 padding, RFC 8018 §6.2.1 step 4
  } finally {
    wipe(key);
  }

  const kdf = algorithmNode(OID.pbkdf2, pbkdf2ParamsNode(salt, iterations, OID.hmacWithSHA256));
  const scheme = algorithmNode(OID.pbes2, sequence(kdf, aesCbcNode(OID.aes256Cbc, iv)));
  return writeDer(sequence(scheme, octetString(ciphertext)));
}

/** Validate the PBES2 parameters (RFC 8018 §A.4, §A.2, §B.2.5) against what we support and our work bounds. */
function readPbes2(info: ReturnType<typeof readEncryptedPrivateKeyInfo>): Pbes2Plan {
  const scheme = info.encryptionAlgorithm;
  if (scheme.algorithm !== OID.pbes2) fail('encryption_unsupported', { found: schemeName(scheme.algorithm) });
  const pbes2 = parseParams(scheme.parameters, readPbes2Params, 'PBES2-params', LENIENT);

  const kdf = pbes2.keyDerivationFunc;
  if (kdf.algorithm !== OID.pbkdf2) fail('encryption_unsupported', { found: schemeName(kdf.algorithm) });
  const enc = pbes2.encryptionScheme;
  const cipher = AES_CBC.get(enc.algorithm);
  if (!cipher) fail('encryption_unsupported', { found: schemeName(enc.algorithm) });

  const params = parseParams(kdf.parameters, readPbkdf2Params, 'PBKDF2-params', LENIENT);
  const prfOid = params.prf?.algorithm ?? OID.hmacWithSHA1;
  const hash = PRF_HASHES.get(prfOid);
  if (!hash) fail('encryption_unsupported', { found: schemeName(prfOid) });
  // §B.1.1: the HMAC PRF parameters are NULL; OpenSSL writes NULL, others omit it.
  if (params.prf && params.prf.parameters !== undefined && params.prf.parameters !== null) {
    fail('der_malformed', { field: 'prf' });
  }

  const salt = params.salt.slice();
  if (salt.length === 0 || salt.length > MAX_SALT_BYTES) {
    fail('der_malformed', { field: 'salt', length: salt.length, limit: MAX_SALT_BYTES });
  }
  const count = params.iterationCount;
  if (count < 1n || count > BigInt(MAX_PBKDF2_ITERATIONS)) {
    fail('encryption_unsupported', {
      field: 'iterationCount',
      found: count <= BigInt(Number.MAX_SAFE_INTEGER) ? `${count} iterations` : 'over 2^53 iterations',
      limit: MAX_PBKDF2_ITERATIONS,
    });
  }
  // §A.2: keyLength is optional; when present it must be the cipher's key size.
  if (params.keyLength !== undefined && params.keyLength !== BigInt(cipher.keyBytes)) {
    fail('der_malformed', { field: 'keyLength', expected: `${cipher.keyBytes} bytes for ${cipher.name}` });
  }

  const iv = readIv(enc.parameters);
  const ciphertext = info.encryptedData.slice();
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK_BYTES !== 0) {
    fail('der_malformed', { field: 'encryptedData', length: ciphertext.length });
  }
  return { hash, salt, iterations: Number(count), cipher, iv, ciphertext };
}

/** An AlgorithmIdentifier's parameters: a SEQUENCE whose members `read` takes; `field` names it in errors. */
export function parseParams<T>(parameters: Uint8Array | null | undefined, read: (r: DerReader) => T, field: string, lenient = false): T {
  if (!(parameters instanceof Uint8Array)) fail('der_malformed', { field });
  return decodeSequence(parameters, field, read, lenient);
}

/** AES-CBC-Pad parameters: the IV as OCTET STRING (SIZE(16)), RFC 8018 §B.2.5. */
function readIv(parameters: Uint8Array | null | undefined): Uint8Array {
  if (!(parameters instanceof Uint8Array)) fail('der_malformed', { field: 'iv' });
  const iv = decodeDer(parameters, 'iv', (r) => r.optional(TAG.octetString)) ?? fail('der_malformed', { field: 'iv' });
  if (iv.length !== AES_BLOCK_BYTES) fail('der_malformed', { field: 'iv', length: iv.length, expected: `${AES_BLOCK_BYTES} bytes` });
  return iv.slice();
}

/**
 * The outline of a PrivateKeyInfo / OneAsymmetricKey (RFC 5958 §2): one DER SEQUENCE starting with
 * version INTEGER 0 or 1, an AlgorithmIdentifier SEQUENCE that opens with an OID, and an OCTET STRING.
 * Enough to tell a decrypted key from the noise a wrong passphrase produces; the key itself is checked by
 * the PKCS#8 reader.
 */
function assertPrivateKeyInfoShape(der: Uint8Array): void {
  const outer = assertSingleDer(der);
  if (outer.tag !== 0x30) fail('der_malformed', { field: 'PrivateKeyInfo' });
  const version = readTlv(der, outer.valueOffset, outer.end);
  if (version.tag !== 0x02 || version.length !== 1 || der[version.valueOffset]! > 1) {
    fail('der_malformed', { field: 'version' });
  }
  const algorithm = readTlv(der, version.end, outer.end);
  if (algorithm.tag !== 0x30 || readTlv(der, algorithm.valueOffset, algorithm.end).tag !== 0x06) {
    fail('der_malformed', { field: 'privateKeyAlgorithm' });
  }
  if (readTlv(der, algorithm.end, outer.end).tag !== 0x04) fail('der_malformed', { field: 'privateKey' });
}

/** PBKDF2 (RFC 8018 §5.2) through WebCrypto; the passphrase is its UTF-8 bytes, as OpenSSL uses them. */
async function pbkdf2(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hash: PbkdfHash,
  keyBytes: number,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) fail('crypto_unavailable');
  const password = new TextEncoder().encode(passphrase);
  try {
    const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, keyBytes * 8);
    return new Uint8Array(bits);
  } finally {
    wipe(password);
  }
}
