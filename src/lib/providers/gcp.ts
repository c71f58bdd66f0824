// Google Cloud KMS (import jobs) — docs/spec.md §20.3. googleapis google/cloud/kms/v1 resources.proto
// (ImportMethod) and service.proto (ImportCryptoKeyVersionRequest.wrapped_key); "Formatting keys for import".
import type { KeySpec } from '../keys/key-specs.ts';
import type { Provider } from './types.ts';

const SECRETS: readonly KeySpec[] = ['AES_128', 'AES_256', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'];
const RSA: readonly KeySpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const EC: readonly KeySpec[] = ['EC_P256', 'EC_P384', 'EC_P256K'];

export const gcp: Provider = {
  id: 'gcp',
  name: 'Google Cloud KMS',
  // The key's algorithm (CryptoKeyVersionAlgorithm) as gcloud's --algorithm takes it.
  keySpecs: {
    'google-symmetric-encryption': 'AES_256',
    'aes-128-gcm': 'AES_128',
    'aes-256-gcm': 'AES_256',
    'aes-128-cbc': 'AES_128',
    'aes-256-cbc': 'AES_256',
    'aes-128-ctr': 'AES_128',
    'aes-256-ctr': 'AES_256',
    'hmac-sha224': 'HMAC_224',
    'hmac-sha256': 'HMAC_256',
    'hmac-sha384': 'HMAC_384',
    'hmac-sha512': 'HMAC_512',
    'rsa-sign-pss-2048-sha256': 'RSA_2048',
    'rsa-sign-pss-3072-sha256': 'RSA_3072',
    'rsa-sign-pss-4096-sha256': 'RSA_4096',
    'rsa-sign-pss-4096-sha512': 'RSA_4096',
    'rsa-sign-pkcs1-2048-sha256': 'RSA_2048',
    'rsa-sign-pkcs1-3072-sha256': 'RSA_3072',
    'rsa-sign-pkcs1-4096-sha256': 'RSA_4096',
    'rsa-sign-pkcs1-4096-sha512': 'RSA_4096',
    'rsa-decrypt-oaep-2048-sha256': 'RSA_2048',
    'rsa-decrypt-oaep-3072-sha256': 'RSA_3072',
    'rsa-decrypt-oaep-4096-sha256': 'RSA_4096',
    'rsa-decrypt-oaep-4096-sha512': 'RSA_4096',
    'ec-sign-p256-sha256': 'EC_P256',
    'ec-sign-p384-sha384': 'EC_P384',
    'ec-sign-secp256k1-sha256': 'EC_P256K',
  },
  // A method named for 3072 or 4096 bits takes only a wrapping key of that size. The direct methods "cannot be
  // used to wrap RSA keys".
  algorithms: [
    { name: 'RSA_OAEP_3072_SHA256_AES_256', wrappingKeySpecs: ['RSA_3072'], keySpecs: [...SECRETS, ...RSA, ...EC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' } },
    { name: 'RSA_OAEP_4096_SHA256_AES_256', wrappingKeySpecs: ['RSA_4096'], keySpecs: [...SECRETS, ...RSA, ...EC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' } },
    { name: 'RSA_OAEP_3072_SHA1_AES_256', wrappingKeySpecs: ['RSA_3072'], keySpecs: [...SECRETS, ...RSA, ...EC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' } },
    { name: 'RSA_OAEP_4096_SHA1_AES_256', wrappingKeySpecs: ['RSA_4096'], keySpecs: [...SECRETS, ...RSA, ...EC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' } },
    { name: 'RSA_OAEP_3072_SHA256', wrappingKeySpecs: ['RSA_3072'], keySpecs: [...SECRETS, ...EC], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
    { name: 'RSA_OAEP_4096_SHA256', wrappingKeySpecs: ['RSA_4096'], keySpecs: [...SECRETS, ...EC], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
  ],
  notOffered: [],
  // An ImportJob expires 3 days after it is created.
  token: { form: 'none', validityHours: 72 },
  files: { wrappingKey: [/\.pem$/i] },
  needs: ['importJob'],
  // gcloud kms keys versions import: --wrapped-key-file is read as a raw binary file; --algorithm is the key's
  // algorithm (the key spec name here). The key is named by its full resource name (split into its flags).
  cli: (c) => {
    const key = /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/.exec(c.keyId);
    const where = key ? ['--location', key[2]!, '--keyring', key[3]!, '--key', key[4]!] : ['--key', c.keyId];
    return ['gcloud', 'kms', 'keys', 'versions', 'import', ...where, '--import-job', c.importJob ?? '', '--algorithm', c.keySpecName, '--wrapped-key-file', c.fileName];
  },
  delivery: { form: 'binary', fileName: 'wrapped-key_{id}.bin' },
};
