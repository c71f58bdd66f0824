// SM2PKE_SM4_ECB (docs/spec.md §1.2).
// Cipher(ESK) = SM2 encryption (GB/T 32918.4-2016 §6.1) of a 16-byte ESK, raw C1‖C3‖C2 (113 bytes).
// Cipher(TAK) = SM4-ECB (GB/T 32907-2016), no padding, over the 32-byte private scalar D (not PKCS#8).
import { concatBytes, randomBytes, wipe } from '../bytes.ts';
import { sm2Encrypt } from './sm2.ts';
import { sm4EncryptEcb } from './sm4.ts';

export const SM4_ESK_LENGTH = 16;

export function wrapSm2PkeSm4Ecb(wrappingPoint: Uint8Array, scalarD32: Uint8Array): Uint8Array {
  if (scalarD32.length !== 32) throw new RangeError('SM2 scalar must be 32 bytes');
  const esk = randomBytes(SM4_ESK_LENGTH);
  try {
    const cipherEsk = sm2Encrypt(wrappingPoint, esk);
    const cipherTak = sm4EncryptEcb(esk, scalarD32);
    return concatBytes(cipherEsk, cipherTak);
  } finally {
    wipe(esk);
  }
}
