// Ed25519 target keys (docs/spec.md §10.6): a 32-byte seed (RFC 8032 §5.1.5), PKCS#8 in the RFC 8410 v1
// form without the public key, SPKI per RFC 8410 §4.
import { ed25519 } from '@noble/curves/ed25519.js';
import { equalBytes, randomBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { ED25519_KEY_LENGTH, encodeEd25519Pkcs8, encodeEd25519Spki } from '../formats/ed25519.ts';
import type { Ed25519PrivateComponents, PrivateKeyFormat } from '../formats/types.ts';
import { AsymmetricKeyImpl, type AsymmetricTargetKey } from './target-key-object.ts';

/** A loaded or generated seed → key; a stored public key must be the seed's (RFC 8410 §7, PKCS#8 v2 / JWK x). */
export function ed25519Target(c: Ed25519PrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): AsymmetricTargetKey {
  if (c.seed.length !== ED25519_KEY_LENGTH) fail('der_malformed', { field: 'privateKey', length: c.seed.length, expected: `${ED25519_KEY_LENGTH} bytes` });
  const publicKey = ed25519.getPublicKey(c.seed);
  if (c.publicKey !== undefined && !equalBytes(c.publicKey, publicKey)) fail('ed25519_public_key_mismatch');
  return new AsymmetricKeyImpl('ED25519', encodeEd25519Spki(publicKey), { pkcs8: encodeEd25519Pkcs8(c.seed) }, origin, format);
}

/** RFC 8032 §5.1.5: the private key is 32 uniformly random bytes; every value is valid. */
export function generateEd25519(): AsymmetricTargetKey {
  const seed = randomBytes(ED25519_KEY_LENGTH);
  try {
    return ed25519Target({ kind: 'ed25519', seed }, 'generated');
  } finally {
    wipe(seed);
  }
}
