// AWS KMS — docs/spec.md §20.2. GetParametersForImport / ImportKeyMaterial; "Step 2: Download the wrapping public
// key and import token" (wrapping-algorithm table) and "Step 3: Encrypt the key material" (OpenSSL steps).
import type { KeySpec } from '../keys/key-specs.ts';
import type { Provider } from './types.ts';

const RSA: readonly KeySpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const ECC: readonly KeySpec[] = ['EC_P256', 'EC_P384', 'EC_P521', 'EC_P256K'];
const HMAC: readonly KeySpec[] = ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'];
const RSA_WRAPPING = ['RSA_4096', 'RSA_3072', 'RSA_2048'] as const;

export const aws: Provider = {
  id: 'aws',
  name: 'AWS KMS',
  keySpecs: {
    SYMMETRIC_DEFAULT: 'AES_256',
    'SYMMETRIC_DEFAULT (China Regions, SM4)': 'SM4',
    HMAC_224: 'HMAC_224',
    HMAC_256: 'HMAC_256',
    HMAC_384: 'HMAC_384',
    HMAC_512: 'HMAC_512',
    RSA_2048: 'RSA_2048',
    RSA_3072: 'RSA_3072',
    RSA_4096: 'RSA_4096',
    ECC_NIST_P256: 'EC_P256',
    ECC_NIST_P384: 'EC_P384',
    ECC_NIST_P521: 'EC_P521',
    ECC_SECG_P256K1: 'EC_P256K',
    SM2: 'EC_SM2',
  },
  // "To import an RSA private key, you must use an RSA_AES wrapping algorithm"; HMAC keys only under direct OAEP;
  // RSA_AES_* is not available in the China Regions, SM2PKE only there. P-521 under RSA_2048 + direct OAEP does
  // not fit one block (241-byte PKCS#8 > 214/190): the capacity rule refuses it (spec §9.1).
  algorithms: [
    { name: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: RSA_WRAPPING, keySpecs: ['AES_256', 'SM4', ...HMAC, ...ECC, 'EC_SM2'], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
    { name: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: RSA_WRAPPING, keySpecs: ['AES_256', 'SM4', ...HMAC, ...ECC, 'EC_SM2'], construction: { shape: 'rsa-oaep', hash: 'SHA-1' } },
    { name: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpecs: RSA_WRAPPING, keySpecs: [...RSA, ...ECC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' } },
    { name: 'RSA_AES_KEY_WRAP_SHA_1', wrappingKeySpecs: RSA_WRAPPING, keySpecs: [...RSA, ...ECC], construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' } },
    // "Example offline operations": the SM2 ciphertext must be GM/T 0009 ASN.1 (SM2OfflineOperationHelper).
    { name: 'SM2PKE', wrappingKeySpecs: ['EC_SM2'], keySpecs: [...RSA, ...ECC, 'EC_SM2'], construction: { shape: 'sm2', encoding: 'GMT0009-DER' } },
  ],
  recommended: { secret: 'RSAES_OAEP_SHA_256', asymmetric: 'RSA_AES_KEY_WRAP_SHA_256' },
  notOffered: [{ name: 'RSAES_PKCS1_V1_5', reason: 'pkcs1_v1_5_unsupported' }],
  token: { form: 'binary', validityHours: 24 },
  // a browser saves a second download as "WrappingPublicKey (1).bin"
  files: { wrappingKey: [/^WrappingPublicKey(?: \(\d+\))?\.bin$/i], token: [/^ImportToken(?: \(\d+\))?\.bin$/i] },
  // aws-cli examples/kms/import-key-material.rst: both blobs as fileb:// (raw binary files).
  cli: (c) => [
    'aws', 'kms', 'import-key-material', '--key-id', c.keyId,
    '--encrypted-key-material', `fileb://${c.fileName}`,
    '--import-token', `fileb://${c.tokenFileName ?? 'ImportToken.bin'}`,
    '--expiration-model', 'KEY_MATERIAL_DOES_NOT_EXPIRE',
  ],
  delivery: { form: 'binary', fileName: 'EncryptedKeyMaterial.bin' },
};
