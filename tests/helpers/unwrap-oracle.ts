// The independent oracle for delivered key material (docs/spec.md §20, §21): the file exactly as a provider takes
// it is opened, its wrapped bytes unwrapped with the OpenSSL 3 CLI alone, and the plaintext returned. The vendors'
// recipes and file encodings are written here from their own documents (research §3 V1–V6, §4) and deliberately
// NOT read from src/lib/providers, so that a wrong entry there makes the tests fail instead of agreeing with it.
// Nothing from src/ is imported.
import { readFileSync } from 'node:fs';
import { oaepDecryptArgs, opensslAsync } from './openssl.ts';
import { sm2RawToDer } from './sm2-der.ts';

export type OracleHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** How a vendor wraps, as its own document describes it. */
export type Recipe =
  | { shape: 'rsa-oaep' | 'rsa-oaep+aes-kwp'; hash: OracleHash }
  | { shape: 'rsa-oaep+aes-ecb'; hash: 'SHA-256' }
  | { shape: 'sm2'; encoding: 'C1C3C2' | 'GMT0009-DER' }
  | { shape: 'sm2+sm4-ecb' };

/** What the plaintext is: a secret's raw bytes, an asymmetric key's PKCS#8 DER, or an EC private scalar. */
export type PlaintextForm = 'raw' | 'pkcs8' | 'scalar';

const oaep = (hash: 'SHA-1' | 'SHA-256'): Recipe => ({ shape: 'rsa-oaep', hash });
const kwp = (hash: OracleHash): Recipe => ({ shape: 'rsa-oaep+aes-kwp', hash });

/**
 * Key: `provider algorithm`. Huawei's RSAES_OAEP_* are direct for secrets and OAEP ‖ KWP for asymmetric keys
 * (dew_01_0089), hence a function of "is the target a secret".
 */
const RECIPES: Readonly<Record<string, Recipe | ((secret: boolean) => Recipe)>> = {
  // Alibaba: asymmetric import sample (seed 000) and GetParametersForImport; SM2PKE symmetric: raw (spec §9.5.1)
  'alibaba RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD': { shape: 'rsa-oaep+aes-ecb', hash: 'SHA-256' },
  'alibaba SM2PKE_SM4_ECB': { shape: 'sm2+sm4-ecb' },
  'alibaba RSAES_OAEP_SHA_256': oaep('SHA-256'),
  'alibaba RSAES_OAEP_SHA_1': oaep('SHA-1'),
  'alibaba SM2PKE': { shape: 'sm2', encoding: 'C1C3C2' },
  // AWS "Step 3: Encrypt the key material" OpenSSL steps; SM2PKE: ASN.1 (offline-operations)
  'aws RSAES_OAEP_SHA_256': oaep('SHA-256'),
  'aws RSAES_OAEP_SHA_1': oaep('SHA-1'),
  'aws RSA_AES_KEY_WRAP_SHA_256': kwp('SHA-256'),
  'aws RSA_AES_KEY_WRAP_SHA_1': kwp('SHA-1'),
  'aws SM2PKE': { shape: 'sm2', encoding: 'GMT0009-DER' },
  // Google resources.proto ImportMethod
  'gcp RSA_OAEP_3072_SHA1_AES_256': kwp('SHA-1'),
  'gcp RSA_OAEP_4096_SHA1_AES_256': kwp('SHA-1'),
  'gcp RSA_OAEP_3072_SHA256_AES_256': kwp('SHA-256'),
  'gcp RSA_OAEP_4096_SHA256_AES_256': kwp('SHA-256'),
  'gcp RSA_OAEP_3072_SHA256': oaep('SHA-256'),
  'gcp RSA_OAEP_4096_SHA256': oaep('SHA-256'),
  // Azure byok-specification: "RSA-OAEP with SHA1" + AES Key Wrap with Padding
  'azure CKM_RSA_AES_KEY_WRAP': kwp('SHA-1'),
  // Vault path_import.go: hash_function for the OAEP of a 32-byte AES key, then KWP
  'vault SHA256': kwp('SHA-256'),
  'vault SHA1': kwp('SHA-1'),
  'vault SHA384': kwp('SHA-384'),
  'vault SHA512': kwp('SHA-512'),
  // Huawei dew_01_0089
  'huawei RSAES_OAEP_SHA_256': (secret) => (secret ? oaep('SHA-256') : kwp('SHA-256')),
  'huawei RSAES_OAEP_SHA_1': (secret) => (secret ? oaep('SHA-1') : kwp('SHA-1')),
  'huawei SM2_ENCRYPT': { shape: 'sm2', encoding: 'GMT0009-DER' },
  // Tencent ImportKeyMaterial; OCI importingkeys.htm
  'tencent RSAES_OAEP_SHA_256': oaep('SHA-256'),
  'tencent RSAES_OAEP_SHA_1': oaep('SHA-1'),
  'oci RSA_OAEP_SHA256': oaep('SHA-256'),
  'oci RSA_OAEP_AES_SHA256': kwp('SHA-256'),
};

/** The vendor's recipe for `provider algorithm`; throws when this oracle has none (a new algorithm needs one here). */
export function recipeFor(provider: string, algorithm: string, secret: boolean): Recipe {
  const r = RECIPES[`${provider} ${algorithm}`];
  if (r === undefined) throw new Error(`no vendor recipe in the oracle for ${provider} ${algorithm}`);
  return typeof r === 'function' ? r(secret) : r;
}

/** Only Alibaba's SM2PKE_SM4_ECB carries an asymmetric key as its bare scalar (research §4.1). */
export function plaintextFormOf(recipe: Recipe, secret: boolean): PlaintextForm {
  if (secret) return 'raw';
  return recipe.shape === 'sm2+sm4-ecb' ? 'scalar' : 'pkcs8';
}

const modulusCache = new Map<string, Promise<number>>();

/** k, the RSA modulus length in bytes of a private key file, as OpenSSL reads it (the V3 recipe's `modlen`). */
export function rsaModulusBytes(privateKeyPath: string): Promise<number> {
  let p = modulusCache.get(privateKeyPath);
  if (!p) {
    p = opensslAsync(['rsa', '-in', privateKeyPath, '-noout', '-modulus']).then((out) => {
      const hex = /^Modulus=([0-9A-F]+)\s*$/i.exec(out.toString())?.[1];
      if (!hex) throw new Error(`no modulus in openssl output for ${privateKeyPath}`);
      return hex.length / 2;
    });
    modulusCache.set(privateKeyPath, p);
  }
  return p;
}

export interface Unwrapped {
  plaintext: Buffer;
  /** the RSA-OAEP block and what it decrypted to, for a second implementation (pyca) to check */
  oaepBlock?: Uint8Array;
  oaepPlain?: Buffer;
}

/** Unwrap wrapped bytes by a recipe with the OpenSSL CLI alone (research §3 V1, V3–V6). */
export async function unwrapWithRecipe(recipe: Recipe, wrapped: Uint8Array, privateKeyPath: string): Promise<Unwrapped> {
  switch (recipe.shape) {
    case 'rsa-oaep': {
      const plaintext = await opensslAsync(oaepDecryptArgs(privateKeyPath, recipe.hash), wrapped);
      return { plaintext, oaepBlock: wrapped, oaepPlain: plaintext };
    }
    case 'rsa-oaep+aes-kwp': {
      const k = await rsaModulusBytes(privateKeyPath);
      if (wrapped.length <= k) throw new Error(`OAEP ‖ KWP: ${wrapped.length} bytes, no more than the ${k}-byte RSA block`);
      const block = wrapped.subarray(0, k);
      const esk = await opensslAsync(oaepDecryptArgs(privateKeyPath, recipe.hash), block);
      if (esk.length !== 32) throw new Error(`OAEP ‖ KWP: the ephemeral key is ${esk.length} bytes, not 32 (AES-256)`);
      const plaintext = await opensslAsync(['enc', '-d', '-id-aes256-wrap-pad', '-K', esk.toString('hex'), '-iv', 'A65959A6'], wrapped.subarray(k));
      return { plaintext, oaepBlock: block, oaepPlain: esk };
    }
    case 'rsa-oaep+aes-ecb': {
      const k = await rsaModulusBytes(privateKeyPath);
      if (wrapped.length <= k) throw new Error(`OAEP ‖ AES-ECB: ${wrapped.length} bytes, no more than the ${k}-byte RSA block`);
      const block = wrapped.subarray(0, k);
      const esk = await opensslAsync(oaepDecryptArgs(privateKeyPath, recipe.hash), block);
      if (esk.length !== 32) throw new Error(`OAEP ‖ AES-ECB: the ephemeral key is ${esk.length} bytes, not 32 (AES-256)`);
      const plaintext = await opensslAsync(['enc', '-d', '-aes-256-ecb', '-K', esk.toString('hex')], wrapped.subarray(k));
      return { plaintext, oaepBlock: block, oaepPlain: esk };
    }
    case 'sm2': {
      const der = recipe.encoding === 'C1C3C2' ? sm2RawToDer(wrapped) : wrapped;
      return { plaintext: await opensslAsync(['pkeyutl', '-decrypt', '-inkey', privateKeyPath], der) };
    }
    case 'sm2+sm4-ecb': {
      // raw C1‖C3‖C2 of a 16-byte SM4 key: 65 + 32 + 16 = 113 bytes, then SM4-ECB(d) without padding (V6)
      const esk = await opensslAsync(['pkeyutl', '-decrypt', '-inkey', privateKeyPath], sm2RawToDer(wrapped.subarray(0, 113)));
      if (esk.length !== 16) throw new Error(`SM2 + SM4-ECB: the ephemeral key is ${esk.length} bytes, not 16 (SM4)`);
      return { plaintext: await opensslAsync(['enc', '-d', '-sm4-ecb', '-nopad', '-K', esk.toString('hex')], wrapped.subarray(113)) };
    }
  }
}

// --- the delivered files, decoded as each provider reads them (spec §20.x "Delivery", research §4) ---

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_BASE64_UNPADDED = /^[A-Za-z0-9_-]+$/;

/** Standard base64 (RFC 4648 §4), padded, nothing else: Node's decoder skips junk, so the text is checked first. */
function strictBase64(text: string, what: string): Buffer {
  if (text.length === 0 || !STD_BASE64.test(text)) throw new Error(`${what}: not bare, padded standard base64`);
  return Buffer.from(text, 'base64');
}

function jsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  const text = bytes.toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${what}: not JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${what}: not a JSON object`);
  return v as Record<string, unknown>;
}

function stringField(o: Record<string, unknown>, field: string, what: string): string {
  const v = o[field];
  if (typeof v !== 'string') throw new Error(`${what}: "${field}" is not a string`);
  return v;
}

export interface DecodedDelivery {
  /** the wrapped bytes, RSA block (if any) first */
  wrapped: Buffer;
  /**
   * whether the file's own form says the target is a secret: known only for Huawei, whose asymmetric keys come as
   * a two-field JSON and secrets as base64 text
   */
  secret?: boolean;
  /** Azure .byok: the KEK identifier in its header */
  kid?: string;
}

/**
 * The wrapped bytes of a delivered file, read as the provider reads it:
 * AWS `EncryptedKeyMaterial.bin` and Google's `--wrapped-key-file` raw binary; Alibaba, Tencent, Vault (and Huawei
 * secrets) bare standard base64 text; Azure `.byok` JSON with unpadded base64url `ciphertext` and header
 * {kid, alg "dir", enc <algorithm>}; Huawei asymmetric keys JSON {encrypted_key_material, encrypted_privatekey}
 * (RSA block, then KWP); OCI WrappedImportKey JSON {keyMaterial, wrappingAlgorithm}.
 */
export function decodeDelivered(provider: string, algorithm: string, bytes: Buffer): DecodedDelivery {
  const what = `${provider} material`;
  switch (provider) {
    case 'aws':
    case 'gcp':
      if (bytes.length === 0) throw new Error(`${what}: empty file`);
      return { wrapped: bytes };
    case 'alibaba':
    case 'tencent':
    case 'vault':
      return { wrapped: strictBase64(bytes.toString('latin1'), what) };
    case 'huawei': {
      if (bytes[0] !== 0x7b /* { */) return { wrapped: strictBase64(bytes.toString('latin1'), what), secret: true };
      const o = jsonObject(bytes, what);
      const keys = Object.keys(o).sort().join(',');
      if (keys !== 'encrypted_key_material,encrypted_privatekey') throw new Error(`${what}: fields ${keys}`);
      const block = strictBase64(stringField(o, 'encrypted_key_material', what), `${what} encrypted_key_material`);
      const kwpPart = strictBase64(stringField(o, 'encrypted_privatekey', what), `${what} encrypted_privatekey`);
      return { wrapped: Buffer.concat([block, kwpPart]), secret: false };
    }
    case 'azure': {
      const o = jsonObject(bytes, what);
      if (o.schema_version !== '1.0.0') throw new Error(`${what}: schema_version ${String(o.schema_version)}`);
      const header = o.header as Record<string, unknown> | undefined;
      if (header === null || typeof header !== 'object') throw new Error(`${what}: no header`);
      if (header.alg !== 'dir') throw new Error(`${what}: header.alg ${String(header.alg)}, not "dir"`);
      if (header.enc !== algorithm) throw new Error(`${what}: header.enc ${String(header.enc)}, not ${algorithm}`);
      const kid = stringField(header, 'kid', `${what} header`);
      const ciphertext = stringField(o, 'ciphertext', what);
      if (!URL_BASE64_UNPADDED.test(ciphertext) || ciphertext.length % 4 === 1) throw new Error(`${what}: ciphertext is not unpadded base64url`);
      return { wrapped: Buffer.from(ciphertext, 'base64url'), kid };
    }
    case 'oci': {
      const o = jsonObject(bytes, what);
      if (o.wrappingAlgorithm !== algorithm) throw new Error(`${what}: wrappingAlgorithm ${String(o.wrappingAlgorithm)}, not ${algorithm}`);
      return { wrapped: strictBase64(stringField(o, 'keyMaterial', what), `${what} keyMaterial`) };
    }
    default:
      throw new Error(`the oracle does not know how ${provider} delivers material`);
  }
}

export interface DeliveredPlaintext extends Unwrapped {
  /** what the plaintext is; compare it with backupKeyBytes(backup, passphrase, form) */
  form: PlaintextForm;
  recipe: Recipe;
  decoded: DecodedDelivery;
}

/**
 * Open a delivered material file (a path, or its bytes) as its provider would and unwrap it with OpenSSL alone.
 * `secret` says whether the target is a secret key (it decides Huawei's recipe and the plaintext form); Huawei's
 * file says it by its form, and a contradiction fails.
 */
export async function unwrapDelivered(
  file: string | Uint8Array,
  options: { provider: string; algorithm: string; privateKeyPath: string; secret: boolean },
): Promise<DeliveredPlaintext> {
  const bytes = typeof file === 'string' ? readFileSync(file) : Buffer.from(file);
  const decoded = decodeDelivered(options.provider, options.algorithm, bytes);
  if (decoded.secret !== undefined && decoded.secret !== options.secret)
    throw new Error(`${options.provider} material: the file's form is for ${decoded.secret ? 'a secret' : 'an asymmetric'} key`);
  const recipe = recipeFor(options.provider, options.algorithm, options.secret);
  const out = await unwrapWithRecipe(recipe, decoded.wrapped, options.privateKeyPath);
  return { ...out, form: plaintextFormOf(recipe, options.secret), recipe, decoded };
}

// --- the other side of the comparison: what the backup holds, read by OpenSSL ---

/**
 * An EC private scalar as OpenSSL prints it (`priv:`), left-padded to the curve's field length, which is read from
 * the uncompressed public point `pub:` (04 ‖ x ‖ y) printed with it. Input: PKCS#8 DER.
 */
export async function scalarOfPkcs8(pkcs8: Uint8Array): Promise<Buffer> {
  const text = (await opensslAsync(['pkey', '-inform', 'DER', '-noout', '-text'], pkcs8)).toString();
  const m = /priv:\s*([0-9a-f:\s]+?)\s*pub:\s*([0-9a-f:\s]+?)\s*(?:ASN1 OID|NIST CURVE|$)/i.exec(text);
  if (!m) throw new Error('no EC priv/pub in openssl output');
  const priv = Buffer.from(m[1]!.replace(/[:\s]/g, ''), 'hex');
  const pub = Buffer.from(m[2]!.replace(/[:\s]/g, ''), 'hex');
  if (pub[0] !== 0x04 || pub.length % 2 !== 1) throw new Error('EC public point is not uncompressed');
  const length = (pub.length - 1) / 2;
  const unpadded = priv.subarray(Math.max(0, priv.length - length));
  if (priv.subarray(0, priv.length - unpadded.length).some((b) => b !== 0)) throw new Error('EC scalar longer than the field');
  return Buffer.concat([Buffer.alloc(length - unpadded.length), unpadded]);
}

/**
 * The key inside an encrypted backup, decrypted by OpenSSL alone: a CMS password backup (spec §9.7) →
 * `openssl cms -decrypt -pwri_password` → the secret's raw bytes; an encrypted PKCS#8 backup (spec §3.4) →
 * `openssl pkcs8 -topk8 -nocrypt` → PKCS#8 DER as OpenSSL writes it (form 'pkcs8'), or the EC private scalar
 * (form 'scalar'). Form 'raw' is the CMS case; asking for a form the file cannot give fails.
 */
export async function backupKeyBytes(file: string, passphrase: string, form: PlaintextForm = 'pkcs8'): Promise<Buffer> {
  const text = readFileSync(file, 'latin1');
  if (/^-----BEGIN CMS-----\r?\n/.test(text)) {
    if (form !== 'raw') throw new Error(`a CMS backup holds a secret key, not its ${form}`);
    return opensslAsync(['cms', '-decrypt', '-inform', 'PEM', '-in', file, '-pwri_password', passphrase, '-binary']);
  }
  if (/^-----BEGIN ENCRYPTED PRIVATE KEY-----\r?\n/.test(text)) {
    if (form === 'raw') throw new Error('an encrypted PKCS#8 backup holds an asymmetric key, not raw secret bytes');
    const pkcs8 = await opensslAsync(['pkcs8', '-topk8', '-nocrypt', '-in', file, '-passin', `pass:${passphrase}`, '-outform', 'DER']);
    return form === 'pkcs8' ? pkcs8 : scalarOfPkcs8(pkcs8);
  }
  throw new Error(`${file}: neither a CMS nor an encrypted PKCS#8 backup`);
}

/** The KCV of an AES or SM4 key as HSMs print it (spec §10.4): the first 3 bytes of E(K, 0¹²⁸), by OpenSSL. */
export async function kcvOf(key: Uint8Array, cipher: 'aes' | 'sm4'): Promise<string> {
  const name = cipher === 'sm4' ? '-sm4-ecb' : `-aes-${key.length * 8}-ecb`;
  const block = await opensslAsync(['enc', name, '-nopad', '-K', Buffer.from(key).toString('hex')], new Uint8Array(16));
  return block.subarray(0, 3).toString('hex');
}
