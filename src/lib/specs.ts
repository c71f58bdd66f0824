// KMS vocabulary: key specs and wrapping algorithms (docs/spec.md §1, §3). Same words as the Alibaba document uses.
import { PROVIDERS } from './providers/index.ts';
import { AES_256_ESK_LENGTH, SM4_ESK_LENGTH, envelopeLength } from './wrap/envelopes.ts';
import { fail } from './errors.ts';
import { EC_CURVES } from './curves.ts';
import { isKeySpec, rsaModulusBytes, specFact, type AsymmetricKeySpec, type KeySpec, type WrappingKeySpec } from './keys/key-specs.ts';

// The neutral key types live in keys/key-specs.ts (spec §10); this file keeps the Alibaba asymmetric table.
export { KEY_SPECS, isKeySpec, type KeySpec, type WrappingKeySpec } from './keys/key-specs.ts';
export type WrappingAlgorithm = 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' | 'SM2PKE_SM4_ECB';
export const WRAPPING_ALGORITHMS: readonly WrappingAlgorithm[] = ['RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'SM2PKE_SM4_ECB'];

export interface AlgorithmInfo {
  wrappingKeySpec: WrappingKeySpec;
  /** ESK length in bytes (spec §1: 32 for AES-256, 16 for SM4 — the Alibaba sample's 32-byte SM4 ESK is a bug) */
  eskLength: number;
  targetSpecs: readonly AsymmetricKeySpec[];
  /** what Cipher(TAK) encrypts */
  takPlaintext: 'pkcs8' | 'raw-scalar';
}

/** Derived from the Alibaba provider data (providers/alibaba.ts), the one place these facts are written. */
export const ALGORITHMS: Readonly<Record<WrappingAlgorithm, AlgorithmInfo>> = Object.freeze(
  Object.fromEntries(
    WRAPPING_ALGORITHMS.map((name) => {
      const entry = PROVIDERS.alibaba.algorithms.find((a) => a.name === name)!;
      const info: AlgorithmInfo = {
        wrappingKeySpec: entry.wrappingKeySpecs[0]!,
        eskLength: entry.construction.shape === 'sm2+sm4-ecb' ? SM4_ESK_LENGTH : AES_256_ESK_LENGTH,
        targetSpecs: entry.keySpecs as readonly AsymmetricKeySpec[],
        takPlaintext: entry.asymmetricPlaintext === 'scalar' ? 'raw-scalar' : 'pkcs8',
      };
      return [name, Object.freeze(info)];
    }),
  ) as Record<WrappingAlgorithm, AlgorithmInfo>,
);

/** The target types Alibaba asymmetric import carries (spec §1), in the order the app lists them. */
export const ALIBABA_ASYMMETRIC_KEY_SPECS: readonly AsymmetricKeySpec[] = Object.freeze([
  ...new Set(WRAPPING_ALGORITHMS.flatMap((a) => ALGORITHMS[a].targetSpecs)),
]);

export function isWrappingAlgorithm(v: unknown): v is WrappingAlgorithm {
  return typeof v === 'string' && (WRAPPING_ALGORITHMS as readonly string[]).includes(v);
}

/** The algorithm KMS pairs with a wrapping key spec (spec §1). */
export function algorithmForWrappingKey(spec: WrappingKeySpec): WrappingAlgorithm {
  if (spec !== 'RSA_2048' && spec !== 'EC_SM2') fail('key_spec_unknown', specFact(spec));
  return spec === 'EC_SM2' ? 'SM2PKE_SM4_ECB' : 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD';
}

/** The wrapping algorithm a target spec needs (spec §1): SM2 targets only under SM2PKE_SM4_ECB. */
export function algorithmForTargetSpec(spec: KeySpec): WrappingAlgorithm {
  if (!isKeySpec(spec)) fail('key_spec_unknown', specFact(spec));
  const algorithm = WRAPPING_ALGORITHMS.find((a) => (ALGORITHMS[a].targetSpecs as readonly KeySpec[]).includes(spec));
  if (algorithm === undefined) fail('spec_not_supported_by_algorithm', { spec });
  return algorithm;
}

/**
 * Size of Cipher(ESK) ‖ Cipher(TAK) in bytes (spec §1.1, §1.2): RSA path 256 + 16·⌈(len(PKCS#8)+1)/16⌉,
 * SM2 path 113 + 32 = 145.
 */
export function materialLength(algorithm: WrappingAlgorithm, pkcs8Length = 0): number {
  if (!isWrappingAlgorithm(algorithm)) fail('input_type', { field: 'algorithm' });
  if (!Number.isSafeInteger(pkcs8Length) || pkcs8Length < 0) fail('input_type', { field: 'pkcs8Length' });
  // Both are fixed-size shapes (min = max); the SM2 path's plaintext is always the 32-byte D.
  const plaintextLength = algorithm === 'SM2PKE_SM4_ECB' ? EC_CURVES.EC_SM2.scalarBytes : pkcs8Length;
  const envelope = PROVIDERS.alibaba.algorithms.find((a) => a.name === algorithm)!.construction;
  return envelopeLength(envelope, plaintextLength, rsaModulusBytes(ALGORITHMS[algorithm].wrappingKeySpec)).min;
}

