// PKCS#1 RSA keys (RFC 8017 §A.1).
// Structure only: range and consistency checks of the numbers are the key layer's (spec §3.3).
// RSAPrivateKey's buffers are owned and wiped (der-secret.ts, spec §3.6); both go through the one DER codec.
import { bigIntToMinimalBytes, bytesToBigInt, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { decodeSequence, sequence, writeDer } from './der-codec.ts';
import { bigIntSecretBytes, DerReader, encodeDer, TAG, type DerNode } from './der-secret.ts';
import type { RsaPrivateComponents } from './types.ts';

/** RFC 8017 §A.1.2 member names, in order, after version. */
const RSA_PRIVATE_MEMBERS = ['modulus', 'publicExponent', 'privateExponent', 'prime1', 'prime2', 'exponent1', 'exponent2', 'coefficient'] as const;
type RsaMember = (typeof RSA_PRIVATE_MEMBERS)[number];

/**
 * RFC 8017 §A.1.2 RSAPrivateKey, two-prime (version 0) only, as views into `der` (magnitudes, big-endian,
 * without the sign octet). Nothing is copied: the caller's buffer is the only one holding the key.
 */
export function readRsaPrivateKey(der: Uint8Array): Record<RsaMember, Uint8Array> {
  const r = DerReader.sequence(der, 'RSAPrivateKey');
  const version = r.smallInteger();
  // version 1 is multi-prime and then carries otherPrimeInfos (RFC 8017 §A.1.2)
  if (version === 1) fail('rsa_multi_prime');
  if (version !== 0) fail('der_malformed', { field: 'RSAPrivateKey.version' });
  const out = {} as Record<RsaMember, Uint8Array>;
  for (const m of RSA_PRIVATE_MEMBERS) out[m] = r.unsigned(m);
  if (r.peek() === TAG.sequence) fail('rsa_multi_prime'); // otherPrimeInfos under version 0
  r.end();
  return out;
}

/**
 * RSAPrivateKey → components. The numbers become bigints for the key layer's consistency checks (RFC 8017
 * §3.2); bigints cannot be wiped (spec §3.6).
 */
export function decodeRsaPrivateKey(der: Uint8Array): RsaPrivateComponents {
  const k = readRsaPrivateKey(der);
  return {
    kind: 'rsa',
    n: bytesToBigInt(k.modulus),
    e: bytesToBigInt(k.publicExponent),
    d: bytesToBigInt(k.privateExponent),
    p: bytesToBigInt(k.prime1),
    q: bytesToBigInt(k.prime2),
    dp: bytesToBigInt(k.exponent1),
    dq: bytesToBigInt(k.exponent2),
    qi: bytesToBigInt(k.coefficient),
  };
}

/** RSAPrivateKey version 0 in one buffer the caller wipes; every scratch magnitude is wiped here. */
export function encodeRsaPrivateKey(c: RsaPrivateComponents): Uint8Array {
  const values = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(bigIntSecretBytes);
  try {
    return encodeDer(rsaPrivateKeyNode(values));
  } finally {
    wipe(...values);
  }
}

/** The RSAPrivateKey tree over magnitudes n, e, d, p, q, dP, dQ, qInv (views the caller owns). */
export function rsaPrivateKeyNode(values: Uint8Array[]): DerNode {
  return { tag: TAG.sequence, children: [{ unsigned: new Uint8Array(0) }, ...values.map((v) => ({ unsigned: v }))] };
}

/** RFC 8017 §A.1.1 RSAPublicKey ("RSA PUBLIC KEY", and the BIT STRING inside an rsaEncryption SPKI). */
export function decodeRsaPublicKey(der: Uint8Array): { n: bigint; e: bigint } {
  return decodeSequence(der, 'RSAPublicKey', (r) => ({ n: bytesToBigInt(r.unsigned('modulus')), e: bytesToBigInt(r.unsigned('publicExponent')) }));
}

export function encodeRsaPublicKey(n: bigint, e: bigint): Uint8Array {
  return writeDer(sequence({ unsigned: bigIntToMinimalBytes(n) }, { unsigned: bigIntToMinimalBytes(e) }));
}
