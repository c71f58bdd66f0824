// Azure Key Vault (Premium) / Managed HSM — docs/spec.md §20.4. "Bring your own key specification"
// (byok-specification.md) and "Import HSM-protected keys" (hsm-protected-keys-byok.md).
import type { Provider } from './types.ts';

export const azure: Provider = {
  id: 'azure',
  name: 'Azure Key Vault',
  keySpecs: {
    'RSA-HSM 2048': 'RSA_2048',
    'RSA-HSM 3072': 'RSA_3072',
    'RSA-HSM 4096': 'RSA_4096',
    'EC-HSM P-256': 'EC_P256',
    'EC-HSM P-384': 'EC_P384',
    'EC-HSM P-521': 'EC_P521',
    'EC-HSM P-256K': 'EC_P256K',
    // oct-HSM: Managed HSM only
    'oct-HSM 128': 'AES_128',
    'oct-HSM 192': 'AES_192',
    'oct-HSM 256': 'AES_256',
  },
  // "An ephemeral AES key is generated and encrypted with the wrapping RSA key using RSA-OAEP with SHA1. The
  // encoded plaintext key is encrypted using the AES key using AES Key Wrap with Padding."
  algorithms: [
    {
      name: 'CKM_RSA_AES_KEY_WRAP',
      wrappingKeySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096'],
      keySpecs: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P384', 'EC_P521', 'EC_P256K', 'AES_128', 'AES_192', 'AES_256'],
      construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' },
    },
  ],
  notOffered: [],
  token: { form: 'none', validityHours: 0 },
  files: { wrappingKey: [/\.pem$/i] },
  needs: ['kekId'],
  // az keyvault key import (azure-cli keyvault/_params.py): --kty EC|RSA|oct (the CLI appends -HSM itself) and
  // --curve; --hsm-name for a Managed HSM (oct-HSM keys exist only there), else --vault-name.
  cli: (c) => {
    const [kty, curve] = c.keySpecName.split(' ');
    const type = kty === 'EC-HSM' ? ['--kty', 'EC', '--curve', curve!] : kty === 'oct-HSM' ? ['--kty', 'oct'] : ['--kty', 'RSA'];
    const vault = c.vaultName ?? '';
    const hsm = kty === 'oct-HSM' || /\.managedhsm\./i.test(vault);
    const name = vault.replace(/^https:\/\//i, '').split('.')[0]!;
    return ['az', 'keyvault', 'key', 'import', hsm ? '--hsm-name' : '--vault-name', name, '--name', c.keyId, ...type, '--byok-file', c.fileName];
  },
  delivery: { form: 'azure-byok', fileName: '{id}.byok' },
};
