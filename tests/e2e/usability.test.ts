// Ceremony usability (issue 8 §5, §6), in Debian Chromium: hidden characters, reflow at 320 px and 200 % zoom,
// statuses that tell the truth, announcements, the sticky status line, the printed record (read back from the
// PDF with pdftotext), step 6's two hashes in the record, and plain words for a file that is not a key.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';
import { SCREENSHOT_DIR, button, expectNoNetwork, field, launchBrowser, openApp, screenshot, step } from './harness.ts';

let browser: Browser;
const dir = scratch('byok-e2e-usability-');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

const RLO = '\u202E';
const iwk = makeIwk('rsa', dir);
const ecKey = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
const token = randomBytes(480).toString('base64');
// 1×1 PNG as a program writes it
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

const blockers = (page: Page) => page.locator('#wrap-blockers [data-blocker]').evaluateAll((els) => els.map((e) => e.getAttribute('data-blocker')));
const status = (page: Page, n: number) => step(page, n).getAttribute('data-status');

/** Step 1 with spec EC_P256, both step 2 files (with the given names), the key loaded from pasted PEM. */
async function prepare(page: Page, names: { key: string; token: string }): Promise<void> {
  await field(page, 'Key spec').selectOption('EC_P256');
  await field(page, 'Wrapping public key').setInputFiles({ name: names.key, mimeType: 'application/x-pem-file', buffer: Buffer.from(iwk.pubPem) });
  await field(page, 'Import token').setInputFiles({ name: names.token, mimeType: 'text/plain', buffer: Buffer.from(token) });
  await field(page, 'Or paste a private key (PEM or JWK)').fill(ecKey);
  await button(page, 'Load pasted key').click();
  await page.locator('#target-key-received').waitFor();
  await page.locator('#token-received').waitFor();
}

/** Elements wider than the viewport or sticking out of it on the right: what makes a page scroll sideways. */
function overflow(page: Page): Promise<{ scrollWidth: number; viewport: number; offenders: string[]; narrowDd: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > viewport + 0.5)
        offenders.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} in ${el.parentElement?.className} right=${Math.round(r.right)}`);
    }
    // text that runs out of its box (a long word in a box that fits)
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.right > viewport + 0.5) offenders.push(`text "${n.textContent!.slice(0, 40)}" in ${n.parentElement?.tagName.toLowerCase()}.${n.parentElement?.className} right=${Math.round(r.right)}`);
    }
    // every value in a label/value list is at least 100 px wide, or stacked under its label
    const narrowDd: string[] = [];
    for (const dd of document.querySelectorAll<HTMLElement>('dl.facts dd')) {
      const r = dd.getBoundingClientRect();
      if (r.width === 0) continue;
      const dt = dd.previousElementSibling?.getBoundingClientRect();
      const stacked = dt !== undefined && dt.bottom <= r.top + 1;
      if (r.width < 100 && !stacked) narrowDd.push(`${dd.dataset['record'] ?? dd.textContent?.slice(0, 30)} ${Math.round(r.width)}px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, offenders: offenders.slice(0, 10), narrowDd };
  });
}

describe('usability', () => {
  it('hidden and direction-changing characters are refused when typed and spelled out when shown (key ID, file names, record, CLI)', async () => {
    const s = await openApp(browser);
    const { page } = s;
    await field(page, 'KMS key ID (optional)').fill(`key-${RLO}evil-1234`);
    const error = page.locator('#key-id-error');
    expect(await error.getAttribute('data-error-code')).toBe('hidden_characters');
    expect(await error.textContent()).toContain('U+202E');
    // the record shows the ID as it is, not as "key-4321-live"
    const recordId = (await page.locator('[data-record="key-id"]').textContent())!.trim();
    expect(recordId).toBe('key-⟨U+202E⟩evil-1234');
    expect(await page.locator('[data-record="key-id"] bdi').count()).toBe(1);

    const long = 'x'.repeat(180);
    await prepare(page, { key: `publickey_${RLO}gnp.${long}.pem`, token: `token_a${RLO}b\u0007.txt` });
    expect(await blockers(page)).toEqual(['keyId']);
    const received = (await page.locator('#wrapping-key-received').textContent())!;
    expect(received).toContain(`publickey_⟨U+202E⟩gnp.${long}.pem`);
    expect(received).not.toContain(RLO);
    const tokenName = (await page.locator('#token-received bdi.filename').textContent())!;
    expect(tokenName).toBe('token_a⟨U+202E⟩b⟨U+0007⟩.txt');
    const files = (await page.locator('[data-record="file-token"]').textContent())!.trim();
    expect(files).toBe('token_a⟨U+202E⟩b⟨U+0007⟩.txt');

    // a clean key ID: wrapping is allowed; the CLI line names the token file as shown, the download is plain
    await field(page, 'KMS key ID (optional)').fill('key-ux-1234');
    expect(await page.locator('#key-id-error').count()).toBe(0);
    await button(page, 'Wrap key material').click();
    await page.locator('#material-received').waitFor();
    const cli = (await page.locator('#cli-command').textContent())!;
    expect(cli).toContain("'token_a⟨U+202E⟩b⟨U+0007⟩.txt'");
    expect(cli).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
    const [d] = await Promise.all([page.waitForEvent('download'), button(page, 'Download key material').click()]);
    expect(d.suggestedFilename()).toBe('key-material_key-ux-1234.txt');

    // typed names in the record are refused the same way
    await field(page, 'Operator name').fill(`Ada${RLO}`);
    expect(await page.locator('#record-operator-error').getAttribute('data-error-code')).toBe('hidden_characters');
    expect((await page.locator('.signer').first().textContent())!.trim()).toBe('Ada⟨U+202E⟩');
    expectNoNetwork(s);
    await s.close();
  });

  for (const width of [320, 683]) {
    it(`reflows at ${width} px (${width === 683 ? '200 % zoom of a 1366 px window' : 'phone'}): no sideways scrolling, no squeezed values`, async () => {
      const s = await openApp(browser, { viewport: { width, height: 800 } });
      const { page } = s;
      await field(page, 'KMS key ID (optional)').fill('key-' + 'long'.repeat(30));
      await prepare(page, { key: `publickey_${'n'.repeat(150)}.pem`, token: `token_${'n'.repeat(150)}.txt` });
      await field(page, 'KMS public key').fill(openssl(['pkey', '-pubout'], ecKey).toString());
      await button(page, 'Compare with the target key').click();
      await page.locator('#verify-result').waitFor();
      const o = await overflow(page);
      expect(o.offenders).toEqual([]);
      expect(o.scrollWidth).toBeLessThanOrEqual(o.viewport);
      expect(o.narrowDd).toEqual([]);
      await screenshot(page, `reflow-${width}.png`);
      await s.close();
    });
  }

  it('statuses tell the truth: step 1 until confirmed, the token note counts down, a wrong wrapping key blocks wrapping', async () => {
    const s = await openApp(browser);
    const { page } = s;
    expect(await status(page, 1)).toBe('todo');
    await field(page, 'The settings above match the KMS console').check();
    expect(await status(page, 1)).toBe('done');
    expect(await page.locator('nav a[href="#step-1"]').textContent()).toContain('✓');
    // other settings are not the confirmed ones; a document warning needs its own acknowledgement
    await field(page, 'Instance type').selectOption('hardware');
    await field(page, 'Key spec').selectOption('RSA_4096');
    expect(await status(page, 1)).toBe('attention');
    await field(page, 'The settings above match the KMS console').check();
    expect(await status(page, 1)).toBe('attention');
    await page.getByLabel('I have read the warnings from the Alibaba document above and continue anyway').check();
    expect(await status(page, 1)).toBe('done');

    // EC_SM2 needs an EC_SM2 wrapping key: an RSA one is listed under "Before wrapping" and blocks Wrap
    await field(page, 'Instance type').selectOption('software');
    await field(page, 'Key spec').selectOption('EC_SM2');
    await field(page, 'Wrapping public key').setInputFiles({ name: 'publickey_ab.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(iwk.pubPem) });
    await field(page, 'Import token').setInputFiles({ name: 'token_ab.txt', mimeType: 'text/plain', buffer: Buffer.from(token) });
    await page.locator('#token-received').waitFor();
    expect(await blockers(page)).toContain('wrappingKeyType');
    expect(await button(page, 'Wrap key material').isDisabled()).toBe(true);

    // the token: a note, not a warning; with the download time, how long it is still valid
    expect(await page.locator('.notices-note [data-notice="note.tokenValidity"]').count()).toBe(1);
    expect(await page.locator('[data-notice="warn.tokenValidity"]').count()).toBe(0);
    const local = (ms: number) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    await field(page, 'Token downloaded at (optional)').fill(local(Date.now() - 2 * 3600_000 - 60_000));
    const note = page.locator('.notices-note [data-notice="note.tokenValidUntil"]');
    expect(await note.textContent()).toMatch(/valid until \d{4}-\d\d-\d\d \d\d:\d\d:00 UTC[+-]\d\d:\d\d: 21 h left\./);
    await field(page, 'Token downloaded at (optional)').fill(local(Date.now() - 25 * 3600_000));
    expect(await page.locator('.notices-warning [data-notice="warn.tokenExpired"]').count()).toBe(1);
    expect(await blockers(page)).toContain('tokenExpired');
    expect(await status(page, 2)).toBe('attention');
    await s.close();
  });

  it('announces generation, wrapping and errors politely and moves the focus to the result; the status line stays in view', async () => {
    const s = await openApp(browser);
    const { page } = s;
    const announcer = page.locator('#announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    const focused = () => page.evaluate(() => document.activeElement?.id);

    await field(page, 'Wrapping public key').setInputFiles({ name: 'publickey_x.png', mimeType: 'image/png', buffer: PNG });
    expect(await page.locator('#wrapping-key-error').getAttribute('data-error-code')).toBe('not_a_key_file');
    expect(await page.locator('#wrapping-key-error').textContent()).toContain('this is not a key file (it looks like a PNG image)');
    await expect.poll(() => announcer.textContent()).toBe('Error: this is not a key file (it looks like a PNG image)');

    await field(page, 'Key spec').selectOption('EC_P256');
    await button(page, 'Generate new key').click();
    await expect.poll(() => announcer.textContent()).toBe('Target key generated: EC_P256.');
    await expect.poll(focused).toBe('target-key-received');

    await field(page, 'Wrapping public key').setInputFiles({ name: 'publickey_ab.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(iwk.pubPem) });
    await field(page, 'Import token').setInputFiles({ name: 'token_ab.txt', mimeType: 'text/plain', buffer: Buffer.from(token) });
    await page.locator('#token-received').waitFor();
    // a generated key needs its backup before wrapping: the status line counts what is done so far
    const line = page.locator('#status-line');
    expect(await line.locator('[data-self-test]').getAttribute('data-self-test')).toBe('passed');
    expect(await line.locator('[data-online]').getAttribute('data-online')).toBe(String(await page.evaluate(() => navigator.onLine)));
    expect(await line.locator('[data-progress]').getAttribute('data-progress')).toBe('2/7');
    await step(page, 6).scrollIntoViewIfNeeded();
    const box = await line.boundingBox();
    expect(box && box.y >= 0 && box.y < 5, 'the status line is stuck to the top of the viewport').toBe(true);
    await s.close();
  });

  it('prints every page with the key ID and "page n of m", the signatures with the last section, the files and both step 6 hashes', async () => {
    const s = await openApp(browser);
    const { page } = s;
    const keyId = 'key-ux-print-0001';
    await field(page, 'KMS key ID (optional)').fill(keyId);
    await prepare(page, { key: 'publickey_pr.pem', token: 'token_pr.txt' });
    await button(page, 'Wrap key material').click();
    await page.locator('#material-received').waitFor();
    const kmsPem = openssl(['pkey', '-pubout'], ecKey).toString();
    await field(page, 'KMS public key').fill(kmsPem);
    await button(page, 'Compare with the target key').click();
    await page.locator('#verify-result').waitFor();
    const expected = await page.locator('#verify-result [data-sha256]').nth(0).getAttribute('data-sha256');
    const actual = await page.locator('#verify-result [data-sha256]').nth(1).getAttribute('data-sha256');
    expect(await page.locator('[data-record="verify-expected-sha256"] [data-sha256]').getAttribute('data-sha256')).toBe(expected);
    expect(await page.locator('[data-record="verify-actual-sha256"] [data-sha256]').getAttribute('data-sha256')).toBe(actual);
    expect((await page.locator('[data-record="file-wrapping-key"]').textContent())!.trim()).toBe('publickey_pr.pem');
    await field(page, 'Operator name').fill('Ada Custodian');

    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-record.png');
    const pdf = dir.path('record.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    await page.emulateMedia({ media: 'screen' });
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, text] of pages.entries()) {
      expect(text, `page ${i + 1}`).toContain(`KMS key ID: ${keyId}`);
      expect(text, `page ${i + 1}`).toContain(`page ${i + 1} of ${pages.length}`);
    }
    // the pages as printed, for the eye (docs/screenshots/print-record-page-N.png with SCREENSHOTS=1)
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(SCREENSHOT_DIR, 'print-record-page')]);
    const signed = pages.find((p) => p.includes('Signature'))!;
    expect(signed, 'the signatures share their page with the steps section').toMatch(/^\s*Steps\s*$/m);
    expect(pages.join('\n')).toContain('publickey_pr.pem');
    await s.close();
  });

  // The screenshots the runbook and README show: a ceremony at laptop, small laptop and phone widths, and Chinese.
  for (const [width, language] of [
    [1366, 'en'],
    [1024, 'en'],
    [390, 'en'],
    [390, 'zh-CN'],
  ] as const) {
    it(`screenshot at ${width} px (${language})`, async () => {
      const s = await openApp(browser, { viewport: { width, height: 900 } });
      const { page } = s;
      if (language === 'zh-CN') await field(page, 'Language / 语言').selectOption('zh-CN');
      const label = (en: string, zh: string) => (language === 'en' ? en : zh);
      await page.getByLabel(label('KMS key ID (optional)', 'KMS 密钥 ID（可选）'), { exact: true }).fill('key-hzz6example0001');
      await page.getByLabel(label('Key spec', '密钥规格'), { exact: true }).selectOption('EC_P256');
      await page
        .getByLabel(label('The settings above match the KMS console', '上面的设置与 KMS 控制台一致'), { exact: true })
        .check();
      await page
        .getByLabel(label('Wrapping public key', '加密公钥'), { exact: true })
        .setInputFiles({ name: 'publickey_5f2a9c.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(iwk.pubPem) });
      await page.getByLabel(label('Import token', '导入令牌'), { exact: true }).setInputFiles({ name: 'token_5f2a9c.txt', mimeType: 'text/plain', buffer: Buffer.from(token) });
      await page.getByLabel(label('Or paste a private key (PEM or JWK)', '或粘贴私钥（PEM 或 JWK）'), { exact: true }).fill(ecKey);
      await page.getByRole('button', { name: label('Load pasted key', '加载粘贴的密钥'), exact: true }).click();
      await page.locator('#target-key-received').waitFor();
      await page.getByRole('button', { name: label('Wrap key material', '封装密钥材料'), exact: true }).click();
      await page.locator('#material-received').waitFor();
      await page.getByLabel(label('KMS public key', 'KMS 公钥'), { exact: true }).fill(openssl(['pkey', '-pubout'], ecKey).toString());
      await page.getByRole('button', { name: label('Compare with the target key', '与目标密钥比对'), exact: true }).click();
      await page.locator('#verify-result').waitFor();
      await screenshot(page, `ceremony-${language === 'en' ? '' : 'zh-CN-'}${width}.png`);
      if (width === 390 && language === 'en') {
        await page.setViewportSize({ width: 390, height: 844 });
        await step(page, 5).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'status-line-390.png') });
      }
      await s.close();
    });
  }

  it('screenshots go to an ignored folder unless asked for (npm test leaves the tree clean)', () => {
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', path]);
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored(join(SCREENSHOT_DIR, 'x.png'))).toBe(process.env.SCREENSHOTS !== '1');
  });
});
