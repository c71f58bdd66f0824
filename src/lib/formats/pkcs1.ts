// PKCS#1 RSA keys (RFC 8017 §A.1), and the strict-DER helpers the other format decoders share.
// Structure only: range and consistency checks of the numbers are the key layer's (spec §3.3).
import { AsnSerializer } from '@peculiar/asn1-schema';
import { RSAPrivateKey, RSAPublicKey } from '@peculiar/asn1-rsa';
import { bigIntToMinimalBytes, bytesToBigInt, equalBytes, wipe } from '../bytes.ts';
import { fail, isByokError } from '../errors.ts';
import { parseDer } from './der.ts';
import type { RsaPrivateComponents } from './types.ts';

/**
 * `parseDer`, then X.690 §10 canonical form: the decoded value must re-encode to exactly the input.
 * asn1-schema 2.11 accepts extra SEQUENCE members, optional members out of order and non-minimal small
 * INTEGERs and OIDs; one re-encoding rule rejects all of them. Big INTEGERs stay raw bytes in the schema,
 * so their minimality is checked separately by `derUnsigned`.
 * `structure` names the ASN.1 type for the error ("RSAPrivateKey").
 */
export function parseCanonical<T>(der: Uint8Array, schema: new () => T, structure: string): T {
  let value: T;
  let again: Uint8Array | undefined;
  try {
    value = parseDer(der, schema);
    again = new Uint8Array(AsnSerializer.serialize(value));
  } catch (e) {
    if (!isByokError(e)) fail('der_malformed', { field: structure });
    if (e.code !== 'der_malformed') throw e;
    fail('der_malformed', { ...e.facts, field: e.facts.field ?? structure });
  }
  const canonical = equalBytes(again, der);
  wipe(again);
  if (!canonical) fail('der_malformed', { field: structure });
  return value;
}

/** A non-negative DER INTEGER held as raw two's-complement bytes (X.690 §8.3): minimal and not negative. */
export function derUnsigned(raw: ArrayBuffer, field: string): bigint {
  const b = new Uint8Array(raw);
  if (b.length === 0 || (b[0]! & 0x80) !== 0) fail('der_malformed', { field });
  if (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) fail('der_malformed', { field });
  return bytesToBigInt(b);
}

/** Minimal two's-complement content octets of a non-negative INTEGER (leading 0x00 when the top bit is set). */
export function derUnsignedBytes(n: bigint): ArrayBuffer {
  const m = bigIntToMinimalBytes(n);
  if ((m[0]! & 0x80) === 0) return m.buffer as ArrayBuffer;
  const out = new Uint8Array(m.length + 1);
  out.set(m, 1);
  wipe(m);
  return out.buffer;
}

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
