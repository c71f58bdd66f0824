// HashiCorp Vault Transit — docs/spec.md §20.5. builtin/logical/transit/path_import.go (decryptImportedKey:
// ciphertext[:512] is OAEP(hash_function) of a 32-byte AES key, the rest RFC 5649 KWP) and path_wrapping_key.go.
import type { Provider } from './types.ts';
import type { KeySpec } from '../keys/key-specs.ts';

const TYPES: readonly KeySpec[] = ['AES_128', 'AES_256', 'HMAC_256', 'EC_P256', 'EC_P384', 'EC_P521', 'ED25519', 'RSA_2048', 'RSA_3072', 'RSA_4096'];

export const vault: Provider = {
  id: 'vault',
  name: 'HashiCorp Vault',
  // Vault's `type` names
  keySpecs: {
    'aes128-gcm96': 'AES_128',
    'aes256-gcm96': 'AES_256',
    hmac: 'HMAC_256',
    'ecdsa-p256': 'EC_P256',
    'ecdsa-p384': 'EC_P384',
    'ecdsa-p521': 'EC_P521',
    ed25519: 'ED25519',
    'rsa-2048': 'RSA_2048',
    'rsa-3072': 'RSA_3072',
    'rsa-4096': 'RSA_4096',
  },
  // The algorithm names are Vault's `hash_function` values; the wrapping key is always the mount's RSA-4096 key
  // (EncryptedKeyBytes = 512). SHA224 is refused: WebCrypto has no SHA-224.
  algorithms: [
    { name: 'SHA256', wrappingKeySpecs: ['RSA_4096'], keySpecs: TYPES, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-256' } },
    { name: 'SHA1', wrappingKeySpecs: ['RSA_4096'], keySpecs: TYPES, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-1' } },
    { name: 'SHA384', wrappingKeySpecs: ['RSA_4096'], keySpecs: TYPES, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-384' } },
    { name: 'SHA512', wrappingKeySpecs: ['RSA_4096'], keySpecs: TYPES, construction: { shape: 'rsa-oaep+aes-kwp', hash: 'SHA-512' } },
  ],
  notOffered: [],
  keySpecsNotOffered: [{ name: 'chacha20-poly1305', reason: 'no_key_type' }],
  token: { form: 'none', validityHours: 0 },
  files: { wrappingKey: [/\.pem$/i] },
  // `vault write` reads a value that starts with @ from a file, as text: the file holds the base64 ciphertext.
  cli: (c) => ['vault', 'write', `${c.mount}/keys/${c.keyId}/import`, `ciphertext=@${c.fileName}`, `type=${c.keySpecName}`, `hash_function=${c.algorithm}`],
  // Vault key names: letters, digits, "-", "_" and "." (never "." or ".." alone): the name is a path segment
  keyIdPattern: /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/,
  delivery: { form: 'base64-text', fileName: 'ciphertext_{id}.txt' },
};
