// Step 4's read-back check (issue 8 §1, docs/spec.md §3.5): a backup counts only once the file the operator
// saved has been read back from where it was saved, decrypted with the passphrase typed again, and found to
// hold the key in memory. A download that started, or a save dialog that was cancelled, proves nothing.
// The rules are here; the Ceremony runs the decryption and StepBackup.svelte only renders the outcome.
import type { ErrorCode, ErrorFacts, KeySpec } from '../lib/index.ts';

/** The outcome of one read-back; only 'match' counts as a backup. Each other outcome has its own words (i18n). */
export type BackupCheckOutcome =
  | 'match'
  /** the file decrypts, but holds another key (an older backup, another ceremony's file) */
  | 'mismatch'
  | 'passphrase_wrong'
  /** the check was started without the passphrase */
  | 'passphrase_missing'
  /** a plain private or secret key: not the encrypted backup this app writes, whatever key it holds */
  | 'not_encrypted'
  /** not a private key file at all (a public key, a token, a damaged or truncated file, …) */
  | 'not_a_backup';

/** What the library's refusal to read the file means for the check. */
export function outcomeOfError(code: ErrorCode | 'internal'): Exclude<BackupCheckOutcome, 'match' | 'mismatch' | 'not_encrypted'> {
  switch (code) {
    case 'passphrase_wrong':
      return 'passphrase_wrong';
    case 'passphrase_required':
    case 'passphrase_empty':
      return 'passphrase_missing';
    default:
      return 'not_a_backup';
  }
}

/**
 * What a successfully decoded file means for the check: the key in memory is compared (the library's sameKey:
 * public key for asymmetric keys, the bytes in constant time for secret keys), never replaced. Only the
 * encrypted forms this app writes count: encrypted PKCS#8 (spec §3.4) or the CMS password backup (spec §9.7).
 */
export function outcomeOfReadBack(readBack: { encrypted: boolean; same: boolean }): 'match' | 'mismatch' | 'not_encrypted' {
  if (!readBack.encrypted) return 'not_encrypted';
  return readBack.same ? 'match' : 'mismatch';
}

/** The last read-back of step 4: public facts only (file name, its SHA-256, what was found). */
export interface BackupCheck {
  outcome: BackupCheckOutcome;
  fileName: string;
  /** hex SHA-256 of the file as read back (null when it could not be read at all) */
  fileSha256: string | null;
  checkedAt: number;
  /** mismatch: the spec of the key the file holds, and its public key SHA-256 or KCV where it has one */
  found?: { spec: KeySpec; sha256?: string; kcv?: string };
  /** not_a_backup: why the library refused the file (its code and public facts), for its plain-words reason */
  reason?: { code: ErrorCode | 'internal'; facts: ErrorFacts };
}

export function backupVerified(check: BackupCheck | null): boolean {
  return check?.outcome === 'match';
}

/**
 * Step 4's status: done only when verified; a failed read-back needs attention; a backup downloaded but not yet
 * read back is still to do, even where the backup is optional (a loaded key).
 */
export function backupStepStatus(s: {
  busy: boolean;
  problem: boolean;
  check: BackupCheck | null;
  downloaded: boolean;
  required: boolean;
  hasTarget: boolean;
}): 'busy' | 'attention' | 'done' | 'todo' | 'optional' {
  if (s.busy) return 'busy';
  if (backupVerified(s.check)) return 'done';
  if (s.problem || s.check) return 'attention';
  if (s.downloaded || s.required || !s.hasTarget) return 'todo';
  return 'optional';
}
