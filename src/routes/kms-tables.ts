// What the Alibaba document ("Import key material into an asymmetric key", steps 1–2, support table and Java
// sample) says about an instance type and key spec. The document contradicts itself, so the app warns with the
// reason and never blocks (docs/spec.md names the document).
import type { KeySpec } from '../lib/index.ts';
import type { Notice } from './i18n.ts';

export type InstanceType = 'software' | 'hardware';
export const INSTANCE_TYPES: readonly InstanceType[] = ['software', 'hardware'];

/** Support table: "Import external key material into an asymmetric key". */
export const DOC_ASYMMETRIC_IMPORT: Readonly<Record<InstanceType, boolean>> = { software: true, hardware: false };

/** Step 1, "Key Specifications" per instance type. EC_SM2 is in neither list, only in the Java sample. */
export const DOC_STEP1_SPECS: Readonly<Record<InstanceType, readonly KeySpec[]>> = {
  software: ['RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K'],
  hardware: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K'],
};

/** Warnings, with their reason, for an instance type + key spec the document does not clearly support. */
export function docAdvice(instance: InstanceType, spec: KeySpec): Notice[] {
  const out: Notice[] = [];
  if (!DOC_ASYMMETRIC_IMPORT[instance]) out.push({ key: 'advice.hardwareTable' });
  if (spec === 'EC_SM2') out.push({ key: 'advice.sm2' });
  else if (!DOC_STEP1_SPECS[instance].includes(spec))
    out.push({
      key: 'advice.notListed',
      params: { spec, instance: { t: `instance.${instance}.short` }, listed: DOC_STEP1_SPECS[instance].join(', ') },
    });
  return out;
}
