// Secret keys in the ceremony (issue 11 steps 3, 4, 6): generated or loaded (hex, base64, a raw file, the CMS
// backup), shown by their KCV only; backed up once in the CMS password format that `openssl cms` opens, and read
// back; checked after import by KCV. OpenSSL is the oracle for the KCV, the backup and backups of its own making.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

// saveFile needs a DOM; the files the ceremony saves are kept here instead, exactly as it hands them over
const saved = vi.hoisted(() => new Map<string, Uint8Array<ArrayBuffer>>());
vi.mock('../../src/routes/download.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/routes/download.ts')>()),
  saveFile: (name: string, data: Uint8Array | string) => {
    saved.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data.slice());
    return true;
  },
}));

const dir = scratch('byok-secret-');
afterAll(() => dir.dispose());

const PASS = 'secret backup passphrase';
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** spec §10.4 by OpenSSL: the first 3 bytes of AES-256-ECB of one zero block */
const kcvOf = (key: Uint8Array) => openssl(['enc', '-aes-256-ecb', '-nopad', '-K', hex(key)], new Uint8Array(16)).subarray(0, 3).toString('hex');
/** `openssl cms -decrypt -pwri_password` of a PEM backup: the key's raw bytes */
const openBackup = (pem: Uint8Array, pass = PASS) =>
  openssl(['cms', '-decrypt', '-inform', 'PEM', '-in', dir.write(`open-${saved.size}-${Date.now()}.pem`, pem), '-pwri_password', pass, '-binary']);
/** A CMS password backup written by OpenSSL (an independent writer) */
const opensslBackup = (content: Uint8Array, pass = PASS) =>
  new Uint8Array(openssl(['cms', '-encrypt', '-binary', '-aes256', '-pwri_password', pass, '-outform', 'PEM', '-in', dir.write(`in-${Date.now()}-${Math.random()}`, content)]));

/** A ceremony whose destination is Alibaba Aliyun_AES_256, its self-test passed. */
async function aes256(): Promise<Ceremony> {
  const c = new Ceremony();
  c.setKeySpec(c.first, 'Aliyun_AES_256');
  await c.runSelfTests();
  return c;
}

/** Everything the UI can render of the key steps, as text. */
const publicState = (c: Ceremony) =>
  JSON.stringify([c.target.info, c.target.problem, c.backup.saved, c.backup.check, c.facts, c.destinations.map((d) => [d.material, d.verification])]);

describe('secret keys', () => {
  it('generate AES_256: the KCV (6 hex digits, OpenSSL\'s), no public key; the CMS backup opens with openssl cms and reads back', async () => {
    const c = await aes256();
    expect(c.keyKind).toBe('secret');
    expect(c.keyBytes).toBe(32);
    await c.generate();
    const info = c.target.info!;
    expect(info).toMatchObject({ spec: 'AES_256', kind: 'secret', origin: 'generated', byteLength: 32 });
    expect(info.kcv).toMatch(/^[0-9a-f]{6}$/);
    expect(info.publicKeySha256).toBeUndefined();
    expect(info.publicKeyPem).toBeUndefined();
    expect(c.backupRequired).toBe(true);
    c.downloadPublicKey(); // nothing to save for a secret key
    expect([...saved.keys()].filter((n) => n.startsWith('target-public-key'))).toEqual([]);

    expect(await c.downloadBackup(PASS)).toBe(true);
    expect(c.backup.saved).toMatchObject({ fileName: 'target-key-backup.pem', form: 'cms' });
    const backup = saved.get('target-key-backup.pem')!;
    expect(Buffer.from(backup).toString()).toMatch(/^-----BEGIN CMS-----\n/);
    expect(c.backup.saved!.sha256).toBe(openssl(['dgst', '-sha256', '-r'], backup).toString().slice(0, 64));
    const key = openBackup(backup);
    expect(key.length).toBe(32);
    expect(kcvOf(key)).toBe(info.kcv);
    expect(publicState(c)).not.toContain(key.toString('hex'));
    expect(publicState(c)).not.toContain(key.toString('base64'));

    expect(c.wrapBlockers).toContainEqual({ kind: 'backup' });
    await c.checkBackup(new File([backup], 'target-key-backup.pem'), 'not the passphrase');
    expect(c.backup.check?.outcome).toBe('passphrase_wrong');
    await c.checkBackup(new File([backup], 'target-key-backup.pem'), PASS);
    expect(c.backup.check).toMatchObject({ outcome: 'match', fileName: 'target-key-backup.pem', fileSha256: c.backup.saved!.sha256 });
    expect(c.backup.verified).toBe(true);
    expect(c.wrapBlockers).not.toContainEqual({ kind: 'backup' });
    expect(c.target.info!.kcv).toBe(info.kcv); // the read-back never replaces the key
  });

  it('loads hex or base64 text, or a raw file, of the right length; anything else has its code', async () => {
    const c = await aes256();
    const key = random(32);
    const kcv = kcvOf(key);
    for (const [input, format] of [
      [hex(key), 'hex'],
      [hex(key).toUpperCase().replace(/(.{8})/g, '$1 '), 'hex'],
      [Buffer.from(key).toString('base64'), 'base64'],
      [Buffer.from(key).toString('base64url'), 'base64'],
    ] as const) {
      await c.loadTargetText(input);
      expect(c.target.problem, input).toBeNull();
      expect(c.target.info, input).toMatchObject({ spec: 'AES_256', origin: 'loaded', sourceFormat: format, kcv });
    }
    await c.loadTargetFile(new File([key], 'aes.key'));
    expect(c.target.info).toMatchObject({ sourceFormat: 'raw', kcv, fileName: 'aes.key' });
    expect(c.backupRequired).toBe(false);

    const cases: [string, string][] = [
      [hex(key).slice(0, 32), 'secret_length'], // 16 bytes for a 32-byte key type
      [Buffer.from(random(24)).toString('base64'), 'secret_length'],
      [hex(key).slice(1), 'secret_encoding'],
      ['not a key at all!', 'secret_encoding'],
      ['', 'input_empty'],
    ];
    for (const [input, code] of cases) {
      await c.loadTargetText(input);
      expect(c.target.problem?.code, input).toBe(code);
      expect(c.target.info).toBeNull();
    }
    // the problem holds no key bytes
    expect(publicState(c)).not.toContain(hex(key).slice(0, 16));
  });

  it('loads its own CMS backup once the passphrase is given', async () => {
    const c = await aes256();
    const key = random(32);
    const file = new File([opensslBackup(key)], 'target-key-backup.pem');
    await c.loadTargetFile(file);
    expect(c.target.problem?.code).toMatch(/^passphrase_(required|empty)$/);
    expect(c.target.pendingName).toBe('target-key-backup.pem');
    await c.unlockTarget('wrong');
    expect(c.target.problem?.code).toBe('passphrase_wrong');
    await c.unlockTarget(PASS);
    expect(c.target.problem).toBeNull();
    expect(c.target.info).toMatchObject({ spec: 'AES_256', kcv: kcvOf(key) });
  });

  it('read-back: OpenSSL\'s CMS backup of the same key matches; of another key is a mismatch naming its KCV; plain hex is not a backup', async () => {
    const c = await aes256();
    const key = random(32);
    await c.loadTargetText(hex(key));
    const other = random(32);
    const cases: [string, Uint8Array<ArrayBuffer>, BackupExpect][] = [
      ['same key', opensslBackup(key), { outcome: 'match' }],
      ['another key', opensslBackup(other), { outcome: 'mismatch', found: { spec: 'AES_256', kcv: kcvOf(other) } }],
      ['plain hex file', new TextEncoder().encode(hex(key) + '\n'), { outcome: 'not_encrypted' }],
      ['16 bytes inside', opensslBackup(key.subarray(0, 16)), { outcome: 'not_a_backup', reason: { code: 'secret_length' } }],
    ];
    for (const [what, bytes, expected] of cases) {
      await c.checkBackup(new File([bytes], `${what}.pem`), PASS);
      expect(c.backup.check, what).toMatchObject(expected);
      expect(c.backup.verified, what).toBe(expected.outcome === 'match');
    }
    expect(publicState(c)).not.toContain(hex(other));
  });

  it('after import: the KCV the provider shows is compared, in any case and spacing; anything else is refused with its code', async () => {
    const c = await aes256();
    const key = random(32);
    await c.loadTargetText(hex(key));
    const d = c.first;
    const kcv = kcvOf(key);
    c.verify(d, ` ${kcv.slice(0, 3).toUpperCase()} ${kcv.slice(3)} `);
    expect(d.verification).toEqual({ matches: true, expected: kcv, actual: kcv });
    const wrong = kcv === '000000' ? '000001' : '000000';
    c.verify(d, wrong);
    expect(d.verification).toEqual({ matches: false, expected: kcv, actual: wrong });
    c.verify(d, 'abcd');
    expect(d.verification).toBeNull();
    expect(d.verifyProblem?.code).toBe('input_type');
    c.clear();
    c.verify(c.first, kcv);
    expect(c.first.verifyProblem?.code).toBe('key_disposed');
  });
});

type BackupExpect = { outcome: string; found?: object; reason?: object };
