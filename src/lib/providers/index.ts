// Every provider's data, and the look-ups over it (docs/spec.md §20). Adding a cloud means adding a data file here.
import { alibaba } from './alibaba.ts';
import { aws } from './aws.ts';
import { azure } from './azure.ts';
import { gcp } from './gcp.ts';
import { huawei } from './huawei.ts';
import { oci } from './oci.ts';
import { tencent } from './tencent.ts';
import type { KeySpec } from '../keys/key-specs.ts';
import { KEY_SPEC_INFO, isKeySpec, specFact } from '../keys/key-specs.ts';
import { fail } from '../errors.ts';
import type { Provider, ProviderAlgorithm, ProviderId } from './types.ts';
import { vault } from './vault.ts';

export const PROVIDERS: Readonly<Record<ProviderId, Provider>> = Object.freeze({ alibaba, aws, gcp, azure, vault, huawei, tencent, oci });
export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function isProviderId(v: unknown): v is ProviderId {
  return typeof v === 'string' && Object.hasOwn(PROVIDERS, v);
}

/**
 * The algorithms a provider allows for a key type, its recommended one first (the provider's `recommended` for
 * that kind of key, else its list order). Empty when the provider does not import that key type.
 */
export function algorithmsFor(provider: ProviderId, keySpec: KeySpec): ProviderAlgorithm[] {
  if (!isProviderId(provider)) fail('provider_unknown', { found: typeof (provider as unknown) === 'string' ? (provider as string).slice(0, 32) : undefined });
  if (!isKeySpec(keySpec)) fail('key_spec_unknown', specFact(keySpec));
  const p = PROVIDERS[provider];
  const allowed = p.algorithms.filter((a) => a.keySpecs.includes(keySpec));
  const preferred = p.recommended?.[KEY_SPEC_INFO[keySpec].kind];
  return [...allowed.filter((a) => a.name === preferred), ...allowed.filter((a) => a.name !== preferred)];
}
