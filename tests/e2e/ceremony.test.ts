// Full ceremonies through the UI, proven with the OpenSSL CLI: the downloaded key material is unwrapped with
// the (test-made) wrapping private key and compared with the key decrypted from the downloaded backup.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl } from '../helpers/unwrap.ts';
import { answer, button, download, expectNoNetwork, field, fingerprint, launchBrowser, openApp, SCREENSHOT_DIR, screenshot, sha256, step } from './harness.ts';

const PASSPHRASE = 'correct horse battery staple e2e';

let browser: Browser;
const dir = scratch('byok-e2e-ceremony-');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

/** Private scalar D of an EC key, 32 bytes, from `openssl pkey -text`. */
function ecPrivateScalar(pemPath: string, passphrase: string): Buffer {
  const text = openssl(['pkey', '-in', pemPath, '-passin', `pass:${passphrase}`, '-text', '-noout']).toString();
  const m = /priv:\s*([0-9a-f:\s]+?)\s*pub:/i.exec(text);
  if (!m) throw new Error('no priv: in openssl output');
  const hex = m[1]!.replace(/[^0-9a-f]/gi, '').replace(/^(00)+(?=[0-9a-f]{64}$)/i, '');
  return Buffer.from(hex.padStart(64, '0'), 'hex');
}

interface Case {
  spec: 'RSA_2048' | 'EC_P256K' | 'EC_SM2';
  iwk: 'rsa' | 'sm2';
  publicKeyFormat: 'pem' | 'bin';
  keyId: string;
  screenshots?: boolean;
}

const cases: Case[] = [
  { spec: 'RSA_2048', iwk: 'rsa', publicKeyFormat: 'pem', keyId: 'key-e2e-rsa2048', screenshots: true },
  { spec: 'EC_P256K', iwk: 'rsa', publicKeyFormat: 'bin', keyId: '' },
  { spec: 'EC_SM2', iwk: 'sm2', publicKeyFormat: 'pem', keyId: 'key-e2e-sm2' },
];

describe('full ceremony', () => {
  for (const cs of cases) {
    it(`${cs.spec}: generate, back up, wrap, download; OpenSSL unwraps the same key`, async () => {
      const suffix = randomBytes(6).toString('hex');
      const iwk = makeIwk(cs.iwk, dir);
      const keyFile = dir.write(`publickey_${suffix}.${cs.publicKeyFormat}`, cs.publicKeyFormat === 'pem' ? iwk.pubPem : iwk.pubDer);
      const token = randomBytes(480).toString('base64');
      const tokenFile = dir.write(`token_${suffix}.txt`, token + '\n');
      const downloads = dir.path(`downloads-${cs.spec}`);

      const s = await openApp(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
      const { page } = s;
      if (cs.screenshots) await page.screenshot({ path: `${SCREENSHOT_DIR}/page-top.png` });

      // Step 1
      await field(page, 'Instance type').selectOption('software');
      await field(page, 'Key spec').selectOption(cs.spec);
      if (cs.keyId) await field(page, 'KMS key ID (optional)').fill(cs.keyId);
      await field(page, 'The settings above match the KMS console').check();
      // EC_SM2 is not in the document's step 1 list: its warning needs its own acknowledgement
      if (cs.spec === 'EC_SM2') await page.getByLabel('I have read the warnings from the Alibaba document above and continue anyway').check();
      expect(await step(page, 1).getAttribute('data-status')).toBe('done');
      const expectedAlgorithm = cs.spec === 'EC_SM2' ? 'SM2PKE_SM4_ECB' : 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD';
      await expect.poll(() => page.getByTestId('plan-algorithm').textContent()).toBe(expectedAlgorithm);

      // Step 2
      await field(page, 'Wrapping public key').setInputFiles(keyFile);
      await field(page, 'Import token').setInputFiles(tokenFile);
      const s2 = step(page, 2);
      await expect.poll(() => page.getByTestId('wrapping-key-spec').textContent()).toBe(cs.iwk === 'rsa' ? 'RSA_2048' : 'EC_SM2');
      expect(await fingerprint(s2.locator('#wrapping-key-received'))).toBe(sha256(iwk.pubDer));
      expect(await fingerprint(s2.locator('#token-received'))).toBe(sha256(token));
      await expect.poll(() => s2.locator('.notices-note [data-notice="note.tokenValidity"]').count()).toBe(1);
      expect(await s2.locator('[data-notice="warn.suffixMismatch"]').count()).toBe(0);
      expect(await s2.locator('[data-notice="warn.wrappingKeyType"]').count()).toBe(0);

      // Step 3
      await button(page, 'Generate new key').click();
      const s3 = step(page, 3);
      await expect.poll(() => page.getByTestId('target-spec').textContent(), { timeout: 60_000 }).toBe(cs.spec);
      const takSha256 = await fingerprint(s3.locator('#target-key-received'));
      const publicPem = await download(page, downloads, () => button(page, 'Download public key').click());
      expect(publicPem.bytes.toString()).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(sha256(openssl(['pkey', '-pubin', '-in', publicPem.path, '-outform', 'DER']))).toBe(takSha256);

      // Step 5 is blocked until the backup exists (the key was generated here)
      expect(await button(page, 'Wrap key material').isDisabled()).toBe(true);
      expect(await page.locator('#wrap-blockers').textContent()).toContain('save the encrypted backup and read it back');

      // Step 4
      await field(page, 'Backup passphrase').fill(PASSPHRASE);
      await field(page, 'Confirm backup passphrase').fill(PASSPHRASE);
      const backup = await download(page, downloads, () => button(page, 'Download encrypted backup').click());
      expect(backup.name).toBe(cs.keyId ? `target-key-backup_${cs.keyId}.pem` : `target-key-backup_${suffix}.pem`);
      expect(backup.bytes.toString()).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      expect(await fingerprint(page.getByTestId('backup-sha256'))).toBe(sha256(backup.bytes));
      expect(await field(page, 'Backup passphrase').inputValue()).toBe('');
      const backupPublicDer = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-pubout', '-outform', 'DER']);
      expect(sha256(backupPublicDer)).toBe(takSha256);
      // downloaded is not yet a backup: the saved file is read back with the passphrase typed again
      expect(await button(page, 'Wrap key material').isDisabled()).toBe(true);
      await field(page, 'Saved backup (check)').setInputFiles(backup.path);
      await field(page, 'Backup passphrase (check)').fill(PASSPHRASE);
      await button(page, 'Check backup').click();
      await page.locator('#backup-verified').waitFor();
      expect(await fingerprint(page.getByTestId('backup-check-sha256'))).toBe(sha256(backup.bytes));

      // Step 5
      await button(page, 'Wrap key material').click();
      const material = await download(page, downloads, () => button(page, 'Download key material').click());
      expect(material.name).toBe(`key-material_${cs.keyId || suffix}.txt`);
      const text = material.bytes.toString('latin1');
      expect(text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/); // only the base64: no newline, no BOM, no label
      expect(await fingerprint(page.getByTestId('material-sha256'))).toBe(sha256(material.bytes));
      // the base64 on the page is folded away; opened, it is the downloaded file's text
      await page.locator('#material-received details > summary').click();
      expect(await page.locator('#material-text').inputValue()).toBe(text);
      const command = (await page.locator('#cli-command').textContent()) ?? '';
      expect(command).toBe(
        `aliyun kms ImportKeyMaterial --KeyId ${cs.keyId || 'KEY_ID'} --EncryptedKeyMaterial "$(cat key-material_${cs.keyId || suffix}.txt)"` +
          ` --ImportToken "$(cat token_${suffix}.txt)" --KeyMaterialExpireUnix 0`,
      );
      expect(command).not.toContain(token);
      await button(page, 'Copy key material').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);

      // expiry helper: a local date and time becomes unix seconds, in the upload steps and the command
      await page.getByRole('radio', { name: 'Expire on (local time)' }).check();
      await field(page, 'Expiry date and time').fill('2031-02-03T04:05');
      const unix = await page.evaluate(() => Math.floor(new Date('2031-02-03T04:05').getTime() / 1000));
      await expect.poll(() => page.getByTestId('expire-unix').textContent()).toContain(`KeyMaterialExpireUnix: ${unix}`);
      expect(await page.locator('#cli-command').textContent()).toMatch(new RegExp(`--KeyMaterialExpireUnix ${unix}$`));
      await field(page, 'Expiry date and time').fill('2001-01-01T00:00');
      await expect.poll(() => page.getByTestId('expire-unix').textContent()).toContain('Choose a date and time in the future.');
      expect(await page.locator('#cli-command').count()).toBe(0);
      await page.getByRole('radio', { name: 'Never expire' }).check();

      // OpenSSL unwraps what the browser wrapped; it is the key in the backup
      const bytes = Buffer.from(text, 'base64');
      const { esk, tak } = unwrapWithOpenssl(bytes, iwk);
      if (cs.iwk === 'rsa') {
        expect(esk.length).toBe(32);
        const fromMaterial = openssl(['pkey', '-inform', 'DER', '-outform', 'DER'], tak);
        const fromBackup = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-outform', 'DER']);
        expect(fromMaterial.equals(fromBackup)).toBe(true);
      } else {
        expect(bytes.length).toBe(145);
        expect(esk.length).toBe(16);
        expect(tak.length).toBe(32);
        expect(tak.equals(ecPrivateScalar(backup.path, PASSPHRASE))).toBe(true);
      }

      // Step 6: what KMS would report is the backup's public key; another key does not match
      const kmsPem = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-pubout']).toString();
      await field(page, 'KMS public key').fill(kmsPem);
      await button(page, 'Compare with the target key').click();
      await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('true');
      expect(await page.locator('#verify-result').textContent()).toContain('Matches the target key.');

      if (cs.screenshots) {
        await screenshot(page, 'ceremony-full-page.png');
        const names = ['key-in-kms', 'wrapping-key-and-token', 'target-key', 'backup', 'wrap', 'verify-after-import', 'finish'];
        for (const [i, name] of names.entries()) await screenshot(step(page, i + 1), `step-${i + 1}-${name}.png`);
        await page.emulateMedia({ media: 'print' });
        await screenshot(step(page, 7), 'print-step-7-record.png');
        await page.emulateMedia({ media: 'screen' });
      }

      // the wrapping public key is a valid public key, but not the target key
      await field(page, 'KMS public key').fill(iwk.pubPem);
      await button(page, 'Compare with the target key').click();
      await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('false');
      if (cs.screenshots) await screenshot(step(page, 6), 'step-6-verify-mismatch.png');

      // Step 7: the record holds every fingerprint; clearing wipes the page
      const record = page.locator('#ceremony-record');
      for (const [row, h] of [
        ['wrapping-key-sha256', sha256(iwk.pubDer)],
        ['token-sha256', sha256(token)],
        ['tak-sha256', takSha256],
        ['backup-sha256', sha256(backup.bytes)],
        // the backup as written and as read back: the same file
        ['backup-check-sha256', sha256(backup.bytes)],
        ['material-sha256', sha256(material.bytes)],
        ['verify-expected-sha256', takSha256],
        ['verify-actual-sha256', sha256(iwk.pubDer)],
      ])
        expect(await record.locator(`[data-record="${row}"] [data-sha256]`).getAttribute('data-sha256'), row).toBe(h);
      await button(page, 'Clear everything').click();
      await answer(page, 'Yes, clear everything'); // the record was not printed or saved
      await page.locator('#cleared-note').waitFor();
      expect(await page.locator('#target-key-received').count()).toBe(0);
      expect(await page.locator('#material-received').count()).toBe(0);
      expect(await page.locator('[data-sha256]').count()).toBe(0);
      expect(await field(page, 'Key spec').inputValue()).toBe('RSA_2048');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('cleared-note');

      // Step 6 later, without the private key: the public key saved in step 3 against what KMS reports
      await field(page, 'Target public key (saved in step 3)').setInputFiles(publicPem.path);
      await page.locator('#saved-public-key').waitFor();
      expect(await fingerprint(page.locator('#saved-public-key'))).toBe(takSha256);
      await field(page, 'KMS public key').fill(kmsPem);
      await button(page, 'Compare with the target key').click();
      await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('true');
      await field(page, 'KMS public key').fill(iwk.pubPem);
      await button(page, 'Compare with the target key').click();
      await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('false');
      if (cs.screenshots) await screenshot(step(page, 6), 'step-6-verify-saved-public-key.png');

      expectNoNetwork(s);
      await s.close();
    });
  }
});
