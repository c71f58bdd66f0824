// Step 3 — the target key: generated here, or loaded (asymmetric: a private key file or pasted PEM/JWK; secret
// keys: a raw/hex/base64 file or pasted hex/base64, spec §10.2). Only public facts are reactive (spec, public key
// fingerprint or KCV); the key object and a pending encrypted key's bytes are private fields, wiped by drop().
import {
  KEY_SPEC_INFO,
  generateTargetKey,
  parseTargetKey,
  type KeySpec,
  type PrivateKeyFormat,
  type SecretKeyFormat,
  type TargetKey,
} from '../../lib/index.ts';
import type { Problem } from '../i18n.ts';
import { showHidden } from '../visible.ts';
import { containsAscii, problemOf, readFileBytes } from './io.ts';

/** PEM labels of the encrypted forms a key may wait in for its passphrase: PKCS#8 (spec §3.4), CMS (spec §9.7) */
const ENCRYPTED_LABELS = ['ENCRYPTED PRIVATE KEY', '-----BEGIN CMS-----'];

export interface TargetInfo {
  spec: KeySpec;
  kind: 'asymmetric' | 'secret';
  /** asymmetric: SubjectPublicKeyInfo PEM and its SHA-256 */
  publicKeyPem?: string;
  publicKeySha256?: string;
  /** AES / SM4: key check value (spec §10.4); HMAC keys have none */
  kcv?: string;
  byteLength?: number;
  origin: 'generated' | 'loaded';
  sourceFormat?: PrivateKeyFormat | SecretKeyFormat;
  fileName?: string;
  /** when it was generated or loaded (named by the confirmation before it is replaced) */
  at: number;
}

/** What the rest of the ceremony must forget when the key changes (backup, material, checks). */
export type OnReplace = () => void;

export class TargetStep {
  info = $state<TargetInfo | null>(null);
  problem = $state<Problem | null>(null);
  generating = $state<{ spec: KeySpec; startedAt: number } | null>(null);
  loading = $state(false);
  /** name of an encrypted key waiting for its passphrase (its bytes are in #pending) */
  pendingName = $state<string | null>(null);
  #key: TargetKey | undefined;
  #pending: Uint8Array | string | undefined;
  #epoch = 0;
  readonly #onReplace: OnReplace;

  constructor(onReplace: OnReplace) {
    this.#onReplace = onReplace;
  }

  /** @internal the key object, for backup, wrap and verify */
  key(): TargetKey | undefined {
    return this.#key;
  }

  async generate(spec: KeySpec): Promise<void> {
    if (this.generating || this.loading) return;
    const epoch = this.#epoch;
    this.#replace(undefined);
    this.problem = null;
    this.#dropPending();
    this.generating = { spec, startedAt: Date.now() };
    try {
      const key = await generateTargetKey(spec);
      if (epoch !== this.#epoch) key.dispose();
      else this.#replace(key);
    } catch (e) {
      if (epoch === this.#epoch) this.problem = problemOf(e);
    } finally {
      if (epoch === this.#epoch) this.generating = null;
    }
  }

  async loadFile(file: File, spec: KeySpec): Promise<void> {
    if (this.generating) return;
    const epoch = this.#epoch;
    this.#dropPending();
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch (e) {
      this.#replace(undefined);
      this.problem = problemOf(e);
      return;
    }
    if (epoch !== this.#epoch) {
      bytes.fill(0);
      return;
    }
    await this.#load(bytes, showHidden(file.name), undefined, spec);
  }

  async loadText(text: string, spec: KeySpec): Promise<void> {
    if (this.generating) return;
    this.#dropPending();
    await this.#load(text, undefined, undefined, spec);
  }

  /** Retry the key waiting for its passphrase. */
  async unlock(passphrase: string, spec: KeySpec): Promise<void> {
    const pending = this.#pending;
    if (pending === undefined || this.generating || this.loading) return; // one PBKDF2 derivation at a time
    await this.#load(pending, this.pendingName ?? undefined, passphrase, spec);
  }

  async #load(input: Uint8Array | string, name: string | undefined, passphrase: string | undefined, spec: KeySpec): Promise<void> {
    const epoch = this.#epoch;
    this.#replace(undefined);
    this.problem = null;
    this.loading = true;
    const encrypted = ENCRYPTED_LABELS.some((l) => (typeof input === 'string' ? input.includes(l) : containsAscii(input, l)));
    let keep = false;
    try {
      // Secret keys are read as the destinations' key type (raw/hex/base64 carry no type); asymmetric keys say
      // what they are, and a key of another type is refused by the ceremony (specMatch), not here.
      const secret = KEY_SPEC_INFO[spec].kind === 'secret';
      // An empty passphrase is no passphrase: the library then says passphrase_required.
      const key = await parseTargetKey(input, { ...(passphrase ? { passphrase } : {}), ...(secret ? { spec } : {}) });
      if (epoch !== this.#epoch) key.dispose();
      else this.#replace(key, name);
    } catch (e) {
      if (epoch !== this.#epoch) return;
      const p = problemOf(e);
      this.problem = p;
      // An encrypted key waits (bytes outside reactive state) for its passphrase, or for another key.
      keep = p.code === 'passphrase_required' || p.code === 'passphrase_wrong' || (encrypted && p.code === 'passphrase_empty');
    } finally {
      if (keep) {
        if (this.#pending !== input) this.#dropPending();
        this.#pending = input;
        this.pendingName = name ?? '';
      } else {
        this.#dropPending(input);
      }
      if (epoch === this.#epoch) this.loading = false;
    }
  }

  /** Wipe the bytes of a pending encrypted key (and of `also`, a failed input that is not kept). */
  #dropPending(also?: Uint8Array | string): void {
    if (this.#pending instanceof Uint8Array) this.#pending.fill(0);
    if (also instanceof Uint8Array) also.fill(0);
    this.#pending = undefined;
    this.pendingName = null;
  }

  #replace(key: TargetKey | undefined, name?: string): void {
    this.#key?.dispose();
    this.#key = key;
    this.info = key ? infoOf(key, name) : null;
    this.#onReplace();
  }

  /** Wipe the key and any pending input; work finishing afterwards is discarded. */
  drop(): void {
    this.#epoch++;
    this.#replace(undefined);
    this.#dropPending();
    this.problem = null;
    this.generating = null;
    this.loading = false;
  }
}

function infoOf(key: TargetKey, fileName: string | undefined): TargetInfo {
  const common = { spec: key.spec, kind: key.kind, origin: key.origin, sourceFormat: key.sourceFormat, fileName, at: Date.now() };
  return key.kind === 'asymmetric'
    ? { ...common, publicKeyPem: key.publicKeyPem, publicKeySha256: key.publicKeySha256 }
    : { ...common, byteLength: key.byteLength, ...(key.kcv !== undefined ? { kcv: key.kcv } : {}) };
}
