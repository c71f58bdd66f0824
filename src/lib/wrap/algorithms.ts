// Maps a KMS wrapping algorithm name to its construction (docs/spec.md §1). Pure over Uint8Array.
import type { WrappingAlgorithm } from '../specs.ts';
import { wrapRsaOaepAes256Ecb } from './rsa-oaep-aes.ts';
import { wrapSm2PkeSm4Ecb } from './sm2-sm4.ts';

/**
 * @param wrappingKey RSA path: the IWK's SPKI DER; SM2 path: the IWK's uncompressed point 04‖x‖y
 * @param takPlaintext RSA path: the TAK's PKCS#8 DER; SM2 path: the 32-byte scalar D
 */
export async function wrapWith(algorithm: WrappingAlgorithm, wrappingKey: Uint8Array, takPlaintext: Uint8Array): Promise<Uint8Array> {
  switch (algorithm) {
    case 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD':
      return wrapRsaOaepAes256Ecb(wrappingKey, takPlaintext);
    case 'SM2PKE_SM4_ECB':
      return wrapSm2PkeSm4Ecb(wrappingKey, takPlaintext);
  }
}
