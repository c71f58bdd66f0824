// Issue 8 §1 and §2 in Chromium: a backup counts only once the saved file has been read back and holds the key
// in memory (a download alone, or a cancelled one, unlocks nothing); each destructive action asks first, in the
// page, naming what would be lost; a double click on a download button saves one file.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../src/lib/index.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';
import { answer, backUpAndCheck, button, confirmation, download, expectNoNetwork, field, fingerprint, launchBrowser, openApp, SCREENSHOT_DIR, screenshot, sha256, step } from './harness.ts';

const PASSPHRASE = 'read it back before it counts';
/** the states of step 4 and the dialog, to look at: test-results/ (ignored), or docs/screenshots/ with SCREENSHOTS=1 */
const SHOTS = SCREENSHOT_DIR;

let browser: Browser;
const dir = scratch('byok-e2e-backup-check-');
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

/** Step 4 (or the dialog) at laptop and phone widths. */
async function shots(page: Page, name: string, target: 'step-4' | 'dialog'): Promise<void> {
  const before = page.viewportSize()!;
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = `${SHOTS}/${name}-${width}.png`;
    if (target === 'dialog') await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    else await screenshot(step(page, 4), `${name}-${width}.png`); // without the sticky status line over it
  }
  await page.setViewportSize(before);
}

/** Steps 1–3: an EC_P256 key generated here, the wrapping key and a token loaded. */
async function ready(page: Page, tag: string): Promise<void> {
  const iwk = makeIwk('rsa', dir, tag);
  await field(page, 'Key spec').selectOption('EC_P256');
  await field(page, 'KMS key ID (optional)').fill(`key-${tag}`);
  await field(page, 'Wrapping public key').setInputFiles(dir.write(`publickey_${tag}.pem`, iwk.pubPem));
  await field(page, 'Import token').setInputFiles(dir.write(`token_${tag}.txt`, randomBytes(300).toString('base64')));
  await page.locator('#token-received').waitFor();
  await button(page, 'Generate new key').click();
  await expect.poll(() => page.getByTestId('target-spec').textContent()).toBe('EC_P256');
}

const checkError = (page: Page) => page.locator('#backup-check-error');

async function check(page: Page, file: string, passphrase: string): Promise<void> {
  await field(page, 'Saved backup (check)').setInputFiles(file);
  await field(page, 'Backup passphrase (check)').fill(passphrase);
  await button(page, 'Check backup').click();
  await expect.poll(async () => (await checkError(page).count()) + (await page.locator('#backup-verified').count()), { timeout: 30_000 }).toBe(1);
}

describe('step 4: a backup counts only once it is read back', () => {
  it('a download (saved or cancelled) unlocks nothing; each wrong file gets its own words; the right one unlocks and is recorded', async () => {
    const tag = randomBytes(4).toString('hex');
    const downloads = dir.path(`dl-${tag}`);
    const s = await openApp(browser);
    const { page } = s;
    await ready(page, tag);
    const takSha256 = await fingerprint(page.getByTestId('target-public-sha256'));
    const wrap = button(page, 'Wrap key material');
    const blockers = () => page.locator('#wrap-blockers [data-blocker]').evaluateAll((li) => li.map((l) => l.getAttribute('data-blocker')));
    expect(await wrap.isDisabled()).toBe(true);
    expect(await blockers()).toEqual(['backup']);

    // A save dialog cancelled: the page cannot tell, and it must not count
    await field(page, 'Backup passphrase').fill(PASSPHRASE);
    await field(page, 'Confirm backup passphrase').fill(PASSPHRASE);
    const [cancelled] = await Promise.all([page.waitForEvent('download'), button(page, 'Download encrypted backup').click()]);
    await cancelled.cancel();
    await page.locator('#backup-received').waitFor();
    expect(await step(page, 4).getAttribute('data-status')).toBe('todo');
    expect(await wrap.isDisabled()).toBe(true);
    expect(await blockers()).toEqual(['backup']);
    expect(await page.locator('#wrap-blockers').textContent()).toContain('save the encrypted backup and read it back (step 4)');
    expect(await page.locator('#unsaved').textContent()).toContain('The generated key has no verified backup yet.');
    // never loaded back: nothing to check
    await field(page, 'Backup passphrase (check)').fill(PASSPHRASE);
    expect(await button(page, 'Check backup').isDisabled()).toBe(true);
    await field(page, 'Backup passphrase (check)').fill('');

    // The backup saved this time
    await field(page, 'Backup passphrase').fill(PASSPHRASE);
    await field(page, 'Confirm backup passphrase').fill(PASSPHRASE);
    const backup = await download(page, downloads, () => button(page, 'Download encrypted backup').click());
    expect(await wrap.isDisabled()).toBe(true);
    expect(await step(page, 4).locator('.required').count()).toBe(1);
    await shots(page, 'step-4-downloaded-not-checked', 'step-4');

    // Wrong passphrase: its own words, the field emptied, still locked
    await check(page, backup.path, 'not the backup passphrase');
    expect(await checkError(page).getAttribute('data-error-code')).toBe('backup_passphrase_wrong');
    expect(await checkError(page).textContent()).toContain('The passphrase does not decrypt this backup.');
    expect(await field(page, 'Backup passphrase (check)').inputValue()).toBe('');
    expect(await step(page, 4).getAttribute('data-status')).toBe('attention');
    expect(await wrap.isDisabled()).toBe(true);
    await shots(page, 'step-4-wrong-passphrase', 'step-4');

    // A backup of a different key, with the same passphrase: a mismatch naming the key it holds; the key in
    // memory is unchanged and wrapping stays locked
    const other = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const otherSha = sha256(openssl(['pkey', '-pubout', '-outform', 'DER'], other));
    const otherBackup = dir.write(`other-${tag}.pem`, openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${PASSPHRASE}`], other));
    await check(page, otherBackup, PASSPHRASE);
    expect(await checkError(page).getAttribute('data-error-code')).toBe('backup_mismatch');
    expect(await checkError(page).textContent()).toContain(`This backup holds a different key (EC_P256, public key SHA-256 ${otherSha.slice(0, 16)}…), not the key in memory.`);
    expect(await fingerprint(page.getByTestId('target-public-sha256'))).toBe(takSha256);
    expect(await wrap.isDisabled()).toBe(true);
    await shots(page, 'step-4-mismatch', 'step-4');

    // The same key, unencrypted: not the backup this page writes
    const plain = dir.write(`plain-${tag}.pem`, openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`]));
    await check(page, plain, PASSPHRASE);
    expect(await checkError(page).getAttribute('data-error-code')).toBe('backup_not_encrypted');
    expect(await wrap.isDisabled()).toBe(true);

    // Not a key backup at all: the public key, with the library's reason in plain words
    const publicPem = await download(page, downloads, () => button(page, 'Download public key').click());
    await check(page, publicPem.path, PASSPHRASE);
    expect(await checkError(page).getAttribute('data-error-code')).toBe('backup_not_a_backup');
    expect(await checkError(page).textContent()).toContain('This file is not an encrypted key backup:');
    expect(await wrap.isDisabled()).toBe(true);

    // The saved file with its passphrase: verified; the form and the red "Required" line give way to a summary
    await check(page, backup.path, PASSPHRASE);
    expect(await checkError(page).count()).toBe(0);
    expect(await field(page, 'Backup passphrase (check)').count()).toBe(0);
    expect(await field(page, 'Backup passphrase').count()).toBe(0);
    expect(await step(page, 4).locator('.required').count()).toBe(0);
    expect(await step(page, 4).getAttribute('data-status')).toBe('done');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('backup-verified');
    await expect.poll(() => page.locator('#announcer').textContent()).toBe(`Backup verified: ${backup.name} was read back and holds this key.`);
    expect(await fingerprint(page.getByTestId('backup-check-sha256'))).toBe(sha256(backup.bytes));
    expect(await page.locator('#backup-verified').textContent()).toContain(backup.name);
    expect(await fingerprint(page.getByTestId('target-public-sha256'))).toBe(takSha256);
    expect(await wrap.isDisabled()).toBe(false);
    expect(await page.locator('#unsaved').count()).toBe(0);
    await shots(page, 'step-4-verified', 'step-4');

    // The record, on the page (and so in print), as text and as JSON
    const record = page.locator('#ceremony-record');
    expect(await fingerprint(record.locator('[data-record="backup-check-sha256"]'))).toBe(sha256(backup.bytes));
    expect(await record.locator('[data-record="backup-check"]').textContent()).toBe(`decrypts with the passphrase and holds this key (${backup.name})`);
    expect(await record.locator('[data-record="step-4"]').textContent()).toBe('done');
    const text = (await download(page, downloads, () => button(page, 'Download record (text)').click())).bytes.toString('utf8');
    expect(text).toMatch(new RegExp(`Backup file SHA-256, as read back: +${formatFingerprint(sha256(backup.bytes))}`));
    expect(text).toMatch(/Backup read back: +decrypts with the passphrase and holds this key/);
    const json = JSON.parse((await download(page, downloads, () => button(page, 'Download record (JSON)').click())).bytes.toString('utf8'));
    expect(json.key.backupCheck).toEqual({ outcome: 'match', fileName: backup.name, fileSha256: sha256(backup.bytes) });
    expect(json.steps[3]).toEqual({ step: 4, outcome: 'done' });

    // 简体中文: the same summary in Chinese
    await field(page, 'Language / 语言').selectOption('zh-CN');
    expect(await page.locator('#backup-verified h3').textContent()).toBe('备份已核验');
    await shots(page, 'step-4-verified-zh-CN', 'step-4');
    await field(page, 'Language / 语言').selectOption('en');

    expectNoNetwork(s);
    await s.close();
  });
});

describe('destructive actions ask first, in the page', () => {
  it('"Generate new key", "Wrap key material" and "Clear everything" name what is lost; Cancel keeps it; a double click saves one file', async () => {
    const tag = randomBytes(4).toString('hex');
    const downloads = dir.path(`dl-${tag}`);
    const s = await openApp(browser);
    const { page } = s;
    await ready(page, tag);
    expect(await confirmation(page).count()).toBe(0); // the first key replaced nothing
    const firstKey = await fingerprint(page.getByTestId('target-public-sha256'));

    // "Generate new key" with a key that has no verified backup
    await button(page, 'Generate new key').click();
    const dialog = confirmation(page);
    await dialog.waitFor();
    expect(await page.locator('#confirm-title').textContent()).toBe('Generate a new key?');
    expect(await dialog.locator('[data-loss]').allTextContents()).toEqual([
      expect.stringMatching(/^The EC_P256 key generated at \d\d:\d\d has no verified backup: it will be lost for good\.$/),
    ]);
    expect(await dialog.getByRole('button', { name: 'Cancel', exact: true }).evaluate((b) => b === document.activeElement)).toBe(true);
    await shots(page, 'confirm-generate', 'dialog');
    await answer(page, 'Cancel');
    expect(await fingerprint(page.getByTestId('target-public-sha256'))).toBe(firstKey);
    // Esc cancels too
    await button(page, 'Generate new key').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await fingerprint(page.getByTestId('target-public-sha256'))).toBe(firstKey);
    await button(page, 'Generate new key').click();
    await answer(page, 'Yes, replace the key');
    await expect.poll(() => fingerprint(page.getByTestId('target-public-sha256'))).not.toBe(firstKey);

    // Wrap once (nothing to replace), then again: it names the material it would replace
    await backUpAndCheck(page, downloads, PASSPHRASE);
    await button(page, 'Wrap key material').click();
    await page.locator('#material-received').waitFor();
    expect(await confirmation(page).count()).toBe(0);
    const firstMaterial = await fingerprint(page.getByTestId('material-sha256'));
    await button(page, 'Wrap key material').click();
    await dialog.waitFor();
    expect(await dialog.locator('[data-loss]').allTextContents()).toEqual([
      expect.stringMatching(/^This replaces the key material you wrapped at \d\d:\d\d \(not downloaded yet\)\.$/),
    ]);
    await shots(page, 'confirm-wrap', 'dialog');
    await answer(page, 'Cancel');
    expect(await fingerprint(page.getByTestId('material-sha256'))).toBe(firstMaterial);

    // A double click on a download button saves one file
    const saved: string[] = [];
    page.on('download', (d) => saved.push(d.suggestedFilename()));
    await button(page, 'Download key material').dblclick();
    await button(page, 'Download public key').dblclick();
    await button(page, 'Download record (text)').dblclick();
    await page.waitForTimeout(1500);
    expect(saved).toEqual([`key-material_key-${tag}.txt`, `target-public-key_key-${tag}.pem`, `ceremony-record_key-${tag}.txt`]);
    page.removeAllListeners('download');

    // downloaded material is named as such; confirming wraps again (RSA-OAEP: a different ciphertext)
    await button(page, 'Wrap key material').click();
    await dialog.waitFor();
    expect(await dialog.locator('[data-loss]').textContent()).toContain(`(downloaded as key-material_key-${tag}.txt;`);
    await answer(page, 'Yes, wrap again');
    await expect.poll(() => fingerprint(page.getByTestId('material-sha256'))).not.toBe(firstMaterial);

    // "Clear everything": the backup is verified, but the new material is not downloaded and the record was saved
    // before it was wrapped
    await button(page, 'Clear everything').click();
    await dialog.waitFor();
    expect(await page.locator('#confirm-title').textContent()).toBe('Clear everything?');
    expect(await dialog.locator('[data-loss]').evaluateAll((li) => li.map((l) => l.getAttribute('data-loss')))).toEqual([
      'confirm.loss.keyBackedUp',
      'confirm.loss.material.wiped.notDownloaded',
      'confirm.loss.record',
    ]);
    await shots(page, 'confirm-clear', 'dialog');
    await answer(page, 'Cancel');
    expect(await page.locator('#material-received').count()).toBe(1);
    expect(await page.locator('#cleared-note').count()).toBe(0);

    // once the material and then the record are saved (and the key has a verified backup), clearing loses nothing
    // and does not ask
    await download(page, downloads, () => button(page, 'Download key material').click());
    await download(page, downloads, () => button(page, 'Download record (JSON)').click());
    await button(page, 'Clear everything').click();
    await page.locator('#cleared-note').waitFor();
    expect(await confirmation(page).count()).toBe(0);
    expect(await page.locator('[data-sha256]').count()).toBe(0);

    expectNoNetwork(s);
    await s.close();
  });
});
