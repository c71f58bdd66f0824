// Encrypted backup of a secret key, CMS EnvelopedData with a password recipient (spec §9.7). Oracle: OpenSSL's
// `cms -decrypt -pwri_password` opens ours, and our decoder opens what `cms -encrypt -pwri_password` writes.
import { afterAll, describe, expect, test } from 'vitest';
import { toHex } from '../../src/lib/bytes.ts';
import { CMS_PEM_LABEL, decryptSecretBackup, encryptSecretBackup } from '../../src/lib/formats/cms.ts';
import { encodePem, readArmored } from '../../src/lib/formats/pem.ts';
import { cat, tlv } from '../helpers/der.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { openssl, opensslAsync, scratch } from '../helpers/openssl.ts';

const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const PASS = 'correct horse battery staple ✓ 口令';
const tmp = scratch('byok-cms-');
afterAll(() => tmp.dispose());

const opensslDecrypt = (pemPath: string, pass: string) =>
  opensslAsync(['cms', '-decrypt', '-inform', 'PEM', '-in', pemPath, '-pwri_password', pass, '-binary']);

/** A backup written by OpenSSL: `cms -encrypt -pwri_password` with the given content cipher, DER. */
const opensslBackup = (secret: Uint8Array, cipher = '-aes256', pass = PASS) =>
  new Uint8Array(openssl(['cms', '-encrypt', '-pwri_password', pass, cipher, '-binary', '-outform', 'DER', '-in', tmp.write(`in-${cipher}-${secret.length}`, secret)]));

describe('our backup opens with openssl cms -decrypt -pwri_password (600,000 iterations)', () => {
  // AES-128, AES-192, HMAC-224, AES-256 / HMAC-256, HMAC-512
  const LENGTHS = [16, 24, 28, 32, 64];

  test(`secrets of ${LENGTHS.join(', ')} bytes: OpenSSL gives the same bytes, and so does our decoder`, async () => {
    await Promise.all(
      LENGTHS.map(async (len) => {
        const secret = rnd(len);
        const der = await encryptSecretBackup(secret, PASS);
        const pem = encodePem(CMS_PEM_LABEL, der);
        expect(pem.startsWith('-----BEGIN CMS-----\n')).toBe(true);
        const [theirs, ours] = await Promise.all([opensslDecrypt(tmp.write(`ours-${len}.pem`, pem), PASS), decryptSecretBackup(der, PASS)]);
        expect(toHex(theirs)).toBe(toHex(secret));
        expect(toHex(ours)).toBe(toHex(secret));
      }),
    );
  }, 120_000);

  test('the structure is what spec §9.7 says: EnvelopedData v3, pwri v0, PBKDF2-HMAC-SHA256 600,000 × 16-byte salt, PWRI-KEK over AES-256-CBC, AES-256-CBC content', async () => {
    const der = await encryptSecretBackup(rnd(32), PASS);
    const text = openssl(['asn1parse', '-inform', 'DER', '-i'], der).toString();
    // "   29:d=5  hl=2 l=   1 prim:      INTEGER           :00" → "prim: INTEGER :00"
    const lines = text.split('\n').map((l) => l.replace(/^.*?\b(prim|cons):/, '$1:').replace(/\s+/g, ' ').trim());
    expect(lines).toContain('prim: OBJECT :pkcs7-envelopedData');
    expect(lines).toContain('prim: INTEGER :03');
    expect(lines).toContain('cons: cont [ 3 ]');
    expect(lines).toContain('prim: INTEGER :00');
    expect(lines).toContain('cons: cont [ 0 ]');
    expect(lines).toContain('prim: OBJECT :PBKDF2');
    expect(lines).toContain('prim: INTEGER :0927C0'); // 600,000
    expect(lines).toContain('prim: OBJECT :hmacWithSHA256');
    expect(lines).toContain('prim: OBJECT :id-alg-PWRI-KEK');
    expect(lines.filter((l) => l === 'prim: OBJECT :aes-256-cbc')).toHaveLength(2);
    expect(text).toMatch(/l=\s*16 prim:\s+OCTET STRING/); // salt and IVs
    expect(text).toMatch(/l=\s*48 prim:\s+OCTET STRING/); // RFC 3211 wrapped CEK: 4 + 32 → 3 blocks
    expect(lines).toContain('prim: OBJECT :pkcs7-data');
  }, 60_000);

  test('two backups of the same key differ (random salt, IVs, CEK and padding)', async () => {
    const secret = rnd(32);
    const [a, b] = await Promise.all([encryptSecretBackup(secret, PASS), encryptSecretBackup(secret, PASS)]);
    expect(toHex(a)).not.toBe(toHex(b));
  }, 60_000);
});

describe('OpenSSL-made backups are read by our decoder (2048 iterations, PBKDF2-HMAC-SHA1: its defaults)', () => {
  test.each(['-aes256', '-aes128', '-aes192'])('openssl cms -encrypt %s -pwri_password', async (cipher) => {
    const secret = rnd(32);
    expect(toHex(await decryptSecretBackup(opensslBackup(secret, cipher), PASS))).toBe(toHex(secret));
  });

  test('PEM as OpenSSL writes it, read through the PEM reader', async () => {
    const secret = rnd(16);
    const pem = openssl(['cms', '-encrypt', '-pwri_password', PASS, '-aes256', '-binary', '-outform', 'PEM', '-in', tmp.write('pem-in', secret)]).toString();
    const [block] = readArmored(pem);
    expect(block!.label).toBe(CMS_PEM_LABEL);
    expect(toHex(await decryptSecretBackup(block!.der, PASS))).toBe(toHex(secret));
  });
});

describe('passphrases', () => {
  test('a wrong passphrase is passphrase_wrong, for our backups and for OpenSSL’s; OpenSSL refuses it too', async () => {
    const secret = rnd(32);
    const ours = await encryptSecretBackup(secret, PASS);
    await expectCode(decryptSecretBackup(ours, PASS + ' '), 'passphrase_wrong');
    await expect(opensslDecrypt(tmp.write('wrong.pem', encodePem(CMS_PEM_LABEL, ours)), 'Correct horse battery staple ✓ 口令')).rejects.toThrow();
    const theirs = opensslBackup(secret);
    for (const wrong of ['x', 'correct horse battery staple', PASS.toUpperCase()]) await expectCode(decryptSecretBackup(theirs, wrong), 'passphrase_wrong');
  }, 60_000);

  test('an empty passphrase: passphrase_empty when writing, passphrase_required when reading (structure checked first)', async () => {
    await expectCode(encryptSecretBackup(rnd(32), ''), 'passphrase_empty');
    await expectCode(decryptSecretBackup(opensslBackup(rnd(32)), ''), 'passphrase_required');
  });

  test('a damaged content block reads as passphrase_wrong (no MAC to tell them apart: CBC padding fails)', async () => {
    const der = opensslBackup(rnd(32));
    // the last byte of the penultimate content block: it flips the final padding byte 0x10 → 0x11
    der[der.length - 17]! ^= 0x01;
    await expectCode(decryptSecretBackup(der, PASS), 'passphrase_wrong');
  });
});

describe('rejections, each with its code', () => {
  test('a CMS file for a certificate recipient is backup_not_password_encrypted', async () => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=test', '-keyout', tmp.path('c.key'), '-out', tmp.path('c.pem'), '-days', '1']);
    const der = new Uint8Array(openssl(['cms', '-encrypt', '-aes256', '-binary', '-outform', 'DER', '-in', tmp.write('cert-in', rnd(32)), tmp.path('c.pem')]));
    const e = await expectCode(decryptSecretBackup(der, PASS), 'backup_not_password_encrypted');
    expect(e.facts.found).toMatch(/certificate/);
  });

  test('CMS data and AuthEnvelopedData (AES-GCM) are backup_not_password_encrypted, naming what they are', async () => {
    const data = new Uint8Array(openssl(['cms', '-data_create', '-binary', '-outform', 'DER', '-in', tmp.write('data-in', rnd(8))]));
    expect((await expectCode(decryptSecretBackup(data, PASS), 'backup_not_password_encrypted')).facts.found).toBe('CMS data');
    // OpenSSL 3.0 has no password recipient for AES-GCM; a certificate recipient gives the same content type
    const gcm = new Uint8Array(openssl(['cms', '-encrypt', '-aes-256-gcm', '-binary', '-outform', 'DER', '-in', tmp.write('gcm-in', rnd(32)), tmp.path('c.pem')]));
    expect((await expectCode(decryptSecretBackup(gcm, PASS), 'backup_not_password_encrypted')).facts.found).toBe('CMS AuthEnvelopedData');
  });

  test('a DES-EDE3 backup is backup_unsupported; fewer than 600,000 iterations are refused when writing', async () => {
    expect((await expectCode(decryptSecretBackup(opensslBackup(rnd(24), '-des3'), PASS), 'backup_unsupported')).facts.found).toBe('DES-EDE3-CBC');
    await expectCode(encryptSecretBackup(rnd(32), PASS, { iterations: 599_999 }), 'backup_unsupported');
    await expectCode(encryptSecretBackup(rnd(32), PASS, { iterations: 10_000_001 }), 'backup_unsupported');
  });

  test('trailing bytes, truncation and BER indefinite lengths (openssl cms -stream) are DER errors', async () => {
    const der = opensslBackup(rnd(32));
    await expectCode(decryptSecretBackup(Uint8Array.from([...der, 0]), PASS), 'der_trailing_data');
    await expectCode(decryptSecretBackup(der.subarray(0, der.length - 1), PASS), 'der_truncated');
    const ber = new Uint8Array(openssl(['cms', '-encrypt', '-pwri_password', PASS, '-aes256', '-binary', '-stream', '-outform', 'DER', '-in', tmp.write('ber-in', rnd(32))]));
    await expectCode(decryptSecretBackup(ber, PASS), 'der_malformed');
  });

  test('an EnvelopedData with unprotectedAttrs (a field a backup never has) is der_malformed', async () => {
    const der = opensslBackup(rnd(32));
    // ContentInfo = 30 L { 06 oid, A0 L { 30 L EnvelopedData } }: append [1] IMPLICIT SET { Attribute { 1.2.3, SET { NULL } } }
    const header = (b: Uint8Array, at: number) => (b[at + 1]! < 0x80 ? 2 : 2 + (b[at + 1]! & 0x7f));
    const oidEnd = header(der, 0) + 2 + der[header(der, 0) + 1]!;
    const explicit = oidEnd;
    const enveloped = explicit + header(der, explicit);
    const body = der.subarray(enveloped + header(der, enveloped));
    const attrs = tlv(0xa1, tlv(0x30, cat(tlv(0x06, Uint8Array.of(0x2a, 0x03)), tlv(0x31, tlv(0x05, new Uint8Array(0))))));
    const forged = tlv(0x30, cat(der.subarray(header(der, 0), oidEnd), tlv(0xa0, tlv(0x30, cat(body, attrs)))));
    await expectCode(decryptSecretBackup(forged, PASS), 'der_malformed');
    // the same surgery without the extra field gives the original file back: the test edits only what it says
    expect(toHex(tlv(0x30, cat(der.subarray(header(der, 0), oidEnd), tlv(0xa0, tlv(0x30, body)))))).toBe(toHex(der));
  });

  test('a non-byte input or an empty secret is input_type', async () => {
    await expectCode(decryptSecretBackup('MIIB' as never, PASS), 'input_type');
    await expectCode(encryptSecretBackup(new Uint8Array(0), PASS), 'input_type');
  });
});
