// Ed25519 target keys (docs/spec.md §10.6): a 32-byte seed (RFC 8032 §5.1.5), PKCS#8 in the RFC 8410 v1
// form without the public key, SPKI per RFC 8410 §4.
import { edwards } from '@noble/curves/abstract/edwards.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { equalBytes, randomBytes, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { ED25519_KEY_LENGTH, encodeEd25519Pkcs8, encodeEd25519Spki } from '../formats/ed25519.ts';
import type { Ed25519PrivateComponents, PrivateKeyFormat } from '../formats/types.ts';
import { AsymmetricKeyImpl, type AsymmetricTargetKey } from './target-key-object.ts';

/**
 * edwards25519 (RFC 8032 §5.1: p = 2^255 − 19, d = −121665/121666, L, B = (x, 4/5)), built with noble-curves'
 * edwards() alone: noble's `ed25519` object carries signing and verifying, which the page never runs (1.5 kB gzip).
 */
const P = 2n ** 255n - 19n;
const Ed = /* @__PURE__ */ edwards({
  p: P,
  n: 2n ** 252n + 27742317777372353535851937790883648493n,
  h: 8n,
  a: P - 1n,
  d: 37095705934669439343138083508754565189542113879843219016388785533085940283555n,
  Gx: 15112221349535400772501151409588531511454012693041857206046113283949847762202n,
  Gy: 46316835694926478169428394003475163141307993866256225615783033603165251855960n,
});

/** RFC 8032 §5.1.5: the public key of a 32-byte seed — SHA-512, the first half pruned to s, A = [s]B encoded. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const h = sha512(seed);
  try {
    h[0]! &= 248;
    h[31]! &= 127;
    h[31]! |= 64;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(h[i]!); // little-endian
    // [s]B = [s mod L]B, as B has order L (noble's multiply takes 1 ≤ k < L)
    return Ed.BASE.multiply(s % Ed.Fn.ORDER).toBytes();
  } finally {
    wipe(h);
  }
}

/** A loaded or generated seed → key; a stored public key must be the seed's (RFC 8410 §7, PKCS#8 v2 / JWK x). */
export function ed25519Target(c: Ed25519PrivateComponents, origin: 'generated' | 'loaded', format?: PrivateKeyFormat): AsymmetricTargetKey {
  if (c.seed.length !== ED25519_KEY_LENGTH) fail('der_malformed', { field: 'privateKey', length: c.seed.length, expected: `${ED25519_KEY_LENGTH} bytes` });
  const publicKey = ed25519PublicKey(c.seed);
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
