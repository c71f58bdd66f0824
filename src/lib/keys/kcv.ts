// Key check value of an AES or SM4 key (docs/spec.md §10.4): the first 3 bytes of the cipher's encryption
// of one all-zero block, lowercase hex — what HSMs and key ceremonies print.
// TODO(merge): use wrap/ KCV
import { ecb } from '@noble/ciphers/aes.js';
import { toHex, wipe } from '../bytes.ts';
import { sm4EncryptEcb } from '../wrap/sm4.ts';
import { KEY_SPEC_INFO, type SecretKeySpec } from './key-specs.ts';

/** Both ciphers have 16-byte blocks (FIPS 197 §3.1; GB/T 32907 §5). */
const BLOCK = 16;
export const KCV_LENGTH = 3;

/** undefined for HMAC keys: there is no standard check value for them (spec §10.4). */
export function keyCheckValue(spec: SecretKeySpec, key: Uint8Array): string | undefined {
  const family = KEY_SPEC_INFO[spec].family;
  if (family === 'hmac') return undefined;
  const zero = new Uint8Array(BLOCK);
  const block = family === 'sm4' ? sm4EncryptEcb(key, zero) : ecb(key, { disablePadding: true }).encrypt(zero);
  try {
    return toHex(block.subarray(0, KCV_LENGTH));
  } finally {
    wipe(block);
  }
}
