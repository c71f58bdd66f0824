// The encrypted backup of a secret key (docs/spec.md §9.7, §10.3): exportTargetKey with a passphrase writes CMS
// EnvelopedData for a password recipient, which the OpenSSL 3 CLI alone opens to the same bytes, and which our
// loader reads back (with a typed error for a wrong passphrase). Every secret type, one key each, concurrently.
import { afterAll, describe, expect, it } from 'vitest';
import { exportTargetKey, generateTargetKey, parseTargetKey, type SecretTargetKey } from '../../src/lib/index.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { opensslAsync, scratch } from '../helpers/openssl.ts';

const SECRET_SPECS = ['AES_128', 'AES_192', 'AES_256', 'SM4', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'] as const;
const PASSPHRASE = 'correct horse battery staple';
const dir = scratch('byok-cms-');
afterAll(() => dir.dispose());

describe('secret key backup (CMS password recipient)', () => {
  it('opens with openssl cms -decrypt -pwri_password to the key bytes, and loads back, for every secret type', async () => {
    await Promise.all(
      SECRET_SPECS.map(async (spec) => {
        const key = (await generateTargetKey(spec)) as SecretTargetKey;
        const hex = await exportTargetKey(key);
        const pem = await exportTargetKey(key, { passphrase: PASSPHRASE });
        expect(pem).toMatch(/^-----BEGIN CMS-----\n/);
        const path = dir.write(`${spec}.pem`, pem);
        const opened = await opensslAsync(['cms', '-decrypt', '-inform', 'PEM', '-in', path, '-pwri_password', PASSPHRASE, '-binary']);
        expect(opened.toString('hex'), spec).toBe(hex);
        expect(opened.length, spec).toBe(key.byteLength);

        const back = (await parseTargetKey(pem, { spec, passphrase: PASSPHRASE })) as SecretTargetKey;
        expect(back.kind).toBe('secret');
        expect(await exportTargetKey(back), spec).toBe(hex);
        back.dispose();
        key.dispose();
      }),
    );
  });

  it('reads a backup OpenSSL wrote (cms -encrypt -pwri_password -aes256)', async () => {
    const raw = dir.write('aes.bin', new Uint8Array(32).map((_, i) => i));
    const path = dir.path('openssl.pem');
    await opensslAsync(['cms', '-encrypt', '-binary', '-aes256', '-pwri_password', PASSPHRASE, '-in', raw, '-outform', 'PEM', '-out', path]);
    const pem = dir.read('openssl.pem').toString();
    const key = await parseTargetKey(pem, { spec: 'AES_256', passphrase: PASSPHRASE });
    expect(await exportTargetKey(key)).toBe(Buffer.from(new Uint8Array(32).map((_, i) => i)).toString('hex'));
  });

  it('a backup whose content is text (hex of a key) or of another length is refused, not decoded again', async () => {
    const hexText = dir.write('hex.txt', '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
    const path = dir.path('hex.pem');
    await opensslAsync(['cms', '-encrypt', '-binary', '-aes256', '-pwri_password', PASSPHRASE, '-in', hexText, '-outform', 'PEM', '-out', path]);
    await expectCode(parseTargetKey(dir.read('hex.pem').toString(), { spec: 'AES_256', passphrase: PASSPHRASE }), 'secret_length');
    // the same backup given as bytes (a file read as binary) is found without decoding the bytes to text
    await expectCode(parseTargetKey(new Uint8Array(dir.read('hex.pem')), { spec: 'AES_256', passphrase: PASSPHRASE }), 'secret_length');
  });

  it('refuses a wrong or missing passphrase, and a backup of another length than the type, by code', async () => {
    const key = await generateTargetKey('AES_256');
    const pem = await exportTargetKey(key, { passphrase: PASSPHRASE });
    await expectCode(parseTargetKey(pem, { spec: 'AES_256', passphrase: 'not the passphrase' }), 'passphrase_wrong');
    await expectCode(parseTargetKey(pem, { spec: 'AES_256' }), 'passphrase_required');
    await expectCode(parseTargetKey(pem, { spec: 'AES_128', passphrase: PASSPHRASE }), 'secret_length');
  });
});
