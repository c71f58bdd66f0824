// The state of one key ceremony (issue 3). Only public metadata is reactive: specs, file names, fingerprints,
// statuses, stored problems. The target key, the key material bytes, the import token value and the wrapping key
// object are plain private fields (#…), outside Svelte's reactivity, and are wiped or dropped by clear().
import {
  ALIBABA_ASYMMETRIC_KEY_SPECS,
  ByokError,
  comparePublicKey,
  comparePublicKeys,
  encodeKeyMaterial,
  exportTargetKey,
  generateTargetKey,
  isByokError,
  parseImportToken,
  parseTargetKey,
  parseWrappingPublicKey,
  runSelfTests,
  sha256Hex,
  wrapKeyMaterial,
  type AsymmetricKeySpec,
  type AsymmetricTargetKey,
  type PrivateKeyFormat,
  type PublicKeyComparison,
  type SelfTestReport,
  type TargetKey,
  type WrappingAlgorithm,
  type WrappingKeySpec,
  type WrappingPublicKey,
} from '../lib/index.ts';
import { acknowledgeBuild, blocksKeyOperations, browserStorage, type BuildCheck } from '../sw/build-change.ts';
import { backupVerified, keyIdentity, outcomeOfError, outcomeOfReadBack, type BackupCheck } from './backup-check.ts';
import { MAX_FILE_BYTES, saveFile } from './download.ts';
import { formatTimestamp, type Notice, type Problem } from './i18n.ts';
import { docAdvice, planFor, type InstanceType } from './kms-tables.ts';
import { fileName, safeNamePart, tokenSuffix, wrappingKeySuffix } from './names.ts';
import { refuseHidden, showHidden } from './visible.ts';

export interface WrappingKeyInfo {
  spec: WrappingKeySpec;
  algorithm: WrappingAlgorithm;
  sha256: string;
  source: WrappingPublicKey['source'];
  fileName?: string;
}

export interface TokenInfo {
  sha256: string;
  length: number;
  fileName?: string;
  loadedAt: number;
}

export interface TargetInfo {
  spec: AsymmetricKeySpec;
  publicKeyPem: string;
  publicKeySha256: string;
  origin: 'generated' | 'loaded';
  sourceFormat?: PrivateKeyFormat;
  fileName?: string;
  /** when it was generated or loaded (named by the confirmation before it is replaced) */
  at: number;
}

export interface BackupInfo {
  fileName: string;
  sha256: string;
}

export interface MaterialInfo {
  /** base64 of the ciphertext: exactly the content of the downloaded file */
  text: string;
  /** SHA-256 of the file content (the base64 text) */
  sha256: string;
  byteLength: number;
  algorithm: WrappingAlgorithm;
  wrappedAt: number;
}

export type WrapBlocker =
  | 'buildChange'
  | 'selfTestRunning'
  | 'selfTestFailed'
  | 'keyId'
  | 'wrappingKey'
  | 'wrappingKeyType'
  | 'token'
  | 'tokenExpired'
  | 'target'
  | 'specMatch'
  | 'backup';

/** Alibaba import tokens are valid for 24 hours after GetParametersForImport (shared research, byok-formats.md [ALI-GPI]). */
export const TOKEN_VALID_MS = 24 * 3600 * 1000;

const encoder = new TextEncoder();

/**
 * The library reads more key types than Alibaba asymmetric import takes (P-384, P-521, Ed25519: other clouds);
 * the app refuses them as it always has, with the same codes. TODO(merge): from provider data.
 */
function refuseOutsideAlibaba(key: AsymmetricTargetKey): void {
  if (ALIBABA_ASYMMETRIC_KEY_SPECS.includes(key.spec)) return;
  key.dispose();
  if (key.spec === 'ED25519') throw new ByokError('key_algorithm_unsupported', { found: 'Ed25519', oid: '1.3.101.112' });
  const curve = key.spec === 'EC_P384' ? { curve: 'P-384', oid: '1.3.132.0.34' } : { curve: 'P-521', oid: '1.3.132.0.35' };
  throw new ByokError('ec_curve_unsupported', curve);
}

function problemOf(e: unknown): Problem {
  if (isByokError(e)) return { code: e.code, facts: { ...e.facts } };
  // A foreign exception is never shown (it might echo input); only its kind goes to the console for support.
  console.warn('byok-wrap: unexpected', e instanceof Error ? e.name : typeof e);
  return { code: 'internal', facts: {} };
}

/** Bytes of a picked or dropped file; a huge file is refused before it is read. */
async function readFileBytes(file: File): Promise<Uint8Array> {
  if (file.size > MAX_FILE_BYTES) throw new ByokError('input_too_large', { length: file.size, limit: 64 * 1024 });
  return new Uint8Array(await file.arrayBuffer());
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const n = encoder.encode(needle);
  outer: for (let i = 0; i + n.length <= bytes.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

export class Ceremony {
  // Power-on self-test (spec §8): null while it runs; wrapping is refused unless it passed.
  selfTest = $state<SelfTestReport | null>(null);
  /** names of the failed tests (empty, yet not ok, when the self-test could not run at all) */
  selfTestFailures = $derived(this.selfTest === null || this.selfTest.ok ? [] : this.selfTest.results.filter((r) => !r.ok).map((r) => r.name));

  // Step 1 — key in KMS
  instanceType = $state<InstanceType>('software');
  keySpec = $state<AsymmetricKeySpec>('RSA_2048');
  keyId = $state('');
  plan = $derived(planFor(this.keySpec));
  specAdvice = $derived(docAdvice(this.instanceType, this.keySpec));
  /** hidden or direction-changing characters typed into the key ID (visible.ts); the ID is then refused */
  keyIdRefused = $derived(refuseHidden(this.keyId));
  /** the settings ("instance/spec") the operator confirmed match the KMS console; other settings are unconfirmed */
  confirmedSettings = $state<string | null>(null);
  /** the settings whose document warnings the operator acknowledged */
  acknowledgedAdvice = $state<string | null>(null);
  #settings = $derived(`${this.instanceType}/${this.keySpec}`);
  settingsChecked = $derived(this.confirmedSettings === this.#settings);
  adviceAcknowledged = $derived(this.acknowledgedAdvice === this.#settings);
  /** step 1 is done: settings confirmed, and the document's warnings for them (if any) acknowledged */
  settingsConfirmed = $derived(this.settingsChecked && (this.specAdvice.length === 0 || this.adviceAcknowledged));

  confirmSettings(confirmed: boolean): void {
    this.confirmedSettings = confirmed ? this.#settings : null;
  }

  acknowledgeAdvice(acknowledged: boolean): void {
    this.acknowledgedAdvice = acknowledged ? this.#settings : null;
  }

  // Step 2 — wrapping public key and token
  wrappingKey = $state<WrappingKeyInfo | null>(null);
  wrappingKeyProblem = $state<Problem | null>(null);
  token = $state<TokenInfo | null>(null);
  tokenProblem = $state<Problem | null>(null);
  #wrappingKey: (WrappingPublicKey & { algorithm: WrappingAlgorithm }) | undefined;
  #tokenValue: string | undefined;

  /** The XXXX shared by publickey_XXXX and token_XXXX (public key first), for file names. */
  downloadSuffix = $derived.by(() => {
    const k = this.wrappingKey?.fileName ? wrappingKeySuffix(this.wrappingKey.fileName) : undefined;
    return k ?? (this.token?.fileName ? tokenSuffix(this.token.fileName) : undefined);
  });

  pairNotices = $derived.by((): Notice[] => {
    const out: Notice[] = [];
    const k = this.wrappingKey;
    const tk = this.token;
    const ks = k?.fileName ? wrappingKeySuffix(k.fileName) : undefined;
    const ts = tk?.fileName ? tokenSuffix(tk.fileName) : undefined;
    if (ks !== undefined && ts !== undefined && ks !== ts) out.push({ key: 'warn.suffixMismatch', params: { keySuffix: ks, tokenSuffix: ts } });
    if (k && k.spec !== this.plan.wrappingKeySpec)
      out.push({
        key: 'warn.wrappingKeyType',
        params: { found: k.spec, spec: this.keySpec, needed: this.plan.wrappingKeySpec, algorithm: this.plan.algorithm },
      });
    return out;
  });

  /** "Token downloaded at" (datetime-local, optional): how long the token is still valid follows from it. */
  tokenDownloadedAt = $state('');
  /** end of the token's validity in ms since the epoch, or undefined when the download time is not given */
  tokenValidUntil = $derived.by((): number | undefined => {
    const ms = this.tokenDownloadedAt ? new Date(this.tokenDownloadedAt).getTime() : NaN;
    return Number.isFinite(ms) ? ms + TOKEN_VALID_MS : undefined;
  });
  /** ticks once a minute while a token is loaded, so that "N h left" and expiry follow the clock */
  now = $state(Date.now());
  tokenExpired = $derived(this.tokenValidUntil !== undefined && this.tokenValidUntil <= this.now);
  /** what the page says about the token's validity: a note while it is (or may be) valid, a warning once expired */
  tokenNotice = $derived.by((): { kind: 'note' | 'warning'; notice: Notice } | null => {
    if (!this.token) return null;
    const until = this.tokenValidUntil;
    if (until === undefined) return { kind: 'note', notice: { key: 'note.tokenValidity' } };
    if (this.tokenExpired) return { kind: 'warning', notice: { key: 'warn.tokenExpired', params: { until: formatTimestamp(until) } } };
    const hours = Math.floor((until - this.now) / 3_600_000);
    return { kind: 'note', notice: { key: 'note.tokenValidUntil', params: { until: formatTimestamp(until), hours } } };
  });

  // Step 3 — target key
  target = $state<TargetInfo | null>(null);
  targetProblem = $state<Problem | null>(null);
  generating = $state<{ spec: AsymmetricKeySpec; startedAt: number } | null>(null);
  loadingKey = $state(false);
  /** name of an encrypted key waiting for its passphrase (its bytes are in #pendingKey) */
  pendingKeyName = $state<string | null>(null);
  #target: AsymmetricTargetKey | undefined;
  #pendingKey: Uint8Array | string | undefined;
  targetSpecMismatch = $derived(this.target !== null && this.target.spec !== this.keySpec);

  // Step 4 — backup
  backup = $state<BackupInfo | null>(null);
  backupBusy = $state(false);
  backupProblem = $state<Problem | null>(null);
  backupRequired = $derived(this.target?.origin === 'generated');
  /** the last read-back of the saved backup (spec §3.5); only a match counts as a backup */
  backupCheck = $state<BackupCheck | null>(null);
  backupChecking = $state(false);
  backupVerified = $derived(backupVerified(this.backupCheck));

  // Step 5 — wrap
  material = $state<MaterialInfo | null>(null);
  materialDownloaded = $state(false);
  wrapBusy = $state(false);
  wrapProblem = $state<Problem | null>(null);
  expiry = $state<'never' | 'date'>('never');
  expiryDate = $state('');
  #material: Uint8Array | undefined;

  /** KeyMaterialExpireUnix: 0 for Never Expire, else seconds since the epoch; undefined while invalid. */
  expireUnix = $derived.by((): number | undefined => {
    if (this.expiry === 'never') return 0;
    const ms = this.expiryDate ? new Date(this.expiryDate).getTime() : NaN;
    if (!Number.isFinite(ms) || ms <= Date.now()) return undefined;
    return Math.floor(ms / 1000);
  });

  // Another build than the one that started last in this browser (src/sw/build-change.ts), set by App at start:
  // generation, loading, backup and wrapping wait until the operator acknowledges "old → new".
  buildCheck = $state<BuildCheck | null>(null);
  buildChangeAcknowledged = $state(false);
  buildChangePending = $derived(blocksKeyOperations(this.buildCheck, this.buildChangeAcknowledged));

  /**
   * A failed self-test also refuses key generation and the encrypted backup (spec §8): the RNG-driven curve
   * code, PBKDF2 and AES-CBC they rely on are among what failed or share its build. An unacknowledged build
   * change refuses them too.
   */
  cryptoRefused = $derived((this.selfTest !== null && !this.selfTest.ok) || this.buildChangePending);
  /** why cryptoRefused, for the steps that show it */
  refusal = $derived.by((): Notice | null =>
    this.buildChangePending
      ? { key: 'build.refuses' }
      : this.cryptoRefused
        ? { key: 'common.selfTestRefuses', params: { tests: this.selfTestFailures.join(', ') } }
        : null,
  );

  acknowledgeBuildChange(): void {
    if (this.buildCheck?.kind !== 'changed') return;
    acknowledgeBuild(browserStorage(), this.buildCheck.current);
    this.buildChangeAcknowledged = true;
  }

  wrapBlockers = $derived.by((): WrapBlocker[] => {
    const out: WrapBlocker[] = [];
    if (this.buildChangePending) out.push('buildChange');
    if (this.selfTest === null) out.push('selfTestRunning');
    else if (!this.selfTest.ok) out.push('selfTestFailed');
    if (this.keyIdRefused) out.push('keyId');
    if (!this.wrappingKey) out.push('wrappingKey');
    else if (this.wrappingKey.spec !== this.plan.wrappingKeySpec) out.push('wrappingKeyType');
    if (!this.token) out.push('token');
    else if (this.tokenExpired) out.push('tokenExpired');
    if (!this.target) out.push('target');
    else if (this.targetSpecMismatch) out.push('specMatch');
    if (this.backupRequired && !this.backupVerified) out.push('backup');
    return out;
  });

  /** The name part of the files this app writes: the KMS key ID, else the download suffix. */
  recordId = $derived(safeNamePart(this.keyId) || safeNamePart(this.downloadSuffix ?? ''));
  materialFileName = $derived(fileName('key-material', this.recordId, 'txt'));
  backupFileName = $derived(fileName('target-key-backup', this.recordId, 'pem'));
  publicKeyFileName = $derived(fileName('target-public-key', this.recordId, 'pem'));
  tokenFileName = $derived(this.token?.fileName ?? fileName('token', this.downloadSuffix ?? '', 'txt'));

  // Step 6 — verify after import
  verification = $state<PublicKeyComparison | null>(null);
  verifyProblem = $state<Problem | null>(null);
  /** the target public key saved in step 3, when the private key is no longer in memory (spec §6.2) */
  savedPublicKey = $state<{ fileName: string; sha256: string } | null>(null);
  #savedPublicKey: Uint8Array | undefined;

  // Step 7 — finish
  cleared = $state(false);
  /** bumped by clear(): the view re-creates every step, which also empties file inputs and text fields */
  generation = $state(0);
  startedAt = $state(Date.now());

  /** material wrapped for inputs that have changed since (e.g. the key spec in step 1) */
  materialStale = $derived(this.material !== null && this.wrapBlockers.length > 0);

  unsavedWork = $derived((this.backupRequired && !this.backupVerified) || (this.material !== null && !this.materialDownloaded));

  /** bumped by clear() so that work finishing afterwards is discarded */
  #epoch = 0;

  // --- power-on self-test ---

  /**
   * Run the known-answer tests once, at start. `brk` is the test-only hook (spec §8): names of tests to fail on
   * purpose; it can only make the self-test fail. A self-test that cannot run at all counts as failed.
   */
  async runSelfTests(brk?: unknown): Promise<void> {
    this.selfTest = null;
    let report: SelfTestReport;
    try {
      report = await runSelfTests(brk === undefined ? {} : { break: brk as readonly string[] });
    } catch {
      report = { ok: false, results: [] };
    }
    this.selfTest = report;
  }

  // --- step 2 ---

  loadWrappingKeyFile(file: File): Promise<void> {
    return this.#loadStep2('wrappingKey', file);
  }

  loadWrappingKeyText(text: string): Promise<void> {
    return this.#loadStep2('wrappingKey', text);
  }

  loadTokenFile(file: File): Promise<void> {
    return this.#loadStep2('token', file);
  }

  loadTokenText(text: string): Promise<void> {
    return this.#loadStep2('token', text);
  }

  /** A step 2 input, picked/dropped (File) or pasted (string). */
  async #loadStep2(kind: 'wrappingKey' | 'token', source: File | string): Promise<void> {
    const epoch = this.#epoch;
    const name = typeof source === 'string' ? undefined : showHidden(source.name);
    try {
      const input = typeof source === 'string' ? source : await readFileBytes(source);
      if (epoch !== this.#epoch) return;
      if (kind === 'wrappingKey') this.#setWrappingKey(parseWrappingPublicKey(input), name);
      else {
        const tk = parseImportToken(input);
        // Alibaba tokens are text (token_*.txt); binary tokens are another cloud's (AWS ImportToken.bin).
        if (tk.form !== 'text') throw new ByokError('token_invalid');
        this.#setToken(tk, name);
      }
    } catch (e) {
      if (epoch !== this.#epoch) return;
      if (kind === 'wrappingKey') this.#wrappingKeyFailed(e);
      else this.#tokenFailed(e);
    }
  }

  #setWrappingKey(parsed: WrappingPublicKey, name: string | undefined): void {
    const algorithm = parsed.algorithm;
    // Alibaba issues RSA_2048 and EC_SM2 wrapping keys only; the library also reads RSA_3072/4096 (other clouds).
    if (algorithm === undefined) {
      const bits = Number(parsed.spec.slice(4));
      throw new ByokError('wrapping_key_unsupported', { found: `an RSA ${bits}-bit public key`, bits });
    }
    const k = { ...parsed, algorithm };
    this.#wrappingKey = k;
    this.wrappingKey = { spec: k.spec, algorithm: k.algorithm, sha256: k.sha256, source: k.source, fileName: name };
    this.wrappingKeyProblem = null;
    this.#dropMaterial();
  }

  #wrappingKeyFailed(e: unknown): void {
    this.#wrappingKey = undefined;
    this.wrappingKey = null;
    this.wrappingKeyProblem = problemOf(e);
    this.#dropMaterial();
  }

  #setToken(tk: { value: string; sha256: string; length: number }, name: string | undefined): void {
    this.#tokenValue = tk.value;
    this.token = { sha256: tk.sha256, length: tk.length, fileName: name, loadedAt: Date.now() };
    this.tokenProblem = null;
  }

  #tokenFailed(e: unknown): void {
    this.#tokenValue = undefined;
    this.token = null;
    this.tokenProblem = problemOf(e);
  }

  // --- step 3 ---

  async generate(): Promise<void> {
    if (this.generating || this.loadingKey || this.cryptoRefused) return;
    const spec = this.keySpec;
    const epoch = this.#epoch;
    this.#replaceTarget(undefined);
    this.targetProblem = null;
    this.#dropPending();
    this.generating = { spec, startedAt: Date.now() };
    try {
      const key = await generateTargetKey(spec);
      if (epoch !== this.#epoch) key.dispose();
      else this.#replaceTarget(key);
    } catch (e) {
      if (epoch === this.#epoch) this.targetProblem = problemOf(e);
    } finally {
      if (epoch === this.#epoch) this.generating = null;
    }
  }

  async loadTargetFile(file: File): Promise<void> {
    if (this.generating || this.buildChangePending) return;
    const epoch = this.#epoch;
    this.#dropPending();
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch (e) {
      this.#replaceTarget(undefined);
      this.targetProblem = problemOf(e);
      return;
    }
    if (epoch !== this.#epoch) {
      bytes.fill(0);
      return;
    }
    await this.#loadTarget(bytes, showHidden(file.name), undefined);
  }

  async loadTargetText(text: string): Promise<void> {
    if (this.generating || this.buildChangePending) return;
    this.#dropPending();
    await this.#loadTarget(text, undefined, undefined);
  }

  /** Retry the key waiting for its passphrase. */
  async unlockTarget(passphrase: string): Promise<void> {
    const pending = this.#pendingKey;
    if (pending === undefined || this.generating || this.loadingKey || this.buildChangePending) return; // one PBKDF2 derivation at a time
    await this.#loadTarget(pending, this.pendingKeyName ?? undefined, passphrase);
  }

  async #loadTarget(input: Uint8Array | string, name: string | undefined, passphrase: string | undefined): Promise<void> {
    const epoch = this.#epoch;
    this.#replaceTarget(undefined);
    this.targetProblem = null;
    this.loadingKey = true;
    const encrypted = typeof input === 'string' ? input.includes('ENCRYPTED PRIVATE KEY') : containsAscii(input, 'ENCRYPTED PRIVATE KEY');
    let keep = false;
    try {
      // An empty passphrase is no passphrase: the library then says passphrase_required.
      const key = await parseTargetKey(input, passphrase ? { passphrase } : {});
      refuseOutsideAlibaba(key);
      if (epoch !== this.#epoch) key.dispose();
      else this.#replaceTarget(key, name);
    } catch (e) {
      if (epoch !== this.#epoch) return;
      const p = problemOf(e);
      this.targetProblem = p;
      // An encrypted key waits (bytes outside reactive state) for its passphrase, or for another key.
      keep = p.code === 'passphrase_required' || p.code === 'passphrase_wrong' || (encrypted && p.code === 'passphrase_empty');
    } finally {
      if (keep) {
        if (this.#pendingKey !== input) this.#dropPending();
        this.#pendingKey = input;
        this.pendingKeyName = name ?? '';
      } else {
        this.#dropPending(input);
      }
      if (epoch === this.#epoch) this.loadingKey = false;
    }
  }

  /** Wipe the bytes of a pending encrypted key (and of `also`, a failed input that is not kept). */
  #dropPending(also?: Uint8Array | string): void {
    if (this.#pendingKey instanceof Uint8Array) this.#pendingKey.fill(0);
    if (also instanceof Uint8Array) also.fill(0);
    this.#pendingKey = undefined;
    this.pendingKeyName = null;
  }

  #replaceTarget(key: AsymmetricTargetKey | undefined, name?: string): void {
    this.#target?.dispose();
    this.#target = key;
    this.target = key
      ? {
          spec: key.spec,
          publicKeyPem: key.publicKeyPem,
          publicKeySha256: key.publicKeySha256,
          origin: key.origin,
          sourceFormat: key.sourceFormat,
          fileName: name,
          at: Date.now(),
        }
      : null;
    this.backup = null;
    this.backupProblem = null;
    this.backupCheck = null;
    this.verification = null;
    this.verifyProblem = null;
    this.#dropMaterial();
  }

  downloadPublicKey(): void {
    if (this.target) saveFile(this.publicKeyFileName, this.target.publicKeyPem, 'application/x-pem-file');
  }

  // --- step 4 ---

  async downloadBackup(passphrase: string): Promise<boolean> {
    const target = this.#target;
    if (!target || this.backupBusy || this.cryptoRefused) return false;
    const epoch = this.#epoch;
    this.backupBusy = true;
    this.backupProblem = null;
    try {
      const pem = await exportTargetKey(target, { passphrase });
      if (epoch !== this.#epoch || target !== this.#target) return false;
      const bytes = encoder.encode(pem);
      const name = this.backupFileName;
      const sha256 = sha256Hex(bytes);
      const saved = saveFile(name, bytes, 'application/x-pem-file');
      bytes.fill(0);
      if (!saved) return false;
      this.backup = { fileName: name, sha256 };
      // a new file (another passphrase) is the one to read back
      this.backupCheck = null;
      return true;
    } catch (e) {
      if (epoch === this.#epoch) this.backupProblem = problemOf(e);
      return false;
    } finally {
      if (epoch === this.#epoch) this.backupBusy = false;
    }
  }

  /**
   * Read the saved backup back (spec §3.5): decrypt it with the passphrase typed again and compare the key it
   * holds with the key in memory, which it never replaces. The read-back key is disposed at once.
   */
  async checkBackup(file: File, passphrase: string): Promise<void> {
    const target = this.#target;
    if (!target || this.backupChecking) return;
    const epoch = this.#epoch;
    this.backupChecking = true;
    this.backupCheck = null;
    let bytes: Uint8Array | undefined;
    let check: BackupCheck;
    try {
      bytes = await readFileBytes(file);
      const base = { fileName: showHidden(file.name), fileSha256: sha256Hex(bytes) };
      try {
        // An empty passphrase is no passphrase: the library then says passphrase_required.
        const readBack = await parseTargetKey(bytes, passphrase ? { passphrase } : {});
        const found = { sha256: readBack.publicKeySha256, spec: readBack.spec };
        let outcome: BackupCheck['outcome'];
        try {
          outcome = outcomeOfReadBack(keyIdentity(target), { identity: keyIdentity(readBack), sourceFormat: readBack.sourceFormat });
        } finally {
          readBack.dispose();
        }
        check = { ...base, outcome, checkedAt: Date.now(), ...(outcome === 'mismatch' ? { found } : {}) };
      } catch (e) {
        const reason = problemOf(e);
        check = { ...base, outcome: outcomeOfError(reason.code), checkedAt: Date.now(), reason };
      }
    } catch (e) {
      // the file itself could not be read (too large, gone from the medium)
      check = { fileName: showHidden(file.name), fileSha256: null, outcome: 'not_a_backup', checkedAt: Date.now(), reason: problemOf(e) };
    } finally {
      bytes?.fill(0);
      if (epoch === this.#epoch) this.backupChecking = false;
    }
    if (epoch === this.#epoch && target === this.#target) this.backupCheck = check;
  }

  // --- step 5 ---

  async wrap(): Promise<void> {
    const wrappingKey = this.#wrappingKey;
    const target = this.#target;
    if (!wrappingKey || !target || this.wrapBusy || this.wrapBlockers.length > 0) return;
    const epoch = this.#epoch;
    this.wrapBusy = true;
    this.wrapProblem = null;
    this.#dropMaterial();
    try {
      const material = await wrapKeyMaterial(wrappingKey, target);
      if (epoch !== this.#epoch || wrappingKey !== this.#wrappingKey || target !== this.#target) {
        material.fill(0);
        return;
      }
      const text = encodeKeyMaterial(material);
      this.#material = material;
      this.material = {
        text,
        sha256: sha256Hex(encoder.encode(text)),
        byteLength: material.length,
        algorithm: wrappingKey.algorithm,
        wrappedAt: Date.now(),
      };
      this.materialDownloaded = false;
    } catch (e) {
      if (epoch === this.#epoch) this.wrapProblem = problemOf(e);
    } finally {
      if (epoch === this.#epoch) this.wrapBusy = false;
    }
  }

  downloadMaterial(): void {
    if (!this.material) return;
    // Exactly the base64 string: no trailing newline, no BOM (spec §1.3).
    saveFile(this.materialFileName, this.material.text, 'text/plain');
    this.materialDownloaded = true;
  }

  /** The import token, for the CLI command only when the user asks to see values inline. */
  revealToken(): string | undefined {
    return this.#tokenValue;
  }

  #dropMaterial(): void {
    this.#material?.fill(0);
    this.#material = undefined;
    this.material = null;
    this.materialDownloaded = false;
    this.wrapProblem = null;
  }

  // --- step 6 ---

  verify(input: string | Uint8Array): void {
    this.verification = null;
    this.verifyProblem = null;
    const target = this.#target;
    const saved = this.#savedPublicKey;
    if (!target && !saved) {
      this.verifyProblem = { code: 'key_disposed', facts: {} };
      return;
    }
    try {
      this.verification = target ? comparePublicKey(target, input) : comparePublicKeys(saved!, input);
    } catch (e) {
      this.verifyProblem = problemOf(e);
    }
  }

  /** Load the target public key saved in step 3 ("Download public key") to verify without the private key. */
  async loadSavedPublicKeyFile(file: File): Promise<void> {
    this.verification = null;
    this.verifyProblem = null;
    this.#savedPublicKey = undefined;
    this.savedPublicKey = null;
    try {
      const bytes = await readFileBytes(file);
      const { expectedSha256 } = comparePublicKeys(bytes, bytes); // parses it; same rules as the KMS side
      this.#savedPublicKey = bytes;
      this.savedPublicKey = { fileName: showHidden(file.name), sha256: expectedSha256 };
    } catch (e) {
      this.verifyProblem = problemOf(e);
    }
  }

  async verifyFile(file: File): Promise<void> {
    try {
      this.verify(await readFileBytes(file));
    } catch (e) {
      this.verification = null;
      this.verifyProblem = problemOf(e);
    }
  }

  // --- step 7 ---

  /** Wipe every secret and reset every step. */
  clear(): void {
    this.#epoch++;
    this.#replaceTarget(undefined);
    this.#dropPending();
    this.#dropMaterial();
    this.#wrappingKey = undefined;
    this.#tokenValue = undefined;
    this.#savedPublicKey = undefined;
    this.savedPublicKey = null;
    this.instanceType = 'software';
    this.keySpec = 'RSA_2048';
    this.keyId = '';
    this.confirmedSettings = null;
    this.acknowledgedAdvice = null;
    this.tokenDownloadedAt = '';
    this.wrappingKey = null;
    this.wrappingKeyProblem = null;
    this.token = null;
    this.tokenProblem = null;
    this.targetProblem = null;
    this.generating = null;
    this.loadingKey = false;
    this.backupBusy = false;
    this.backupChecking = false;
    this.wrapBusy = false;
    this.expiry = 'never';
    this.expiryDate = '';
    this.startedAt = Date.now();
    this.cleared = true;
    this.generation++;
  }
}
