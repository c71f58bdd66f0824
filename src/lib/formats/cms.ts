// Encrypted backup of a secret (symmetric or HMAC) key: CMS EnvelopedData (RFC 5652 §6) with one
// PasswordRecipientInfo (RFC 5652 §6.2.4, RFC 3211), PEM label "CMS" (RFC 7468 §9 is "PKCS7"; OpenSSL writes
// and reads "CMS"). docs/spec.md §9.7. What `openssl cms -decrypt -inform PEM -pwri_password PASS -binary`
// opens, and what `openssl cms -encrypt -pwri_password PASS -aes256` writes can be loaded.
//
// Read and written by the one DER codec (der-codec.ts) with RFC 5652's tagging: its module is IMPLICIT TAGS
// (§12.1), so PasswordRecipientInfo's keyDerivationAlgorithm is [0] IMPLICIT (@peculiar/asn1-cms 2.11.1 has it
// EXPLICIT and cannot read OpenSSL's files).
//
// Secrets: the CEK, the KEK and the plaintext are in buffers we create and wipe; the DER holds only the
// encrypted forms and public parameters.
import { cbc } from '@noble/ciphers/aes.js';
import { randomBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { pbkdf2, type Pbkdf2Hash } from '../wrap/pbkdf2.ts';
import { pwriUnwrap, pwriWrap } from '../wrap/pwri-kek.ts';
import { algorithmNode, decodeDer, decodeSequence, integerNode, octetString, oidNode, readAlgorithmBody, sequence, TAG, writeDer, type AlgorithmIdentifier } from './der-codec.ts';
import { aesCbcNode, MAX_PBKDF2_ITERATIONS, MAX_SALT_BYTES, MIN_ENCRYPT_ITERATIONS, parseParams, pbkdf2ParamsNode, readPbkdf2Params } from './encrypted-pkcs8.ts';
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

/** Context tags (RFC 5652 §12.1 IMPLICIT TAGS unless marked). */
const TAG_EXPLICIT_0 = 0xa0; // ContentInfo.content [0] EXPLICIT; PasswordRecipientInfo.keyDerivationAlgorithm [0]
const TAG_PWRI = 0xa3; // RecipientInfo.pwri [3] (a SEQUENCE's members under a constructed context tag)
const TAG_ENCRYPTED_CONTENT = 0x80; // EncryptedContentInfo.encryptedContent [0] OCTET STRING

/** RFC 5652 §3 ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY }. */
function readContentInfo(der: Uint8Array): { contentType: string; content: Uint8Array } {
  return decodeSequence(der, 'ContentInfo', (r) => {
    const contentType = r.oid();
    const explicit = r.nested(TAG_EXPLICIT_0);
    const content = explicit.any();
    explicit.end();
    return { contentType, content };
  });
}

/**
 * RFC 5652 §6.1 EnvelopedData without originatorInfo and unprotectedAttrs (never in a backup; refused):
 * SEQUENCE { version, recipientInfos SET OF RecipientInfo (kept as raw TLVs so that a certificate recipient gets
 * our own error), encryptedContentInfo SEQUENCE { contentType, contentEncryptionAlgorithm,
 * encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } }.
 */
function readEnvelopedData(der: Uint8Array) {
  return decodeSequence(der, 'EnvelopedData', (r) => {
    const version = r.integer();
    const set = r.setOf(); // DER order, X.690 §11.6
    const recipientInfos: Uint8Array[] = [];
    while (set.peek() !== undefined) recipientInfos.push(set.any());
    const eci = r.nested(TAG.sequence);
    const encryptedContentInfo = { contentType: eci.oid(), contentEncryptionAlgorithm: eci.algorithm(), encryptedContent: eci.optional(TAG_ENCRYPTED_CONTENT) };
    eci.end();
    return { version, recipientInfos, encryptedContentInfo };
  });
}

/**
 * RFC 5652 §6.2.4 PasswordRecipientInfo ::= SEQUENCE { version, keyDerivationAlgorithm [0] IMPLICIT
 * AlgorithmIdentifier OPTIONAL, keyEncryptionAlgorithm AlgorithmIdentifier, encryptedKey OCTET STRING }, here
 * under its RecipientInfo tag [3].
 */
function readPasswordRecipientInfo(der: Uint8Array) {
  return decodeDer(der, 'PasswordRecipientInfo', (top) => {
    const r = top.nested(TAG_PWRI);
    const version = r.integer();
    const keyDerivationAlgorithm: AlgorithmIdentifier | undefined = r.peek() === TAG_EXPLICIT_0 ? readAlgorithmBody(r.nested(TAG_EXPLICIT_0)) : undefined;
    const pwri = { version, keyDerivationAlgorithm, keyEncryptionAlgorithm: r.algorithm(), encryptedKey: r.value(TAG.octetString) };
    r.end();
    return pwri;
  });
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

    // RecipientInfo ::= CHOICE { …, pwri [3] PasswordRecipientInfo, … }, IMPLICIT (RFC 5652 §6.2, §12.1): the
    // SEQUENCE's members under [3] constructed; keyDerivationAlgorithm's likewise under [0]
    const pwri = {
      tag: TAG_PWRI,
      children: [
        integerNode(PWRI_VERSION),
        { tag: TAG_EXPLICIT_0, children: [oidNode(OID.pbkdf2), pbkdf2ParamsNode(salt, iterations, OID.hmacWithSHA256)] },
        algorithmNode(OID.pwriKek, aesCbcNode(OID.aes256Cbc, kekIv)),
        octetString(encryptedKey),
      ],
    };
    const enveloped = sequence(
      integerNode(ENVELOPED_DATA_VERSION),
      { tag: TAG.set, children: [pwri] },
      sequence(oidNode(OID.data), aesCbcNode(OID.aes256Cbc, contentIv), { tag: TAG_ENCRYPTED_CONTENT, bytes: encryptedContent }),
    );
    return writeDer(sequence(oidNode(OID.envelopedData), { tag: TAG_EXPLICIT_0, children: [enveloped] }));
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
  const info = readContentInfo(input);
  if (info.contentType !== OID.envelopedData) fail('backup_not_password_encrypted', { found: oidName(info.contentType) });
  const enveloped = readEnvelopedData(info.content);

  // RFC 5652 §6.2: pwri is [3] IMPLICIT SEQUENCE; ktri is a bare SEQUENCE, kari [1], kekri [2], ori [4]
  const pwriTlv = enveloped.recipientInfos.find((r) => r[0] === TAG_PWRI);
  if (!pwriTlv) fail('backup_not_password_encrypted', { found: 'a CMS file for certificate or key recipients' });
  if (enveloped.version !== BigInt(ENVELOPED_DATA_VERSION)) fail('der_malformed', { field: 'EnvelopedData.version' });
  const pwri = readPasswordRecipientInfo(pwriTlv);
  if (pwri.version !== BigInt(PWRI_VERSION)) fail('der_malformed', { field: 'PasswordRecipientInfo.version' });

  // key derivation: PBKDF2 only (RFC 3211 §2.1; without it the KEK would come from elsewhere)
  const kdf = pwri.keyDerivationAlgorithm;
  if (!kdf || kdf.algorithm !== OID.pbkdf2) fail('backup_unsupported', { found: kdf ? oidName(kdf.algorithm) : 'no key derivation' });
  const params = parseParams(kdf.parameters, readPbkdf2Params, 'PBKDF2-params');
  const prf = params.prf?.algorithm ?? OID.hmacWithSHA1;
  const hash = PRF_HASHES.get(prf);
  if (!hash) fail('backup_unsupported', { found: oidName(prf) });
  if (params.prf && params.prf.parameters !== undefined && params.prf.parameters !== null) fail('der_malformed', { field: 'prf' });
  const salt = params.salt.slice();
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
  const kekCipher = parseParams(kea.parameters, readAlgorithmBody, 'KeyEncryptionAlgorithm');
  const kek = AES_CBC.get(kekCipher.algorithm);
  if (!kek) fail('backup_unsupported', { found: oidName(kekCipher.algorithm) });
  // §A.2: keyLength is optional; when present it is the KEK cipher's key size
  if (params.keyLength !== undefined && params.keyLength !== BigInt(kek.keyLength)) fail('der_malformed', { field: 'keyLength' });
  const encryptedKey = pwri.encryptedKey.slice();

  // content: id-data, AES-CBC
  const content = enveloped.encryptedContentInfo;
  if (content.contentType !== OID.data) fail('backup_unsupported', { found: oidName(content.contentType) });
  const contentCipher = AES_CBC.get(content.contentEncryptionAlgorithm.algorithm);
  if (!contentCipher) fail('backup_unsupported', { found: oidName(content.contentEncryptionAlgorithm.algorithm) });
  const encryptedContent = content.encryptedContent ? content.encryptedContent.slice() : new Uint8Array(0);
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

/** AES-CBC parameters: the IV as OCTET STRING (SIZE(16)) (RFC 3565 §4.1). */
function readIv(parameters: Uint8Array | null | undefined): Uint8Array {
  if (!(parameters instanceof Uint8Array)) fail('der_malformed', { field: 'iv' });
  const iv = decodeDer(parameters, 'iv', (r) => r.optional(TAG.octetString));
  if (iv === undefined || iv.length !== AES_BLOCK) fail('der_malformed', { field: 'iv' });
  return iv.slice();
}
