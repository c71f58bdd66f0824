// Statuses that tell the truth (issue 8 §6): step 1 is done only once confirmed (and its document warnings
// acknowledged), the token's validity is a note counted from its download time, a wrapping key of the wrong
// type blocks wrapping.
import { afterAll, describe, expect, it } from 'vitest';
import { Ceremony, TOKEN_VALID_MS } from '../../src/routes/ceremony.svelte.ts';
import { ceremonyRecord } from '../../src/routes/record.ts';
import { scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';

const dir = scratch('byok-status-');
afterAll(() => dir.dispose());

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
    c.keySpec = 'RSA_4096';
    c.instanceType = 'hardware';
    expect(c.specAdvice.length).toBeGreaterThan(0);
    expect(c.settingsConfirmed).toBe(false);
    c.confirmSettings(true);
    expect(c.settingsConfirmed).toBe(false); // the warnings are not acknowledged yet
    c.acknowledgeAdvice(true);
    expect(c.settingsConfirmed).toBe(true);
    c.clear();
    expect(c.settingsConfirmed).toBe(false);
  });

  it('the token: a note without a time, "valid until …, N h left" with one, an expired token blocks wrapping', async () => {
    const c = new Ceremony();
    await c.loadTokenText('dG9rZW4=');
    expect(c.tokenNotice).toEqual({ kind: 'note', notice: { key: 'note.tokenValidity' } });
    const downloaded = Date.now() - 3 * 3600_000 - 120_000;
    c.tokenDownloadedAt = local(downloaded);
    c.now = Date.now();
    expect(c.tokenNotice?.kind).toBe('note');
    expect(c.tokenNotice?.notice.key).toBe('note.tokenValidUntil');
    expect(c.tokenNotice?.notice.params?.['hours']).toBe(20);
    expect(c.wrapBlockers).not.toContain('tokenExpired');
    c.now = new Date(local(downloaded)).getTime() + TOKEN_VALID_MS;
    expect(c.tokenExpired).toBe(true);
    expect(c.tokenNotice?.kind).toBe('warning');
    expect(c.tokenNotice?.notice.key).toBe('warn.tokenExpired');
    expect(c.wrapBlockers).toContain('tokenExpired');
  });

  it('a wrapping key of the wrong type for the key spec is a wrap blocker', async () => {
    const c = new Ceremony();
    c.keySpec = 'EC_SM2';
    await c.loadWrappingKeyText(makeIwk('rsa', dir).pubPem);
    expect(c.wrappingKey?.spec).toBe('RSA_2048');
    expect(c.wrapBlockers).toContain('wrappingKeyType');
    c.keySpec = 'EC_P256';
    expect(c.wrapBlockers).not.toContain('wrappingKeyType');
  });
});
