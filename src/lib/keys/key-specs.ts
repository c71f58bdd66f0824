// The neutral key types (docs/spec.md §10): one table, each fact once. Providers map their own names onto
// these; every length, modulus size and curve used by the key layer is read from here.

/** spec §10.1: secrets are raw bytes of exactly `byteLength`. */
export type SecretFamily = 'aes' | 'sm4' | 'hmac';
export type AsymmetricFamily = 'rsa' | 'ec' | 'ed25519';

interface SecretInfo {
  readonly kind: 'secret';
  readonly family: SecretFamily;
  /** AES: FIPS 197 key length; SM4: GB/T 32907 (128 bits); HMAC: the hash output length (spec §10.3) */
  readonly byteLength: number;
}
interface RsaInfo {
  readonly kind: 'asymmetric';
  readonly family: 'rsa';
  /** the modulus is exactly this many bits (spec §3.3) */
  readonly modulusBits: number;
}
interface EcInfo {
  readonly kind: 'asymmetric';
  readonly family: 'ec';
  /** key of EC_CURVES (curves.ts), which holds the curve's OID, order and scalar length */
  readonly curve: 'P-256' | 'P-384' | 'P-521' | 'secp256k1' | 'SM2';
}
interface Ed25519Info {
  readonly kind: 'asymmetric';
  readonly family: 'ed25519';
}
export type KeySpecInfo = SecretInfo | RsaInfo | EcInfo | Ed25519Info;

export const KEY_SPEC_INFO = {
  AES_128: { kind: 'secret', family: 'aes', byteLength: 16 },
  AES_192: { kind: 'secret', family: 'aes', byteLength: 24 },
  AES_256: { kind: 'secret', family: 'aes', byteLength: 32 },
  SM4: { kind: 'secret', family: 'sm4', byteLength: 16 },
  HMAC_224: { kind: 'secret', family: 'hmac', byteLength: 28 },
  HMAC_256: { kind: 'secret', family: 'hmac', byteLength: 32 },
  HMAC_384: { kind: 'secret', family: 'hmac', byteLength: 48 },
  HMAC_512: { kind: 'secret', family: 'hmac', byteLength: 64 },
  RSA_2048: { kind: 'asymmetric', family: 'rsa', modulusBits: 2048 },
  RSA_3072: { kind: 'asymmetric', family: 'rsa', modulusBits: 3072 },
  RSA_4096: { kind: 'asymmetric', family: 'rsa', modulusBits: 4096 },
  EC_P256: { kind: 'asymmetric', family: 'ec', curve: 'P-256' },
  EC_P384: { kind: 'asymmetric', family: 'ec', curve: 'P-384' },
  EC_P521: { kind: 'asymmetric', family: 'ec', curve: 'P-521' },
  EC_P256K: { kind: 'asymmetric', family: 'ec', curve: 'secp256k1' },
  EC_SM2: { kind: 'asymmetric', family: 'ec', curve: 'SM2' },
  ED25519: { kind: 'asymmetric', family: 'ed25519' },
} as const satisfies Record<string, KeySpecInfo>;

type Info = typeof KEY_SPEC_INFO;
export type KeySpec = keyof Info;
export type SecretKeySpec = { [K in KeySpec]: Info[K]['kind'] extends 'secret' ? K : never }[KeySpec];
export type AsymmetricKeySpec = Exclude<KeySpec, SecretKeySpec>;
export type RsaKeySpec = { [K in KeySpec]: Info[K]['family'] extends 'rsa' ? K : never }[KeySpec];
export type EcKeySpec = { [K in KeySpec]: Info[K]['family'] extends 'ec' ? K : never }[KeySpec];
/** Wrapping (import) public keys the library reads (spec §4.2). */
export type WrappingKeySpec = Extract<KeySpec, 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_SM2'>;

export const KEY_SPECS: readonly KeySpec[] = Object.freeze(Object.keys(KEY_SPEC_INFO) as KeySpec[]);

/** Never throws, runs no caller code: only a primitive string is looked up, and only among own keys. */
export function isKeySpec(v: unknown): v is KeySpec {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(KEY_SPEC_INFO, v);
}

export function isSecretKeySpec(spec: KeySpec): spec is SecretKeySpec {
  return KEY_SPEC_INFO[spec].kind === 'secret';
}

export function secretInfo(spec: SecretKeySpec): SecretInfo {
  return KEY_SPEC_INFO[spec];
}

/** The RSA spec of a modulus size, if it is one of ours. */
export function rsaSpecForBits(bits: number): RsaKeySpec | undefined {
  return (KEY_SPECS as KeySpec[]).find((s): s is RsaKeySpec => {
    const info: KeySpecInfo = KEY_SPEC_INFO[s];
    return info.family === 'rsa' && info.modulusBits === bits;
  });
}

/**
 * k, the RSA modulus length in bytes (RFC 8017 §2), of an RSA spec: the OAEP block length of a wrapping key. 0 for
 * anything else (an SM2 wrapping key has no RSA block).
 */
export function rsaModulusBytes(spec: string): number {
  if (!isKeySpec(spec)) return 0;
  const info: KeySpecInfo = KEY_SPEC_INFO[spec];
  return info.family === 'rsa' ? info.modulusBits / 8 : 0;
}

/** The distinct secret lengths (spec §10.2): used to tell a secret without a spec from a damaged key file. */
export const SECRET_LENGTHS: ReadonlySet<number> = new Set(
  KEY_SPECS.map((s) => KEY_SPEC_INFO[s] as KeySpecInfo).flatMap((i) => (i.kind === 'secret' ? [i.byteLength] : [])),
);

/** An unknown spec as an error fact: only a short string is echoed. */
export function specFact(spec: unknown): { spec?: string } {
  return typeof spec === 'string' ? { spec: spec.slice(0, 32) } : {};
}
