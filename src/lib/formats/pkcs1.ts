// PKCS#1 RSA keys (RFC 8017 §A.1).
// Structure only: range and consistency checks of the numbers are the key layer's (spec §3.3).
import { AsnSerializer } from '@peculiar/asn1-schema';
import { RSAPrivateKey, RSAPublicKey } from '@peculiar/asn1-rsa';
import { fail } from '../errors.ts';
import { derUnsigned, derUnsignedBytes, parseCanonical } from './der.ts';
import type { RsaPrivateComponents } from './types.ts';

/** RFC 8017 §A.1.2 RSAPrivateKey, two-prime (version 0) only. */
export function decodeRsaPrivateKey(der: Uint8Array): RsaPrivateComponents {
  const k = parseCanonical(der, RSAPrivateKey, 'RSAPrivateKey');
  try {
    // version 1 is multi-prime and then carries otherPrimeInfos (RFC 8017 §A.1.2)
    if (k.version === 1 || k.otherPrimeInfos !== undefined) fail('rsa_multi_prime');
    if (k.version !== 0) fail('der_malformed', { field: 'RSAPrivateKey.version' });
    return {
      kind: 'rsa',
      n: derUnsigned(k.modulus, 'modulus'),
      e: derUnsigned(k.publicExponent, 'publicExponent'),
      d: derUnsigned(k.privateExponent, 'privateExponent'),
      p: derUnsigned(k.prime1, 'prime1'),
      q: derUnsigned(k.prime2, 'prime2'),
      dp: derUnsigned(k.exponent1, 'exponent1'),
      dq: derUnsigned(k.exponent2, 'exponent2'),
      qi: derUnsigned(k.coefficient, 'coefficient'),
    };
  } finally {
    wipeRsaPrivateKey(k);
  }
}

export function encodeRsaPrivateKey(c: RsaPrivateComponents): Uint8Array {
  const k = new RSAPrivateKey({
    version: 0,
    modulus: derUnsignedBytes(c.n),
    publicExponent: derUnsignedBytes(c.e),
    privateExponent: derUnsignedBytes(c.d),
    prime1: derUnsignedBytes(c.p),
    prime2: derUnsignedBytes(c.q),
    exponent1: derUnsignedBytes(c.dp),
    exponent2: derUnsignedBytes(c.dq),
    coefficient: derUnsignedBytes(c.qi),
  });
  try {
    return new Uint8Array(AsnSerializer.serialize(k));
  } finally {
    wipeRsaPrivateKey(k);
  }
}

function wipeRsaPrivateKey(k: RSAPrivateKey): void {
  for (const b of [k.privateExponent, k.prime1, k.prime2, k.exponent1, k.exponent2, k.coefficient]) new Uint8Array(b).fill(0);
}

/** RFC 8017 §A.1.1 RSAPublicKey ("RSA PUBLIC KEY", and the BIT STRING inside an rsaEncryption SPKI). */
export function decodeRsaPublicKey(der: Uint8Array): { n: bigint; e: bigint } {
  const k = parseCanonical(der, RSAPublicKey, 'RSAPublicKey');
  return { n: derUnsigned(k.modulus, 'modulus'), e: derUnsigned(k.publicExponent, 'publicExponent') };
}

export function encodeRsaPublicKey(n: bigint, e: bigint): Uint8Array {
  const k = new RSAPublicKey({ modulus: derUnsignedBytes(n), publicExponent: derUnsignedBytes(e) });
  return new Uint8Array(AsnSerializer.serialize(k));
}
