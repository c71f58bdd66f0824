// Maps a KMS wrapping algorithm name to its envelope (docs/spec.md §1, §9.6). Pure over Uint8Array.
import type { WrappingAlgorithm } from '../specs.ts';
import { envelopeKeyKind, wrapEnvelope, type Envelope } from './envelopes.ts';

/** Alibaba's asymmetric-import algorithms as envelopes (spec §1.1, §1.2). */
export const ALGORITHM_ENVELOPES: Readonly<Record<WrappingAlgorithm, Envelope>> = {
  RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: { shape: 'rsa-oaep+aes-ecb', hash: 'SHA-256' },
  SM2PKE_SM4_ECB: { shape: 'sm2+sm4-ecb' },
};

/**
 * @param wrappingKey RSA path: the IWK's SPKI DER; SM2 path: the IWK's uncompressed point 04‖x‖y
 * @param takPlaintext RSA path: the TAK's PKCS#8 DER; SM2 path: the 32-byte scalar D
 */
export async function wrapWith(algorithm: WrappingAlgorithm, wrappingKey: Uint8Array, takPlaintext: Uint8Array): Promise<Uint8Array> {
  const envelope = ALGORITHM_ENVELOPES[algorithm];
  const key = envelopeKeyKind(envelope) === 'rsa' ? { kind: 'rsa' as const, spki: wrappingKey } : { kind: 'sm2' as const, point: wrappingKey };
  return wrapEnvelope(envelope, key, takPlaintext);
}
