// Statuses that tell the truth (issue 8 §6, issue 11): step 1 is done only once confirmed (and its document
// warnings acknowledged), each destination's token (or Google's import job) is valid for as long as its provider
// says, counted from its download time, and an expired one blocks wrapping; a wrapping key of the wrong type for
// the chosen algorithm blocks it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { ceremonyRecord } from '../../src/routes/record.ts';
import { makeRsaWrappingKeys, openssl, scratch } from '../helpers/openssl.ts';

const dir = scratch('byok-status-');
afterAll(() => dir.dispose());
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<2048 | 3072 | 4096>>>;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(dir, [2048, 3072, 4096] as const);
});
const pem = (bits: 2048 | 3072 | 4096) => openssl(['pkey', '-in', rsa[bits].privPath, '-pubout']).toString();

const HOUR = 3600_000;

/** datetime-local text for a moment */
function local(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

describe('statuses', () => {
  it('step 1: confirmed settings only, the document warnings acknowledged, a change undoes it; the record follows', () => {
    const c = new Ceremony();
    const record = () => ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' }).steps[0]!.outcome;
    expect(c.settingsConfirmed).toBe(false);
    expect(record()).toBe('not-done');
    c.confirmSettings(true);
    expect(c.settingsConfirmed).toBe(true);
    expect(record()).toBe('done');
    c.setKeySpec(c.first, 'RSA_4096');
    c.first.instanceType = 'hardware';
    expect(c.advice.length).toBeGreaterThan(0);
    expect(c.settingsConfirmed).toBe(false);
    c.confirmSettings(true);
    expect(c.settingsConfirmed).toBe(false); // the warnings are not acknowledged yet
    c.acknowledgeAdvice(true);
    expect(c.settingsConfirmed).toBe(true);
    // a second destination is another setting to confirm
    c.addDestination();
    expect(c.settingsConfirmed).toBe(false);
    c.confirmSettings(true);
    c.acknowledgeAdvice(true);
    expect(c.settingsConfirmed).toBe(true);
    c.setProvider(c.destinations[1]!, 'aws');
    expect(c.settingsConfirmed).toBe(false);
    c.clear();
    expect(c.settingsConfirmed).toBe(false);
  });

  it('Alibaba token: a note without a time, "valid until …, N h left" with one, 24 h later expired and a wrap blocker', async () => {
    const c = new Ceremony();
    const d = c.first;
    expect([d.hasToken, d.validityHours]).toEqual([true, 24]);
    expect(d.validityNotice).toBeNull(); // nothing loaded yet
    await d.loadToken('dG9rZW4=');
    expect(d.validityNotice).toEqual({ kind: 'note', notice: { key: 'note.tokenValidity', params: { hours: 24 } } });
    const downloaded = Date.now() - 3 * HOUR - 120_000;
    d.tokenDownloadedAt = local(downloaded);
    d.now = Date.now();
    expect(d.validityNotice?.kind).toBe('note');
    expect(d.validityNotice?.notice.key).toBe('note.tokenValidUntil');
    expect(d.validityNotice?.notice.params?.['hours']).toBe(20);
    const expired = { kind: 'destination', n: 1, blocker: 'tokenExpired' };
    expect(c.wrapBlockers).not.toContainEqual(expired);
    d.now = new Date(local(downloaded)).getTime() + 24 * HOUR - 1;
    expect(d.tokenExpired).toBe(false);
    d.now += 1;
    expect(d.tokenExpired).toBe(true);
    expect(d.validityNotice?.kind).toBe('warning');
    expect(d.validityNotice?.notice.key).toBe('warn.tokenExpired');
    expect(c.wrapBlockers).toContainEqual(expired);
  });

  it('Google: no token, the import job is valid 72 h (validityHours), counted once its public key is loaded', async () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'EC_P256');
    const d = c.addDestination();
    c.setProvider(d, 'gcp');
    expect([d.keySpecName, d.hasToken, d.validityHours]).toEqual(['ec-sign-p256-sha256', false, 72]);
    expect(d.validityApplies).toBe(false);
    await d.loadWrappingKey(pem(3072));
    expect(d.wrappingKeyProblem).toBeNull();
    expect(d.validityNotice).toEqual({ kind: 'note', notice: { key: 'note.importJobValidity', params: { hours: 72 } } });
    const created = Date.now() - 10 * HOUR - 120_000;
    d.tokenDownloadedAt = local(created);
    d.now = Date.now();
    expect(d.validityNotice?.notice.key).toBe('note.importJobValidUntil');
    expect(d.validityNotice?.notice.params?.['hours']).toBe(61);
    const blocker = { kind: 'destination', n: 2, blocker: 'tokenExpired' };
    expect(c.wrapBlockers).not.toContainEqual(blocker);
    d.now = new Date(local(created)).getTime() + 72 * HOUR;
    expect(d.validityNotice).toMatchObject({ kind: 'warning', notice: { key: 'warn.importJobExpired' } });
    expect(c.wrapBlockers).toContainEqual(blocker);
    // 24 h after it, an Alibaba token downloaded at the same time would long be gone; the job is not
    d.now = new Date(local(created)).getTime() + 24 * HOUR;
    expect(d.tokenExpired).toBe(false);
  });

  it('a wrapping key of the wrong type for the algorithm is a wrap blocker, with the reason', async () => {
    const c = new Ceremony();
    const d = c.first;
    c.setKeySpec(d, 'EC_SM2'); // Alibaba: SM2PKE_SM4_ECB, an SM2 wrapping key
    await d.loadWrappingKey(pem(2048));
    expect(d.wrappingKey?.spec).toBe('RSA_2048');
    expect(d.blockers).toContain('wrappingKeyType');
    expect(d.pairNotices).toEqual([
      { key: 'warn.wrappingKeyType', params: { found: 'RSA_2048', spec: 'EC_SM2', needed: 'EC_SM2', algorithm: 'SM2PKE_SM4_ECB' } },
    ]);
    c.setKeySpec(d, 'EC_P256');
    expect(d.blockers).not.toContain('wrappingKeyType');

    // Vault takes only its mount's RSA-4096 wrapping key
    const v = c.addDestination();
    c.setProvider(v, 'vault');
    expect(v.keySpecName).toBe('ecdsa-p256');
    await v.loadWrappingKey(pem(2048));
    expect(v.wrappingKey?.spec).toBe('RSA_2048');
    expect(c.wrapBlockers).toContainEqual({ kind: 'destination', n: 2, blocker: 'wrappingKeyType' });
    expect(v.pairNotices[0]).toMatchObject({ key: 'warn.wrappingKeyType', params: { found: 'RSA_2048', needed: 'RSA_4096', algorithm: 'SHA256' } });
    await v.loadWrappingKey(pem(4096));
    expect(v.blockers).toEqual([]);
    expect(v.pairNotices).toEqual([]);

    // Google's method names the size: RSA_OAEP_3072_… takes a 3072-bit key only
    const g = c.addDestination();
    c.setProvider(g, 'gcp');
    expect(g.algorithm?.name).toBe('RSA_OAEP_3072_SHA256_AES_256');
    await g.loadWrappingKey(pem(4096));
    expect(g.blockers).toContain('wrappingKeyType');
    g.setAlgorithm('RSA_OAEP_4096_SHA256_AES_256');
    expect(g.blockers).not.toContain('wrappingKeyType');
  });

  it('mismatched suffixes of the Alibaba pair are a warning naming both', async () => {
    const c = new Ceremony();
    const d = c.first;
    await d.loadWrappingKey(new File([pem(2048)], 'publickey_aaaa.pem'));
    await d.loadToken(new File(['dG9rZW4='], 'token_bbbb (1).txt'));
    expect(d.pairNotices).toEqual([{ key: 'warn.suffixMismatch', params: { keySuffix: 'aaaa', tokenSuffix: 'bbbb' } }]);
    await d.loadToken(new File(['dG9rZW4='], 'token_aaaa (2).txt'));
    expect(d.pairNotices).toEqual([]);
    expect(d.downloadSuffix).toBe('aaaa');
    expect(c.backupFileName).toBe('target-key-backup_aaaa.pem');
  });
});
