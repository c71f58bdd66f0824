// Alibaba Cloud KMS — docs/spec.md §20.1. Asymmetric import ("Import key material into an asymmetric key",
// shared/seeds/000) and symmetric import (GetParametersForImport / ImportKeyMaterial API references).
import type { Provider } from './types.ts';

export const alibaba: Provider = {
  id: 'alibaba',
  name: 'Alibaba Cloud KMS',
  keySpecs: {
    Aliyun_AES_256: 'AES_256',
    Aliyun_SM4: 'SM4',
    RSA_2048: 'RSA_2048',
    RSA_3072: 'RSA_3072',
    RSA_4096: 'RSA_4096',
    EC_P256: 'EC_P256',
    EC_P256K: 'EC_P256K',
    EC_SM2: 'EC_SM2',
  },
  algorithms: [
    // asymmetric import (spec §1.1, §1.2)
    {
      name: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
      wrappingKeySpecs: ['RSA_2048'],
      keySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K'],
      construction: { shape: 'rsa-oaep+aes-ecb', hash: 'SHA-256' },
    },
    {
      name: 'SM2PKE_SM4_ECB',
      wrappingKeySpecs: ['EC_SM2'],
      keySpecs: ['EC_SM2'],
      construction: { shape: 'sm2+sm4-ecb' },
      asymmetricPlaintext: 'scalar',
    },
    // symmetric import (spec §20.1): direct encryption of the raw key, one RSA block / one SM2 ciphertext.
    // "Dedicated KMS does not support RSAES_OAEP_SHA_1", so SHA-256 comes first.
    { name: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
    { name: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-1' } },
    { name: 'SM2PKE', wrappingKeySpecs: ['EC_SM2'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'sm2', encoding: 'C1C3C2' } },
  ],
  notOffered: [{ name: 'RSAES_PKCS1_V1_5', reason: 'pkcs1_v1_5_unsupported' }],
  token: { form: 'text', validityHours: 24 },
  files: {
    wrappingKey: [/^publickey_(.+)\.(?:pem|bin|der)$/i],
    token: [/^token_(.+)\.txt$/i],
  },
  // aliyun CLI RPC syntax; values are inline, so the two files are read with $(cat …) and the line holds neither.
  // KeyMaterialExpireUnix 0: the material does not expire (ImportKeyMaterial API reference); else seconds.
  cli: (c) => ['aliyun', 'kms', 'ImportKeyMaterial', '--KeyId', c.keyId, '--EncryptedKeyMaterial', { cat: c.fileName }, '--ImportToken', { cat: c.tokenFileName ?? 'token.txt' }, '--KeyMaterialExpireUnix', String(c.expireUnix)],
  delivery: { form: 'base64-text', fileName: 'key-material_{id}.txt' },
};
