// What a custodian downloads from a cloud KMS before an import, made by the OpenSSL CLI: a fresh wrapping key pair
// (the private half stays here for the oracle, tests/helpers/unwrap-oracle.ts) and the provider's files in its own
// names and encodings (docs/spec.md §4, §5, §20; research §4). Names and encodings are written here from those
// documents, never read from src/lib/providers; kms-fixtures.test.ts checks them against the provider data.
// Node only (OpenSSL, node:fs).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { opensslAsync, type scratch } from './openssl.ts';

export type FixtureProvider = 'alibaba' | 'aws' | 'gcp' | 'azure' | 'vault' | 'huawei' | 'tencent' | 'oci';
export type FixtureWrappingKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_SM2';

export interface KmsFile {
  /** the file name as the provider's console or CLI gives it */
  name: string;
  path: string;
  bytes: Buffer;
}

export interface KmsFixture {
  provider: FixtureProvider;
  algorithm: string;
  wrappingKeySpec: FixtureWrappingKeySpec;
  /** the KMS key's identifier as the provider spells it (Google: the key's full resource name; Vault: a key name) */
  keyId: string;
  /** the KMS side's private key: only the oracle reads it */
  privateKeyPath: string;
  /** SubjectPublicKeyInfo DER of the wrapping key, whatever form the file has (its fingerprint is sha256 of this) */
  publicKeyDer: Buffer;
  wrappingKey: KmsFile;
  /** where the provider has one: text (base64) or, for AWS, opaque binary */
  token?: KmsFile & { form: 'text' | 'binary'; sha256: string };
  /** Azure: the KEK's full, versioned key identifier */
  kekId?: string;
  /** Google: the import job's resource name */
  importJob?: string;
}

export interface FixtureRequest {
  provider: FixtureProvider;
  algorithm: string;
  wrappingKeySpec: FixtureWrappingKeySpec;
  /** default: an identifier in the provider's own shape */
  keyId?: string;
  /**
   * reuse this KMS-side private key (PEM) instead of generating one: one Vault mount has one wrapping key for every
   * import into it, and an RSA-4096 key takes OpenSSL seconds to make
   */
  privateKeyPath?: string;
}

/** A KMS-side wrapping key pair made by OpenSSL (RSA of the spec's size, or SM2), written as PEM to `path`. */
export async function generateWrappingKey(path: string, spec: FixtureWrappingKeySpec): Promise<string> {
  const args = spec === 'EC_SM2' ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'] : ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.slice(4)}`];
  await opensslAsync(['genpkey', ...args, '-out', path]);
  return path;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** A KMS token of `n` random bytes in base64 text (Alibaba, Huawei, Tencent: the ImportToken API field). */
const textToken = (n: number) => randomBytes(n).toString('base64');

/**
 * AWS `ImportToken.bin`: an opaque binary blob. It starts with 0xFF, which never occurs in UTF-8, so the bytes are
 * binary by the rule of spec §5 and can never be mistaken for (or decoded as) text.
 */
function binaryToken(n: number): Buffer {
  const b = randomBytes(n);
  b[0] = 0xff;
  return b;
}

function defaultKeyId(provider: FixtureProvider): string {
  switch (provider) {
    case 'alibaba':
      return `key-${hex(12)}`; // "key-hzz62f1cb66fa42qo…"
    case 'aws':
    case 'huawei':
    case 'tencent':
      return randomUUID();
    case 'gcp':
      return `projects/byok-test/locations/global/keyRings/ring-${hex(3)}/cryptoKeys/imported-${hex(3)}`;
    case 'azure':
    case 'vault':
      return `imported-${hex(4)}`;
    case 'oci':
      return `ocid1.key.oc1.iad.${hex(20)}`;
  }
}

/**
 * Make one provider's download: the wrapping key pair by OpenSSL (RSA of the given size, or SM2), then the files:
 * - Alibaba: `publickey_<keyId>.pem` (PEM SPKI) and `token_<keyId>.txt` (base64 text) — spec §20.1;
 * - AWS: `WrappingPublicKey.bin` (DER SPKI) and `ImportToken.bin` (binary, not UTF-8) — the console's zip, §20.2;
 * - Google: `wrapping-key.pem`, the import job's `publicKey.pem` as gcloud prints it; no token, an import job
 *   name instead — §20.3;
 * - Azure: `KEK.pem` (`az keyvault key download --file KEK.pem`, PEM SPKI); no token, the KEK's versioned key
 *   identifier instead — §20.4;
 * - Vault: `wrapping_key.pem`, the `public_key` PEM of `GET <mount>/wrapping_key`; no token — §20.5;
 * - Huawei: `wrappingKey_<keyId>` (binary DER) and `importToken_<keyId>` (base64 text) — §20.6;
 * - Tencent: `publickey_<keyId>.txt` and `token_<keyId>.txt`, both the API's base64 fields — §20.7;
 * - OCI: `wrapping_key.pem`, the vault's wrapping key PEM; no token — §20.8.
 * Each fixture gets its own folder under `dir` (AWS's names are fixed, so two AWS downloads would collide).
 */
export async function makeKmsFixture(dir: ReturnType<typeof scratch>, request: FixtureRequest): Promise<KmsFixture> {
  const { provider, algorithm, wrappingKeySpec } = request;
  const keyId = request.keyId ?? defaultKeyId(provider);
  const folder = dir.path(`${provider}-${hex(4)}`);
  mkdirSync(folder);
  const privateKeyPath = request.privateKeyPath ?? (await generateWrappingKey(join(folder, 'kms-wrapping-private-key.pem'), wrappingKeySpec));
  const publicKeyDer = await opensslAsync(['pkey', '-in', privateKeyPath, '-pubout', '-outform', 'DER']);
  const publicPem = pem('PUBLIC KEY', publicKeyDer);

  const file = (name: string, bytes: Buffer | string): KmsFile => {
    const path = join(folder, name);
    const b = Buffer.from(bytes);
    writeFileSync(path, b);
    return { name, path, bytes: b };
  };
  const token = (name: string, bytes: Buffer | string, form: 'text' | 'binary') => {
    const f = file(name, bytes);
    // spec §5: a text token's fingerprint is over its trimmed text, a binary one's over its raw bytes
    return { ...f, form, sha256: sha256(form === 'text' ? f.bytes.toString('utf8').trim() : f.bytes) };
  };
  const base = { provider, algorithm, wrappingKeySpec, keyId, privateKeyPath, publicKeyDer };

  switch (provider) {
    case 'alibaba':
      return { ...base, wrappingKey: file(`publickey_${keyId}.pem`, publicPem), token: token(`token_${keyId}.txt`, textToken(480), 'text') };
    case 'aws':
      return { ...base, wrappingKey: file('WrappingPublicKey.bin', publicKeyDer), token: token('ImportToken.bin', binaryToken(1024), 'binary') };
    case 'gcp': {
      const ring = /keyRings\/([^/]+)/.exec(keyId)?.[1] ?? `ring-${hex(3)}`;
      const importJob = `projects/byok-test/locations/global/keyRings/${ring}/importJobs/job-${hex(3)}`;
      return { ...base, wrappingKey: file('wrapping-key.pem', publicPem), importJob };
    }
    case 'azure': {
      const kekId = `https://byok-${hex(4)}.vault.azure.net/keys/kek-${hex(3)}/${hex(16)}`;
      return { ...base, wrappingKey: file('KEK.pem', publicPem), kekId };
    }
    case 'vault':
      return { ...base, wrappingKey: file('wrapping_key.pem', publicPem) };
    case 'huawei':
      return { ...base, wrappingKey: file(`wrappingKey_${keyId}`, publicKeyDer), token: token(`importToken_${keyId}`, textToken(600), 'text') };
    case 'tencent':
      return { ...base, wrappingKey: file(`publickey_${keyId}.txt`, publicKeyDer.toString('base64')), token: token(`token_${keyId}.txt`, textToken(480), 'text') };
    case 'oci':
      return { ...base, wrappingKey: file('wrapping_key.pem', publicPem) };
  }
}

/** Several downloads at once: key generation (RSA-4096 above all) runs concurrently. */
export function makeKmsFixtures(dir: ReturnType<typeof scratch>, requests: readonly FixtureRequest[]): Promise<KmsFixture[]> {
  return Promise.all(requests.map((r) => makeKmsFixture(dir, r)));
}
