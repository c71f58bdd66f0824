// Where the library's DER codec (src/lib/formats/der-codec.ts, der.ts) refuses what X.690 DER or spec §2.2 does not
// allow, found by running the codec against the asn1js/@peculiar stack it replaced (a5181f3) on mutated inputs and
// by reading it against X.690. Each case is built by hand with the test-side DER writer (nothing from src/), next
// to the well-formed value it differs from, which must still be accepted, so that each test shows the one change
// is what is refused.
import { describe, expect, test } from 'vitest';
import { fromHex, toHex } from '../../src/lib/bytes.ts';
import { decryptSecretBackup, encryptSecretBackup } from '../../src/lib/formats/cms.ts';
import { assertSingleDer } from '../../src/lib/formats/der.ts';
import { decryptPkcs8, readEncryptedPkcs8Parameters } from '../../src/lib/formats/encrypted-pkcs8.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { decodePkcs8 } from '../../src/lib/formats/pkcs8.ts';
import { decodeEcParameters } from '../../src/lib/formats/sec1.ts';
import { describeDer } from '../../src/lib/formats/spki.ts';
import { cat, tlv } from '../helpers/der.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { readTree, writeTree, oidContent } from '../fuzz/der-tree.ts';

const seq = (...members: Uint8Array[]) => tlv(0x30, cat(...members));
const set = (...members: Uint8Array[]) => tlv(0x31, cat(...members));
const oid = (dotted: string) => tlv(0x06, oidContent(dotted));
const int = (n: number) => tlv(0x02, Uint8Array.of(n));
const octets = (n: number, fill = 1) => tlv(0x04, new Uint8Array(n).fill(fill));
const NULL = Uint8Array.of(0x05, 0x00);
const HMAC_SHA256 = seq(oid(OID.hmacWithSHA256), NULL);

/** EncryptedPrivateKeyInfo { PBES2 { PBKDF2 { kdfParams }, AES-128-CBC { IV } }, 32 bytes of ciphertext }. */
function encryptedPkcs8(...pbkdf2Members: Uint8Array[]): Uint8Array {
  const kdf = seq(oid(OID.pbkdf2), seq(...pbkdf2Members));
  const cipher = seq(oid(OID.aes128Cbc), octets(16));
  return seq(seq(oid(OID.pbes2), seq(kdf, cipher)), octets(32));
}

describe('PBKDF2-params in encrypted PKCS#8: lenient after prf, not in its place', () => {
  const salt = octets(8);
  const iterations = int(1);

  test('the well-formed file, and members after prf (ignored: spec §2.2), read as PBKDF2-HMAC-SHA-256', () => {
    for (const der of [encryptedPkcs8(salt, iterations, HMAC_SHA256), encryptedPkcs8(salt, iterations, HMAC_SHA256, octets(3)), encryptedPkcs8(salt, iterations, int(16), HMAC_SHA256, NULL)]) {
      expect(readEncryptedPkcs8Parameters(der)).toMatchObject({ prf: 'SHA-256', iterations: 1, saltLength: 8, cipher: 'AES-128-CBC' });
    }
    // no keyLength, no prf: the DEFAULT PRF, HMAC-SHA-1 (RFC 8018 §A.2)
    expect(readEncryptedPkcs8Parameters(encryptedPkcs8(salt, iterations)).prf).toBe('SHA-1');
  });

  // Was skipped as a trailing member, leaving the PRF at its DEFAULT: a refused file read as PBKDF2-HMAC-SHA-1.
  test.each([
    ['an OCTET STRING where prf is', [octets(12)]],
    ['a NULL where prf is', [NULL]],
    ['keyLength, then an OCTET STRING where prf is', [int(16), octets(12)]],
    ['two INTEGERs (keyLength twice)', [int(16), int(16)]],
    ['a [0] where prf is', [tlv(0xa0, cat(oid(OID.hmacWithSHA256), NULL))]],
  ])('%s → der_malformed naming PBKDF2-params', async (_name, rest) => {
    const der = encryptedPkcs8(salt, iterations, ...rest);
    expect((await expectCode(() => readEncryptedPkcs8Parameters(der), 'der_malformed')).facts.field).toBe('PBKDF2-params');
    await expectCode(decryptPkcs8(der, 'pw'), 'der_malformed');
  });

  test('the input the old-vs-new comparison found accepted (prf tagged OCTET STRING), as hex', async () => {
    // PBKDF2-params { salt, 1, 04 0c { hmacWithSHA256, NULL } }
    const der = encryptedPkcs8(salt, iterations, tlv(0x04, cat(oid(OID.hmacWithSHA256), NULL)));
    expect(toHex(der)).toContain('020101040c06082a864886f70d02090500');
    await expectCode(() => readEncryptedPkcs8Parameters(der), 'der_malformed');
  });
});

describe('universal tags in the form DER gives them (X.690 §8.9.1, §8.11.1, §10.2)', () => {
  test.each([
    ['a primitive SEQUENCE', '1000'],
    ['a primitive SET', '1100'],
    ['a constructed INTEGER', '22030201 01'],
    ['a constructed OCTET STRING (BER)', '24030401 01'],
    ['a constructed BIT STRING (BER)', '2304030200 00'.replace(' ', '')],
    ['a constructed OBJECT IDENTIFIER', '2600'],
    ['a constructed NULL', '2500'],
    ['an end-of-contents octet pair', '0000'],
  ])('%s, alone or inside a SEQUENCE → der_malformed', async (_name, hex) => {
    const value = fromHex(hex.replace(/ /g, ''));
    await expectCode(() => assertSingleDer(value), 'der_malformed');
    await expectCode(() => assertSingleDer(seq(int(0), value)), 'der_malformed');
  });

  test('the same values in their DER form pass', () => {
    for (const hex of ['3000', '3100', '020101', '040101', '03020000', '06022a03', '0500', 'a0030201 01'.replace(' ', ''), '8001ff']) {
      expect(assertSingleDer(fromHex(hex)).end).toBe(hex.length / 2);
    }
  });
});

describe('PKCS#8 attributes (public, dropped after a shape check)', () => {
  // a PKCS#8 EC P-256 key (RFC 5915 inside), made by hand: the attributes are what is tested
  const d = new Uint8Array(32).fill(0x11);
  const inner = seq(int(1), tlv(0x04, d));
  const algorithm = seq(oid(OID.ecPublicKey), oid(OID.prime256v1));
  const pkcs8 = (...after: Uint8Array[]) => seq(int(0), algorithm, tlv(0x04, inner), ...after);
  const attribute = (type: string, ...values: Uint8Array[]) => seq(oid(type), set(...values));
  const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s));

  test('attributes in DER order are read and dropped', () => {
    const a = attribute('1.2.3', utf8('a'));
    const b = attribute('1.2.4', utf8('a'), utf8('b'));
    expect(decodePkcs8(pkcs8(tlv(0xa0, cat(a, b))))).toMatchObject({ kind: 'ec', curveOid: OID.prime256v1 });
  });

  test('a SET OF out of DER order (X.690 §11.6), the attributes or one attribute\'s values → der_malformed', async () => {
    const a = attribute('1.2.3', utf8('a'));
    const b = attribute('1.2.4', utf8('a'));
    await expectCode(() => decodePkcs8(pkcs8(tlv(0xa0, cat(b, a)))), 'der_malformed');
    await expectCode(() => decodePkcs8(pkcs8(tlv(0xa0, attribute('1.2.3', utf8('b'), utf8('a'))))), 'der_malformed');
  });

  test('an empty OBJECT IDENTIFIER (no subidentifier, X.690 §8.19) → der_malformed', async () => {
    const empty = seq(tlv(0x06, new Uint8Array(0)), set(utf8('a')));
    await expectCode(() => decodePkcs8(pkcs8(tlv(0xa0, empty))), 'der_malformed');
  });

  test('values whose inside is not DER: a primitive SEQUENCE, a BIT STRING with non-zero unused bits → der_malformed', async () => {
    await expectCode(() => decodePkcs8(pkcs8(tlv(0xa0, attribute('1.2.3', fromHex('1000'))))), 'der_malformed');
    // 03 02 07 81: one bit (1) and 7 unused bits, the last of which is set (X.690 §11.2.1); 03 02 07 80 is its DER form
    await expectCode(() => decodePkcs8(pkcs8(tlv(0xa0, attribute('1.2.3', fromHex('03020781'))))), 'der_malformed');
    expect(decodePkcs8(pkcs8(tlv(0xa0, attribute('1.2.3', fromHex('03020780')))))).toMatchObject({ kind: 'ec' });
  });
});

describe('empty OBJECT IDENTIFIERs name nothing → der_malformed, not "an unsupported algorithm"', () => {
  test('as a PKCS#8 key algorithm', async () => {
    const der = seq(int(0), seq(tlv(0x06, new Uint8Array(0))), tlv(0x04, new Uint8Array(34)));
    expect((await expectCode(() => decodePkcs8(der), 'der_malformed')).facts.field).toBe('privateKeyAlgorithm');
  });

  test('as a named curve', async () => {
    await expectCode(() => decodeEcParameters(fromHex('0600')), 'der_malformed');
  });

  test('describeDer does not name a key whose algorithm is an empty OID', () => {
    const der = seq(seq(tlv(0x06, new Uint8Array(0))), tlv(0x03, Uint8Array.of(0, 1)));
    expect(describeDer(der).kind).toBe('unknown');
  });
});

describe('CMS recipientInfos: a SET OF, in DER order (X.690 §11.6)', () => {
  async function withExtraRecipient(first: boolean): Promise<Uint8Array> {
    const tree = readTree(await encryptSecretBackup(new Uint8Array(32).fill(7), 'pw'));
    const enveloped = tree.children![1]!.children![0]!;
    const recipients = enveloped.children![1]!;
    expect(recipients.tag).toBe(0x31);
    const other = { tag: 0x30, children: [] }; // 30 00 sorts before the pwri's a3 …
    recipients.children = first ? [other, ...recipients.children!] : [...recipients.children!, other];
    return writeTree(tree);
  }

  test('another recipient before the password one: in order, read (passphrase_required with no passphrase)', async () => {
    await expectCode(decryptSecretBackup(await withExtraRecipient(true), ''), 'passphrase_required');
  });

  test('the same recipient after it: out of order → der_malformed', async () => {
    await expectCode(decryptSecretBackup(await withExtraRecipient(false), ''), 'der_malformed');
  });
});
