// The flow state class without a browser: what each step records, what blocks wrapping, and that clear()
// forgets everything. Secrets must never appear in the reactive (public) fields.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Ceremony, type Destination } from '../../src/routes/ceremony.svelte.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { makeIwk, unwrapWithOpenssl } from '../helpers/unwrap.ts';

// saveFile needs a DOM; the files the ceremony saves are kept here instead, exactly as it hands them over
const saved = vi.hoisted(() => new Map<string, Uint8Array<ArrayBuffer>>());
vi.mock('../../src/routes/download.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/routes/download.ts')>()),
  saveFile: (name: string, data: Uint8Array | string) => {
    saved.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data));
    return true;
  },
}));

const dir = scratch('byok-routes-');
afterAll(() => dir.dispose());

/** Everything the UI can render of a destination, as plain data. */
function destinationState(d: Destination) {
  return {
    settings: d.settings,
    wrappingKey: d.wrappingKey,
    token: d.token,
    material: d.material,
    verification: d.verification,
    problems: [d.wrappingKeyProblem, d.tokenProblem, d.verifyProblem],
  };
}

/** Everything the UI can render, as text. */
function publicState(c: Ceremony): string {
  return JSON.stringify({
    destinations: c.destinations.map(destinationState),
    target: c.target.info,
    targetProblem: c.target.problem,
    pending: c.target.pendingName,
    backup: [c.backup.saved, c.backup.check, c.backup.problem],
    wrapProblem: c.wrapProblem,
    facts: c.facts,
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
    const d = c.first;
    expect([c.destinations.length, d.providerId, d.keySpecName, c.keySpec]).toEqual([1, 'alibaba', 'RSA_2048', 'RSA_2048']);
    expect(c.wrapBlockers).toEqual([
      { kind: 'selfTestRunning' },
      { kind: 'destination', n: 1, blocker: 'wrappingKey' },
      { kind: 'destination', n: 1, blocker: 'token' },
      { kind: 'target' },
    ]);
    await c.runSelfTests();
    expect(c.selfTest?.ok).toBe(true);
    expect(c.wrapBlockers.map((b) => b.kind)).toEqual(['destination', 'destination', 'target']);
    c.setKeySpec(d, 'EC_P256');
    expect(c.keySpec).toBe('EC_P256');
    d.keyId = 'key-unit';

    await d.loadWrappingKey(iwk.pubPem);
    expect(d.wrappingKey).toMatchObject({ spec: 'RSA_2048', source: 'pem' });
    await d.loadToken('AAAA!');
    expect(d.tokenProblem?.code).toBe('token_invalid');
    await d.loadToken('dG9rZW4=');
    expect(d.tokenProblem).toBeNull();
    expect(d.token).toMatchObject({ form: 'text', length: 8 });
    expect(d.pairNotices).toEqual([]);
    expect(d.validityNotice).toEqual({ kind: 'note', notice: { key: 'note.tokenValidity', params: { hours: 24 } } });

    await c.loadTargetText(encrypted);
    expect(c.target.problem?.code).toBe('passphrase_required');
    expect(c.target.pendingName).toBe('');
    await c.unlockTarget('wrong passphrase');
    expect(c.target.problem?.code).toBe('passphrase_wrong');
    expect(c.target.pendingName).toBe('');
    await c.unlockTarget(passphrase);
    expect(c.target.problem).toBeNull();
    expect(c.target.pendingName).toBeNull();
    expect(c.target.info).toMatchObject({ spec: 'EC_P256', origin: 'loaded', sourceFormat: 'encrypted-pkcs8' });
    expect(c.backupRequired).toBe(false);
    expect(c.wrapBlockers).toEqual([]);

    await c.wrap();
    expect(c.wrapProblem).toBeNull();
    expect(d.material?.algorithm).toBe('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD');
    expect(d.material?.text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(d.material?.fileName).toBe('key-material_key-unit.txt');
    expect(c.materialCount).toBe(1);
    expect(c.unsavedWork).toBe(true);
    // the independent oracle: OpenSSL unwraps the delivered file to the PKCS#8 of the loaded key
    const { tak } = unwrapWithOpenssl(Buffer.from(d.material!.text!, 'base64'), iwk);
    expect(tak.equals(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], plain))).toBe(true);
    expect(Buffer.from(d.deliveredBytes()!).toString()).toBe(d.material!.text);

    // the CLI line names the files, never their content
    const cli = c.cliLine(d);
    expect(cli).toEqual({
      line: `aliyun kms ImportKeyMaterial --KeyId key-unit --EncryptedKeyMaterial "$(cat key-material_key-unit.txt)" --ImportToken "$(cat token.txt)" --KeyMaterialExpireUnix 0`,
    });

    // another key type in step 1: the material goes, and the loaded key no longer fits
    c.setKeySpec(d, 'EC_P256K');
    expect(c.targetSpecMismatch).toBe(true);
    expect(d.material).toBeNull();
    expect(c.wrapBlockers).toEqual([{ kind: 'specMatch' }]);
    c.setKeySpec(d, 'EC_P256');
    expect(c.wrapBlockers).toEqual([]);

    c.verify(d, openssl(['pkey', '-pubout'], plain).toString());
    expect(d.verification?.matches).toBe(true);

    expect(publicState(c)).not.toContain(plainBody.slice(0, 40));
    expect(publicState(c)).not.toContain(passphrase);

    c.clear();
    expect(c.selfTest?.ok, 'the power-on self-test result survives clear()').toBe(true);
    expect(c.generation).toBe(1);
    expect(c.cleared).toBe(true);
    expect(c.destinations).toHaveLength(1);
    expect(c.first).not.toBe(d);
    expect([d.wrappingKey, d.token, d.material, d.verification, d.deliveredBytes(), d.wrappingKeyObject()]).toEqual([null, null, null, null, undefined, undefined]);
    expect([c.target.info, c.target.key()]).toEqual([null, undefined]);
    expect([c.keySpec, c.first.keyId]).toEqual(['RSA_2048', '']);
    c.verify(c.first, openssl(['pkey', '-pubout'], plain).toString());
    expect(c.first.verifyProblem?.code).toBe('key_disposed');
  });

  it('after the key is gone: each destination is checked against the public key saved in step 3', async () => {
    const c = new Ceremony();
    const pub = openssl(['pkey', '-pubout'], plain).toString();
    const spki = openssl(['pkey', '-pubout', '-outform', 'DER'], plain);
    const d = c.first;
    c.verify(d, pub);
    expect(d.verifyProblem?.code).toBe('key_disposed');
    await c.loadSavedPublicKeyFile(d, new File(['not a key'], 'target-public-key.pem'));
    expect(c.savedPublicKey).toBeNull();
    expect(d.verifyProblem?.code).toBeTruthy();
    await c.loadSavedPublicKeyFile(d, new File([pub], 'target-public-key.pem'));
    expect(c.savedPublicKey).toEqual({ fileName: 'target-public-key.pem', sha256: openssl(['dgst', '-sha256', '-r'], spki).toString().slice(0, 64) });
    const second = c.addDestination();
    c.verify(d, pub);
    c.verify(second, openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'])).toString());
    expect(d.verification).toMatchObject({ matches: true, expected: c.savedPublicKey!.sha256, actual: c.savedPublicKey!.sha256 });
    expect(second.verification?.matches).toBe(false);
    expect(second.verification?.expected).toBe(c.savedPublicKey!.sha256);
  });

  it('a generated key needs its backup before wrapping', async () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'EC_P256K');
    const pending = c.generate();
    expect(c.target.generating?.spec).toBe('EC_P256K');
    await pending;
    expect(c.target.generating).toBeNull();
    expect(c.target.info).toMatchObject({ spec: 'EC_P256K', origin: 'generated' });
    expect(c.backupRequired).toBe(true);
    expect(c.unsavedWork).toBe(true);
    await c.first.loadWrappingKey(iwk.pubPem);
    await c.first.loadToken('dG9rZW4=');
    await c.runSelfTests();
    expect(c.wrapBlockers).toEqual([{ kind: 'backup' }]);

    // the encrypted PKCS#8 backup: OpenSSL opens it to the same key; read back, it lifts the blocker
    expect(await c.downloadBackup(passphrase)).toBe(true);
    expect(c.backup.saved).toMatchObject({ fileName: 'target-key-backup.pem', form: 'pkcs8' });
    const backup = saved.get('target-key-backup.pem')!;
    const spki = openssl(['pkey', '-passin', `pass:${passphrase}`, '-pubout', '-outform', 'DER'], backup);
    expect(openssl(['dgst', '-sha256', '-r'], spki).toString().slice(0, 64)).toBe(c.target.info!.publicKeySha256);
    await c.checkBackup(new File([backup], 'target-key-backup.pem'), passphrase);
    expect(c.backup.check?.outcome).toBe('match');
    expect(c.wrapBlockers).toEqual([]);
    c.downloadPublicKey();
    expect(Buffer.from(saved.get('target-public-key.pem')!).toString()).toBe(c.target.info!.publicKeyPem);
  });

  it('refuses to wrap after a failed self-test (spec §8), also when wrap() is called directly', async () => {
    const c = new Ceremony();
    const d = c.first;
    c.setKeySpec(d, 'EC_P256');
    await d.loadWrappingKey(iwk.pubPem);
    await d.loadToken('dG9rZW4=');
    await c.loadTargetText(plain.toString());
    await c.runSelfTests(['SM3']);
    expect(c.selfTest?.ok).toBe(false);
    expect(c.selfTestFailures).toEqual(['SM3']);
    expect(c.wrapBlockers).toEqual([{ kind: 'selfTestFailed' }]);
    await c.wrap();
    expect(d.material).toBeNull();
    expect(c.wrapProblem).toBeNull();
    // generation and the backup are refused too
    expect(c.cryptoRefused).toBe(true);
    const before = c.target.info?.publicKeySha256;
    await c.generate();
    expect(c.target.info?.publicKeySha256).toBe(before);
    expect(await c.downloadBackup('a long enough passphrase here')).toBe(false);
    expect(c.backup.saved).toBeNull();

    // a malformed hook fails closed: the self-test counts as failed, with no test named
    await c.runSelfTests('SM3');
    expect(c.selfTest).toEqual({ ok: false, results: [] });
    expect(c.wrapBlockers).toEqual([{ kind: 'selfTestFailed' }]);

    await c.runSelfTests();
    expect(c.wrapBlockers).toEqual([]);
    await c.wrap();
    expect(d.material?.byteLength).toBeGreaterThan(0);
  });

  it('discards a key that finishes generating after clear()', async () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'EC_P256');
    const pending = c.generate();
    c.clear();
    await pending;
    expect(c.target.info).toBeNull();
    expect(c.target.key()).toBeUndefined();
    expect(c.target.generating).toBeNull();
  });
});
