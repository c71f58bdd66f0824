// Tencent Cloud KMS — docs/spec.md §20.7. GetParametersForImport / ImportKeyMaterial (kms/v20190118).
import type { Provider } from './types.ts';

export const tencent: Provider = {
  id: 'tencent',
  name: 'Tencent Cloud KMS',
  // EXTERNAL (Type=2) ENCRYPT_DECRYPT keys: 256-bit in FIPS regions, 128-bit in SM regions.
  keySpecs: {
    'ENCRYPT_DECRYPT (256-bit, FIPS regions)': 'AES_256',
    'ENCRYPT_DECRYPT (128-bit SM4, SM regions)': 'SM4',
  },
  algorithms: [
    { name: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
    { name: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-1' } },
  ],
  notOffered: [{ name: 'RSAES_PKCS1_V1_5', reason: 'pkcs1_v1_5_unsupported' }],
  token: { form: 'text', validityHours: 24 },
  files: { wrappingKey: [/publickey/i], token: [/token/i] },
  // tccli: API parameters as flags, values inline. ValidTo 0: the material does not expire.
  cli: (c) => ['tccli', 'kms', 'ImportKeyMaterial', '--KeyId', c.keyId, '--EncryptedKeyMaterial', { cat: c.fileName }, '--ImportToken', { cat: c.tokenFileName ?? 'token.txt' }, '--ValidTo', '0'],
  delivery: { form: 'base64-text', fileName: 'EncryptedKeyMaterial_{id}.txt' },
};
