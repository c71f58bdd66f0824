// Step 4's read-back rules (spec §3.5) and the confirmation rules (issue 8 §2, issue 11), without a browser; and the
// Ceremony's read-back against backups made by OpenSSL (an independent writer of encrypted PKCS#8).
import { afterAll, describe, expect, it } from 'vitest';
import { type ErrorCode } from '../../src/lib/index.ts';
import { backupStepStatus, backupVerified, outcomeOfError, outcomeOfReadBack, type BackupCheck } from '../../src/routes/backup-check.ts';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import {
  clearConfirmation,
  clock,
  generateConfirmation,
  loadConfirmation,
  removeDestinationConfirmation,
  wrapConfirmation,
  type CeremonyFacts,
  type DestinationFacts,
} from '../../src/routes/confirmations.ts';
import { CATALOGUES } from '../../src/routes/i18n.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

const dir = scratch('byok-backup-check-');
afterAll(() => dir.dispose());

const PASSPHRASE = 'unit read-back passphrase';
const p256 = () => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
const encrypt = (pem: string, pass = PASSPHRASE) => openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${pass}`], pem).toString();
const file = (text: string, name = 'target-key-backup_unit.pem') => new File([text], name);

describe('read-back rules', () => {
  it('a read-back counts only when encrypted and the same key', () => {
    expect(outcomeOfReadBack({ encrypted: true, same: true })).toBe('match');
    expect(outcomeOfReadBack({ encrypted: true, same: false })).toBe('mismatch');
    expect(outcomeOfReadBack({ encrypted: false, same: true })).toBe('not_encrypted');
    expect(outcomeOfReadBack({ encrypted: false, same: false })).toBe('not_encrypted');
  });

  it('maps the library\'s refusal to an outcome with its own words', () => {
    const cases: [ErrorCode | 'internal', string][] = [
      ['passphrase_wrong', 'passphrase_wrong'],
      ['passphrase_required', 'passphrase_missing'],
      ['passphrase_empty', 'passphrase_missing'],
      ['key_is_public', 'not_a_backup'],
      ['format_unrecognized', 'not_a_backup'],
      ['encryption_unsupported', 'not_a_backup'],
      ['secret_length', 'not_a_backup'],
      ['input_too_large', 'not_a_backup'],
      ['internal', 'not_a_backup'],
    ];
    for (const [code, outcome] of cases) expect(outcomeOfError(code), code).toBe(outcome);
  });

  it('step 4 is done only when verified', () => {
    const at = { fileName: 'f.pem', fileSha256: 'ab'.repeat(32), checkedAt: 0 };
    const match: BackupCheck = { ...at, outcome: 'match' };
    const wrong: BackupCheck = { ...at, outcome: 'passphrase_wrong' };
    const base = { busy: false, problem: false, check: null, downloaded: false, required: true, hasTarget: true };
    expect(backupVerified(match)).toBe(true);
    expect(backupVerified(wrong)).toBe(false);
    expect(backupVerified(null)).toBe(false);
    expect(backupStepStatus(base)).toBe('todo');
    expect(backupStepStatus({ ...base, downloaded: true })).toBe('todo');
    expect(backupStepStatus({ ...base, downloaded: true, check: wrong })).toBe('attention');
    expect(backupStepStatus({ ...base, downloaded: true, check: match })).toBe('done');
    expect(backupStepStatus({ ...base, busy: true, check: match })).toBe('busy');
    expect(backupStepStatus({ ...base, required: false })).toBe('optional');
    expect(backupStepStatus({ ...base, required: false, downloaded: true })).toBe('todo');
    expect(backupStepStatus({ ...base, hasTarget: false, required: false })).toBe('todo');
  });
});

describe('Ceremony.checkBackup', () => {
  async function loaded(pem: string): Promise<Ceremony> {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'EC_P256');
    await c.loadTargetText(pem);
    expect(c.target.info?.spec).toBe('EC_P256');
    return c;
  }

  it('verifies an OpenSSL-encrypted backup of the key in memory and records the file\'s SHA-256', async () => {
    const pem = p256();
    const c = await loaded(pem);
    const before = c.target.info!.publicKeySha256;
    const backup = encrypt(pem);
    await c.checkBackup(file(backup), PASSPHRASE);
    expect(c.backup.check).toMatchObject({ outcome: 'match', fileName: 'target-key-backup_unit.pem' });
    expect(c.backup.check!.fileSha256).toBe(openssl(['dgst', '-sha256', '-r'], backup).toString().slice(0, 64));
    expect(c.backup.verified).toBe(true);
    expect(c.target.info!.publicKeySha256).toBe(before);
    // replacing the key forgets the check
    await c.loadTargetText(p256());
    expect(c.backup.check).toBeNull();
    expect(c.backup.verified).toBe(false);
  });

  it('a backup of another key is a mismatch naming that key; the key in memory stays', async () => {
    const c = await loaded(p256());
    const before = c.target.info!.publicKeySha256;
    const other = p256();
    await c.checkBackup(file(encrypt(other)), PASSPHRASE);
    const otherSha = openssl(['dgst', '-sha256', '-r'], openssl(['pkey', '-pubout', '-outform', 'DER'], other)).toString().slice(0, 64);
    expect(c.backup.check).toMatchObject({ outcome: 'mismatch', found: { spec: 'EC_P256', sha256: otherSha } });
    expect(c.backup.verified).toBe(false);
    expect(c.target.info!.publicKeySha256).toBe(before);
  });

  it('wrong or missing passphrase, a plain key, a public key, garbage: each its outcome, never verified', async () => {
    const pem = p256();
    const c = await loaded(pem);
    const cases: [File, string, string, string?][] = [
      [file(encrypt(pem)), 'not the passphrase', 'passphrase_wrong'],
      [file(encrypt(pem)), '', 'passphrase_missing'],
      [file(pem), PASSPHRASE, 'not_encrypted'],
      [file(openssl(['pkey', '-pubout'], pem).toString()), PASSPHRASE, 'not_a_backup', 'key_is_public'],
      [file('hello, not a key'), PASSPHRASE, 'not_a_backup'],
    ];
    for (const [f, pass, outcome, reason] of cases) {
      await c.checkBackup(f, pass);
      expect(c.backup.check?.outcome, outcome).toBe(outcome);
      if (reason) expect(c.backup.check?.reason?.code).toBe(reason);
      expect(c.backup.verified).toBe(false);
    }
  });

  it('a check still running when everything is cleared is discarded', async () => {
    const pem = p256();
    const c = await loaded(pem);
    const pending = c.checkBackup(file(encrypt(pem)), PASSPHRASE);
    c.clear();
    await pending;
    expect(c.backup.check).toBeNull();
    expect(c.backup.checking).toBe(false);
  });
});

describe('confirmations', () => {
  const at = new Date(2026, 10, 30, 14, 2, 9).getTime();
  const none: CeremonyFacts = { target: null, backupVerified: false, material: null, materialDownloaded: false, materialFileName: 'key-material_k.txt' };
  const generated: CeremonyFacts = { ...none, target: { spec: 'RSA_2048', origin: 'generated', at } };

  it('clock is local HH:MM', () => {
    expect(clock(at)).toBe('14:02');
  });

  it('nothing to lose: no question', () => {
    expect(wrapConfirmation(none)).toBeNull();
    expect(wrapConfirmation(generated)).toBeNull();
    expect(generateConfirmation(none)).toBeNull();
    expect(clearConfirmation(none, null)).toBeNull();
    expect(clearConfirmation({ ...generated, backupVerified: true }, at)).toBeNull();
  });

  it('"Wrap key material" asks once material exists, downloaded or not', () => {
    const wrapped = { ...generated, backupVerified: true, material: { wrappedAt: at } };
    expect(wrapConfirmation(wrapped)).toEqual({
      action: 'wrap',
      title: 'confirm.wrap.title',
      losses: [{ key: 'confirm.loss.material.replaced.notDownloaded', params: { time: '14:02', file: 'key-material_k.txt' } }],
      confirm: 'confirm.wrap.confirm',
    });
    expect(wrapConfirmation({ ...wrapped, materialDownloaded: true })?.losses.map((l) => l.key)).toEqual(['confirm.loss.material.replaced.downloaded']);
  });

  it('"Generate new key" asks once a key exists and names the key and the material it drops', () => {
    expect(generateConfirmation(generated)?.losses).toEqual([{ key: 'confirm.loss.keyLost', params: { spec: 'RSA_2048', time: '14:02' } }]);
    expect(generateConfirmation({ ...generated, backupVerified: true })?.losses.map((l) => l.key)).toEqual(['confirm.loss.keyBackedUp']);
    const loaded = { ...generated, target: { spec: 'EC_P256' as const, origin: 'loaded' as const, at }, material: { wrappedAt: at } };
    expect(generateConfirmation(loaded)?.losses.map((l) => l.key)).toEqual(['confirm.loss.keyLoaded', 'confirm.loss.material.wiped.notDownloaded']);
  });

  it('loading another key once a key exists asks too, naming the same losses (no replacement on one click)', () => {
    expect(loadConfirmation({ ...generated, target: null })).toBeNull();
    const c = loadConfirmation(generated);
    expect(c).toMatchObject({ action: 'load', title: 'confirm.load.title', confirm: 'confirm.load.confirm' });
    expect(c?.losses).toEqual(generateConfirmation(generated)?.losses);
  });

  it('"Clear everything" asks while a key has no verified backup or the record was not saved', () => {
    expect(clearConfirmation(generated, at + 1)?.losses.map((l) => l.key)).toEqual(['confirm.loss.keyLost']);
    expect(clearConfirmation({ ...generated, backupVerified: true }, null)?.losses.map((l) => l.key)).toEqual([
      'confirm.loss.keyBackedUp',
      'confirm.loss.record',
    ]);
    const withMaterial = { ...generated, backupVerified: true, material: { wrappedAt: at } };
    expect(clearConfirmation(withMaterial, null)?.losses.map((l) => l.key)).toEqual([
      'confirm.loss.keyBackedUp',
      'confirm.loss.material.wiped.notDownloaded',
      'confirm.loss.record',
    ]);
    // downloaded material is not lost by clearing; a saved record and a verified backup: nothing to ask
    expect(clearConfirmation({ ...withMaterial, materialDownloaded: true }, at)).toBeNull();
    // a record saved before the material was wrapped does not hold it: it counts as not saved
    expect(clearConfirmation({ ...withMaterial, materialDownloaded: true }, at - 1)?.losses.map((l) => l.key)).toEqual([
      'confirm.loss.keyBackedUp',
      'confirm.loss.record',
    ]);
    // material alone (the key wiped some other way) with an unsaved record still asks
    expect(clearConfirmation({ ...none, material: { wrappedAt: at } }, null)?.action).toBe('clear');
  });

  it('"Remove destination" asks only when the destination holds files or material, naming them', () => {
    const empty: DestinationFacts = { n: 2, provider: 'AWS KMS', hasInputs: false, material: null };
    expect(removeDestinationConfirmation(empty)).toBeNull();
    const destination = { key: 'confirm.loss.destination', params: { n: 2, provider: 'AWS KMS' } };
    expect(removeDestinationConfirmation({ ...empty, hasInputs: true })).toEqual({
      action: 'remove',
      title: 'confirm.remove.title',
      losses: [destination],
      confirm: 'confirm.remove.confirm',
    });
    const material = { wrappedAt: at, fileName: 'EncryptedKeyMaterial.bin', downloaded: false };
    expect(removeDestinationConfirmation({ ...empty, hasInputs: true, material })?.losses).toEqual([
      destination,
      { key: 'confirm.loss.material.wiped.notDownloaded', params: { time: '14:02', file: 'EncryptedKeyMaterial.bin' } },
    ]);
    expect(removeDestinationConfirmation({ ...empty, material: { ...material, downloaded: true } })?.losses.map((l) => l.key)).toEqual([
      'confirm.loss.destination',
      'confirm.loss.material.wiped.downloaded',
    ]);
  });

  it('every word it uses exists in both languages, with the placeholders it fills', () => {
    const all = [
      wrapConfirmation({ ...generated, material: { wrappedAt: at } })!,
      wrapConfirmation({ ...generated, material: { wrappedAt: at }, materialDownloaded: true })!,
      generateConfirmation({ ...generated, material: { wrappedAt: at } })!,
      generateConfirmation({ ...generated, target: { ...generated.target!, origin: 'loaded' } })!,
      clearConfirmation({ ...generated, backupVerified: true, material: { wrappedAt: at }, materialDownloaded: false }, null)!,
      clearConfirmation({ ...generated, material: { wrappedAt: at } }, null)!,
      removeDestinationConfirmation({ n: 2, provider: 'AWS KMS', hasInputs: true, material: { wrappedAt: at, fileName: 'f.bin', downloaded: false } })!,
      removeDestinationConfirmation({ n: 2, provider: 'AWS KMS', hasInputs: true, material: { wrappedAt: at, fileName: 'f.bin', downloaded: true } })!,
    ];
    for (const lang of ['en', 'zh-CN'] as const) {
      const cat = CATALOGUES[lang];
      for (const c of all) {
        expect(cat[c.title]).toBeTruthy();
        expect(cat[c.confirm]).toBeTruthy();
        for (const l of c.losses) {
          for (const name of cat[l.key].match(/\{(\w+)\}/g) ?? []) expect(l.params ?? {}, `${lang} ${l.key} ${name}`).toHaveProperty(name.slice(1, -1));
        }
      }
    }
  });
});
