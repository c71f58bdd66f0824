// The state of one key ceremony (issues 3, 11): one key, generated or loaded once, backed up once, wrapped for
// every destination. Each step's rules are a module of ceremony/ (destination, target, backup); this class
// composes them and holds what spans steps: the self-test, the build check, the wrap of every destination,
// the checks after import and clear(). Only public metadata is reactive; key bytes live in private fields.
import {
  KEY_SPEC_INFO,
  comparePublicKey,
  comparePublicKeys,
  runSelfTests,
  type KeySpec,
  type ProviderId,
  type SelfTestReport,
} from '../lib/index.ts';
import { acknowledgeBuild, blocksKeyOperations, browserStorage, type BuildCheck } from '../sw/build-change.ts';
import { BackupStep } from './ceremony/backup.svelte.ts';
import { Destination, type DestinationBlocker, type MaterialInfo } from './ceremony/destination.svelte.ts';
import { problemOf, readFileBytes } from './ceremony/io.ts';
import { TargetStep } from './ceremony/target.svelte.ts';
import { cliLineFor, deliverFor, fileIdOf } from './ceremony/wrap.ts';
import { askFirst } from './asking.svelte.ts';
import { removeDestinationConfirmation, type CeremonyFacts } from './confirmations.ts';
import { saveFile } from './download.ts';
import type { Notice, Problem } from './i18n.ts';
import { fileName } from './names.ts';
import { showHidden } from './visible.ts';

export type { Destination };

/** What keeps "Wrap key material" disabled: the ceremony's own reasons, and each destination's (by number). */
export type WrapBlocker =
  | { kind: 'buildChange' | 'selfTestRunning' | 'selfTestFailed' | 'target' | 'specMatch' | 'backup' }
  | { kind: 'destination'; n: number; blocker: DestinationBlocker | 'keyType' };

/** A problem of the wrap, with the destination it happened for. */
export interface WrapProblem extends Problem {
  destination?: number;
}

export class Ceremony {
  // Power-on self-test (spec §8): null while it runs; wrapping is refused unless it passed.
  selfTest = $state<SelfTestReport | null>(null);
  /** names of the failed tests (empty, yet not ok, when the self-test could not run at all) */
  selfTestFailures = $derived(this.selfTest === null || this.selfTest.ok ? [] : this.selfTest.results.filter((r) => !r.ok).map((r) => r.name));

  // --- step 1: destinations ---
  destinations = $state<Destination[]>([new Destination()]);
  /** the first destination decides the key type; every other must be the same type */
  first = $derived(this.destinations[0]!);
  keySpec = $derived<KeySpec>(this.first.keySpec);
  keyKind = $derived(KEY_SPEC_INFO[this.keySpec].kind);
  /** a secret key's length in bytes (0 for asymmetric keys) */
  keyBytes = $derived.by(() => {
    const info = KEY_SPEC_INFO[this.keySpec];
    return info.kind === 'secret' ? info.byteLength : 0;
  });
  /** the settings ("provider/spec/algorithm/…" of every destination) the operator confirmed match the consoles */
  confirmedSettings = $state<string | null>(null);
  /** the settings whose document warnings the operator acknowledged */
  acknowledgedAdvice = $state<string | null>(null);
  #settings = $derived(this.destinations.map((d) => d.settings).join('|'));
  settingsChecked = $derived(this.confirmedSettings === this.#settings);
  adviceAcknowledged = $derived(this.acknowledgedAdvice === this.#settings);
  advice = $derived(this.destinations.flatMap((d) => d.advice));
  /** step 1 is done: settings confirmed, and the document's warnings for them (if any) acknowledged */
  settingsConfirmed = $derived(this.settingsChecked && (this.advice.length === 0 || this.adviceAcknowledged));

  /** A destination whose key spec is another key type than the first destination's: refused with the reason (spec §22.1). */
  keyTypeRefused(d: Destination): boolean {
    return d !== this.first && d.keySpec !== this.keySpec;
  }

  confirmSettings(confirmed: boolean): void {
    this.confirmedSettings = confirmed ? this.#settings : null;
  }

  acknowledgeAdvice(acknowledged: boolean): void {
    this.acknowledgedAdvice = acknowledged ? this.#settings : null;
  }

  /** Another destination for the same key: the first one's provider and key spec to start from. */
  addDestination(): Destination {
    const d = new Destination();
    d.setProvider(this.first.providerId);
    d.setKeySpec(this.first.keySpecName);
    this.destinations.push(d);
    this.#dropAllMaterial();
    return d;
  }

  /** "Remove destination", asking first when it holds loaded files or material (confirmations.ts). */
  async askRemoveDestination(d: Destination): Promise<void> {
    const m = d.material;
    const facts = {
      n: this.numberOf(d),
      provider: d.provider.name,
      hasInputs: d.wrappingKey !== null || d.token !== null,
      material: m ? { wrappedAt: m.wrappedAt, fileName: m.fileName, downloaded: d.materialDownloaded } : null,
    };
    if (await askFirst(removeDestinationConfirmation(facts))) this.removeDestination(d);
  }

  removeDestination(d: Destination): void {
    if (d === this.first) return;
    d.dropInputs();
    this.destinations = this.destinations.filter((x) => x !== d);
  }

  setProvider(d: Destination, id: ProviderId): void {
    // every destination, the first too, keeps the ceremony's key type where the provider has it (spec §22.1)
    d.setProvider(id, this.keySpec);
    this.#dropAllMaterial();
  }

  /** A destination's algorithm: the whole set of material is made again (spec §22.3). */
  setAlgorithm(d: Destination, name: string): void {
    d.setAlgorithm(name);
    this.#dropAllMaterial();
  }

  setKeySpec(d: Destination, name: string): void {
    d.setKeySpec(name);
    this.#dropAllMaterial();
  }

  /** A destination's wrapping key, picked or pasted: the whole set of material is made again (spec §22.3). */
  async loadWrappingKey(d: Destination, source: File | string): Promise<void> {
    await d.loadWrappingKey(source);
    this.#dropAllMaterial();
  }

  /** A destination's import token, picked or pasted: the whole set of material is made again. */
  async loadToken(d: Destination, source: File | string): Promise<void> {
    await d.loadToken(source);
    this.#dropAllMaterial();
  }

  /** number (1-based) of a destination, as the page and the record name it */
  numberOf(d: Destination): number {
    return this.destinations.indexOf(d) + 1;
  }

  /** Route dropped files by the providers' download names: each to the first destination that expects it (spec §22.2). */
  async dropFiles(files: readonly File[]): Promise<{ routed: number; unknown: string[] }> {
    const unknown: string[] = [];
    let routed = 0;
    const jobs: Promise<void>[] = [];
    const filled = new Set<string>();
    // A provider's own download name (a pattern anchored at the start: publickey_…, WrappingPublicKey.bin) goes
    // only to destinations of such a provider, never to another's broad pattern (any .pem, any name with "token").
    const exact = (d: Destination, name: string) =>
      [...d.provider.files.wrappingKey, ...(d.provider.files.token ?? [])].some((re) => re.source.startsWith('^') && re.test(name));
    for (const file of files) {
      let done = false;
      const named = this.destinations.filter((d) => exact(d, file.name));
      const pool = named.length > 0 ? named : this.destinations;
      // a destination whose key ID is the one the file is named after comes first (two Alibaba keys in one drop)
      const forKey = pool.filter((d) => d.keyId.trim() !== '' && d.suffixOf(file.name) === d.keyId.trim());
      const candidates = [...forKey, ...pool.filter((d) => !forKey.includes(d))];
      for (const d of candidates) {
        const slot = d.recognises(file.name);
        if (!slot || filled.has(`${d.uid}/${slot}`)) continue;
        // a slot already filled by an earlier drop is filled again only when no other destination waits for it
        const empty = slot === 'wrappingKey' ? d.wrappingKey === null : d.token === null;
        const anyEmpty = candidates.some((x) => x.recognises(file.name) === slot && !filled.has(`${x.uid}/${slot}`) && (slot === 'wrappingKey' ? x.wrappingKey === null : x.token === null));
        if (!empty && anyEmpty) continue;
        filled.add(`${d.uid}/${slot}`);
        jobs.push(slot === 'wrappingKey' ? d.loadWrappingKey(file) : d.loadToken(file));
        routed++;
        done = true;
        break;
      }
      if (!done) unknown.push(showHidden(file.name));
    }
    await Promise.all(jobs);
    if (routed > 0) this.#dropAllMaterial();
    return { routed, unknown };
  }

  // --- step 3: target key ---
  target = new TargetStep(() => this.#targetReplaced());
  targetSpecMismatch = $derived(this.target.info !== null && this.target.info.spec !== this.keySpec);

  generate(): Promise<void> {
    if (this.cryptoRefused) return Promise.resolve();
    return this.target.generate(this.keySpec);
  }

  loadTargetFile(file: File): Promise<void> {
    if (this.buildChangePending) return Promise.resolve();
    return this.target.loadFile(file, this.keySpec);
  }

  loadTargetText(text: string): Promise<void> {
    if (this.buildChangePending) return Promise.resolve();
    return this.target.loadText(text, this.keySpec);
  }

  unlockTarget(passphrase: string): Promise<void> {
    if (this.buildChangePending) return Promise.resolve();
    return this.target.unlock(passphrase, this.keySpec);
  }

  downloadPublicKey(): void {
    const pem = this.target.info?.publicKeyPem;
    if (pem) saveFile(this.publicKeyFileName, pem, 'application/x-pem-file');
  }

  #targetReplaced(): void {
    this.backup.reset();
    this.#dropAllMaterial();
    for (const d of this.destinations) {
      d.verification = null;
      d.verifyProblem = null;
    }
  }

  // --- step 4: backup ---
  backup = new BackupStep();
  backupRequired = $derived(this.target.info?.origin === 'generated');

  downloadBackup(passphrase: string): Promise<boolean> {
    const key = this.target.key();
    if (!key || this.cryptoRefused) return Promise.resolve(false);
    return this.backup.download(key, passphrase, this.backupFileName);
  }

  async checkBackup(file: File, passphrase: string): Promise<void> {
    const key = this.target.key();
    if (key) await this.backup.checkFile(key, file, passphrase);
  }

  // --- step 5: wrap for every destination ---
  wrapBusy = $state(false);
  wrapProblem = $state<WrapProblem | null>(null);
  /** Alibaba: key material expiry (KeyMaterialExpireUnix), for the destinations whose provider asks for it */
  expiry = $state<'never' | 'date'>('never');
  expiryDate = $state('');
  /** KeyMaterialExpireUnix: 0 for Never Expire, else seconds since the epoch; undefined while invalid. */
  expireUnix = $derived.by((): number | undefined => {
    if (this.expiry === 'never') return 0;
    const ms = this.expiryDate ? new Date(this.expiryDate).getTime() : NaN;
    if (!Number.isFinite(ms) || ms <= Date.now()) return undefined;
    return Math.floor(ms / 1000);
  });
  needsExpiry = $derived(this.destinations.some((d) => d.ui.expiry));

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
    if (this.buildChangePending) out.push({ kind: 'buildChange' });
    if (this.selfTest === null) out.push({ kind: 'selfTestRunning' });
    else if (!this.selfTest.ok) out.push({ kind: 'selfTestFailed' });
    this.destinations.forEach((d, i) => {
      if (this.keyTypeRefused(d)) out.push({ kind: 'destination', n: i + 1, blocker: 'keyType' });
      for (const blocker of d.blockers) out.push({ kind: 'destination', n: i + 1, blocker });
    });
    if (!this.target.info) out.push({ kind: 'target' });
    else if (this.targetSpecMismatch) out.push({ kind: 'specMatch' });
    if (this.backupRequired && !this.backup.verified) out.push({ kind: 'backup' });
    return out;
  });

  /** The name part of the files this app writes: the first destination's key ID, else its download suffix. */
  recordId = $derived(fileIdOf(this.first));
  backupFileName = $derived(fileName('target-key-backup', this.recordId, 'pem'));
  publicKeyFileName = $derived(fileName('target-public-key', this.recordId, 'pem'));

  materialCount = $derived(this.destinations.filter((d) => d.material !== null).length);
  /** material wrapped for inputs that have changed since */
  /**
   * Material that no longer fits its inputs: a blocker (a change since the wrap), a destination without its
   * part of the set, or a changed name. A token that expires after the wrap does not make it stale: the files
   * were made while it was valid and may already be uploaded.
   */
  materialStale = $derived(
    this.materialCount > 0 &&
      (this.wrapBlockers.some((b) => !(b.kind === 'destination' && b.blocker === 'tokenExpired')) ||
        this.materialCount < this.destinations.length ||
        this.destinations.some((d) => d.materialOutdated)),
  );
  /** when the material was made, for the confirmation before it is replaced (null when there is none) */
  wrappedAt = $derived(this.destinations.find((d) => d.material)?.material?.wrappedAt ?? null);
  allDownloaded = $derived(this.materialCount === this.destinations.length && this.destinations.every((d) => d.materialDownloaded));

  /**
   * One wrap for every destination, all or nothing (spec §22.3): a failure for one leaves none with material, so that no
   * destination is uploaded from a half-made set.
   */
  async wrap(): Promise<void> {
    const key = this.target.key();
    if (!key || this.wrapBusy || this.wrapBlockers.length > 0) return;
    const epoch = this.#epoch;
    this.wrapBusy = true;
    this.wrapProblem = null;
    this.#dropAllMaterial();
    // what each file is made from; a change while the wrap runs (a select, a reloaded file) discards the set
    const inputs = () => this.destinations.map((d) => [d.uid, d.settings, d.wrappingKey?.sha256, d.token?.sha256, d.madeFor].join('/')).join('|');
    const before = inputs();
    const made: { d: Destination; bytes: Uint8Array; info: MaterialInfo }[] = [];
    let current = 0;
    try {
      const taken = new Set<string>();
      for (const [i, d] of this.destinations.entries()) {
        current = i + 1;
        const out = await deliverFor(d, key, taken);
        if (!out) return;
        made.push({ d, ...out });
      }
      if (epoch !== this.#epoch || key !== this.target.key() || inputs() !== before) return;
      for (const m of made) m.d.setMaterial(m.bytes, m.info);
      made.length = 0;
    } catch (e) {
      if (epoch === this.#epoch) this.wrapProblem = { ...problemOf(e), destination: current };
    } finally {
      for (const m of made) m.bytes.fill(0);
      if (epoch === this.#epoch) this.wrapBusy = false;
    }
  }

  downloadMaterial(d: Destination): void {
    const bytes = d.deliveredBytes();
    if (!d.material || !bytes) return;
    // Exactly the provider's bytes: no trailing newline added, no BOM (spec §1.3, §21).
    if (saveFile(d.material.fileName, bytes, d.material.mediaType)) d.materialDownloaded = true;
  }

  /** The provider's CLI line for a destination's upload (library importCommand), or the problem that prevents it. */
  cliLine(d: Destination): { line: string } | { problem: Problem } | null {
    return cliLineFor(d, this.expireUnix);
  }

  // --- step 6: verify after import ---
  /** the target public key saved in step 3, when the private key is no longer in memory (spec §6.2) */
  savedPublicKey = $state<{ fileName: string; sha256: string } | null>(null);
  #savedPublicKey: Uint8Array | undefined;

  /** Compare what a destination's KMS reports (its public key, or a KCV) with the key prepared here (spec §22.4). */
  verify(d: Destination, input: string | Uint8Array): void {
    d.verification = null;
    d.verifyProblem = null;
    const key = this.target.key();
    try {
      if (this.keyKind === 'secret') {
        const kcv = this.target.info?.kcv;
        if (!kcv) {
          d.verifyProblem = { code: 'key_disposed', facts: {} };
          return;
        }
        const actual = (typeof input === 'string' ? input : '').trim().toLowerCase().replace(/\s+/g, '');
        if (!/^[0-9a-f]{6}$/.test(actual)) {
          d.verifyProblem = { code: 'input_type', facts: { field: 'KCV', expected: '6 hexadecimal digits' } };
          return;
        }
        d.verification = { matches: actual === kcv, expected: kcv, actual };
        return;
      }
      const saved = this.#savedPublicKey;
      if (!key && !saved) {
        d.verifyProblem = { code: 'key_disposed', facts: {} };
        return;
      }
      const r = key ? comparePublicKey(key, input) : comparePublicKeys(saved!, input);
      d.verification = { matches: r.matches, expected: r.expectedSha256, actual: r.actualSha256, found: r.found };
    } catch (e) {
      d.verifyProblem = problemOf(e);
    }
  }

  async verifyFile(d: Destination, file: File): Promise<void> {
    try {
      this.verify(d, await readFileBytes(file));
    } catch (e) {
      d.verification = null;
      d.verifyProblem = problemOf(e);
    }
  }

  /** Load the target public key saved in step 3 ("Download public key") to verify without the private key. */
  async loadSavedPublicKeyFile(d: Destination, file: File): Promise<void> {
    d.verification = null;
    d.verifyProblem = null;
    this.#savedPublicKey = undefined;
    this.savedPublicKey = null;
    try {
      const bytes = await readFileBytes(file);
      const { expectedSha256 } = comparePublicKeys(bytes, bytes); // parses it; same rules as the KMS side
      this.#savedPublicKey = bytes;
      this.savedPublicKey = { fileName: showHidden(file.name), sha256: expectedSha256 };
    } catch (e) {
      d.verifyProblem = problemOf(e);
    }
  }

  // --- step 7: finish ---
  cleared = $state(false);
  /** bumped by clear(): the view re-creates every step, which also empties file inputs and text fields */
  generation = $state(0);
  startedAt = $state(Date.now());

  unsavedWork = $derived(
    (this.backupRequired && !this.backup.verified) || this.destinations.some((d) => d.material !== null && !d.materialDownloaded),
  );

  /** bumped by clear() so that work finishing afterwards is discarded */
  #epoch = 0;

  /** What the confirmations (confirmations.ts) read before a destructive action. */
  facts = $derived.by((): CeremonyFacts => {
    const info = this.target.info;
    const made = this.destinations.flatMap((d) => (d.material ? [d.material] : []));
    return {
      target: info && { spec: info.spec, origin: info.origin, at: info.at },
      backupVerified: this.backup.verified,
      material: this.wrappedAt !== null ? { wrappedAt: this.wrappedAt } : null,
      materialDownloaded: this.allDownloaded,
      materialFileName: made.map((m) => m.fileName).join(', '),
    };
  });

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

  #dropAllMaterial(): void {
    for (const d of this.destinations) d.dropMaterial();
    this.wrapProblem = null;
  }

  /** Wipe every secret and reset every step. */
  clear(): void {
    this.#epoch++;
    this.target.drop();
    this.backup.reset();
    for (const d of this.destinations) d.dropInputs();
    this.destinations = [new Destination()];
    this.#savedPublicKey = undefined;
    this.savedPublicKey = null;
    this.confirmedSettings = null;
    this.acknowledgedAdvice = null;
    this.wrapBusy = false;
    this.wrapProblem = null;
    this.expiry = 'never';
    this.expiryDate = '';
    this.startedAt = Date.now();
    this.cleared = true;
    this.generation++;
  }
}
