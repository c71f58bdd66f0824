// The ceremony record (issue 4): what the operator and the witness sign, printed, or saved as text or JSON.
// Public facts only: settings, SHA-256 fingerprints, file names, times, the self-test result and the two names.
// Never a key, the import token, the key material or a passphrase (tests/routes/record.test.ts checks).
import { BUILD_COMMIT, BUILD_VERSION } from '../build-info.ts';
import { formatFingerprint, type KeySpec, type Lang, type ProviderId, type SelfTestResult } from '../lib/index.ts';
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

/** One destination of the record: where the key goes, with what, and the fingerprints of what was used and made. */
export interface RecordDestination {
  n: number;
  provider: ProviderId;
  providerName: string;
  /** the provider's own key spec name */
  keySpec: string;
  wrappingAlgorithm: string | null;
  kmsKeyId: string | null;
  /** Alibaba asymmetric import: the instance type; null elsewhere */
  instanceType: InstanceType | null;
  /** Azure: the KEK's key identifier; Google: the import job */
  kekId: string | null;
  importJob: string | null;
  /** Alibaba: KeyMaterialExpireUnix (0 for Never Expire); null where it does not apply or until material was made */
  keyMaterialExpireUnix: number | null;
  sha256: { wrappingPublicKeySpki: string | null; importToken: string | null; keyMaterialFile: string | null };
  files: { wrappingPublicKey: string | null; importToken: string | null; keyMaterial: string | null };
  keyMaterialDownloaded: boolean;
  /** step 6 for this destination: public key SHA-256s or KCVs, as compared */
  verify: { outcome: 'match' | 'mismatch'; expected: string; actual: string } | null;
}

/** spec §22.5 */
export interface CeremonyRecord {
  record: 'byok-wrap ceremony record';
  /** 2: one key, a list of destinations (issue 11); 1 was one Alibaba destination with flat fields */
  recordFormat: 2;
  language: Lang;
  startedAt: Moment;
  recordedAt: Moment;
  app: { version: string; commit: string; form: AppForm; fileSha256: string | null };
  selfTest: { ok: boolean | null; results: SelfTestResult[] };
  /** the key, once: its neutral type and public fingerprint (public key SHA-256, or KCV for AES/SM4) */
  key: {
    keySpec: KeySpec;
    kind: 'asymmetric' | 'secret';
    origin: 'generated' | 'loaded' | null;
    publicKeySha256: string | null;
    kcv: string | null;
    file: string | null;
    backup: { fileName: string; sha256: string } | null;
    /** step 4's read-back of the saved backup (spec §3.5): only 'match' counts as a backup */
    backupCheck: { outcome: BackupCheckOutcome; fileName: string; fileSha256: string | null } | null;
    savedPublicKey: string | null;
  };
  destinations: RecordDestination[];
  steps: { step: 1 | 2 | 3 | 4 | 5 | 6; outcome: StepOutcome }[];
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
  const stale = c.materialStale;
  const appSha = parseSha256sum(x.appSha256);
  const info = c.target.info;
  const check = c.backup.check;
  const destinations = c.destinations.map((d, i): RecordDestination => {
    const m = stale ? null : d.material;
    const v = d.verification;
    return {
      n: i + 1,
      provider: d.providerId,
      providerName: d.provider.name,
      keySpec: d.keySpecName,
      wrappingAlgorithm: m?.algorithm ?? d.algorithm?.name ?? null,
      kmsKeyId: showHidden(d.keyId.trim()) || null,
      instanceType: d.ui.instanceType && d.keyKind === 'asymmetric' ? d.instanceType : null,
      kekId: d.provider.needs?.includes('kekId') ? showHidden(d.kekId.trim()) || null : null,
      importJob: d.provider.needs?.includes('importJob') ? showHidden(d.importJob.trim()) || null : null,
      keyMaterialExpireUnix: d.ui.expiry && m ? (c.expireUnix ?? null) : null,
      sha256: { wrappingPublicKeySpki: d.wrappingKey?.sha256 ?? null, importToken: d.token?.sha256 ?? null, keyMaterialFile: m?.sha256 ?? null },
      files: { wrappingPublicKey: d.wrappingKey?.fileName ?? null, importToken: d.token?.fileName ?? null, keyMaterial: m?.fileName ?? null },
      keyMaterialDownloaded: m !== null && d.materialDownloaded,
      verify: v ? { outcome: v.matches ? 'match' : 'mismatch', expected: v.expected, actual: v.actual } : null,
    };
  });
  const made = destinations.filter((d) => d.files.keyMaterial !== null);
  const verified = destinations.filter((d) => d.verify !== null);
  const steps: CeremonyRecord['steps'] = [
    { step: 1, outcome: c.settingsConfirmed ? 'done' : 'not-done' },
    { step: 2, outcome: c.destinations.every((d) => d.wrappingKey && (!d.hasToken || d.token)) ? 'done' : 'not-done' },
    { step: 3, outcome: info && !c.targetSpecMismatch ? 'done' : 'not-done' },
    { step: 4, outcome: c.backup.verified ? 'done' : c.backup.saved ? 'not-verified' : info && !c.backupRequired ? 'optional-skipped' : 'not-done' },
    {
      step: 5,
      outcome: made.length < destinations.length ? 'not-done' : made.every((d) => d.keyMaterialDownloaded) ? 'done' : 'not-downloaded',
    },
    {
      step: 6,
      outcome: verified.some((d) => d.verify?.outcome === 'mismatch') ? 'mismatch' : verified.length === destinations.length ? 'done' : 'not-done',
    },
  ];
  return {
    record: 'byok-wrap ceremony record',
    recordFormat: 2,
    language: x.language,
    startedAt: moment(c.startedAt),
    recordedAt: moment(x.recordedAt),
    app: { version: BUILD_VERSION, commit: BUILD_COMMIT, form: x.form, fileSha256: appSha === 'invalid' ? null : appSha },
    selfTest: { ok: c.selfTest ? c.selfTest.ok : null, results: c.selfTest ? c.selfTest.results.map((r) => ({ ...r })) : [] },
    key: {
      keySpec: c.keySpec,
      kind: c.keyKind,
      origin: info?.origin ?? null,
      publicKeySha256: info?.publicKeySha256 ?? null,
      kcv: info?.kcv ?? null,
      file: info?.fileName ?? null,
      backup: c.backup.saved ? { fileName: c.backup.saved.fileName, sha256: c.backup.saved.sha256 } : null,
      backupCheck: check ? { outcome: check.outcome, fileName: check.fileName, fileSha256: check.fileSha256 } : null,
      savedPublicKey: c.savedPublicKey?.fileName ?? null,
    },
    destinations,
    steps,
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
  /** 'destination-N' for each destination */
  id: string;
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
  // step 6 says what the comparison found, in the words of step 6
  const outcome = (st: CeremonyRecord['steps'][number]) =>
    st.step === 6 && st.outcome === 'done' ? tr('step7.record.match') : tr(`step7.record.step.${st.outcome}`);
  const k = r.key;
  const check = k.backupCheck;
  const text = (s: string | null): RecordValue => (s ? { text: s } : none);
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
        { id: 'key-type', label: tr('step7.record.keyType'), value: { text: k.keySpec } },
        ...(k.kind === 'asymmetric'
          ? [{ id: 'tak-sha256', label: tr('step7.record.tak'), value: sha(k.publicKeySha256) }]
          : [{ id: 'kcv', label: tr('step3.kcv'), value: text(k.kcv) }]),
        { id: 'file-target-key', label: tr('step7.record.file.targetKey'), value: k.origin === 'generated' ? { text: tr('step3.origin.generated') } : text(k.file) },
        { id: 'file-backup', label: tr('step7.record.file.backup'), value: text(k.backup?.fileName ?? null) },
        { id: 'backup-sha256', label: tr('step7.record.backup'), value: sha(k.backup?.sha256 ?? null) },
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
        ...(k.savedPublicKey ? [{ id: 'file-saved-public-key', label: tr('step7.record.file.savedPublicKey'), value: { text: k.savedPublicKey } }] : []),
      ],
    },
    ...r.destinations.map((d): RecordSection => {
      const id = (s: string) => (d.n === 1 ? s : `${s}-${d.n}`);
      const expiry = d.keyMaterialExpireUnix;
      return {
        id: `destination-${d.n}`,
        title: tr('step7.record.section.destination', { n: d.n, provider: d.providerName }),
        rows: [
          { id: id('key-spec'), label: tr('step7.record.keySpec'), value: { text: d.keySpec } },
          ...(d.instanceType ? [{ id: id('instance-type'), label: tr('step7.record.instance'), value: { text: tr(`instance.${d.instanceType}`) } }] : []),
          { id: id('key-id'), label: tr('step7.record.keyId'), value: text(d.kmsKeyId) },
          ...(d.kekId !== null || d.provider === 'azure' ? [{ id: id('kek-id'), label: tr('dest.kekId'), value: text(d.kekId) }] : []),
          ...(d.importJob !== null ? [{ id: id('import-job'), label: tr('dest.importJob'), value: text(d.importJob) }] : []),
          { id: id('algorithm'), label: tr('step7.record.algorithm'), value: text(d.wrappingAlgorithm) },
          ...(expiry !== null
            ? [
                {
                  id: id('expiry'),
                  label: tr('step7.record.expiry'),
                  value: { text: tr('step7.record.expiryValue', { date: expiry === 0 ? tr('step5.expiry.neverValue') : formatUtc(expiry * 1000), unix: expiry }) },
                },
              ]
            : []),
          { id: id('file-wrapping-key'), label: tr('step7.record.file.wrappingKey'), value: text(d.files.wrappingPublicKey) },
          { id: id('wrapping-key-sha256'), label: tr('step7.record.wrappingKey'), value: sha(d.sha256.wrappingPublicKeySpki) },
          ...(d.sha256.importToken !== null || d.files.importToken !== null
            ? [
                { id: id('file-token'), label: tr('step7.record.file.token'), value: text(d.files.importToken) },
                { id: id('token-sha256'), label: tr('step7.record.token'), value: sha(d.sha256.importToken) },
              ]
            : []),
          { id: id('file-material'), label: tr('step7.record.file.material'), value: text(d.files.keyMaterial) },
          { id: id('material-sha256'), label: tr('step7.record.material'), value: sha(d.sha256.keyMaterialFile) },
          ...(d.verify
            ? r.key.kind === 'asymmetric'
              ? [
                  { id: id('verify-expected-sha256'), label: tr('step7.record.verifyExpected'), value: sha(d.verify.expected) },
                  { id: id('verify-actual-sha256'), label: tr('step7.record.verifyActual'), value: sha(d.verify.actual) },
                ]
              : [{ id: id('verify-kcv'), label: tr('step6.kcvInput'), value: { text: `${d.verify.actual} (${tr(d.verify.outcome === 'match' ? 'step7.record.match' : 'step7.record.step.mismatch')})` } }]
            : []),
        ],
      };
    }),
    {
      id: 'steps',
      title: tr('step7.record.steps'),
      rows: r.steps.map((st) => ({ id: `step-${st.step}`, label: tr(STEP_TITLES[st.step]), value: { text: outcome(st) } })),
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
