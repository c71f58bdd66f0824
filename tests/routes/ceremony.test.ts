// The flow state class without a browser: what each step records, what blocks wrapping, and that clear()
// forgets everything. Secrets must never appear in the reactive (public) fields.
import { afterAll, describe, expect, it } from 'vitest';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk } from '../helpers/unwrap.ts';

const dir = scratch('byok-routes-');
afterAll(() => dir.dispose());

/** Everything the UI can render, as text. */
function publicState(c: Ceremony): string {
  return JSON.stringify({
    wrappingKey: c.wrappingKey,
    token: c.token,
    target: c.target,
    backup: c.backup,
    material: c.material,
    verification: c.verification,
    problems: [c.wrappingKeyProblem, c.tokenProblem, c.targetProblem, c.backupProblem, c.wrapProblem, c.verifyProblem],
    pending: c.pendingKeyName,
  });
}

describe('Ceremony', () => {
  const iwk = makeIwk('rsa', dir);
  const passphrase = 'unit test passphrase';
  const plain = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  const plainBody = plain.toString().split('\n').slice(1, -2).join('');
  const encrypted = openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${passphrase}`], plain).toString();

  it('records each step, blocks wrapping until ready, and clears everything', async () => {
    const c = new Ceremony();
    expect(c.keySpec).toBe('RSA_2048');
    expect(c.wrapBlockers).toEqual(['selfTestRunning', 'wrappingKey', 'token', 'target']);
    await c.runSelfTests();
    expect(c.selfTest?.ok).toBe(true);
    expect(c.wrapBlockers).toEqual(['wrappingKey', 'token', 'target']);
    c.keySpec = 'EC_P256';
    c.keyId = 'key-unit';

    await c.loadWrappingKeyText(iwk.pubPem);
    expect(c.wrappingKey).toMatchObject({ spec: 'RSA_2048', source: 'pem' });
    await c.loadTokenText('AAAA!');
    expect(c.tokenProblem?.code).toBe('token_invalid');
    await c.loadTokenText('dG9rZW4=');
    expect(c.tokenProblem).toBeNull();
    expect(c.token?.length).toBe(8);
    expect(c.pairNotices).toEqual([]);
    expect(c.tokenNotice).toEqual({ kind: 'note', notice: { key: 'note.tokenValidity' } });

    await c.loadTargetText(encrypted);
    expect(c.targetProblem?.code).toBe('passphrase_required');
    expect(c.pendingKeyName).toBe('');
    await c.unlockTarget('wrong passphrase');
    expect(c.targetProblem?.code).toBe('passphrase_wrong');
    expect(c.pendingKeyName).toBe('');
    await c.unlockTarget(passphrase);
    expect(c.targetProblem).toBeNull();
    expect(c.pendingKeyName).toBeNull();
    expect(c.target).toMatchObject({ spec: 'EC_P256', origin: 'loaded', sourceFormat: 'encrypted-pkcs8' });
    expect(c.backupRequired).toBe(false);
    expect(c.wrapBlockers).toEqual([]);

    await c.wrap();
    expect(c.wrapProblem).toBeNull();
    expect(c.material?.algorithm).toBe('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD');
    expect(c.material?.text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(c.materialFileName).toBe('key-material_key-unit.txt');
    expect(c.unsavedWork).toBe(true);

    c.keySpec = 'EC_P256K';
    expect(c.targetSpecMismatch).toBe(true);
    expect(c.materialStale).toBe(true);
    expect(c.wrapBlockers).toEqual(['specMatch']);
    c.keySpec = 'EC_P256';
    expect(c.materialStale).toBe(false);

    c.verify(openssl(['pkey', '-pubout'], plain).toString());
    expect(c.verification?.matches).toBe(true);

    expect(publicState(c)).not.toContain(plainBody.slice(0, 40));
    expect(publicState(c)).not.toContain(passphrase);

    c.clear();
    expect(c.selfTest?.ok, 'the power-on self-test result survives clear()').toBe(true);
    expect(c.generation).toBe(1);
    expect(c.cleared).toBe(true);
    expect([c.wrappingKey, c.token, c.target, c.material, c.verification]).toEqual([null, null, null, null, null]);
    expect(c.keySpec).toBe('RSA_2048');
    expect(c.keyId).toBe('');
    c.verify(openssl(['pkey', '-pubout'], plain).toString());
    expect(c.verifyProblem?.code).toBe('key_disposed');
  });

  it('a generated key needs its backup before wrapping', async () => {
    const c = new Ceremony();
    c.keySpec = 'EC_P256K';
    const pending = c.generate();
    expect(c.generating?.spec).toBe('EC_P256K');
    await pending;
    expect(c.generating).toBeNull();
    expect(c.target).toMatchObject({ spec: 'EC_P256K', origin: 'generated' });
    expect(c.backupRequired).toBe(true);
    expect(c.unsavedWork).toBe(true);
    await c.loadWrappingKeyText(iwk.pubPem);
    await c.loadTokenText('dG9rZW4=');
    await c.runSelfTests();
    expect(c.wrapBlockers).toEqual(['backup']);
  });

  it('refuses to wrap after a failed self-test (spec §8), also when wrap() is called directly', async () => {
    const c = new Ceremony();
    c.keySpec = 'EC_P256';
    await c.loadWrappingKeyText(iwk.pubPem);
    await c.loadTokenText('dG9rZW4=');
    await c.loadTargetText(plain.toString());
    await c.runSelfTests(['SM3']);
    expect(c.selfTest?.ok).toBe(false);
    expect(c.selfTestFailures).toEqual(['SM3']);
    expect(c.wrapBlockers).toEqual(['selfTestFailed']);
    await c.wrap();
    expect(c.material).toBeNull();
    expect(c.wrapProblem).toBeNull();
    // generation and the backup are refused too
    expect(c.cryptoRefused).toBe(true);
    const before = c.target?.publicKeySha256;
    await c.generate();
    expect(c.target?.publicKeySha256).toBe(before);
    expect(await c.downloadBackup('a long enough passphrase here')).toBe(false);
    expect(c.backup).toBeNull();

    // a malformed hook fails closed: the self-test counts as failed, with no test named
    await c.runSelfTests('SM3');
    expect(c.selfTest).toEqual({ ok: false, results: [] });
    expect(c.wrapBlockers).toEqual(['selfTestFailed']);

    await c.runSelfTests();
    expect(c.wrapBlockers).toEqual([]);
    await c.wrap();
    expect(c.material?.byteLength).toBeGreaterThan(0);
  });

  it('discards a key that finishes generating after clear()', async () => {
    const c = new Ceremony();
    c.keySpec = 'EC_P256';
    const pending = c.generate();
    c.clear();
    await pending;
    expect(c.target).toBeNull();
    expect(c.generating).toBeNull();
  });
});
