// What lets a ceremony be run and signed off (issue 4): the power-on self-test (and a broken vector refusing
// wrapping), the Air-gap panel, storage hygiene after a whole ceremony, the ceremony record (print, text,
// JSON; no secret in it) and the Chinese UI.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PWA_CSP } from '../../build/csp.ts';
import { formatFingerprint, SELF_TEST_NAMES } from '../../src/lib/index.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';
import { backUpAndCheck, button, download, expectNoNetwork, field, fingerprint, launchBrowser, openApp, SCREENSHOT_DIR, screenshot, sha256, step } from './harness.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const PASSPHRASE = 'signed off by two people';

let browser: Browser;
const dir = scratch('byok-e2e-signoff-');
const iwk = makeIwk('rsa', dir, 'signoff');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

const selfTestStatus = (page: Page) => page.locator('#self-test').getAttribute('data-status');

describe('power-on self-test', () => {
  it('passes with every test named; a broken SM3 vector is named and "Wrap key material" refuses', async () => {
    const s = await openApp(browser, { initScript: "globalThis.__BYOK_SELFTEST_BREAK__ = ['SM3'];" });
    const { page } = s;
    await expect.poll(() => selfTestStatus(page)).toBe('failed');
    expect(await page.locator('#self-test-verdict').textContent()).toContain('Self-test FAILED: SM3');
    const rows = await page.locator('#self-test tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-test'), tr.getAttribute('data-ok')]));
    expect(rows).toEqual(SELF_TEST_NAMES.map((n) => [n, String(n !== 'SM3')]));

    // everything else is ready: an EC_P256 key loaded from a file (no backup needed), the wrapping key, a token
    await field(page, 'Key spec').selectOption('EC_P256');
    await field(page, 'Wrapping public key').setInputFiles(dir.write('publickey_broken.pem', iwk.pubPem));
    await field(page, 'Import token').setInputFiles(dir.write('token_broken.txt', randomBytes(300).toString('base64')));
    await page.locator('#token-received').waitFor();
    await field(page, 'Existing private key').setInputFiles(dir.write('p256.pem', openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'])));
    await expect.poll(() => page.getByTestId('target-spec').textContent()).toBe('EC_P256');
    const wrap = button(page, 'Wrap key material');
    expect(await wrap.isDisabled()).toBe(true);
    expect(await page.locator('#wrap-blockers [data-blocker]').evaluateAll((li) => li.map((l) => l.getAttribute('data-blocker')))).toEqual(['selfTestFailed']);
    expect(await page.locator('#wrap-blockers').textContent()).toContain('the power-on self-test failed (SM3)');
    expect(await wrap.getAttribute('aria-describedby')).toBe('wrap-blockers');
    // key generation and the encrypted backup are refused too (spec §8)
    expect(await button(page, 'Generate new key').isDisabled()).toBe(true);
    expect(await button(page, 'Download encrypted backup').isDisabled()).toBe(true);
    expect(await step(page, 3).textContent()).toContain('refuses to generate, back up or wrap keys');
    await screenshot(page.locator('#self-test'), 'self-test-failed.png');
    await screenshot(step(page, 5), 'step-5-self-test-failed.png');
    expect(s.pageErrors).toEqual([]);
    await s.close();
  });
});

describe('a whole ceremony, then the air gap, the storage and the record', () => {
  it('EC_P256: 0 requests since load, no secret stored anywhere, a complete record without secrets', async () => {
    const suffix = randomBytes(4).toString('hex');
    const keyId = `key-signoff-${suffix}`;
    const token = randomBytes(480).toString('base64');
    const downloads = dir.path(`downloads-${suffix}`);
    const s = await openApp(browser);
    const { page, context } = s;

    // Self-test passed, all names, each with its time
    await expect.poll(() => selfTestStatus(page)).toBe('passed');
    expect(await page.locator('#self-test-verdict').textContent()).toContain('Self-test passed');
    const rows = await page.locator('#self-test tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-test'), tr.getAttribute('data-ok')]));
    expect(rows).toEqual(SELF_TEST_NAMES.map((n) => [n, 'true']));
    for (const ms of await page.locator('#self-test tbody td.num').allTextContents()) expect(ms).toMatch(/^\d+(\.\d)? ms$/);
    await screenshot(page.locator('#self-test'), 'self-test-passed.png');

    // The language is the one thing stored: choose Chinese and back
    await field(page, 'Language / 语言').selectOption('zh-CN');
    await field(page, 'Language / 语言').selectOption('en');

    // Steps 1–6
    await field(page, 'Key spec').selectOption('EC_P256');
    await field(page, 'KMS key ID (optional)').fill(keyId);
    await field(page, 'The settings above match the KMS console').check();
    await field(page, 'Wrapping public key').setInputFiles(dir.write(`publickey_${suffix}.pem`, iwk.pubPem));
    await field(page, 'Import token').setInputFiles(dir.write(`token_${suffix}.txt`, token));
    await page.locator('#token-received').waitFor();
    await button(page, 'Generate new key').click();
    await expect.poll(() => page.getByTestId('target-spec').textContent()).toBe('EC_P256');
    const takSha256 = await fingerprint(page.getByTestId('target-public-sha256'));
    const publicPem = await download(page, downloads, () => button(page, 'Download public key').click());
    const backup = await backUpAndCheck(page, downloads, PASSPHRASE);
    await button(page, 'Wrap key material').click();
    const material = await download(page, downloads, () => button(page, 'Download key material').click());
    const kmsPem = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-pubout']).toString();
    await field(page, 'KMS public key').fill(kmsPem);
    await button(page, 'Compare with the target key').click();
    await expect.poll(() => page.locator('#verify-result').getAttribute('data-matches')).toBe('true');

    // Air gap: the CSP of the page, 0 requests since load, and a loud warning while the browser says online
    const airGap = page.locator('#air-gap');
    const metaCsp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(metaCsp).toBe(PWA_CSP);
    expect((await page.getByTestId('airgap-csp').textContent())?.trim()).toBe(PWA_CSP);
    expect((await page.getByTestId('airgap-requests').textContent())?.trim()).toBe('0 requests since load');
    expect((await page.getByTestId('airgap-blocked').textContent())?.trim()).toBe('0');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    expect(await page.locator('#online-warning').textContent()).toContain('This computer reports a network connection.');
    await screenshot(airGap, 'air-gap-online.png');

    // The record: names, the verified hash of the single file, every fingerprint; printed and saved
    const singleFileSha = createHash('sha256').update(readFileSync(resolve(DIST, 'byok-wrap.html'))).digest('hex');
    const commit = /name="byok-wrap-commit" content="([^"]+)"/.exec(readFileSync(resolve(DIST, 'index.html'), 'utf8'))?.[1];
    await field(page, 'Operator name').fill('Ada Custodian');
    await field(page, 'Witness name').fill('Wen Witness');
    await field(page, 'SHA-256 of byok-wrap.html, as verified').fill(`${singleFileSha}  byok-wrap.html`);
    const text = (await download(page, downloads, () => button(page, 'Download record (text)').click())).bytes.toString('utf8');
    const jsonFile = await download(page, downloads, () => button(page, 'Download record (JSON)').click());
    expect(jsonFile.name).toBe(`ceremony-record_${keyId}.json`);
    expect(await step(page, 7).getAttribute('data-status')).toBe('done');
    const json = JSON.parse(jsonFile.bytes.toString('utf8'));

    const hashes = {
      wrappingPublicKeySpki: sha256(iwk.pubDer),
      importToken: sha256(token),
      takPublicKeySpki: takSha256,
      keyMaterialFile: sha256(material.bytes),
      backupFile: sha256(backup.bytes),
    };
    // record format 2 (issue 11): the key once, then each destination with what was used and made for it
    expect(json).toMatchObject({
      record: 'byok-wrap ceremony record',
      recordFormat: 2,
      app: { version: '0.1.0', commit, form: 'pwa', fileSha256: singleFileSha },
      selfTest: { ok: true },
      key: {
        keySpec: 'EC_P256',
        kind: 'asymmetric',
        origin: 'generated',
        publicKeySha256: hashes.takPublicKeySpki,
        backup: { fileName: backup.name, sha256: hashes.backupFile },
        backupCheck: { outcome: 'match', fileName: backup.name, fileSha256: hashes.backupFile },
      },
      destinations: [
        {
          n: 1,
          provider: 'alibaba',
          providerName: 'Alibaba Cloud KMS',
          keySpec: 'EC_P256',
          kmsKeyId: keyId,
          instanceType: 'software',
          wrappingAlgorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
          keyMaterialExpireUnix: 0,
          sha256: { wrappingPublicKeySpki: hashes.wrappingPublicKeySpki, importToken: hashes.importToken, keyMaterialFile: hashes.keyMaterialFile },
          files: { keyMaterial: material.name, importToken: `token_${suffix}.txt`, wrappingPublicKey: `publickey_${suffix}.pem` },
          keyMaterialDownloaded: true,
          verify: { outcome: 'match', expected: hashes.takPublicKeySpki, actual: hashes.takPublicKeySpki },
        },
      ],
      steps: [1, 2, 3, 4, 5, 6].map((n) => ({ step: n, outcome: 'done' })),
      people: { operator: 'Ada Custodian', witness: 'Wen Witness' },
    });
    expect(json.destinations).toHaveLength(1);
    expect(json.selfTest.results.map((r: { name: string }) => r.name)).toEqual(SELF_TEST_NAMES);
    expect(json.startedAt.utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(json.recordedAt.local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d$/);

    for (const expected of [
      json.startedAt.local,
      json.startedAt.utc,
      'App version:',
      '0.1.0',
      commit!,
      formatFingerprint(singleFileSha),
      'Power-on self-test:',
      'passed (7 of 7)',
      'Software-protected key',
      'EC_P256',
      keyId,
      'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
      'Never Expire (KeyMaterialExpireUnix 0)',
      ...Object.values(hashes).map(formatFingerprint),
      'This copy of byok-wrap',
      'The key',
      'Destination 1: Alibaba Cloud KMS',
      'Ada Custodian',
      'Wen Witness',
      'Signature:',
    ])
      expect(text, expected).toContain(expected);
    for (const step of ['Step 1 — Destinations', 'Step 2 — Wrapping public key and token', 'Step 3 — Target key', 'Step 4 — Backup', 'Step 5 — Wrap'])
      expect(text).toMatch(new RegExp(`^${step}:\\s+done$`, 'm'));
    expect(text).toMatch(/^Step 6 — Verify after import:\s+matches$/m);

    // No secret in the record: no token, no PEM, no base64 run longer than a hex fingerprint
    const secrets = [token, material.bytes.toString('latin1'), PASSPHRASE];
    for (const record of [text, jsonFile.bytes.toString('utf8')]) {
      for (const secret of secrets) expect(record).not.toContain(secret);
      expect(record).not.toContain('-----BEGIN');
      expect(record).not.toMatch(/[A-Za-z0-9+/=]{65,}/);
    }

    // On paper: the record and the signature lines only
    expect((await page.locator('[data-record="recorded"]').textContent())?.trim()).toBe(`${json.recordedAt.local} · ${json.recordedAt.utc}`);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'record-print.png');
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('button, h1, .step-head, #air-gap, #self-test, #step-1')].filter((e) => (e as HTMLElement).offsetParent !== null).length,
    );
    expect(printed, 'visible in print: buttons, headings, panels, other steps').toBe(0);
    expect(await page.locator('#record-sheet').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Storage: the language key and the build that started last (version and commit, issue 8 §4) and nothing
    // else; no database; only the build's files cached; no secret anywhere
    const stored = await page.evaluate(async () => {
      const dump = (st: Storage) => Object.fromEntries(Array.from({ length: st.length }, (_, i) => [st.key(i)!, st.getItem(st.key(i)!)]));
      const cached: { url: string; body: string }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) cached.push({ url: req.url, body: (await (await cache.match(req))?.text()) ?? '' });
      }
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        cookie: document.cookie,
        databases: await indexedDB.databases(),
        cached,
      };
    });
    const indexHtml = readFileSync(resolve(DIST, 'index.html'), 'utf8');
    const built = {
      version: /<meta name="byok-wrap-version" content="([^"]+)"/.exec(indexHtml)![1],
      commit: /<meta name="byok-wrap-commit" content="([^"]+)"/.exec(indexHtml)![1],
    };
    expect(stored.local).toEqual({ 'byok-wrap.lang': 'en', 'byok-wrap.build': JSON.stringify(built) });
    expect(stored.session).toEqual({});
    expect(stored.cookie).toBe('');
    expect(await context.cookies()).toEqual([]);
    expect(stored.databases).toEqual([]);
    const distFiles = readFileSync(resolve(DIST, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.slice(66));
    const cachedFiles = stored.cached.map((c) => c.url.slice(s.base.length));
    expect(cachedFiles.length).toBeGreaterThan(0);
    expect(distFiles).toEqual(expect.arrayContaining(cachedFiles));
    const pemBodies = [iwk.pubPem, publicPem.bytes.toString(), backup.bytes.toString(), kmsPem].map((p) => p.split('\n').slice(1, -2).join(''));
    const needles = [...secrets, ...pemBodies, ...[...secrets, ...pemBodies].map((v) => v.slice(8, 48))];
    const values = [JSON.stringify(stored.local), JSON.stringify(stored.session), ...stored.cached.map((c) => c.body)];
    for (const needle of needles) for (const v of values) expect(v.includes(needle), `stored value holds ${needle.slice(0, 12)}…`).toBe(false);

    // Offline: the warning goes; the panel says so
    await context.setOffline(true);
    await expect.poll(() => page.locator('#online-warning').count()).toBe(0);
    expect(await page.getByTestId('airgap-network').textContent()).toContain('offline');
    expect((await page.getByTestId('airgap-requests').textContent())?.trim()).toBe('0 requests since load');
    await screenshot(airGap, 'air-gap-offline.png');

    expectNoNetwork(s);
    await s.close();
  });
});

describe('air gap, as the operator sees it', () => {
  it('the single file from file:// with the network off: offline, 0 requests, its own CSP, self-test passed', async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(pathToFileURL(resolve(DIST, 'byok-wrap.html')).href);
    await expect.poll(() => selfTestStatus(page)).toBe('passed');
    expect(await page.locator('#online-warning').count()).toBe(0);
    expect(await page.getByTestId('airgap-network').textContent()).toBe('offline (the browser reports no network connection)');
    await expect.poll(async () => (await page.getByTestId('airgap-requests').textContent())?.trim()).toBe('0 requests since load');
    expect(await page.getByTestId('airgap-copy').textContent()).toBe('single file (byok-wrap.html)');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; connect-src 'none'; .*script-src 'sha256-/);
    expect((await page.getByTestId('airgap-csp').textContent())?.trim()).toBe(csp);
    await screenshot(page.locator('#air-gap'), 'air-gap-single-file-offline.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('简体中文', () => {
  it('the switch translates steps, buttons and error messages, sets <html lang> and is remembered', async () => {
    const s = await openApp(browser);
    const { page } = s;
    await field(page, 'Language / 语言').selectOption('zh-CN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#step-1-title').textContent()).toBe('第 1 步 — 导入目的地');
    expect(await page.locator('#step-5-title').textContent()).toBe('第 5 步 — 封装');
    expect(await button(page, '封装密钥材料').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#self-test-verdict').textContent()).toContain('自检通过');
    expect((await page.getByTestId('airgap-requests').textContent())?.trim()).toBe('加载后发出 0 个请求');

    const cert = dir.path('cert.pem');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', dir.path('cert-key.pem'), '-subj', '/CN=zh', '-days', '1', '-out', cert]);
    await field(page, '加密公钥').setInputFiles(cert);
    const error = page.locator('#wrapping-key-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('wrapping_key_is_certificate');
    expect(await error.textContent()).toContain('此文件是 X.509 证书，不是加密公钥');
    expect(await error.textContent()).toContain('处理方法：');
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'zh-CN-page-top.png') });
    await screenshot(step(page, 2), 'zh-CN-step-2-error.png');

    // remembered across a reload (localStorage, one key), and English again on request
    await page.reload();
    await page.locator('#step-1-title').waitFor();
    expect(await page.locator('#step-1-title').textContent()).toBe('第 1 步 — 导入目的地');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await field(page, 'Language / 语言').selectOption('en');
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('byok-wrap.lang')])).toEqual(['en', 'en']);
    expect(s.pageErrors).toEqual([]);
    await s.close();
  });
});
