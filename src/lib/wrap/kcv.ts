// Key check value of a symmetric key (docs/spec.md §9.4): the first 3 bytes of the block cipher's encryption,
// under the key, of one all-zero block — the value HSM ceremony forms and key-component printouts show. It tells
// which key was loaded without revealing it: 24 bits of one block of the cipher's output.
import { toHex, wipe } from '../bytes.ts';
import { AES_BLOCK_LENGTH, aesEcbEncryptBlocks } from './aes-ecb.ts';
import { sm4EncryptEcb } from './sm4.ts';

/** The block cipher the key is for: AES-128/192/256 (by length) or SM4 (16 bytes). */
export type KcvCipher = 'AES' | 'SM4';

export const KCV_LENGTH = 3;

/** KCV as 6 lowercase hex digits, like every other hex value of the library (the UI may print it in capitals). */
export function keyCheckValue(cipher: KcvCipher, key: Uint8Array): string {
  const zero = new Uint8Array(AES_BLOCK_LENGTH); // SM4 has the same 128-bit block
  const block = cipher === 'AES' ? aesEcbEncryptBlocks(key, zero) : sm4EncryptEcb(key, zero);
  try {
    return toHex(block.subarray(0, KCV_LENGTH));
  } finally {
    wipe(block); // the other 13 bytes are more of E_K(0) than the KCV shows
  }
}
