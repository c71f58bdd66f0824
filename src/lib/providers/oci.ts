// Oracle OCI Vault — docs/spec.md §20.8. "Importing keys" (importingkeys.htm, importing_assymetric_keys.htm) and
// the SDK's WrappedImportKey {keyMaterial, wrappingAlgorithm}. ECDSA keys cannot be imported.
import type { Provider } from './types.ts';

export const oci: Provider = {
  id: 'oci',
  name: 'Oracle OCI Vault',
  keySpecs: {
    'AES 128': 'AES_128',
    'AES 192': 'AES_192',
    'AES 256': 'AES_256',
    'RSA 2048': 'RSA_2048',
    'RSA 3072': 'RSA_3072',
    'RSA 4096': 'RSA_4096',
  },
  algorithms: [
    {
      name: 'RSA_OAEP_AES_SHA256',
      wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'],
      keySpecs: ['AES_128', 'AES_192', 'AES_256', 'RSA_2048', 'RSA_3072', 'RSA_4096'],
      construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' },
    },
    { name: 'RSA_OAEP_SHA256', wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'], keySpecs: ['AES_128', 'AES_192', 'AES_256'], construction: { shape: 'rsa-oaep', hash: 'SHA-256' } },
  ],
  notOffered: [],
  token: { form: 'none', validityHours: 0 },
  files: { wrappingKey: [/\.pem$/i] },
  // oci-cli kmsmanagement_cli.py: `key import` makes a new key (display name, compartment, key shape with its
  // length in bytes), `key-version import` adds a version to a key named by its OCID. --wrapped-import-key takes
  // the JSON file as file://; the vault's management endpoint and the compartment are the operator's to set.
  cli: (c) => {
    const tail = ['--wrapped-import-key', `file://${c.fileName}`, '--endpoint', { env: 'VAULT_MANAGEMENT_ENDPOINT' }] as const;
    if (c.keyId.startsWith('ocid1.key.')) return ['oci', 'kms', 'management', 'key-version', 'import', '--key-id', c.keyId, ...tail];
    const [algorithm, bits] = c.keySpecName.split(' ');
    const shape = JSON.stringify({ algorithm, length: Number(bits) / 8 });
    return ['oci', 'kms', 'management', 'key', 'import', '--compartment-id', { env: 'COMPARTMENT_OCID' }, '--display-name', c.keyId, '--key-shape', shape, ...tail];
  },
  delivery: { form: 'oci-json', fileName: 'wrapped_import_key_{id}.json' },
};
