// What the user carries back: the material in the form the provider's console or CLI takes, and the CLI line that
// uploads it — docs/spec.md §20 (per provider) and §21 (delivery, CLI quoting).
import { toBase64 } from './bytes.ts';
import { fail } from './errors.ts';
import { isBytes, readField } from './input.ts';
import { PROVIDERS, isProviderId } from './providers/index.ts';
import type { CliContext, CliValue, CliWord, Provider, ProviderId } from './providers/types.ts';
import { isKeySpec, KEY_SPEC_INFO, rsaModulusBytes, type KeySpec } from './keys/key-specs.ts';
import { hiddenCharacter } from './text.ts';
import { LIBRARY_NAME, LIBRARY_VERSION } from './version.ts';

export interface Delivery {
  /** the file name the provider's console or CLI expects */
  fileName: string;
  mediaType: string;
  /** the file's bytes exactly */
  bytes: Uint8Array;
  /** the same, when the file is text */
  text?: string;
}

export interface DeliveryContext {
  provider: ProviderId;
  algorithm: string;
  keySpec: KeySpec;
  wrappingKeySpec: string;
  keyId?: string;
  /** Azure: the KEK's full, versioned key identifier */
  kekId?: string;
}

/**
 * Azure key identifier of a key in a vault or managed HSM, with its version (spec §20.4):
 * https://<name>.vault.azure.net/keys/<key>/<version> (also the sovereign clouds' vault domains).
 */
const AZURE_KID = /^https:\/\/[a-z0-9-]{3,24}\.(?:vault\.azure\.net|vault\.azure\.cn|vault\.usgovcloudapi\.net|managedhsm\.azure\.net|managedhsm\.azure\.cn|managedhsm\.usgovcloudapi\.net)\/keys\/[A-Za-z0-9-]{1,127}\/[0-9a-f]{32}$/i;

function providerOf(id: unknown): Provider {
  if (!isProviderId(id)) fail('provider_unknown', { found: typeof id === 'string' ? id.slice(0, 32) : undefined });
  return PROVIDERS[id];
}

function textField(o: object, field: string, required: boolean): string | undefined {
  const v = readField(o, field);
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > 1024) fail('input_type', { field });
  const hidden = hiddenCharacter(v);
  if (hidden !== undefined) fail('text_hidden_character', { field, found: hidden });
  return v;
}

/** `{id}` → the key ID made safe for a file name on every OS, or dropped with the separator before it. */
function deliveryFileName(template: string, keyId: string | undefined): string {
  let safe = (keyId ?? '').replace(/[^A-Za-z0-9._-]/g, '').replace(/^\.+/, '').slice(0, 100);
  // Windows device names (CON, NUL, COM1 …) cannot be file names there, whatever the extension
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i.test(safe)) safe = `_${safe}`;
  return safe ? template.replace('{id}', safe) : template.replace(/[_-]?\{id\}/, '').replace(/^\./, 'key-material.');
}

const encoder = new TextEncoder();

function textDelivery(fileName: string, mediaType: string, text: string): Delivery {
  return { fileName, mediaType, bytes: encoder.encode(text), text };
}

/** RFC 4648 §5 base64url without padding, as Azure's vendor tools write it (research §7.2). */
function base64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The material as the provider's console or CLI takes it: binary, base64 text, Azure's .byok JSON, Huawei's two
 * fields or OCI's WrappedImportKey JSON. Holds no secret (the material is wrapped); the caller's bytes are copied.
 */
export function deliverKeyMaterial(material: Uint8Array, context: DeliveryContext): Delivery {
  if (!isBytes(material) || material.length === 0) fail('input_type', { field: 'material' });
  if (context === null || typeof context !== 'object') fail('input_type', { field: 'context' });
  const provider = providerOf(readField(context, 'provider'));
  const algorithm = textField(context, 'algorithm', true)!;
  const keySpec = readField(context, 'keySpec');
  if (!isKeySpec(keySpec)) fail('key_spec_unknown', { spec: typeof keySpec === 'string' ? keySpec.slice(0, 32) : undefined });
  const wrappingKeySpec = textField(context, 'wrappingKeySpec', true)!;
  const keyId = textField(context, 'keyId', false);
  const entry = provider.algorithms.find((a) => a.name === algorithm && a.keySpecs.includes(keySpec));
  if (!entry) fail('algorithm_unknown', { algorithm: algorithm.slice(0, 64), provider: provider.id });
  if (!(entry.wrappingKeySpecs as readonly string[]).includes(wrappingKeySpec))
    fail('algorithm_mismatch', { algorithm, spec: wrappingKeySpec.slice(0, 32), expected: entry.wrappingKeySpecs.join(', ') });
  const delivery = (KEY_SPEC_INFO[keySpec].kind === 'asymmetric' && provider.delivery.asymmetric) || provider.delivery;
  const fileName = deliveryFileName(delivery.fileName, keyId);
  const bytes = material.slice();

  switch (delivery.form) {
    case 'binary':
      return { fileName, mediaType: 'application/octet-stream', bytes };
    case 'base64-text':
      return textDelivery(fileName, 'text/plain', toBase64(bytes));
    case 'huawei-json':
      return huaweiFields(bytes, wrappingKeySpec, fileName);
    case 'azure-byok': {
      const kekId = textField(context, 'kekId', false);
      if (kekId === undefined) fail('kek_id_required');
      if (!AZURE_KID.test(kekId)) fail('kek_id_invalid');
      const byok = {
        schema_version: '1.0.0',
        header: { kid: kekId, alg: 'dir', enc: algorithm },
        ciphertext: base64Url(bytes),
        generator: `${LIBRARY_NAME} ${LIBRARY_VERSION}; software (no HSM)`,
      };
      return textDelivery(fileName, 'application/json', JSON.stringify(byok, null, 2) + '\n');
    }
    case 'oci-json':
      return textDelivery(fileName, 'application/json', JSON.stringify({ keyMaterial: toBase64(bytes), wrappingAlgorithm: algorithm }, null, 2) + '\n');
  }
}

/** Huawei asymmetric import (spec §20.6): the RSA block and the KWP part as two base64 API fields. */
function huaweiFields(bytes: Uint8Array, wrappingKeySpec: string, fileName: string): Delivery {
  const k = rsaModulusBytes(wrappingKeySpec);
  if (k === 0 || bytes.length <= k) fail('algorithm_mismatch', { spec: wrappingKeySpec.slice(0, 32) });
  const fields = { encrypted_key_material: toBase64(bytes.subarray(0, k)), encrypted_privatekey: toBase64(bytes.subarray(k)) };
  return textDelivery(fileName, 'application/json', JSON.stringify(fields, null, 2) + '\n');
}

export interface ImportCommandContext {
  provider: ProviderId;
  algorithm: string;
  /** the provider's own key spec name */
  keySpec: string;
  keyId?: string;
  fileName: string;
  tokenFileName?: string;
  /** gcp */
  importJob?: string;
  /** azure: the vault or managed HSM name (or its URL) */
  vaultName?: string;
  /** vault: the transit mount, default "transit" */
  mount?: string;
  /** alibaba: KeyMaterialExpireUnix (seconds since the epoch, a whole number); 0 or absent: never expires */
  expireUnix?: number;
}

/**
 * POSIX shell single-quoting (spec §21): plain words stay as they are, anything else is quoted whole. A word that
 * starts with "=" is not plain (zsh expands =word).
 */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9._/+:@%,-][A-Za-z0-9._/=+:@%,-]*$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A file name as a command's operand: one that starts with "-" would read as an option (cat -n), so ./ goes first. */
const operand = (file: string) => shellQuote(file.startsWith('-') ? `./${file}` : file);

function renderValue(w: CliValue): string {
  if (typeof w === 'string') return shellQuote(w);
  if ('cat' in w) return `"$(cat ${operand(w.cat)})"`;
  if ('json' in w) return `"$(jq -r .${w.field} ${operand(w.json)})"`;
  return `"$${w.env}"`;
}

function renderWord(w: CliWord): string {
  if (typeof w === 'object' && 'opt' in w) return typeof w.value === 'string' ? shellQuote(w.opt + w.value) : w.opt + renderValue(w.value);
  return renderValue(w);
}

/** A whole number of seconds from 0 (never expires) to 2^32 − 1; absent means 0. */
function expireUnixField(context: object): number {
  const v = readField(context, 'expireUnix');
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) fail('input_type', { field: 'expireUnix', expected: 'a whole number of seconds since 1970, or 0' });
  return v;
}

/**
 * The provider's CLI line for the upload (spec §20.x, §21), shell-quoted, built from the provider data. It names
 * files and IDs only: never the token's or the material's content.
 */
export function importCommand(context: ImportCommandContext): string {
  if (context === null || typeof context !== 'object') fail('input_type', { field: 'context' });
  const provider = providerOf(readField(context, 'provider'));
  const algorithm = textField(context, 'algorithm', true)!;
  const keySpecName = textField(context, 'keySpec', true)!;
  if (!Object.hasOwn(provider.keySpecs, keySpecName)) fail('key_spec_unknown', { spec: keySpecName.slice(0, 32) });
  const keySpec = provider.keySpecs[keySpecName]!;
  if (!provider.algorithms.some((a) => a.name === algorithm && a.keySpecs.includes(keySpec)))
    fail('algorithm_unknown', { algorithm: algorithm.slice(0, 64), provider: provider.id });
  const c: CliContext = {
    keyId: textField(context, 'keyId', false) ?? 'KEY_ID',
    keySpecName,
    keySpec,
    algorithm,
    fileName: textField(context, 'fileName', true)!,
    tokenFileName: textField(context, 'tokenFileName', false),
    importJob: textField(context, 'importJob', false),
    vaultName: textField(context, 'vaultName', false),
    mount: textField(context, 'mount', false) ?? 'transit',
    expireUnix: expireUnixField(context),
  };
  if (provider.needs?.includes('importJob') && c.importJob === undefined) fail('import_job_required');
  if (provider.keyIdPattern && !provider.keyIdPattern.test(c.keyId)) fail('input_type', { field: 'keyId', expected: `a key name matching ${provider.keyIdPattern.source}` });
  if (/(^|\/)\.{1,2}(\/|$)|^\//.test(c.mount)) fail('input_type', { field: 'mount', expected: 'a mount path without "." or ".." segments' });
  return provider.cli(c).map(renderWord).join(' ');
}
