// Encrypted backup of a secret (symmetric or HMAC) key: CMS EnvelopedData (RFC 5652 §6) with one
// PasswordRecipientInfo (RFC 5652 §6.2.4, RFC 3211), PEM label "CMS" (RFC 7468 §9 is "PKCS7"; OpenSSL writes
// and reads "CMS"). docs/spec.md §9.7. What `openssl cms -decrypt -inform PEM -pwri_password PASS -binary`
// opens, and what `openssl cms -encrypt -pwri_password PASS -aes256` writes can be loaded.
//
// The schema is ours, on @peculiar/asn1-schema: @peculiar/asn1-cms 2.11.1 declares PasswordRecipientInfo's
// keyDerivationAlgorithm [0] EXPLICIT, but RFC 5652's module is IMPLICIT TAGS (§12.1), so it cannot read
// OpenSSL's files and would write files OpenSSL cannot read.
//
// Secrets: the CEK, the KEK and the plaintext are in buffers we create and wipe; the DER holds only the
// encrypted forms and public parameters.
import { cbc } from '@noble/ciphers/aes.js';
import { AsnArray, AsnProp, AsnPropTypes, AsnSerializer, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { randomBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { pbkdf2, type Pbkdf2Hash } from '../wrap/pbkdf2.ts';
import { pwriUnwrap, pwriWrap } from '../wrap/pwri-kek.ts';
import { parseCanonical, readTlv } from './der.ts';
import { MAX_PBKDF2_ITERATIONS, MAX_SALT_BYTES, MIN_ENCRYPT_ITERATIONS, Pbkdf2Params } from './encrypted-pkcs8.ts';
import { OID, oidName } from './oids.ts';

/** The PEM label we write and read (OpenSSL PEM_STRING_CMS). */
export const CMS_PEM_LABEL = 'CMS';
/** RFC 5652 §6.1: version 3 when a PasswordRecipientInfo is present; §6.2.4: pwri version is always 0. */
const ENVELOPED_DATA_VERSION = 3;
const PWRI_VERSION = 0;
const SALT_LENGTH = 16;
const AES_BLOCK = 16;
/** A secret key is at most 64 bytes (HMAC-512); the cap bounds work on a hostile file. */
const MAX_CONTENT = 4096;

/** RFC 5652 §3 ContentInfo. */
class ContentInfo {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  contentType = '';

  @AsnProp({ type: AsnPropTypes.Any, context: 0 })
  content = new ArrayBuffer(0);

  constructor(params: Partial<ContentInfo> = {}) {
    Object.assign(this, params);
  }
}

/** RFC 5652 §6.1 RecipientInfos: kept as raw TLVs so that a certificate recipient gets our own error. */
@AsnType({ type: AsnTypeTypes.Set, itemType: AsnPropTypes.Any })
class RecipientInfos extends AsnArray<ArrayBuffer> {}

/** RFC 5652 §6.2.4 PasswordRecipientInfo; [0] is IMPLICIT (§12.1). */
class PasswordRecipientInfo {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = PWRI_VERSION;

  @AsnProp({ type: AlgorithmIdentifier, context: 0, implicit: true, optional: true })
  keyDerivationAlgorithm?: AlgorithmIdentifier;

  @AsnProp({ type: AlgorithmIdentifier })
  keyEncryptionAlgorithm = new AlgorithmIdentifier();

  @AsnProp({ type: AsnPropTypes.OctetString })
  encryptedKey = new ArrayBuffer(0);

  constructor(params: Partial<PasswordRecipientInfo> = {}) {
    Object.assign(this, params);
  }
}

/** RFC 5652 §6.1 EncryptedContentInfo; encryptedContent [0] IMPLICIT OCTET STRING. */
class EncryptedContentInfo {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  contentType = OID.data;

  @AsnProp({ type: AlgorithmIdentifier })
  contentEncryptionAlgorithm = new AlgorithmIdentifier();

  @AsnProp({ type: AsnPropTypes.OctetString, context: 0, implicit: true, optional: true })
  encryptedContent?: ArrayBuffer;

  constructor(params: Partial<EncryptedContentInfo> = {}) {
    Object.assign(this, params);
  }
}

/** RFC 5652 §6.1 EnvelopedData without originatorInfo and unprotectedAttrs (never in a backup; refused). */
class EnvelopedData {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = ENVELOPED_DATA_VERSION;

  @AsnProp({ type: RecipientInfos })
  recipientInfos = new RecipientInfos();

  @AsnProp({ type: EncryptedContentInfo })
  encryptedContentInfo = new EncryptedContentInfo();

  constructor(params: Partial<EnvelopedData> = {}) {
    Object.assign(this, params);
  }
}

/** AES-CBC as the content cipher and as the PWRI KEK cipher (RFC 3565 §4.1 OIDs; parameters = the IV). */
const AES_CBC: ReadonlyMap<string, { name: string; keyLength: number }> = new Map([
  [OID.aes128Cbc, { name: 'AES-128-CBC', keyLength: 16 }],
  [OID.aes192Cbc, { name: 'AES-192-CBC', keyLength: 24 }],
  [OID.aes256Cbc, { name: 'AES-256-CBC', keyLength: 32 }],
]);

/** PBKDF2 PRFs (RFC 8018 §B.1); absent means hmacWithSHA1 (§A.2), which is what OpenSSL's cms writes. */
const PRF_HASHES: ReadonlyMap<string, Pbkdf2Hash> = new Map([
  [OID.hmacWithSHA1, 'SHA-1'],
  [OID.hmacWithSHA256, 'SHA-256'],
  [OID.hmacWithSHA384, 'SHA-384'],
  [OID.hmacWithSHA512, 'SHA-512'],
]);

const der = (value: object) => new Uint8Array(AsnSerializer.serialize(value));
const aesCbcAlgorithm = (iv: Uint8Array) =>
  new AlgorithmIdentifier({ algorithm: OID.aes256Cbc, parameters: AsnSerializer.serialize(new OctetString(iv)) });

export interface SecretBackupOptions {
  /** PBKDF2 iteration count; MIN_ENCRYPT_ITERATIONS (600,000) to MAX_PBKDF2_ITERATIONS. */
  iterations?: number;
}

/**
 * spec §9.7: ContentInfo DER of an EnvelopedData whose content is `secret`, for one password recipient.
 * KEK = PBKDF2-HMAC-SHA-256(passphrase, 16-byte random salt, ≥ 600,000 iterations, 32 bytes); the random
 * AES-256 CEK is wrapped with id-alg-PWRI-KEK over AES-256-CBC (RFC 3211 §2.3); the content is
 * AES-256-CBC with PKCS#7 padding (RFC 5652 §6.3) under the CEK. Every IV is random.
 */
export async function encryptSecretBackup(secret: Uint8Array, passphrase: string, options: SecretBackupOptions = {}): Promise<Uint8Array> {
  if (!(secret instanceof Uint8Array) || typeof passphrase !== 'string') fail('input_type');
  if (secret.length === 0 || secret.length > MAX_CONTENT) fail('input_type', { field: 'secret', length: secret.length });
  const iterations = options.iterations ?? MIN_ENCRYPT_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_ENCRYPT_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    fail('backup_unsupported', { field: 'iterations', found: `${iterations} iterations`, limit: MIN_ENCRYPT_ITERATIONS });
  }
  if (passphrase.length === 0) fail('passphrase_empty');

  const salt = randomBytes(SALT_LENGTH);
  const kekIv = randomBytes(AES_BLOCK);
  const contentIv = randomBytes(AES_BLOCK);
  const cek = randomBytes(AES_CBC.get(OID.aes256Cbc)!.keyLength);
  let kek: Uint8Array | undefined;
  try {
    kek = await pbkdf2(passphrase, salt, iterations, 'SHA-256', cek.length);
    const encryptedKey = pwriWrap(kek, kekIv, cek);
    const encryptedContent = cbc(cek, contentIv).encrypt(secret);

    const kdfParams = new Pbkdf2Params({
      salt: salt.slice().buffer,
      iterationCount: BigInt(iterations),
      // OpenSSL writes the PRF with NULL parameters (RFC 8018 §B.1.1)
      prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA256, parameters: null }),
    });
    const pwri = new PasswordRecipientInfo({
      keyDerivationAlgorithm: new AlgorithmIdentifier({ algorithm: OID.pbkdf2, parameters: AsnSerializer.serialize(kdfParams) }),
      keyEncryptionAlgorithm: new AlgorithmIdentifier({ algorithm: OID.pwriKek, parameters: der(aesCbcAlgorithm(kekIv)).buffer }),
      encryptedKey: encryptedKey.slice().buffer,
    });
    // RecipientInfo ::= CHOICE { …, pwri [3] PasswordRecipientInfo, … }, IMPLICIT (RFC 5652 §6.2, §12.1):
    // the SEQUENCE's encoding with its tag replaced by [3] constructed
    const recipient = der(pwri);
    recipient[0] = 0xa3;
    const enveloped = new EnvelopedData({
      recipientInfos: new RecipientInfos([recipient.buffer]),
      encryptedContentInfo: new EncryptedContentInfo({
        contentType: OID.data,
        contentEncryptionAlgorithm: aesCbcAlgorithm(contentIv),
        encryptedContent: encryptedContent.slice().buffer,
      }),
    });
    return der(new ContentInfo({ contentType: OID.envelopedData, content: der(enveloped).buffer }));
  } finally {
    wipe(cek, kek);
  }
}

/** What the decoder needs, validated before the passphrase is used. */
interface BackupPlan {
  salt: Uint8Array;
  iterations: number;
  hash: Pbkdf2Hash;
  kekLength: number;
  kekIv: Uint8Array;
  encryptedKey: Uint8Array;
  cekLength: number;
  contentIv: Uint8Array;
  encryptedContent: Uint8Array;
}

/**
 * spec §9.7: the secret inside a password-encrypted CMS backup (ContentInfo DER). The caller wipes the result.
 * The structure and parameters are checked before the passphrase is used, so `decryptSecretBackup(der, '')`
 * answers passphrase_required for a readable backup. A wrong passphrase fails the RFC 3211 check value
 * (passphrase_wrong); the 1 in 2^24 that passes it fails LEN or the content's padding, also passphrase_wrong.
 */
export async function decryptSecretBackup(input: Uint8Array, passphrase: string): Promise<Uint8Array> {
  if (!(input instanceof Uint8Array) || typeof passphrase !== 'string') fail('input_type');
  const plan = readBackup(input);
  if (passphrase.length === 0) fail('passphrase_required');

  const kek = await pbkdf2(passphrase, plan.salt, plan.iterations, plan.hash, plan.kekLength);
  let cek: Uint8Array | null = null;
  let padded: Uint8Array | undefined;
  try {
    cek = pwriUnwrap(kek, plan.kekIv, plan.encryptedKey, plan.cekLength);
    if (!cek) fail('passphrase_wrong');
    padded = new Uint8Array(plan.encryptedContent.length);
    let plain: Uint8Array;
    try {
      plain = cbc(cek, plan.contentIv).decrypt(plan.encryptedContent, padded);
    } catch {
      fail('passphrase_wrong'); // RFC 5652 §6.3 padding: a wrong CEK
    }
    if (plain.length === 0) fail('passphrase_wrong');
    return plain.slice();
  } finally {
    wipe(kek, cek, padded);
  }
}

function readBackup(input: Uint8Array): BackupPlan {
  const info = parseCanonical(input, ContentInfo, 'ContentInfo');
  if (info.contentType !== OID.envelopedData) fail('backup_not_password_encrypted', { found: oidName(info.contentType) });
  const enveloped = parseCanonical(new Uint8Array(info.content), EnvelopedData, 'EnvelopedData');

  // RFC 5652 §6.2: pwri is [3] IMPLICIT SEQUENCE; ktri is a bare SEQUENCE, kari [1], kekri [2], ori [4]
  const recipients = enveloped.recipientInfos.map((r) => new Uint8Array(r));
  const pwriTlv = recipients.find((r) => r[0] === 0xa3);
  if (!pwriTlv) fail('backup_not_password_encrypted', { found: 'a CMS file for certificate or key recipients' });
  if (enveloped.version !== ENVELOPED_DATA_VERSION) fail('der_malformed', { field: 'EnvelopedData.version' });
  const asSequence = pwriTlv.slice();
  asSequence[0] = 0x30;
  const pwri = parseCanonical(asSequence, PasswordRecipientInfo, 'PasswordRecipientInfo');
  if (pwri.version !== PWRI_VERSION) fail('der_malformed', { field: 'PasswordRecipientInfo.version' });

  // key derivation: PBKDF2 only (RFC 3211 §2.1; without it the KEK would come from elsewhere)
  const kdf = pwri.keyDerivationAlgorithm;
  if (!kdf || kdf.algorithm !== OID.pbkdf2) fail('backup_unsupported', { found: kdf ? oidName(kdf.algorithm) : 'no key derivation' });
  const params = parseParams(kdf.parameters, Pbkdf2Params, 'PBKDF2-params');
  const prf = params.prf?.algorithm ?? OID.hmacWithSHA1;
  const hash = PRF_HASHES.get(prf);
  if (!hash) fail('backup_unsupported', { found: oidName(prf) });
  if (params.prf && params.prf.parameters !== undefined && params.prf.parameters !== null) fail('der_malformed', { field: 'prf' });
  const salt = new Uint8Array(params.salt);
  if (salt.length === 0 || salt.length > MAX_SALT_BYTES) fail('der_malformed', { field: 'salt', length: salt.length, limit: MAX_SALT_BYTES });
  const count = params.iterationCount;
  if (count < 1n || count > BigInt(MAX_PBKDF2_ITERATIONS)) {
    fail('backup_unsupported', {
      field: 'iterationCount',
      found: count <= BigInt(Number.MAX_SAFE_INTEGER) ? `${count} iterations` : 'over 2^53 iterations',
      limit: MAX_PBKDF2_ITERATIONS,
    });
  }

  // key encryption: id-alg-PWRI-KEK over AES-CBC (RFC 3211 §2.3: its parameter is the KEK cipher's identifier)
  const kea = pwri.keyEncryptionAlgorithm;
  if (kea.algorithm !== OID.pwriKek) fail('backup_unsupported', { found: oidName(kea.algorithm) });
  const kekCipher = parseParams(kea.parameters, AlgorithmIdentifier, 'KeyEncryptionAlgorithm');
  const kek = AES_CBC.get(kekCipher.algorithm);
  if (!kek) fail('backup_unsupported', { found: oidName(kekCipher.algorithm) });
  // §A.2: keyLength is optional; when present it is the KEK cipher's key size
  if (params.keyLength !== undefined && params.keyLength !== BigInt(kek.keyLength)) fail('der_malformed', { field: 'keyLength' });
  const encryptedKey = new Uint8Array(pwri.encryptedKey);

  // content: id-data, AES-CBC
  const content = enveloped.encryptedContentInfo;
  if (content.contentType !== OID.data) fail('backup_unsupported', { found: oidName(content.contentType) });
  const contentCipher = AES_CBC.get(content.contentEncryptionAlgorithm.algorithm);
  if (!contentCipher) fail('backup_unsupported', { found: oidName(content.contentEncryptionAlgorithm.algorithm) });
  const encryptedContent = content.encryptedContent ? new Uint8Array(content.encryptedContent) : new Uint8Array(0);
  if (encryptedContent.length === 0 || encryptedContent.length % AES_BLOCK !== 0 || encryptedContent.length > MAX_CONTENT + AES_BLOCK) {
    fail('der_malformed', { field: 'encryptedContent', length: encryptedContent.length });
  }
  return {
    salt,
    iterations: Number(count),
    hash,
    kekLength: kek.keyLength,
    kekIv: readIv(kekCipher.parameters),
    encryptedKey,
    cekLength: contentCipher.keyLength,
    contentIv: readIv(content.contentEncryptionAlgorithm.parameters),
    encryptedContent,
  };
}

/** An AlgorithmIdentifier's parameters decoded with `schema`, canonical DER only. */
function parseParams<T>(parameters: ArrayBuffer | null | undefined, schema: new () => T, field: string): T {
  if (!(parameters instanceof ArrayBuffer)) fail('der_malformed', { field });
  return parseCanonical(new Uint8Array(parameters), schema, field);
}

/** AES-CBC parameters: the IV as OCTET STRING (SIZE(16)) (RFC 3565 §4.1). */
function readIv(parameters: ArrayBuffer | null | undefined): Uint8Array {
  if (!(parameters instanceof ArrayBuffer)) fail('der_malformed', { field: 'iv' });
  const bytes = new Uint8Array(parameters);
  const tlv = readTlv(bytes);
  if (tlv.tag !== 0x04 || tlv.length !== AES_BLOCK || tlv.end !== bytes.length) fail('der_malformed', { field: 'iv' });
  return bytes.slice(tlv.valueOffset, tlv.end);
}
