// The ceremony record (issue 4): what the operator and the witness sign, printed, or saved as text or JSON.
// Public facts only: settings, SHA-256 fingerprints, file names, times, the self-test result and the two names.
// Never a key, the import token, the key material or a passphrase (tests/routes/record.test.ts checks).
import { BUILD_COMMIT, BUILD_VERSION } from '../build-info.ts';
import { formatFingerprint, type KeySpec, type Lang, type SelfTestResult, type WrappingAlgorithm } from '../lib/index.ts';
import type { BackupCheckOutcome } from './backup-check.ts';
import type { Ceremony } from './ceremony.svelte.ts';
import { formatTimestamp, formatUtc, translate, type MessageKey } from './i18n.ts';
import type { InstanceType } from './kms-tables.ts';
import type { AppForm } from './page-facts.ts';
import { showHidden } from './visible.ts';

export type StepOutcome = 'done' | 'not-done' | 'optional-skipped' | 'not-downloaded' | 'not-verified' | 'mismatch';

export interface Moment {
  /** local time with its UTC offset: 2026-11-30 14:05:09 UTC+08:00 */
  local: string;
  /** 2026-11-30T06:05:09Z */
  utc: string;
}

export interface CeremonyRecord {
  record: 'byok-wrap ceremony record';
  recordFormat: 1;
  language: Lang;
  startedAt: Moment;
  recordedAt: Moment;
  app: { version: string; commit: string; form: AppForm; fileSha256: string | null };
  selfTest: { ok: boolean | null; results: SelfTestResult[] };
  key: {
    kmsKeyId: string | null;
    instanceType: InstanceType;
    keySpec: KeySpec;
    wrappingAlgorithm: WrappingAlgorithm;
    /** KeyMaterialExpireUnix: 0 for Never Expire; null until material was wrapped or while the date is invalid */
    keyMaterialExpireUnix: number | null;
  };
  sha256: {
    wrappingPublicKeySpki: string | null;
    importToken: string | null;
    takPublicKeySpki: string | null;
    keyMaterialFile: string | null;
    backupFile: string | null;
    /** step 6: the public key it expected (the target key's, or the one saved in step 3) and the one KMS reported */
    verifyExpected: string | null;
    verifyActual: string | null;
  };
  /** as the operator picked or the app saved them; hidden characters spelled out (visible.ts) */
  files: {
    wrappingPublicKey: string | null;
    importToken: string | null;
    targetKey: string | null;
    keyMaterial: string | null;
    backup: string | null;
    savedPublicKey: string | null;
  };
  /** step 4's read-back of the saved backup (spec §3.5): only 'match' counts as a backup */
  backupCheck: { outcome: BackupCheckOutcome; fileName: string; fileSha256: string | null } | null;
  steps: { step: 1 | 2 | 3 | 4 | 5 | 6; outcome: StepOutcome }[];
  verifyAfterImport: 'match' | 'mismatch' | null;
  people: { operator: string; witness: string };
}

export interface RecordExtras {
  operator: string;
  witness: string;
  /** what the operator pasted as the verified SHA-256 of the app file (see parseSha256sum) */
  appSha256: string;
  recordedAt: number;
  form: AppForm;
  language: Lang;
}

/**
 * The SHA-256 an operator pasted: 64 hex digits, alone or as the first word of a `sha256sum` line. Empty gives
 * null (to be written by hand); anything else is 'invalid'.
 */
export function parseSha256sum(input: string): string | null | 'invalid' {
  const s = input.trim();
  if (s === '') return null;
  const m = /^([0-9a-fA-F]{64})(?:\s+\*?\S.*)?$/.exec(s);
  return m ? m[1]!.toLowerCase() : 'invalid';
}

const moment = (ms: number): Moment => ({ local: formatTimestamp(ms), utc: formatUtc(ms) });

export function ceremonyRecord(c: Ceremony, x: RecordExtras): CeremonyRecord {
  const material = c.materialStale ? null : c.material;
  const appSha = parseSha256sum(x.appSha256);
  const steps: CeremonyRecord['steps'] = [
    { step: 1, outcome: c.settingsConfirmed ? 'done' : 'not-done' },
    { step: 2, outcome: c.wrappingKey && c.token ? 'done' : 'not-done' },
    { step: 3, outcome: c.target && !c.targetSpecMismatch ? 'done' : 'not-done' },
    { step: 4, outcome: c.backupVerified ? 'done' : c.backup ? 'not-verified' : c.target && !c.backupRequired ? 'optional-skipped' : 'not-done' },
    { step: 5, outcome: material ? (c.materialDownloaded ? 'done' : 'not-downloaded') : 'not-done' },
    { step: 6, outcome: c.verification ? (c.verification.matches ? 'done' : 'mismatch') : 'not-done' },
  ];
  return {
    record: 'byok-wrap ceremony record',
    recordFormat: 1,
    language: x.language,
    startedAt: moment(c.startedAt),
    recordedAt: moment(x.recordedAt),
    app: { version: BUILD_VERSION, commit: BUILD_COMMIT, form: x.form, fileSha256: appSha === 'invalid' ? null : appSha },
    selfTest: { ok: c.selfTest ? c.selfTest.ok : null, results: c.selfTest ? c.selfTest.results.map((r) => ({ ...r })) : [] },
    key: {
      kmsKeyId: showHidden(c.keyId.trim()) || null,
      instanceType: c.instanceType,
      keySpec: c.keySpec,
      wrappingAlgorithm: material?.algorithm ?? c.plan.algorithm,
      keyMaterialExpireUnix: material ? (c.expireUnix ?? null) : null,
    },
    sha256: {
      wrappingPublicKeySpki: c.wrappingKey?.sha256 ?? null,
      importToken: c.token?.sha256 ?? null,
      takPublicKeySpki: c.target?.publicKeySha256 ?? null,
      keyMaterialFile: material?.sha256 ?? null,
      backupFile: c.backup?.sha256 ?? null,
      verifyExpected: c.verification?.expectedSha256 ?? null,
      verifyActual: c.verification?.actualSha256 ?? null,
    },
    files: {
      wrappingPublicKey: c.wrappingKey?.fileName ?? null,
      importToken: c.token?.fileName ?? null,
      targetKey: c.target?.fileName ?? null,
      keyMaterial: material ? c.materialFileName : null,
      backup: c.backup?.fileName ?? null,
      savedPublicKey: c.savedPublicKey?.fileName ?? null,
    },
    backupCheck: c.backupCheck ? { outcome: c.backupCheck.outcome, fileName: c.backupCheck.fileName, fileSha256: c.backupCheck.fileSha256 } : null,
    steps,
    verifyAfterImport: c.verification ? (c.verification.matches ? 'match' : 'mismatch') : null,
    people: { operator: showHidden(x.operator.trim()), witness: showHidden(x.witness.trim()) },
  };
}

/** One line of the record as shown, printed and written: a label and a text, a fingerprint, or a blank to fill in. */
export type RecordValue = { text: string } | { sha256: string } | { blank: string };
export interface RecordRow {
  id: string;
  label: string;
  value: RecordValue;
}
export interface RecordSection {
  id: 'when' | 'app' | 'key' | 'sha256' | 'files' | 'steps';
  /** absent for the first section (the times) */
  title?: string;
  rows: RecordRow[];
}

const STEP_TITLES: Record<1 | 2 | 3 | 4 | 5 | 6, MessageKey> = {
  1: 'step1.title',
  2: 'step2.title',
  3: 'step3.title',
  4: 'step4.title',
  5: 'step5.title',
  6: 'step6.title',
};

/** The record's lines in `r.language`, shared by the page (and so the print) and the text file. */
export function recordSections(r: CeremonyRecord): RecordSection[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(r.language, key, params);
  const none = { text: tr('step7.record.none') };
  const sha = (hex: string | null): RecordValue => (hex ? { sha256: hex } : none);
  const failed = r.selfTest.results.filter((t) => !t.ok).map((t) => t.name);
  const selfTest =
    r.selfTest.ok === null
      ? tr('step7.record.selfTestRunning')
      : r.selfTest.ok
        ? tr('step7.record.selfTestPassed', { passed: r.selfTest.results.length, total: r.selfTest.results.length }) +
          ': ' +
          r.selfTest.results.map((t) => t.name).join(', ')
        : tr('step7.record.selfTestFailed', { tests: failed.length > 0 ? failed.join(', ') : tr('selftest.couldNotRun') });
  const expiry = r.key.keyMaterialExpireUnix;
  // step 6 says what the comparison found, in the words of step 6
  const outcome = (s: CeremonyRecord['steps'][number]) =>
    s.step === 6 && s.outcome === 'done' ? tr('step7.record.match') : tr(`step7.record.step.${s.outcome}`);
  const check = r.backupCheck;
  return [
    {
      id: 'when',
      rows: [
        { id: 'started', label: tr('step7.record.started'), value: { text: `${r.startedAt.local} · ${r.startedAt.utc}` } },
        { id: 'recorded', label: tr('step7.record.made'), value: { text: `${r.recordedAt.local} · ${r.recordedAt.utc}` } },
      ],
    },
    {
      id: 'app',
      title: tr('step7.record.section.app'),
      rows: [
        { id: 'app-version', label: tr('step7.record.appVersion'), value: { text: r.app.version } },
        { id: 'app-commit', label: tr('step7.record.appCommit'), value: { text: r.app.commit } },
        { id: 'app-form', label: tr('step7.record.appForm'), value: { text: tr(`airgap.form.${r.app.form}`) } },
        {
          id: 'app-sha256',
          label: tr('step7.record.appSha256'),
          value: r.app.fileSha256 ? { sha256: r.app.fileSha256 } : { blank: tr('step7.record.appSha256Blank') },
        },
        { id: 'self-test', label: tr('step7.record.selfTest'), value: { text: selfTest } },
      ],
    },
    {
      id: 'key',
      title: tr('step7.record.section.key'),
      rows: [
        { id: 'instance-type', label: tr('step7.record.instance'), value: { text: tr(`instance.${r.key.instanceType}`) } },
        { id: 'key-spec', label: tr('step7.record.keySpec'), value: { text: r.key.keySpec } },
        { id: 'key-id', label: tr('step7.record.keyId'), value: r.key.kmsKeyId ? { text: r.key.kmsKeyId } : none },
        { id: 'algorithm', label: tr('step7.record.algorithm'), value: { text: r.key.wrappingAlgorithm } },
        {
          id: 'expiry',
          label: tr('step7.record.expiry'),
          value:
            expiry === null
              ? none
              : { text: tr('step7.record.expiryValue', { date: expiry === 0 ? tr('step5.expiry.neverValue') : formatUtc(expiry * 1000), unix: expiry }) },
        },
      ],
    },
    {
      id: 'sha256',
      title: tr('step7.record.section.sha256'),
      rows: [
        { id: 'wrapping-key-sha256', label: tr('step7.record.wrappingKey'), value: sha(r.sha256.wrappingPublicKeySpki) },
        { id: 'token-sha256', label: tr('step7.record.token'), value: sha(r.sha256.importToken) },
        { id: 'tak-sha256', label: tr('step7.record.tak'), value: sha(r.sha256.takPublicKeySpki) },
        { id: 'material-sha256', label: tr('step7.record.material'), value: sha(r.sha256.keyMaterialFile) },
        { id: 'backup-sha256', label: tr('step7.record.backup'), value: sha(r.sha256.backupFile) },
        { id: 'verify-expected-sha256', label: tr('step7.record.verifyExpected'), value: sha(r.sha256.verifyExpected) },
        { id: 'verify-actual-sha256', label: tr('step7.record.verifyActual'), value: sha(r.sha256.verifyActual) },
        ...(check
          ? [
              { id: 'backup-check-sha256', label: tr('step7.record.backupChecked'), value: sha(check.fileSha256) },
              {
                id: 'backup-check',
                label: tr('step7.record.backupCheck'),
                value: {
                  text:
                    check.outcome === 'match'
                      ? `${tr('step7.record.backupCheck.match')} (${check.fileName})`
                      : `${tr('step7.record.backupCheck.failed', { outcome: check.outcome })} (${check.fileName})`,
                },
              },
            ]
          : []),
      ],
    },
    {
      id: 'files',
      title: tr('step7.record.section.files'),
      rows: (
        [
          ['file-wrapping-key', 'step7.record.file.wrappingKey', r.files.wrappingPublicKey],
          ['file-token', 'step7.record.file.token', r.files.importToken],
          ['file-target-key', 'step7.record.file.targetKey', r.files.targetKey],
          ['file-backup', 'step7.record.file.backup', r.files.backup],
          ['file-material', 'step7.record.file.material', r.files.keyMaterial],
          ['file-saved-public-key', 'step7.record.file.savedPublicKey', r.files.savedPublicKey],
        ] as const
      ).map(([id, label, name]) => ({ id, label: tr(label), value: name ? { text: name } : none })),
    },
    {
      id: 'steps',
      title: tr('step7.record.steps'),
      rows: r.steps.map((s) => ({ id: `step-${s.step}`, label: tr(STEP_TITLES[s.step]), value: { text: outcome(s) } })),
    },
  ];
}

const BLANK = '______________________________';

/**
 * The record as a plain UTF-8 text file: the same lines as the page, and signature lines. Fingerprints in the one
 * form the page, the print and the runbook use (16 groups of 4, upper case); the JSON keeps plain hex.
 */
export function recordText(r: CeremonyRecord): string {
  const tr = (key: MessageKey) => translate(r.language, key);
  const sections = recordSections(r);
  const width = Math.max(...sections.flatMap((s) => s.rows.map((row) => row.label.length))) + 2;
  const line = (label: string, value: string) => `${(label + ':').padEnd(width)}${value}`;
  const out = [tr('step7.record.title'), '='.repeat(tr('step7.record.title').length)];
  for (const section of sections) {
    out.push('');
    if (section.title) out.push(section.title, '-'.repeat(section.title.length));
    for (const row of section.rows) {
      const v = row.value;
      out.push(line(row.label, 'text' in v ? v.text : 'sha256' in v ? formatFingerprint(v.sha256) : `${BLANK} (${v.blank})`));
    }
  }
  if (r.selfTest.results.length > 0) {
    out.push('', `${tr('step7.record.selfTest')}:`);
    for (const t of r.selfTest.results)
      out.push(`  ${t.name.padEnd(18)}${(t.ok ? tr('selftest.pass') : tr('selftest.fail')).padEnd(6)}${translate(r.language, 'selftest.ms', { ms: t.ms })}`);
  }
  out.push('');
  for (const [role, name] of [
    ['step7.record.operator', r.people.operator],
    ['step7.record.witness', r.people.witness],
  ] as const) {
    out.push(line(tr(role), name || BLANK));
    out.push(line(tr('step7.record.signature'), BLANK), line(tr('step7.record.signDate'), BLANK), '');
  }
  out.push(tr('step7.record.noSecrets'), '');
  return out.join('\n');
}

export function recordJson(r: CeremonyRecord): string {
  return JSON.stringify(r, null, 2) + '\n';
}
