// Issue 11's acceptance ceremonies, shared by the node-side proof (tests/helpers/kms-fixtures.test.ts) and the
// browser runs (tests/e2e/providers.test.ts): one key, one or more destinations, each in the provider's own words.
// Expected file names are written here from docs/spec.md §20/§21, not read from src/lib/providers.
import type { FixtureProvider, FixtureWrappingKeySpec } from './kms-fixtures.ts';

export interface AcceptanceDestination {
  provider: FixtureProvider;
  /** the provider's own key spec name, as the "Key spec" select offers it */
  keySpecName: string;
  algorithm: string;
  wrappingKeySpec: FixtureWrappingKeySpec;
  /** Alibaba only: the "Instance type" select's value */
  instanceType?: 'software' | 'hardware';
}

export interface AcceptanceCase {
  name: string;
  /** the neutral key type every destination shares (docs/spec.md §10.1) */
  keySpec: 'AES_256' | 'SM4' | 'RSA_2048' | 'EC_P256' | 'EC_P384' | 'ED25519';
  destinations: AcceptanceDestination[];
}

export const ACCEPTANCE_CASES: readonly AcceptanceCase[] = [
  {
    name: 'AWS SYMMETRIC_DEFAULT under RSAES_OAEP_SHA_256, binary WrappingPublicKey.bin / ImportToken.bin',
    keySpec: 'AES_256',
    destinations: [{ provider: 'aws', keySpecName: 'SYMMETRIC_DEFAULT', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }],
  },
  {
    name: 'AWS ECC_NIST_P384 under RSA_AES_KEY_WRAP_SHA_256',
    keySpec: 'EC_P384',
    destinations: [{ provider: 'aws', keySpecName: 'ECC_NIST_P384', algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpec: 'RSA_2048' }],
  },
  {
    name: 'Google RSA_OAEP_3072_SHA256_AES_256 with an RSA target',
    keySpec: 'RSA_2048',
    destinations: [{ provider: 'gcp', keySpecName: 'rsa-sign-pss-2048-sha256', algorithm: 'RSA_OAEP_3072_SHA256_AES_256', wrappingKeySpec: 'RSA_3072' }],
  },
  {
    name: 'Azure .byok for an EC-HSM P-256 key',
    keySpec: 'EC_P256',
    destinations: [{ provider: 'azure', keySpecName: 'EC-HSM P-256', algorithm: 'CKM_RSA_AES_KEY_WRAP', wrappingKeySpec: 'RSA_2048' }],
  },
  {
    name: 'Vault Ed25519',
    keySpec: 'ED25519',
    destinations: [{ provider: 'vault', keySpecName: 'ed25519', algorithm: 'SHA256', wrappingKeySpec: 'RSA_4096' }],
  },
  {
    name: 'Alibaba Aliyun_SM4 under SM2PKE',
    keySpec: 'SM4',
    destinations: [{ provider: 'alibaba', keySpecName: 'Aliyun_SM4', algorithm: 'SM2PKE', wrappingKeySpec: 'EC_SM2', instanceType: 'hardware' }],
  },
  {
    name: 'Alibaba asymmetric RSA_2048 under RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
    keySpec: 'RSA_2048',
    destinations: [{ provider: 'alibaba', keySpecName: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', wrappingKeySpec: 'RSA_2048', instanceType: 'software' }],
  },
  {
    name: 'one AES-256 key for three destinations: Alibaba Aliyun_AES_256, AWS SYMMETRIC_DEFAULT, Vault aes256-gcm96',
    keySpec: 'AES_256',
    destinations: [
      { provider: 'alibaba', keySpecName: 'Aliyun_AES_256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048', instanceType: 'software' },
      { provider: 'aws', keySpecName: 'SYMMETRIC_DEFAULT', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' },
      { provider: 'vault', keySpecName: 'aes256-gcm96', algorithm: 'SHA256', wrappingKeySpec: 'RSA_4096' },
    ],
  },
];

/** docs/spec.md §21: `{id}` is the key ID reduced to [A-Za-z0-9._-] (at most 100 characters). */
const safeId = (keyId: string) => keyId.replace(/[^A-Za-z0-9._-]/g, '').replace(/^\.+/, '').slice(0, 100);

/**
 * The material's file name as the provider takes it (spec §20.x "Delivery", §21), for a key ID that is not empty:
 * Alibaba `key-material_<id>.txt`, AWS `EncryptedKeyMaterial.bin`, Google `wrapped-key_<id>.bin`, Azure
 * `<id>.byok`, Vault `ciphertext_<id>.txt`, Huawei `encrypted_key_material_<id>.txt` (secrets) or
 * `key-material_<id>.json` (asymmetric keys), Tencent `EncryptedKeyMaterial_<id>.txt`, OCI
 * `wrapped_import_key_<id>.json`.
 */
export function expectedMaterialFileName(provider: FixtureProvider, keyId: string, secret: boolean): string {
  const id = safeId(keyId);
  if (!id) throw new Error('expectedMaterialFileName needs a key ID');
  switch (provider) {
    case 'alibaba':
      return `key-material_${id}.txt`;
    case 'aws':
      return 'EncryptedKeyMaterial.bin';
    case 'gcp':
      return `wrapped-key_${id}.bin`;
    case 'azure':
      return `${id}.byok`;
    case 'vault':
      return `ciphertext_${id}.txt`;
    case 'huawei':
      return secret ? `encrypted_key_material_${id}.txt` : `key-material_${id}.json`;
    case 'tencent':
      return `EncryptedKeyMaterial_${id}.txt`;
    case 'oci':
      return `wrapped_import_key_${id}.json`;
  }
}

export const isSecretSpec = (spec: AcceptanceCase['keySpec']): boolean => spec === 'AES_256' || spec === 'SM4';
