// Spec §8: the power-on self-test passes on a good build, and each deliberately broken vector fails it.
import { describe, expect, test } from 'vitest';
import { runSelfTests, SELF_TEST_NAMES } from '../src/lib/index.ts';
import { SELF_TEST_VECTORS as V } from '../src/lib/self-test-vectors.ts';
import { openssl } from './helpers/openssl.ts';

describe('power-on self-test', () => {
  test('all known answers pass', async () => {
    const r = await runSelfTests();
    expect(r.results.map((x) => x.name)).toEqual([...SELF_TEST_NAMES]);
    expect(r.results.filter((x) => !x.ok)).toEqual([]);
    expect(r.ok).toBe(true);
  });
  test.each(SELF_TEST_NAMES)('breaking %s fails exactly that test', async (name) => {
    const r = await runSelfTests({ break: [name] });
    expect(r.ok).toBe(false);
    expect(r.results.filter((x) => !x.ok).map((x) => x.name)).toEqual([name]);
  });
  test('embedded vectors agree with OpenSSL', () => {
    expect(openssl(['dgst', '-sm3', '-r'], Buffer.from(V.sm3.message, 'hex')).toString().slice(0, 64)).toBe(V.sm3.digest);
    expect(openssl(['enc', '-sm4-ecb', '-nopad', '-K', V.sm4.key], Buffer.from(V.sm4.plaintext, 'hex')).toString('hex')).toBe(V.sm4.ciphertext);
    expect(openssl(['enc', '-aes-256-ecb', '-nopad', '-K', V.aes256Ecb.key], Buffer.from(V.aes256Ecb.plaintext, 'hex')).toString('hex')).toBe(V.aes256Ecb.ciphertext);
    const kdf = openssl(['kdf', '-keylen', '64', '-kdfopt', 'digest:SHA256', '-kdfopt', `pass:${V.pbkdf2.password}`, '-kdfopt', `salt:${V.pbkdf2.salt}`, '-kdfopt', 'iter:1', 'PBKDF2']);
    expect(kdf.toString().trim().replace(/:/g, '').toLowerCase()).toBe(V.pbkdf2.derived);
    const pem = openssl(['pkcs8', '-inform', 'DER', '-passin', `pass:${V.pbes2.passphrase}`], Buffer.from(V.pbes2.encrypted, 'base64'));
    const pkcs8 = openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], pem);
    expect(pkcs8.toString('base64')).toBe(V.pbes2.pkcs8);
  });
});
