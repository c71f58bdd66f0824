// What the page says per provider beyond the library's provider data (src/lib/providers): which of this app's
// extra panels apply, and the catalogue keys of its words. Data only; components never name a provider, they
// render what this table and the library data give them.
import type { ProviderId } from '../../lib/index.ts';

export interface ProviderUi {
  /** Alibaba asymmetric import: its document's tables speak of instance types (kms-tables.ts) */
  readonly instanceType: boolean;
  /** Alibaba: the key material's expiry is chosen at upload (KeyMaterialExpireUnix) */
  readonly expiry: boolean;
  /** Whether the provider (or its HSM) reports a key check value after import, so a KCV can be compared */
  readonly reportsKcv: boolean;
}

const NONE: ProviderUi = { instanceType: false, expiry: false, reportsKcv: false };

const UI: Readonly<Record<ProviderId, ProviderUi>> = {
  alibaba: { ...NONE, instanceType: true, expiry: true },
  aws: NONE,
  gcp: NONE,
  azure: NONE,
  vault: NONE,
  huawei: NONE,
  tencent: NONE,
  oci: NONE,
};

export function providerUi(id: ProviderId): ProviderUi {
  return UI[id];
}
