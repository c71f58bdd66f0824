// Neutral decoded shapes shared by the format parsers (formats/) and the key layer (target-key.ts).
// Formats only decode/encode structure; range and consistency checks live in the key layer (spec §3.3).

/** RSA private key components, RFC 8017 §A.1.2 (two-prime only). */
export interface RsaPrivateComponents {
  kind: 'rsa';
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

/** EC private key: curve by OID, scalar as found (not yet range-checked), public point if the file had one. */
export interface EcPrivateComponents {
  kind: 'ec';
  /** namedCurve OID, e.g. 1.2.840.10045.3.1.7 */
  curveOid: string;
  /** big-endian scalar bytes as stored (length may differ from the curve's; the key layer normalises it) */
  d: Uint8Array;
  /** SEC1 encoded point (usually 04‖x‖y) when present in the file */
  publicKey?: Uint8Array;
}

/** Ed25519 private key (RFC 8410): the 32-byte seed, and the public key if the file had one (PKCS#8 v2, JWK x). */
export interface Ed25519PrivateComponents {
  kind: 'ed25519';
  seed: Uint8Array;
  publicKey?: Uint8Array;
}

export type PrivateComponents = RsaPrivateComponents | EcPrivateComponents | Ed25519PrivateComponents;

/** Which container the key came in, for display ("loaded from encrypted PKCS#8"). */
export type PrivateKeyFormat = 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1' | 'jwk';

export interface DecodedPrivateKey {
  format: PrivateKeyFormat;
  key: PrivateComponents;
}

/** A decoded SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
export type DecodedPublicKey =
  | { kind: 'rsa'; n: bigint; e: bigint; modulusBits: number; spki: Uint8Array }
  | { kind: 'ec'; curveOid: string; point: Uint8Array; spki: Uint8Array }
  | { kind: 'other'; algorithmOid: string; spki: Uint8Array };

/** One PEM block or one binary/base64 blob, after text normalisation. */
export interface Armored {
  /** PEM label ("PUBLIC KEY", "EC PRIVATE KEY", …) or undefined for raw DER / bare base64 */
  label?: string;
  der: Uint8Array;
}
