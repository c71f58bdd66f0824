// Step 4's read-back check (issue 8 §1, docs/spec.md §3.5): a backup counts only once the file the operator
// saved has been read back from where it was saved, decrypted with the passphrase typed again, and found to
// hold the key in memory. A download that started, or a save dialog that was cancelled, proves nothing.
// The rules are here; the Ceremony runs the decryption and StepBackup.svelte only renders the outcome.
import type { AsymmetricTargetKey, ErrorCode, ErrorFacts, KeySpec, PrivateKeyFormat } from '../lib/index.ts';

/**
 * What tells two keys apart without revealing either. Today every target key is asymmetric and its identity is
 * its public key, the SubjectPublicKeyInfo DER compared by value. A secret (symmetric) key would add its KCV as
 * another kind; keys of different kinds never match.
 */
export interface KeyIdentity {
  kind: 'spki';
  bytes: Uint8Array;
  /** hex SHA-256 of `bytes`: shown when two keys differ, so the operator can see which one the file holds */
  sha256: string;
}

export function keyIdentity(key: Pick<AsymmetricTargetKey, 'publicKeySpki' | 'publicKeySha256'>): KeyIdentity {
  return { kind: 'spki', bytes: key.publicKeySpki, sha256: key.publicKeySha256 };
}

export function sameKey(a: KeyIdentity, b: KeyIdentity): boolean {
  if (a.kind !== b.kind || a.bytes.length !== b.bytes.length) return false;
  let diff = 0;
  for (let i = 0; i < a.bytes.length; i++) diff |= a.bytes[i]! ^ b.bytes[i]!;
  return diff === 0;
}

/** The outcome of one read-back; only 'match' counts as a backup. Each other outcome has its own words (i18n). */
export type BackupCheckOutcome =
  | 'match'
  /** the file decrypts, but holds another key (an older backup, another ceremony's file) */
  | 'mismatch'
  | 'passphrase_wrong'
  /** the check was started without the passphrase */
  | 'passphrase_missing'
  /** a plain private key: not the encrypted backup this app writes, whatever key it holds */
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

/** What a successfully decoded file means for the check: the key in memory is compared, never replaced. */
export function outcomeOfReadBack(
  inMemory: KeyIdentity,
  readBack: { identity: KeyIdentity; sourceFormat?: PrivateKeyFormat },
): 'match' | 'mismatch' | 'not_encrypted' {
  if (readBack.sourceFormat !== 'encrypted-pkcs8') return 'not_encrypted';
  return sameKey(inMemory, readBack.identity) ? 'match' : 'mismatch';
}

/** The last read-back of step 4: public facts only (file name, its SHA-256, what was found). */
export interface BackupCheck {
  outcome: BackupCheckOutcome;
  fileName: string;
  /** hex SHA-256 of the file as read back (null when it could not be read at all) */
  fileSha256: string | null;
  checkedAt: number;
  /** mismatch: the public key SHA-256 and spec of the key the file holds */
  found?: { sha256: string; spec: KeySpec };
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
