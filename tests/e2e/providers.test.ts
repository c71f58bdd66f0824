// Issue 11's acceptance runs in the browser, written against /work notes' UI contract (labels, `#step-N`,
// per-destination blocks `[data-destination="N"]`): one ceremony per case of tests/helpers/acceptance-cases.ts on
// the production build. Each provider's download is made by OpenSSL (tests/helpers/kms-fixtures.ts); every
// downloaded material is opened as its provider would and unwrapped with the OpenSSL CLI alone
// (tests/helpers/unwrap-oracle.ts), and must be exactly the key in the downloaded backup, which OpenSSL decrypts.
// Also: the refused pairings say why in step 1 before anything is generated, a multi-destination ceremony with
// the keyboard only, and 0 requests after load with the page's CSP unchanged in every run.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PWA_CSP } from '../../build/csp.ts';
import { PROVIDERS, algorithmsFor, importCommand, type KeySpec, type ProviderId } from '../../src/lib/index.ts';
import { ACCEPTANCE_CASES, expectedMaterialFileName, isSecretSpec, type AcceptanceCase, type AcceptanceDestination } from '../helpers/acceptance-cases.ts';
import { makeKmsFixture, type KmsFixture } from '../helpers/kms-fixtures.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { backupKeyBytes, kcvOf, unwrapDelivered } from '../helpers/unwrap-oracle.ts';
import { backUpAndCheck, button, download, expectNoNetwork, field, launchBrowser, openApp, screenshot, sha256, step, type Saved, type Session, isFocused, tabTo } from './harness.ts';

const PASSPHRASE = 'provider acceptance passphrase e2e';
const PROVIDER_OPTIONS: [ProviderId, string][] = [
  ['alibaba', 'Alibaba Cloud KMS'],
  ['aws', 'AWS KMS'],
  ['gcp', 'Google Cloud KMS'],
  ['azure', 'Azure Key Vault'],
  ['vault', 'HashiCorp Vault'],
  ['huawei', 'Huawei Cloud KMS'],
  ['tencent', 'Tencent Cloud KMS'],
  ['oci', 'Oracle OCI Vault'],
];
const CONFIRM = 'The settings above match the KMS console';
/** Cases whose every step is photographed (issue 11: screenshots of every step for three providers). */
const PHOTOGRAPHED = new Set(['aws', 'azure', 'three']);

let browser: Browser;
const dir = scratch('byok-e2e-providers-');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  dir.dispose();
});

/** A destination's block in a step. */
const block = (page: Page, stepNumber: 1 | 2 | 5 | 6, n: number): Locator => page.locator(`#step-${stepNumber} [data-destination="${n}"]`);
const labelled = (scope: Locator, label: string): Locator => scope.getByLabel(label, { exact: true });
const buttonIn = (scope: Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });
const optionValues = (select: Locator): Promise<string[]> => select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
/** the choices that can be made: options the provider lists but this tool refuses are there, disabled, with why */
const enabledValues = (select: Locator): Promise<string[]> =>
  select.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
const optionTexts = (select: Locator): Promise<string[]> => select.locator('option').evaluateAll((os) => os.map((o) => (o.textContent ?? '').trim()));
const text = async (l: Locator): Promise<string> => (await l.textContent()) ?? '';
const neutral = (d: AcceptanceDestination): KeySpec => PROVIDERS[d.provider].keySpecs[d.keySpecName]!;

/** The offline promise of every run: the page's CSP is the one the build wrote, and nothing went out after load. */
async function expectOfflineAndCspUnchanged(s: Session): Promise<void> {
  expect(await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(PWA_CSP);
  expectNoNetwork(s);
}

/** Step 1 for one destination, by mouse: provider, key spec, algorithm (checked to be the provider's list), names. */
async function chooseDestination(page: Page, n: number, d: AcceptanceDestination, f: KmsFixture): Promise<void> {
  if (n > 1) await button(page, 'Add destination').click();
  const b = block(page, 1, n);
  await b.waitFor();
  const provider = labelled(b, 'KMS provider');
  expect(await optionValues(provider)).toEqual(PROVIDER_OPTIONS.map(([id]) => id));
  expect(await optionTexts(provider)).toEqual(PROVIDER_OPTIONS.map(([, name]) => name));
  await provider.selectOption(d.provider);
  if (d.instanceType) await labelled(b, 'Instance type').selectOption(d.instanceType);
  const keySpec = labelled(b, 'Key spec');
  // every key spec the provider lists; those this tool does not offer are there too, disabled, with the reason
  expect(await keySpec.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(
    Object.keys(PROVIDERS[d.provider].keySpecs),
  );
  for (const na of PROVIDERS[d.provider].keySpecsNotOffered ?? []) expect(await keySpec.locator(`option[disabled][value="${na.name}"]`).count()).toBe(1);
  await keySpec.selectOption(d.keySpecName);
  const algorithm = labelled(b, 'Wrapping algorithm');
  // only the pairs the provider allows for that key spec, its recommended one first and selected
  const allowed = algorithmsFor(d.provider, neutral(d)).map((a) => a.name);
  await expect.poll(() => optionValues(algorithm)).toEqual(allowed);
  expect(await algorithm.inputValue()).toBe(allowed[0]);
  await algorithm.selectOption(d.algorithm);
  await labelled(b, 'KMS key ID (optional)').fill(f.keyId);
  if (f.kekId) await labelled(b, 'Key encryption key ID').fill(f.kekId);
  else expect(await labelled(b, 'Key encryption key ID').count()).toBe(0);
  if (f.importJob) await labelled(b, 'Import job name').fill(f.importJob);
  else expect(await labelled(b, 'Import job name').count()).toBe(0);
  expect(await b.getByRole('alert').count(), `destination ${n}: no refusal`).toBe(0);
}

/** Step 2 for one destination: the provider's own files; the page shows the fingerprints OpenSSL's key has. */
async function giveDownload(page: Page, n: number, f: KmsFixture): Promise<void> {
  const b = block(page, 2, n);
  await labelled(b, 'Wrapping public key').setInputFiles(f.wrappingKey.path);
  await b.locator(`[data-sha256="${sha256(f.publicKeyDer)}"]`).first().waitFor();
  if (f.token) {
    await labelled(b, 'Import token').setInputFiles(f.token.path);
    await b.locator(`[data-sha256="${f.token.sha256}"]`).first().waitFor();
  } else {
    expect(await labelled(b, 'Import token').count(), `${f.provider} has no import token`).toBe(0);
  }
  expect(await b.getByRole('alert').count(), `destination ${n}: the files are accepted`).toBe(0);
}

interface Material {
  destination: AcceptanceDestination;
  fixture: KmsFixture;
  saved: Saved;
  plaintext: Buffer;
}

/**
 * Steps 3–7 after the destinations are set: generate, back up (checked by reading it back), wrap once, download
 * every material; the oracle unwraps each to exactly the backup's key. Returns what the caller checks further.
 */
async function generateBackUpWrap(page: Page, c: AcceptanceCase, fixtures: KmsFixture[], downloads: string, shots?: string) {
  const secret = isSecretSpec(c.keySpec);
  await button(page, 'Generate new key').click();
  if (secret) await step(page, 3).getByText('Key check value (KCV)').first().waitFor({ timeout: 60_000 });
  else await step(page, 3).locator('[data-sha256]').first().waitFor({ timeout: 60_000 });

  // Step 4: one backup for every destination
  const backup = await backUpAndCheck(page, downloads, PASSPHRASE);
  expect(backup.name).toMatch(/^target-key-backup(_[A-Za-z0-9._-]+)?\.pem$/);
  const s4 = await text(step(page, 4));
  expect(s4, 'the passphrase is never shown').not.toContain(PASSPHRASE);
  let key: Buffer;
  if (secret) {
    expect(backup.bytes.toString('latin1')).toMatch(/^-----BEGIN CMS-----\r?\n/);
    expect(s4).toContain(`openssl cms -decrypt -inform PEM -in ${backup.name}`);
    key = await backupKeyBytes(backup.path, PASSPHRASE, 'raw');
    expect(key.length).toBe(c.keySpec === 'SM4' ? 16 : 32);
    // step 3 shows the KCV OpenSSL computes from the backup's key
    expect(await text(step(page, 3))).toContain(await kcvOf(key, c.keySpec === 'SM4' ? 'sm4' : 'aes'));
  } else {
    expect(backup.bytes.toString('latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\r?\n/);
    key = await backupKeyBytes(backup.path, PASSPHRASE, 'pkcs8');
    const publicDer = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-pubout', '-outform', 'DER']);
    expect(await step(page, 3).locator(`[data-sha256="${sha256(publicDer)}"]`).count(), 'step 3 shows the public key of the backup').toBeGreaterThan(0);
  }

  // Step 5: one action wraps for every destination
  await button(page, 'Wrap key material').click();
  const materials: Material[] = [];
  for (const [i, d] of c.destinations.entries()) {
    const n = i + 1;
    const f = fixtures[i]!;
    const b = block(page, 5, n);
    const expectedName = expectedMaterialFileName(d.provider, f.keyId, secret);
    const saved = await download(page, `${downloads}/destination-${n}`, () => buttonIn(b, 'Download key material').click());
    expect(saved.name, `destination ${n} file name`).toBe(expectedName);
    const out = await unwrapDelivered(saved.path, { provider: d.provider, algorithm: d.algorithm, privateKeyPath: f.privateKeyPath, secret });
    const expected = out.form === 'scalar' ? await backupKeyBytes(backup.path, PASSPHRASE, 'scalar') : key;
    expect(out.plaintext.toString('hex'), `destination ${n} (${d.provider}) unwraps to the backup's key`).toBe(expected.toString('hex'));
    if (d.provider === 'azure') expect(out.decoded.kid).toBe(f.kekId);
    // the provider's CLI line, with this destination's names; never the token's or the material's content
    const cli = await text(b);
    if (d.provider === 'azure') {
      expect(cli).toContain('az keyvault key import');
      expect(cli).toContain(`--byok-file ${expectedName}`);
    } else {
      const line = importCommand({ provider: d.provider, algorithm: d.algorithm, keySpec: d.keySpecName, keyId: f.keyId, fileName: expectedName, tokenFileName: f.token?.name, importJob: f.importJob });
      expect(cli).toContain(line);
    }
    if (f.token?.form === 'text') expect(cli).not.toContain(f.token.bytes.toString().trim());
    expect(await buttonIn(b, 'Copy command').count()).toBe(1);
    materials.push({ destination: d, fixture: f, saved, plaintext: out.plaintext });
  }

  // No secret in the page: neither the key's hex nor its base64 (only the KCV / public key fingerprint)
  const html = await page.content();
  expect(html.includes(key.toString('hex')) || html.includes(key.toString('base64')), 'key bytes in the DOM').toBe(false);

  if (shots) {
    const names = ['destinations', 'wrapping-key-and-token', 'target-key', 'backup', 'wrap', 'verify-after-import', 'finish'];
    for (const [i, name] of names.entries()) await screenshot(step(page, i + 1), `providers-${shots}-step-${i + 1}-${name}.png`);
  }
  return { backup, key, materials };
}

/** Step 6 per destination: asymmetric keys against the public key OpenSSL reads from the backup; secrets by KCV. */
async function verifyAfterImport(page: Page, c: AcceptanceCase, backup: Saved, key: Buffer, fixtures: KmsFixture[]): Promise<void> {
  for (const [i, f] of fixtures.entries()) {
    const b = block(page, 6, i + 1);
    if (!isSecretSpec(c.keySpec)) {
      const kmsPem = openssl(['pkey', '-in', backup.path, '-passin', `pass:${PASSPHRASE}`, '-pubout']).toString();
      await labelled(b, 'KMS public key').fill(kmsPem);
      await buttonIn(b, 'Compare with the target key').click();
      await expect.poll(() => text(b)).toContain('Matches the target key.');
      // another valid public key (the wrapping key) does not match
      await labelled(b, 'KMS public key').fill(openssl(['pkey', '-pubin', '-inform', 'DER', '-pubout'], f.publicKeyDer).toString());
      await buttonIn(b, 'Compare with the target key').click();
      await expect.poll(() => text(b)).not.toContain('Matches the target key.');
      expect(await text(b)).toContain('Does NOT match the target key.');
    } else {
      const kcv = await kcvOf(key, c.keySpec === 'SM4' ? 'sm4' : 'aes');
      // another KCV first (refused loudly), then the right one (in capitals, as HSMs print it) clears the alarm:
      // the change proves the second comparison ran
      const wrong = ((parseInt(kcv, 16) ^ 1) >>> 0).toString(16).padStart(6, '0');
      await labelled(b, 'KCV reported by the KMS').fill(wrong);
      await buttonIn(b, 'Compare KCV').click();
      await expect.poll(() => b.getByRole('alert').count(), { message: 'another KCV is refused loudly' }).toBeGreaterThan(0);
      await labelled(b, 'KCV reported by the KMS').fill(kcv.toUpperCase());
      await buttonIn(b, 'Compare KCV').click();
      await expect.poll(() => b.getByRole('alert').count(), { message: 'the right KCV is no alarm' }).toBe(0);
    }
  }
}

/** Step 7: the record (format 2) names the key once and every destination with its fingerprints and file. */
async function checkRecord(page: Page, c: AcceptanceCase, key: Buffer, materials: Material[], downloads: string): Promise<void> {
  const saved = await download(page, downloads, () => button(page, 'Download record (JSON)').click());
  const raw = saved.bytes.toString('utf8');
  expect(raw.includes(key.toString('hex')) || raw.includes(key.toString('base64')), 'key bytes in the record').toBe(false);
  const record = JSON.parse(raw) as { recordFormat: number; key: unknown; destinations: Record<string, unknown>[] };
  expect(record.recordFormat).toBe(2);
  expect(record.key).toBeTypeOf('object');
  expect(record.destinations).toHaveLength(c.destinations.length);
  for (const [i, m] of materials.entries()) {
    const r = record.destinations[i]!;
    expect(r, `record destination ${i + 1}`).toMatchObject({
      n: i + 1,
      provider: m.destination.provider,
      keySpec: m.destination.keySpecName,
      wrappingAlgorithm: m.destination.algorithm,
      kmsKeyId: m.fixture.keyId,
      sha256: { wrappingPublicKeySpki: sha256(m.fixture.publicKeyDer), keyMaterialFile: sha256(m.saved.bytes) },
      files: { keyMaterial: m.saved.name },
      keyMaterialDownloaded: true,
    });
    const token = (r.sha256 as { importToken: string | null }).importToken;
    if (m.fixture.token) expect(token).toBe(m.fixture.token.sha256);
    else expect(token).toBeNull();
  }
}

const slug = (c: AcceptanceCase) => (c.destinations.length > 1 ? 'three' : c.destinations[0]!.provider);

describe('acceptance: a full ceremony per provider through the UI, every material unwrapped by OpenSSL to the backup\'s key', () => {
  for (const [index, c] of ACCEPTANCE_CASES.entries()) {
    it(c.name, async () => {
      const fixtures = await Promise.all(c.destinations.map((d) => makeKmsFixture(dir, d)));
      const downloads = dir.path(`downloads-${index}`);
      const s = await openApp(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
      const { page } = s;
      expect(await page.title()).toBe('byok-wrap — offline BYOK key ceremony for cloud KMS');

      for (const [i, d] of c.destinations.entries()) await chooseDestination(page, i + 1, d, fixtures[i]!);
      await field(page, CONFIRM).check();
      for (const [i, f] of fixtures.entries()) await giveDownload(page, i + 1, f);

      // the token's validity as the provider states it (AWS and Alibaba: 24 h) from the time it was downloaded
      const withToken = fixtures.findIndex((f) => f.token);
      if (withToken >= 0) {
        const b = block(page, 2, withToken + 1);
        const ninetyMinutesAgo = await page.evaluate(() => {
          const d = new Date(Date.now() - 90 * 60_000);
          const p = (v: number) => String(v).padStart(2, '0');
          return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
        });
        await labelled(b, 'Token downloaded at (optional)').fill(ninetyMinutesAgo);
        await expect.poll(() => text(b)).toMatch(/\b2[23] h left/);
      }

      const shots = PHOTOGRAPHED.has(slug(c)) ? slug(c) : undefined;
      const { backup, key, materials } = await generateBackUpWrap(page, c, fixtures, downloads, shots);
      if (c.destinations.length > 1) {
        // one key for every destination: all unwrap to the same 32 bytes
        expect(new Set(materials.map((m) => m.plaintext.toString('hex'))).size).toBe(1);
        expect(materials[0]!.plaintext.length).toBe(32);
      }
      await verifyAfterImport(page, c, backup, key, fixtures);
      await checkRecord(page, c, key, materials, downloads);
      if (shots) await screenshot(page, `providers-${shots}-full-page.png`);

      await expectOfflineAndCspUnchanged(s);
      await s.close();
    });
  }
});

describe('refused pairings say why in step 1, before anything is generated', () => {
  it('AWS RSA_2048 offers no RSAES_OAEP_*; Google RSA targets no direct method; Vault and Huawei name the key specs they leave out; a second destination of another key type is refused', async () => {
    const s = await openApp(browser);
    const { page } = s;
    const b1 = block(page, 1, 1);

    // AWS: RSA private keys only under RSA_AES_KEY_WRAP_* (and SM2PKE in China); the others are named with a reason
    await labelled(b1, 'KMS provider').selectOption('aws');
    await labelled(b1, 'Key spec').selectOption('RSA_2048');
    const algorithms = await optionValues(labelled(b1, 'Wrapping algorithm'));
    expect(algorithms).toEqual(['RSA_AES_KEY_WRAP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'SM2PKE']);
    expect(algorithms.filter((a) => a.startsWith('RSAES_OAEP'))).toEqual([]);
    let t = await text(b1);
    expect(t).toContain('Not available');
    expect(t).toContain('RSAES_OAEP_SHA_256');
    expect(t).toContain('RSAES_PKCS1_V1_5');

    // Google: the direct methods "cannot be used to wrap RSA keys"
    await labelled(b1, 'KMS provider').selectOption('gcp');
    await labelled(b1, 'Key spec').selectOption('rsa-sign-pss-2048-sha256');
    expect(await optionValues(labelled(b1, 'Wrapping algorithm'))).toEqual(['RSA_OAEP_3072_SHA256_AES_256', 'RSA_OAEP_4096_SHA256_AES_256', 'RSA_OAEP_3072_SHA1_AES_256', 'RSA_OAEP_4096_SHA1_AES_256']);
    t = await text(b1);
    expect(t).toContain('Not available');
    expect(t.replace(/RSA_OAEP_3072_SHA256_AES_256/g, '')).toContain('RSA_OAEP_3072_SHA256');

    // Vault: chacha20-poly1305 is not a key type here; Huawei: SM2 private keys have no independent oracle
    await labelled(b1, 'KMS provider').selectOption('vault');
    expect(await enabledValues(labelled(b1, 'Key spec'))).not.toContain('chacha20-poly1305');
    expect(await labelled(b1, 'Key spec').locator('option[disabled]').allTextContents()).toEqual(['chacha20-poly1305 — not offered: this tool has no such key type']);
    await labelled(b1, 'KMS provider').selectOption('huawei');
    expect(await enabledValues(labelled(b1, 'Key spec'))).not.toContain('SM2');
    expect(await labelled(b1, 'Key spec').locator('option[disabled]').allTextContents()).toEqual(['SM2 — not offered: no independent implementation can check the result']);

    // a second destination must be the same key type as the first
    await labelled(b1, 'KMS provider').selectOption('alibaba');
    await labelled(b1, 'Key spec').selectOption('Aliyun_AES_256');
    await button(page, 'Add destination').click();
    const b2 = block(page, 1, 2);
    await labelled(b2, 'KMS provider').selectOption('aws');
    await labelled(b2, 'Key spec').selectOption('RSA_2048');
    await expect.poll(() => text(b2.getByRole('alert').first())).toContain('not the same key type');
    await labelled(b2, 'Key spec').selectOption('SYMMETRIC_DEFAULT (China Regions, SM4)');
    await expect.poll(() => text(b2.getByRole('alert').first())).toContain('not the same key type');
    // AES-256 in AWS and Aliyun_AES_256 are the same key type
    await labelled(b2, 'Key spec').selectOption('SYMMETRIC_DEFAULT');
    await expect.poll(() => b2.getByRole('alert').count()).toBe(0);
    await labelled(b2, 'KMS provider').selectOption('gcp');
    await labelled(b2, 'Key spec').selectOption('hmac-sha256');
    await expect.poll(() => text(b2.getByRole('alert').first())).toContain('not the same key type');
    await buttonIn(b2, 'Remove destination').click();
    await expect.poll(() => block(page, 1, 2).count()).toBe(0);

    // nothing was generated or downloaded: no key, no fingerprint anywhere
    expect(await step(page, 3).locator('[data-sha256]').count()).toBe(0);
    expect(await page.locator('[data-sha256]').count()).toBe(0);
    await expectOfflineAndCspUnchanged(s);
    await s.close();
  });
});

/** Tab to a select and move to `value` with the arrow keys only. */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  await tabTo(page, select);
  const values = await optionValues(select);
  const target = values.indexOf(value);
  expect(target, `${value} is an option`).toBeGreaterThanOrEqual(0);
  const from = values.indexOf(await select.inputValue());
  for (let i = from; i < target; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > target; i--) await page.keyboard.press('ArrowUp');
  expect(await select.inputValue()).toBe(value);
}

describe('keyboard only', () => {
  it('a two-destination ceremony (Alibaba Aliyun_AES_256 + AWS SYMMETRIC_DEFAULT) with Tab, arrows, Enter and Space', async () => {
    const c = ACCEPTANCE_CASES.find((x) => x.destinations.length === 3)!;
    const destinations = c.destinations.filter((d) => d.provider !== 'vault');
    const fixtures = await Promise.all(destinations.map((d) => makeKmsFixture(dir, d)));
    const downloads = dir.path('downloads-keyboard');
    const s = await openApp(browser);
    const { page } = s;

    for (const [i, d] of destinations.entries()) {
      const n = i + 1;
      if (n > 1) {
        await tabTo(page, button(page, 'Add destination'));
        await page.keyboard.press('Enter');
      }
      const b = block(page, 1, n);
      await b.waitFor();
      await arrowTo(page, labelled(b, 'KMS provider'), d.provider);
      if (d.instanceType) await arrowTo(page, labelled(b, 'Instance type'), d.instanceType);
      await arrowTo(page, labelled(b, 'Key spec'), d.keySpecName);
      await arrowTo(page, labelled(b, 'Wrapping algorithm'), d.algorithm);
      await tabTo(page, labelled(b, 'KMS key ID (optional)'));
      await page.keyboard.type(fixtures[i]!.keyId);
      expect(await b.getByRole('alert').count()).toBe(0);
    }
    await tabTo(page, field(page, CONFIRM));
    await page.keyboard.press('Space');
    expect(await field(page, CONFIRM).isChecked()).toBe(true);

    // file inputs are reached by Tab, then given their file (a native file dialog cannot be driven)
    for (const [i, f] of fixtures.entries()) {
      const b = block(page, 2, i + 1);
      await tabTo(page, labelled(b, 'Wrapping public key'));
      await labelled(b, 'Wrapping public key').setInputFiles(f.wrappingKey.path);
      await tabTo(page, labelled(b, 'Import token'));
      await labelled(b, 'Import token').setInputFiles(f.token!.path);
      await b.locator(`[data-sha256="${f.token!.sha256}"]`).first().waitFor();
    }

    await tabTo(page, button(page, 'Generate new key'));
    await page.keyboard.press('Enter');
    await step(page, 3).getByText('Key check value (KCV)').first().waitFor({ timeout: 60_000 });

    await tabTo(page, field(page, 'Backup passphrase'));
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Confirm backup passphrase'))).toBe(true);
    await page.keyboard.type(PASSPHRASE);
    const backupDownload = page.waitForEvent('download');
    await page.keyboard.press('Enter'); // submits the backup form
    const backupPath = `${downloads}-backup.pem`;
    await (await backupDownload).saveAs(backupPath);
    await tabTo(page, field(page, 'Saved backup (check)'));
    await field(page, 'Saved backup (check)').setInputFiles(backupPath);
    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Backup passphrase (check)'))).toBe(true);
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter'); // submits the check form
    await page.locator('#backup-verified').waitFor({ timeout: 30_000 });
    const key = await backupKeyBytes(backupPath, PASSPHRASE, 'raw');

    await tabTo(page, button(page, 'Wrap key material'));
    await page.keyboard.press('Space');
    for (const [i, d] of destinations.entries()) {
      const b = block(page, 5, i + 1);
      const get = buttonIn(b, 'Download key material');
      await get.waitFor();
      await tabTo(page, get);
      const pending = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      const dl = await pending;
      expect(dl.suggestedFilename()).toBe(expectedMaterialFileName(d.provider, fixtures[i]!.keyId, true));
      const path = `${downloads}-${i + 1}-${dl.suggestedFilename()}`;
      await dl.saveAs(path);
      const out = await unwrapDelivered(path, { provider: d.provider, algorithm: d.algorithm, privateKeyPath: fixtures[i]!.privateKeyPath, secret: true });
      expect(out.plaintext.toString('hex'), `destination ${i + 1}`).toBe(key.toString('hex'));
    }

    await expectOfflineAndCspUnchanged(s);
    await s.close();
  });
});
