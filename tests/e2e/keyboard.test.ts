// One whole ceremony with the keyboard only: Tab / Shift+Tab to move, arrow keys in selects, Enter and Space
// on buttons, typing in fields. File inputs are reached by Tab and then given their file with setInputFiles,
// because a native file dialog cannot be driven.
import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl } from '../helpers/unwrap.ts';
import { button, expectNoNetwork, field, launchBrowser, openApp, screenshot, step, isFocused, tabTo } from './harness.ts';

let browser: Browser;
const dir = scratch('byok-e2e-keyboard-');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

describe('keyboard only', () => {
  it('completes an EC_P256 ceremony with Tab, arrows, Enter and Space', async () => {
    const suffix = randomBytes(4).toString('hex');
    const iwk = makeIwk('rsa', dir);
    const s = await openApp(browser);
    const { page } = s;
    const passphrase = 'keyboard only passphrase';

    // step 1 in reading order: provider, key spec, wrapping algorithm, instance type, key ID, the confirmation
    await tabTo(page, field(page, 'KMS provider'));
    expect(await field(page, 'KMS provider').inputValue()).toBe('alibaba');
    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Key spec'))).toBe(true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await field(page, 'Key spec').inputValue()).toBe('EC_P256');

    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Wrapping algorithm'))).toBe(true);
    expect(await field(page, 'Wrapping algorithm').inputValue()).toBe('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD');

    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Instance type'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await field(page, 'Instance type').inputValue()).toBe('hardware');
    await page.keyboard.press('ArrowUp');
    expect(await field(page, 'Instance type').inputValue()).toBe('software');

    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'KMS key ID (optional)'))).toBe(true);
    await page.keyboard.type('key-keyboard');

    await tabTo(page, field(page, 'The settings above match the KMS console'));
    await page.keyboard.press('Space');
    expect(await field(page, 'The settings above match the KMS console').isChecked()).toBe(true);
    expect(await step(page, 1).getAttribute('data-status')).toBe('done');

    await tabTo(page, field(page, 'Wrapping public key'));
    await field(page, 'Wrapping public key').setInputFiles(dir.write(`publickey_${suffix}.pem`, iwk.pubPem));
    await tabTo(page, field(page, 'Import token'));
    await field(page, 'Import token').setInputFiles(dir.write(`token_${suffix}.txt`, randomBytes(200).toString('base64')));
    await page.locator('#token-received').waitFor();

    await tabTo(page, button(page, 'Generate new key'));
    await screenshot(step(page, 3), 'keyboard-focus-generate.png');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('target-spec').textContent()).toBe('EC_P256');

    await tabTo(page, field(page, 'Backup passphrase'));
    await page.keyboard.type(passphrase);
    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Confirm backup passphrase'))).toBe(true);
    await page.keyboard.type(passphrase);
    const backupDownload = page.waitForEvent('download');
    await page.keyboard.press('Enter'); // submits the backup form
    const backup = await backupDownload;
    expect(backup.suggestedFilename()).toBe('target-key-backup_key-keyboard.pem');
    const backupPath = dir.path('kbd-backup.pem');
    await backup.saveAs(backupPath);

    // the read-back check: the saved file, the passphrase typed again, Enter
    await tabTo(page, field(page, 'Saved backup (check)'));
    await field(page, 'Saved backup (check)').setInputFiles(backupPath);
    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Backup passphrase (check)'))).toBe(true);
    await page.keyboard.type(passphrase);
    await page.keyboard.press('Enter'); // submits the check form
    await page.locator('#backup-verified').waitFor();

    await tabTo(page, button(page, 'Wrap key material'));
    await page.keyboard.press('Space');
    await button(page, 'Download key material').waitFor();
    await tabTo(page, button(page, 'Download key material'));
    const materialDownload = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const material = await materialDownload;
    expect(material.suggestedFilename()).toBe('key-material_key-keyboard.txt');
    const materialPath = dir.path('kbd-material.txt');
    await material.saveAs(materialPath);
    const { tak } = unwrapWithOpenssl(Buffer.from(dir.read('kbd-material.txt').toString(), 'base64'), iwk);
    const fromBackup = openssl(['pkey', '-in', backupPath, '-passin', `pass:${passphrase}`, '-outform', 'DER']);
    expect(openssl(['pkey', '-inform', 'DER', '-outform', 'DER'], tak).equals(fromBackup)).toBe(true);

    // expiry helper by keyboard: arrow keys move between the two radio buttons
    await tabTo(page, page.getByRole('radio', { name: 'Never expire' }));
    await page.keyboard.press('ArrowDown');
    await field(page, 'Expiry date and time').waitFor();
    await page.keyboard.press('ArrowUp');
    expect(await page.getByTestId('expire-unix').textContent()).toContain('KeyMaterialExpireUnix: 0');

    const kmsPem = openssl(['pkey', '-in', backupPath, '-passin', `pass:${passphrase}`, '-pubout']).toString();
    await tabTo(page, field(page, 'KMS public key'));
    await page.keyboard.insertText(kmsPem);
    await page.keyboard.press('Tab');
    expect(await isFocused(button(page, 'Compare with the target key'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('true');

    // "Clear everything" asks first (the record was not saved): Cancel has the focus, Esc cancels
    await tabTo(page, button(page, 'Clear everything'));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel', exact: true }))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#target-key-received').count()).toBe(1);
    // the dialog gives the focus back to the button that opened it (a task after it hides: wait for it, do not race)
    await expect.poll(() => isFocused(button(page, 'Clear everything'))).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(dialog.getByRole('button', { name: 'Yes, clear everything', exact: true }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#cleared-note').waitFor();
    expect(await isFocused(page.locator('#cleared-note'))).toBe(true);
    expect(await page.locator('[data-sha256]').count()).toBe(0);

    expectNoNetwork(s);
    await s.close();
  });

  it('adds and removes a destination with Enter; the focus follows (the new block, then the block before)', async () => {
    const s = await openApp(browser);
    const { page } = s;
    await tabTo(page, button(page, 'Add destination'));
    await page.keyboard.press('Enter');
    const second = step(page, 1).locator('[data-destination="2"]');
    await expect.poll(() => isFocused(second.getByLabel('KMS provider', { exact: true }))).toBe(true);
    await tabTo(page, second.getByRole('button', { name: 'Remove destination', exact: true }), 20);
    // an empty destination has nothing to lose: removed at once, and the focus is not dropped to the page's top
    await page.keyboard.press('Enter');
    await expect.poll(() => step(page, 1).locator('[data-destination]').count()).toBe(1);
    await expect.poll(() => isFocused(field(page, 'KMS provider'))).toBe(true);
    expectNoNetwork(s);
    await s.close();
  });
});
