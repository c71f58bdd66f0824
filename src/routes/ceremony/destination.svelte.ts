// One destination of the ceremony (issue 11): a provider, the key spec and wrapping algorithm in that provider's
// own words, its wrapping public key and import token (steps 1–2), the material delivered for it (step 5) and
// its check after import (step 6) — docs/spec.md §22.1, §22.2. Only public facts are reactive; the wrapping key object, the token and the
// delivered bytes are private fields (#…), dropped by the ceremony's clear().
import {
  KEY_SPEC_INFO,
  PROVIDERS,
  algorithmsFor,
  parseImportToken,
  parseWrappingPublicKey,
  type ImportToken,
  type KeySpec,
  type Provider,
  type ProviderAlgorithm,
  type ProviderId,
  type WrappingKeySpec,
  type WrappingPublicKey,
} from '../../lib/index.ts';
import { formatTimestamp, type Notice, type Problem } from '../i18n.ts';
import { docAdvice, type InstanceType } from '../kms-tables.ts';
import { refuseHidden, showHidden } from '../visible.ts';
import { problemOf, readFileBytes } from './io.ts';
import { providerUi } from './provider-ui.ts';

export interface WrappingKeyInfo {
  spec: WrappingKeySpec;
  sha256: string;
  source: WrappingPublicKey['source'];
  fileName?: string;
}

export interface TokenInfo {
  form: ImportToken['form'];
  sha256: string;
  length: number;
  fileName?: string;
  loadedAt: number;
}

/** What was delivered for this destination in step 5: public facts of the file to upload. */
export interface MaterialInfo {
  fileName: string;
  mediaType: string;
  /** SHA-256 of the file's bytes exactly as downloaded */
  sha256: string;
  byteLength: number;
  /** the file's text when it is text (ciphertext only: base64 or JSON around it) */
  text?: string;
  algorithm: string;
  wrappedAt: number;
  /** Azure: the KEK ID the .byok file names inside; another one typed since makes the material outdated */
  kekId?: string;
  /** the destination's KEK ID, key ID and import job when it was made (Destination.madeFor) */
  madeFor: string;
}

/** Why this destination cannot be wrapped for yet, in the order the steps meet them. */
export type DestinationBlocker =
  | 'keyType'
  | 'noAlgorithm'
  | 'keyId'
  | 'kekId'
  | 'importJob'
  | 'wrappingKey'
  | 'wrappingKeyType'
  | 'token'
  | 'tokenExpired';

export interface NotAvailable {
  name: string;
  /** a catalogue key: why this tool or the provider refuses it for the chosen key spec */
  reason: Notice;
}

let nextUid = 1;

/** The provider's key spec names that stand for `keySpec` (first one first), or [] when it has none. */
export function keySpecNamesFor(provider: Provider, keySpec: KeySpec): string[] {
  return Object.entries(provider.keySpecs)
    .filter(([, s]) => s === keySpec)
    .map(([n]) => n);
}

/** Azure: the vault's name from the KEK's key identifier (the https address <name>.vault.azure.net/keys/…). */
export function vaultNameOf(kekId: string): string | undefined {
  const m = /^https:\/\/([^/]+)\//i.exec(kekId.trim());
  return m ? m[1] : undefined;
}

const HOUR = 3_600_000;

export class Destination {
  /** stable identity for the view's keyed lists */
  readonly uid = nextUid++;

  // --- step 1: what the operator chose in the provider's console ---
  providerId = $state<ProviderId>('alibaba');
  keySpecName = $state('RSA_2048');
  /** '' = the provider's recommended algorithm for the key spec */
  algorithmName = $state('');
  keyId = $state('');
  /** Azure: the KEK's full, versioned key identifier */
  kekId = $state('');
  /** Google: the import job's resource name */
  importJob = $state('');
  /** Alibaba asymmetric import: the instance type the document's tables speak of */
  instanceType = $state<InstanceType>('software');

  provider = $derived(PROVIDERS[this.providerId]);
  ui = $derived(providerUi(this.providerId));
  keySpec = $derived<KeySpec>(this.provider.keySpecs[this.keySpecName] ?? 'RSA_2048');
  keyKind = $derived(KEY_SPEC_INFO[this.keySpec].kind);
  algorithms = $derived<ProviderAlgorithm[]>(algorithmsFor(this.providerId, this.keySpec));
  algorithm = $derived<ProviderAlgorithm | undefined>(this.algorithms.find((a) => a.name === this.algorithmName) ?? this.algorithms[0]);
  /** the provider's algorithms that do not carry this key spec, and those it lists that this tool does not offer */
  notAvailable = $derived.by((): NotAvailable[] => {
    const offered = new Set(this.algorithms.map((a) => a.name));
    const out: NotAvailable[] = [];
    for (const a of this.provider.algorithms)
      if (!offered.has(a.name) && !out.some((o) => o.name === a.name))
        out.push({ name: a.name, reason: { key: 'step1.na.keySpec', params: { spec: this.keySpecName } } });
    for (const n of this.provider.notOffered) out.push({ name: n.name, reason: { key: `step1.na.${n.reason}` } });
    return out;
  });
  /** key specs the provider lists that this tool does not offer */
  keySpecsNotOffered = $derived(this.provider.keySpecsNotOffered ?? []);
  /** Alibaba's document warnings for its asymmetric import (kms-tables.ts); none elsewhere */
  advice = $derived(this.ui.instanceType && this.keyKind === 'asymmetric' ? docAdvice(this.instanceType, this.keySpec) : []);
  /** how the provider takes this key's material (spec §21): asymmetric keys may go another way (Huawei's two fields) */
  deliveryForm = $derived((this.keyKind === 'asymmetric' && this.provider.delivery.asymmetric?.form) || this.provider.delivery.form);
  keyIdRefused = $derived(refuseHidden(this.keyId));
  kekIdRefused = $derived(refuseHidden(this.kekId));
  importJobRefused = $derived(refuseHidden(this.importJob));
  /** what the operator confirms matches the console */
  settings = $derived(
    [this.providerId, this.keySpecName, this.algorithm?.name ?? '', this.ui.instanceType ? this.instanceType : ''].join('/'),
  );

  setProvider(id: ProviderId, sameAs?: KeySpec): void {
    if (id === this.providerId) return;
    this.providerId = id;
    const p = PROVIDERS[id];
    // keep the key type of the first destination where this provider has it
    const names = sameAs ? keySpecNamesFor(p, sameAs) : [];
    this.keySpecName = names[0] ?? Object.keys(p.keySpecs)[0]!;
    this.algorithmName = '';
    // another cloud's wrapping key and token belong to another console: they go
    this.dropInputs();
  }

  setKeySpec(name: string): void {
    if (!Object.hasOwn(this.provider.keySpecs, name) || name === this.keySpecName) return;
    this.keySpecName = name;
    this.algorithmName = '';
    this.dropMaterial();
  }

  setAlgorithm(name: string): void {
    this.algorithmName = name;
    this.dropMaterial();
  }

  // --- step 2: wrapping public key and token ---
  wrappingKey = $state<WrappingKeyInfo | null>(null);
  wrappingKeyProblem = $state<Problem | null>(null);
  token = $state<TokenInfo | null>(null);
  tokenProblem = $state<Problem | null>(null);
  #wrappingKey: WrappingPublicKey | undefined;
  #token: ImportToken | undefined;
  /** "Token downloaded at" (datetime-local, optional): the token's validity follows from it */
  tokenDownloadedAt = $state('');
  /** ticks once a minute while a token is loaded (set by the view), so that "N h left" follows the clock */
  now = $state(Date.now());

  hasToken = $derived(this.provider.token.form !== 'none');
  validityHours = $derived(this.provider.token.validityHours);
  tokenValidUntil = $derived.by((): number | undefined => {
    const ms = this.tokenDownloadedAt ? new Date(this.tokenDownloadedAt).getTime() : NaN;
    return Number.isFinite(ms) && this.validityHours > 0 ? ms + this.validityHours * HOUR : undefined;
  });
  tokenExpired = $derived(this.tokenValidUntil !== undefined && this.tokenValidUntil <= this.now);
  /** whether the validity clock applies: a token, or (Google) an import job, loaded */
  validityApplies = $derived(this.validityHours > 0 && (this.hasToken ? this.token !== null : this.wrappingKey !== null));
  validityNotice = $derived.by((): { kind: 'note' | 'warning'; notice: Notice } | null => {
    if (!this.validityApplies) return null;
    const until = this.tokenValidUntil;
    const what = this.hasToken ? 'token' : 'importJob';
    if (until === undefined) return { kind: 'note', notice: { key: `note.${what}Validity`, params: { hours: this.validityHours } } };
    if (this.tokenExpired) return { kind: 'warning', notice: { key: `warn.${what}Expired`, params: { until: formatTimestamp(until) } } };
    const hours = Math.floor((until - this.now) / HOUR);
    return { kind: 'note', notice: { key: `note.${what}ValidUntil`, params: { until: formatTimestamp(until), hours } } };
  });

  /** the name part the provider's two downloads share (publickey_XXXX / token_XXXX), wrapping key first */
  downloadSuffix = $derived.by(() => {
    const k = this.wrappingKey?.fileName ? this.#suffix(this.provider.files.wrappingKey, this.wrappingKey.fileName) : undefined;
    return k ?? (this.token?.fileName ? this.#suffix(this.provider.files.token ?? [], this.token.fileName) : undefined);
  });

  /** the wrapping key spec the chosen algorithm needs */
  neededWrappingKeySpecs = $derived<readonly WrappingKeySpec[]>(this.algorithm?.wrappingKeySpecs ?? []);
  wrappingKeyFits = $derived(this.wrappingKey !== null && this.neededWrappingKeySpecs.includes(this.wrappingKey.spec));

  pairNotices = $derived.by((): Notice[] => {
    const out: Notice[] = [];
    const ks = this.wrappingKey?.fileName ? this.#suffix(this.provider.files.wrappingKey, this.wrappingKey.fileName) : undefined;
    const ts = this.token?.fileName ? this.#suffix(this.provider.files.token ?? [], this.token.fileName) : undefined;
    if (ks !== undefined && ts !== undefined && ks !== ts) out.push({ key: 'warn.suffixMismatch', params: { keySuffix: ks, tokenSuffix: ts } });
    if (this.wrappingKey && this.algorithm && !this.wrappingKeyFits)
      out.push({
        key: 'warn.wrappingKeyType',
        params: { found: this.wrappingKey.spec, spec: this.keySpecName, needed: this.neededWrappingKeySpecs.join(' / '), algorithm: this.algorithm.name },
      });
    return out;
  });

  /** Browsers rename repeated downloads "name (1).ext"; that copy number is not part of the suffix. */
  #suffix(patterns: readonly RegExp[], name: string): string | undefined {
    for (const re of patterns) {
      const m = re.exec(name.trim());
      if (m?.[1]) return m[1].replace(/\s*\(\d+\)$/, '') || undefined;
    }
    return undefined;
  }

  /** The key ID part of one of this provider's download names (publickey_<id>.pem, token_<id>.txt), if it has one. */
  suffixOf(name: string): string | undefined {
    return this.#suffix([...this.provider.files.wrappingKey, ...(this.provider.files.token ?? [])], name);
  }

  /** Whether a dropped file's name is this provider's wrapping key or token download. */
  recognises(name: string): 'wrappingKey' | 'token' | undefined {
    if (this.hasToken && (this.provider.files.token ?? []).some((re) => re.test(name))) return 'token';
    if (this.provider.files.wrappingKey.some((re) => re.test(name))) return 'wrappingKey';
    return undefined;
  }

  #epoch = 0;

  async loadWrappingKey(source: File | string): Promise<void> {
    const epoch = this.#epoch;
    const name = typeof source === 'string' ? undefined : showHidden(source.name);
    try {
      const input = typeof source === 'string' ? source : await readFileBytes(source);
      if (epoch !== this.#epoch) return;
      const k = parseWrappingPublicKey(input);
      this.#wrappingKey = k;
      this.wrappingKey = { spec: k.spec, sha256: k.sha256, source: k.source, fileName: name };
      this.wrappingKeyProblem = null;
    } catch (e) {
      if (epoch !== this.#epoch) return;
      this.#wrappingKey = undefined;
      this.wrappingKey = null;
      this.wrappingKeyProblem = problemOf(e);
    }
    this.dropMaterial();
  }

  async loadToken(source: File | string): Promise<void> {
    const epoch = this.#epoch;
    const name = typeof source === 'string' ? undefined : showHidden(source.name);
    let input: Uint8Array | string | undefined;
    try {
      input = typeof source === 'string' ? source : await readFileBytes(source);
      if (epoch !== this.#epoch) return;
      // the provider says whether its token is text or binary; it is never guessed (spec §5)
      const form = this.provider.token.form === 'none' ? undefined : this.provider.token.form;
      const tk = parseImportToken(input, form ? { form } : {});
      this.#dropToken();
      this.#token = tk;
      this.token = { form: tk.form, sha256: tk.sha256, length: tk.length, fileName: name, loadedAt: Date.now() };
      this.tokenProblem = null;
    } catch (e) {
      if (epoch !== this.#epoch) return;
      this.#dropToken();
      this.token = null;
      this.tokenProblem = problemOf(e);
    } finally {
      if (input instanceof Uint8Array) input.fill(0);
    }
    this.dropMaterial();
  }

  #dropToken(): void {
    if (this.#token?.form === 'binary') this.#token.bytes.fill(0);
    this.#token = undefined;
  }

  /** @internal for the wrap step: the parsed wrapping key */
  wrappingKeyObject(): WrappingPublicKey | undefined {
    return this.#wrappingKey;
  }

  /** The file name the token is uploaded from, for the CLI line (the library names the provider's usual one otherwise). */
  tokenFileName = $derived(this.token?.fileName);

  blockers = $derived.by((): DestinationBlocker[] => {
    const out: DestinationBlocker[] = [];
    if (!this.algorithm) out.push('noAlgorithm');
    if (this.keyIdRefused) out.push('keyId');
    if (this.provider.needs?.includes('kekId') && (this.kekId.trim() === '' || this.kekIdRefused)) out.push('kekId');
    if (this.importJobRefused) out.push('importJob');
    if (!this.wrappingKey) out.push('wrappingKey');
    else if (!this.wrappingKeyFits) out.push('wrappingKeyType');
    if (this.hasToken && !this.token) out.push('token');
    if (this.validityApplies && this.tokenExpired) out.push('tokenExpired');
    return out;
  });

  // --- step 5: the delivered file ---
  material = $state<MaterialInfo | null>(null);
  materialDownloaded = $state(false);
  /** the material no longer matches the inputs it was made from (a field the view binds directly changed) */
  /** what the file and its CLI line were made for; a change after the wrap makes the material outdated */
  madeFor = $derived([this.kekId.trim(), this.keyId.trim(), this.importJob.trim()].join('\n'));
  materialOutdated = $derived(this.material !== null && this.material.madeFor !== this.madeFor);
  #delivered: Uint8Array | undefined;

  /** @internal set by the wrap step: the file's bytes (ciphertext only) and their public facts */
  setMaterial(bytes: Uint8Array, info: MaterialInfo): void {
    this.dropMaterial();
    this.#delivered = bytes;
    this.material = info;
  }

  deliveredBytes(): Uint8Array | undefined {
    return this.#delivered;
  }

  dropMaterial(): void {
    this.#delivered?.fill(0);
    this.#delivered = undefined;
    this.material = null;
    this.materialDownloaded = false;
  }

  // --- step 6: after import ---
  /** public keys: both SHA-256s and what the KMS key is in words; secret keys: both KCVs */
  verification = $state<{ matches: boolean; expected: string; actual: string; found?: string } | null>(null);
  verifyProblem = $state<Problem | null>(null);

  dropInputs(): void {
    this.#epoch++;
    this.#wrappingKey = undefined;
    this.#dropToken();
    this.wrappingKey = null;
    this.wrappingKeyProblem = null;
    this.token = null;
    this.tokenProblem = null;
    this.tokenDownloadedAt = '';
    this.verification = null;
    this.verifyProblem = null;
    this.dropMaterial();
  }
}
