// Huawei Cloud DEW / KMS — docs/spec.md §20.6. "Importing key material" (dew_01_0089) and the Go SDK's
// ImportKeyMaterialRequestBody / GetParametersForImportRequestBody.
import type { CliWord, Provider } from './types.ts';
import { KEY_SPEC_INFO, type KeySpec } from '../keys/key-specs.ts';

const ASYMMETRIC: readonly KeySpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P384'];

export const huawei: Provider = {
  id: 'huawei',
  name: 'Huawei Cloud KMS',
  keySpecs: {
    AES_256: 'AES_256',
    SM4: 'SM4',
    RSA_2048: 'RSA_2048',
    RSA_3072: 'RSA_3072',
    RSA_4096: 'RSA_4096',
    EC_P256: 'EC_P256',
    EC_P384: 'EC_P384',
  },
  // Symmetric keys: the wrapping key encrypts the key directly. Asymmetric keys: it encrypts a temporary AES-256
  // key (encrypted_key_material) that wraps the PKCS#8 with RFC 5649 KWP (encrypted_privatekey).
  algorithms: [
    { name: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
    { name: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'], keySpecs: ASYMMETRIC, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' } },
    { name: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'rsa-oaep', hash: 'SHA-1' } },
    { name: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'], keySpecs: ASYMMETRIC, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' } },
    { name: 'SM2_ENCRYPT', wrappingKeySpecs: ['EC_SM2'], keySpecs: ['AES_256', 'SM4'], construction: { shape: 'sm2', encoding: 'GMT0009-DER' } },
  ],
  notOffered: [{ name: 'RSAES_PKCS1_V1_5', reason: 'pkcs1_v1_5_unsupported' }],
  // SM2 private keys travel under SM2 with an SM4 key wrap that OpenSSL lacks (GmSSL's -sms4-wrap-pad).
  keySpecsNotOffered: [{ name: 'SM2', reason: 'no_independent_oracle' }],
  token: { form: 'text', validityHours: 24 },
  files: { wrappingKey: [/^wrappingKey_(.+)$/i], token: [/^importToken_(.+)$/i] },
  // KooCLI: body fields as --name=value flags, values inline, so they are read from the files ($(cat …), and jq for
  // the two fields of an asymmetric key's JSON).
  cli: (c) => {
    const material: CliWord[] = KEY_SPEC_INFO[c.keySpec].kind === 'asymmetric'
      ? [
          { opt: '--encrypted_key_material=', value: { json: c.fileName, field: 'encrypted_key_material' } },
          { opt: '--encrypted_privatekey=', value: { json: c.fileName, field: 'encrypted_privatekey' } },
        ]
      : [{ opt: '--encrypted_key_material=', value: { cat: c.fileName } }];
    return ['hcloud', 'KMS', 'ImportKeyMaterial', { opt: '--key_id=', value: c.keyId }, { opt: '--import_token=', value: { cat: c.tokenFileName ?? 'import_token.txt' } }, ...material];
  },
  delivery: {
    form: 'base64-text',
    fileName: 'encrypted_key_material_{id}.txt',
    asymmetric: { form: 'huawei-json', fileName: 'key-material_{id}.json' },
  },
};
