// Which secret keys have a key check value (docs/spec.md §10.4); the value itself is the construction's
// (wrap/kcv.ts, §9.4).
import { keyCheckValue as cipherKcv } from '../wrap/kcv.ts';
import { KEY_SPEC_INFO, type SecretKeySpec } from './key-specs.ts';

/** undefined for HMAC keys: there is no standard check value for them (spec §10.4). */
export function keyCheckValue(spec: SecretKeySpec, key: Uint8Array): string | undefined {
  const family = KEY_SPEC_INFO[spec].family;
  if (family === 'hmac') return undefined;
  return cipherKcv(family === 'sm4' ? 'SM4' : 'AES', key);
}
