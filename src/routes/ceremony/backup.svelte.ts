// Step 4 — the backup, made once for every destination (spec §3.5): the encrypted file is downloaded, then read
// back from where it was saved with the passphrase typed again; only a match counts. Asymmetric keys: encrypted
// PKCS#8 (spec §3.4); secret keys: CMS with a password recipient (spec §9.7), which `openssl cms` opens.
import { exportTargetKey, parseTargetKey, sameKey, sha256Hex, type TargetKey } from '../../lib/index.ts';
import { backupVerified, outcomeOfError, outcomeOfReadBack, type BackupCheck } from '../backup-check.ts';
import { saveFile } from '../download.ts';
import type { Problem } from '../i18n.ts';
import { showHidden } from '../visible.ts';
import { containsAscii, problemOf, readFileBytes } from './io.ts';

export interface BackupInfo {
  fileName: string;
  sha256: string;
  /** what the file holds: 'pkcs8' encrypted PKCS#8, 'cms' the CMS password backup */
  form: 'pkcs8' | 'cms';
}

const encoder = new TextEncoder();

/** The PEM labels of the encrypted backups this app writes (spec §3.4, §9.7). */
const BACKUP_LABELS = ['-----BEGIN ENCRYPTED PRIVATE KEY-----', '-----BEGIN CMS-----'];

export class BackupStep {
  saved = $state<BackupInfo | null>(null);
  busy = $state(false);
  problem = $state<Problem | null>(null);
  /** the last read-back of the saved backup (spec §3.5); only a match counts as a backup */
  check = $state<BackupCheck | null>(null);
  checking = $state(false);
  verified = $derived(backupVerified(this.check));
  #epoch = 0;

  /** Encrypt the key with `passphrase` and save it as `fileName`; false when nothing was saved. */
  async download(key: TargetKey, passphrase: string, fileName: string): Promise<boolean> {
    if (this.busy) return false;
    const epoch = this.#epoch;
    this.busy = true;
    this.problem = null;
    try {
      const pem = await exportTargetKey(key, { passphrase });
      if (epoch !== this.#epoch || key.disposed) return false;
      const bytes = encoder.encode(pem);
      const sha256 = sha256Hex(bytes);
      const saved = saveFile(fileName, bytes, 'application/x-pem-file');
      bytes.fill(0);
      if (!saved) return false;
      this.saved = { fileName, sha256, form: key.kind === 'secret' ? 'cms' : 'pkcs8' };
      // a new file (another passphrase) is the one to read back
      this.check = null;
      return true;
    } catch (e) {
      if (epoch === this.#epoch) this.problem = problemOf(e);
      return false;
    } finally {
      if (epoch === this.#epoch) this.busy = false;
    }
  }

  /**
   * Read the saved backup back: decrypt it with the passphrase typed again and compare the key it holds with the
   * key in memory, which it never replaces. The read-back key is disposed at once.
   */
  async checkFile(key: TargetKey, file: File, passphrase: string): Promise<void> {
    if (this.checking) return;
    const epoch = this.#epoch;
    this.checking = true;
    this.check = null;
    let bytes: Uint8Array | undefined;
    let check: BackupCheck;
    try {
      bytes = await readFileBytes(file);
      const base = { fileName: showHidden(file.name), fileSha256: sha256Hex(bytes) };
      const encrypted = BACKUP_LABELS.some((l) => containsAscii(bytes!, l));
      try {
        // An empty passphrase is no passphrase: the library then says passphrase_required. A secret key is
        // read as the key's own type; a file holding another type is then a mismatch or not a backup.
        const options = { ...(passphrase ? { passphrase } : {}), ...(key.kind === 'secret' ? { spec: key.spec } : {}) };
        const readBack = await parseTargetKey(bytes, options);
        let outcome: BackupCheck['outcome'];
        let found: BackupCheck['found'];
        try {
          const same = readBack.spec === key.spec && sameKey(key, readBack);
          outcome = outcomeOfReadBack({ encrypted, same });
          if (outcome === 'mismatch')
            found = readBack.kind === 'asymmetric' ? { spec: readBack.spec, sha256: readBack.publicKeySha256 } : { spec: readBack.spec, ...(readBack.kcv ? { kcv: readBack.kcv } : {}) };
        } finally {
          readBack.dispose();
        }
        check = { ...base, outcome, checkedAt: Date.now(), ...(found ? { found } : {}) };
      } catch (e) {
        const reason = problemOf(e);
        check = { ...base, outcome: outcomeOfError(reason.code), checkedAt: Date.now(), reason };
      }
    } catch (e) {
      // the file itself could not be read (too large, gone from the medium)
      check = { fileName: showHidden(file.name), fileSha256: null, outcome: 'not_a_backup', checkedAt: Date.now(), reason: problemOf(e) };
    } finally {
      bytes?.fill(0);
      if (epoch === this.#epoch) this.checking = false;
    }
    if (epoch === this.#epoch && !key.disposed) this.check = check;
  }

  /** Forget the backup and its check (the key changed, or everything is cleared). */
  reset(): void {
    this.#epoch++;
    this.saved = null;
    this.problem = null;
    this.check = null;
    this.busy = false;
    this.checking = false;
  }
}
