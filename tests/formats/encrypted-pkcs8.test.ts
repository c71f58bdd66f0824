// Encrypted PKCS#8 (RFC 5958 §3, RFC 8018 PBES2) against the OpenSSL 3 CLI in both directions.
import { cbc } from '@noble/ciphers/aes.js';
import { AsnParser, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, fromHex, toBase64, toHex } from '../../src/lib/bytes.ts';
import { ByokError, type ErrorCode, type ErrorFacts } from '../../src/lib/errors.ts';
import {
  decryptPkcs8,
  encryptPkcs8,
  MAX_PBKDF2_ITERATIONS,
  MIN_ENCRYPT_ITERATIONS,
  readEncryptedPkcs8Parameters,
} from '../../src/lib/formats/encrypted-pkcs8.ts';
import { Pbes2Params, Pbkdf2Params } from './support.ts';
import { encodePem } from '../../src/lib/formats/pem.ts';
import { decodePrivateKey } from '../../src/lib/formats/private-key.ts';
import { parseTargetKey } from '../../src/lib/target-key.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { openssl, scratch } from '../helpers/openssl.ts';

const PASS = 'correct horse battery staple';
const NON_ASCII_PASS = '密码口令-пароль-🔑';
type KeyName = 'ec' | 'rsa';

let s: ReturnType<typeof scratch>;
/** `openssl pkcs8 -topk8 -nocrypt -outform DER` of each key: the bytes decryption must reproduce. */
const reference = {} as Record<KeyName, Uint8Array>;
let ecSpki: Uint8Array;

beforeAll(() => {
  s = scratch('byok-epk8-');
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', s.path('ec.pem')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', s.path('rsa.pem')]);
  for (const k of ['ec', 'rsa'] as const) {
    const args = ['pkcs8', '-topk8', '-nocrypt', '-in', s.path(`${k}.pem`), '-outform', 'DER'];
    reference[k] = new Uint8Array(openssl(args));
  }
  ecSpki = new Uint8Array(openssl(['pkey', '-in', s.path('ec.pem'), '-pubout', '-outform', 'DER']));
});

afterAll(() => s?.dispose());

/** `openssl pkcs8 -topk8 <args>` on one of the keys, as DER. */
function opensslEncrypt(key: KeyName, args: string[], pass = PASS): Uint8Array {
  return new Uint8Array(
    openssl(['pkcs8', '-topk8', ...args, '-passout', `pass:${pass}`, '-in', s.path(`${key}.pem`), '-outform', 'DER']),
  );
}

function pemBody(pem: string, label: string): Uint8Array {
  const m = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`no ${label} block`);
  return fromBase64(m[1]!);
}

function pem(der: Uint8Array, label: string): string {
  const lines = toBase64(der).match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

function expectCodeSync(run: () => unknown, code: ErrorCode, facts?: ErrorFacts): void {
  let err: unknown;
  try {
    run();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ByokError);
  expect((err as ByokError).code).toBe(code);
  if (facts) expect((err as ByokError).facts).toMatchObject(facts);
}

async function expectCode(p: Promise<unknown>, code: ErrorCode, facts?: ErrorFacts): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ByokError);
  expect((err as ByokError).code).toBe(code);
  if (facts) expect((err as ByokError).facts).toMatchObject(facts);
}

/** The parsed layers of an EncryptedPrivateKeyInfo, to edit and re-serialise. */
interface Layers {
  info: EncryptedPrivateKeyInfo;
  pbes2: Pbes2Params;
  kdf: Pbkdf2Params;
}

function layers(der: Uint8Array): Layers {
  const info = AsnParser.parse(der, EncryptedPrivateKeyInfo);
  const pbes2 = AsnParser.parse(info.encryptionAlgorithm.parameters!, Pbes2Params);
  const kdf = AsnParser.parse(pbes2.keyDerivationFunc.parameters!, Pbkdf2Params);
  return { info, pbes2, kdf };
}

function serialize({ info, pbes2, kdf }: Layers): Uint8Array {
  pbes2.keyDerivationFunc.parameters = AsnSerializer.serialize(kdf);
  info.encryptionAlgorithm.parameters = AsnSerializer.serialize(pbes2);
  return new Uint8Array(AsnSerializer.serialize(info));
}

function mutate(der: Uint8Array, edit: (l: Layers) => void): Uint8Array {
  const l = layers(der);
  edit(l);
  return serialize(l);
}

function ivParams(iv: Uint8Array): ArrayBuffer {
  return AsnSerializer.serialize(new OctetString(iv));
}

/** PBKDF2 + AES-256-CBC done by the OpenSSL CLI (`openssl kdf`, `openssl enc`) over arbitrary plaintext. */
function opensslPbes2(plaintext: Uint8Array, pass: string, iterations: number): Uint8Array {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const kdfArgs = ['kdf', '-keylen', '32', '-kdfopt', 'digest:SHA256', '-kdfopt', `pass:${pass}`];
  const keyHex = openssl([...kdfArgs, '-kdfopt', `hexsalt:${toHex(salt)}`, '-kdfopt', `iter:${iterations}`, 'PBKDF2'])
    .toString()
    .trim()
    .replace(/:/g, '');
  const ciphertext = openssl(['enc', '-aes-256-cbc', '-K', keyHex, '-iv', toHex(iv)], plaintext);
  const kdf = new Pbkdf2Params({
    salt: salt.buffer,
    iterationCount: BigInt(iterations),
    prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA256, parameters: null }),
  });
  const pbes2 = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: OID.pbkdf2 }),
    encryptionScheme: new AlgorithmIdentifier({ algorithm: OID.aes256Cbc, parameters: ivParams(iv) }),
  });
  const info = new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: OID.pbes2 }),
    encryptedData: new EncryptedData(new Uint8Array(ciphertext)),
  });
  return serialize({ info, pbes2, kdf });
}

describe('decryptPkcs8: files written by OpenSSL', () => {
  const variants: [string, string[]][] = [
    ['openssl 3 default (aes-256-cbc, hmacWithSHA256)', []],
    ['aes-128-cbc, hmacWithSHA256', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA256', '-iter', '2048']],
    ['aes-192-cbc, hmacWithSHA1 (prf absent)', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '2048']],
    ['aes-256-cbc, hmacWithSHA1 (prf absent)', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '2048']],
    ['aes-256-cbc, hmacWithSHA384', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA384', '-iter', '1000']],
    ['aes-128-cbc, hmacWithSHA512', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA512', '-iter', '1000']],
    ['aes-256-cbc, one iteration', ['-v2', 'aes-256-cbc', '-iter', '1']],
  ];
  for (const key of ['ec', 'rsa'] as const) {
    it.each(variants)(`${key}: %s`, async (_name, args) => {
      const der = opensslEncrypt(key, args);
      const out = await decryptPkcs8(der, PASS);
      expect(toHex(out)).toBe(toHex(reference[key]));
    });
  }

  it('hmacWithSHA1 files really omit the prf, so the RFC 8018 §A.2 default is what was exercised', () => {
    const der = opensslEncrypt('ec', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '10']);
    const { kdf, pbes2 } = layers(der);
    expect(kdf.prf).toBeUndefined();
    expect(pbes2.encryptionScheme.algorithm).toBe(OID.aes192Cbc);
  });

  it('an explicit hmacWithSHA1 prf (with or without NULL) and a matching keyLength are accepted', async () => {
    const sha1 = opensslEncrypt('ec', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '10']);
    for (const parameters of [null, undefined]) {
      const der = mutate(sha1, ({ kdf }) => {
        kdf.prf = new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA1, parameters });
        kdf.keyLength = 32n;
      });
      expect(toHex(await decryptPkcs8(der, PASS))).toBe(toHex(reference.ec));
    }
  });

  it('genpkey -aes256 (PEM, EC) and pkey -aes256 (PEM, RSA)', async () => {
    const genpkey = ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    const ecPem = openssl([...genpkey, '-aes256', '-pass', `pass:${PASS}`]);
    const ecRef = openssl(['pkcs8', '-topk8', '-nocrypt', '-passin', `pass:${PASS}`, '-outform', 'DER'], ecPem);
    const rsaPem = openssl(['pkey', '-in', s.path('rsa.pem'), '-aes256', '-passout', `pass:${PASS}`]);
    for (const [text, ref] of [
      [ecPem, ecRef],
      [rsaPem, reference.rsa],
    ] as const) {
      const out = await decryptPkcs8(pemBody(text.toString(), 'ENCRYPTED PRIVATE KEY'), PASS);
      expect(toHex(out)).toBe(toHex(ref));
    }
  });

  it('a non-ASCII passphrase is used as its UTF-8 bytes, without Unicode normalisation', async () => {
    const der = opensslEncrypt('rsa', ['-v2', 'aes-256-cbc', '-iter', '2048'], NON_ASCII_PASS);
    expect(toHex(await decryptPkcs8(der, NON_ASCII_PASS))).toBe(toHex(reference.rsa));
    const composed = opensslEncrypt('ec', ['-iter', '1'], 'caf\u00e9');
    expect(toHex(await decryptPkcs8(composed, 'caf\u00e9'))).toBe(toHex(reference.ec));
    await expectCode(decryptPkcs8(composed, 'cafe\u0301'), 'passphrase_wrong');
  });
});

describe('decryptPkcs8: wrong or missing passphrase', () => {
  it('several wrong passphrases → passphrase_wrong', async () => {
    const der = opensslEncrypt('ec', ['-v2', 'aes-256-cbc', '-iter', '1']);
    for (const wrong of ['wrong', PASS.toUpperCase(), PASS + ' ', PASS.slice(0, -1), ' ' + PASS, '0', NON_ASCII_PASS]) {
      await expectCode(decryptPkcs8(der, wrong), 'passphrase_wrong');
    }
  });

  it('a wrong passphrase whose decryption happens to have valid padding → passphrase_wrong', async () => {
    const der = opensslEncrypt('rsa', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1', '-iter', '1']);
    const { kdf, pbes2, info } = layers(der);
    const iv = new Uint8Array(pbes2.encryptionScheme.parameters!).slice(2);
    const ciphertext = new Uint8Array(info.encryptedData.buffer);
    // Expected ~256 tries: about one wrong key in 256 leaves 0x01 as the last byte, which is valid PKCS#7.
    let lucky: string | undefined;
    for (let i = 0; i < 5000 && !lucky; i++) {
      const pass = `wrong-${i}`;
      const password = new TextEncoder().encode(pass);
      const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
      const bits = await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-1', salt: new Uint8Array(kdf.salt), iterations: 1 },
        base,
        128,
      );
      const raw = cbc(new Uint8Array(bits), iv, { disablePadding: true }).decrypt(ciphertext);
      if (raw.at(-1) === 1) lucky = pass;
    }
    expect(lucky).toBeDefined();
    await expectCode(decryptPkcs8(der, lucky!), 'passphrase_wrong');
  });

  it('right passphrase, valid padding, but the plaintext is not a PrivateKeyInfo → passphrase_wrong', async () => {
    // Control: the same construction around the real key decrypts, so only the plaintext differs below.
    expect(toHex(await decryptPkcs8(opensslPbes2(reference.ec, PASS, 1000), PASS))).toBe(toHex(reference.ec));
    const notKeys = [
      crypto.getRandomValues(new Uint8Array(48)), // noise
      ecSpki, // well-formed DER, but a public key
      concatBytes(reference.ec, new Uint8Array([0])), // trailing byte after the key
      reference.ec.subarray(0, reference.ec.length - 1), // truncated key
      new Uint8Array([0x30, 0x00]), // empty SEQUENCE
    ];
    for (const plaintext of notKeys) {
      await expectCode(decryptPkcs8(opensslPbes2(plaintext, PASS, 1000), PASS), 'passphrase_wrong');
    }
  });

  it('empty passphrase → passphrase_required (asked only once the file is known to be usable)', async () => {
    await expectCode(decryptPkcs8(opensslEncrypt('ec', ['-iter', '1']), ''), 'passphrase_required');
  });
});

describe('decryptPkcs8: unsupported schemes → encryption_unsupported', () => {
  it.each([
    ['PBES1 via PKCS#12 3DES (-v1 PBE-SHA1-3DES)', ['-v1', 'PBE-SHA1-3DES'], 'PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC'],
    ['scrypt (-scrypt)', ['-scrypt', '-scrypt_N', '1024'], 'scrypt'],
    ['PBES2 with DES-EDE3-CBC (-v2 des3)', ['-v2', 'des3'], 'DES-EDE3-CBC'],
    ['PBES2 with hmacWithSHA224 (no WebCrypto SHA-224)', ['-v2prf', 'hmacWithSHA224', '-iter', '10'], 'hmacWithSHA224'],
  ])('%s', async (_name, args, found) => {
    const der = opensslEncrypt('ec', args);
    await expectCode(decryptPkcs8(der, PASS), 'encryption_unsupported', { found });
    await expectCode(decryptPkcs8(der, ''), 'encryption_unsupported', { found });
  });

  it('PBES1 pbeWithMD5AndDES-CBC (legacy provider only in OpenSSL 3, built here)', async () => {
    const info = new EncryptedPrivateKeyInfo({
      encryptionAlgorithm: new AlgorithmIdentifier({
        algorithm: '1.2.840.113549.1.5.3',
        // PBEParameter (RFC 8018 §A.3) has the same shape as PBKDF2-params without the optional fields.
        parameters: AsnSerializer.serialize(new Pbkdf2Params({ salt: new ArrayBuffer(8), iterationCount: 2048n })),
      }),
      encryptedData: new EncryptedData(new Uint8Array(144)),
    });
    const der = new Uint8Array(AsnSerializer.serialize(info));
    await expectCode(decryptPkcs8(der, PASS), 'encryption_unsupported', { found: 'PBES1 pbeWithMD5AndDES-CBC' });
  });

  it('unknown OIDs are named by oidName()', async () => {
    const base = opensslEncrypt('ec', ['-iter', '10']);
    const gcm = '2.16.840.1.101.3.4.1.46';
    const unknownPrf = '1.2.840.113549.2.13'; // hmacWithSHA512-256
    const cases: [(l: Layers) => void, string][] = [
      [(l) => (l.pbes2.encryptionScheme.algorithm = gcm), `OID ${gcm}`],
      [(l) => (l.kdf.prf = new AlgorithmIdentifier({ algorithm: unknownPrf, parameters: null })), `OID ${unknownPrf}`],
      [(l) => (l.pbes2.keyDerivationFunc.algorithm = '1.2.3.4'), 'OID 1.2.3.4'],
    ];
    for (const [edit, found] of cases) {
      await expectCode(decryptPkcs8(mutate(base, edit), PASS), 'encryption_unsupported', { found });
    }
    const notPbes2 = AsnParser.parse(base, EncryptedPrivateKeyInfo);
    notPbes2.encryptionAlgorithm.algorithm = OID.rsaEncryption;
    const der = new Uint8Array(AsnSerializer.serialize(notPbes2));
    await expectCode(decryptPkcs8(der, PASS), 'encryption_unsupported', { found: 'RSA' });
  });
});

describe('decryptPkcs8: damaged and hostile files', () => {
  let base: Uint8Array;
  beforeAll(() => {
    base = opensslEncrypt('ec', ['-v2', 'aes-256-cbc', '-iter', '10']);
  });

  it('truncated → der_truncated; trailing garbage → der_trailing_data; nothing → input_empty', async () => {
    await expectCode(decryptPkcs8(base.subarray(0, base.length - 1), PASS), 'der_truncated');
    await expectCode(decryptPkcs8(base.subarray(0, 40), PASS), 'der_truncated');
    await expectCode(decryptPkcs8(concatBytes(base, new Uint8Array([0])), PASS), 'der_trailing_data');
    await expectCode(decryptPkcs8(new Uint8Array(0), PASS), 'input_empty');
  });

  it('not an EncryptedPrivateKeyInfo at all → der_malformed', async () => {
    await expectCode(decryptPkcs8(reference.ec, PASS), 'der_malformed');
    await expectCode(decryptPkcs8(ecSpki, PASS), 'der_malformed');
  });

  it('iteration count outside 1..10,000,000 → encryption_unsupported with the limit, before any PBKDF2', async () => {
    for (const count of [0n, -1n, BigInt(MAX_PBKDF2_ITERATIONS) + 1n, 2n ** 31n, 2n ** 64n]) {
      const der = mutate(base, ({ kdf }) => (kdf.iterationCount = count));
      await expectCode(decryptPkcs8(der, PASS), 'encryption_unsupported', {
        field: 'iterationCount',
        limit: MAX_PBKDF2_ITERATIONS,
      });
    }
    const huge = mutate(base, ({ kdf }) => (kdf.iterationCount = 2n ** 64n));
    await expectCode(decryptPkcs8(huge, PASS), 'encryption_unsupported', { found: 'over 2^53 iterations' });
    // The limit itself is allowed (checked without paying for 10M iterations).
    const atLimit = mutate(base, ({ kdf }) => (kdf.iterationCount = BigInt(MAX_PBKDF2_ITERATIONS)));
    await expectCode(decryptPkcs8(atLimit, ''), 'passphrase_required');
  });

  it('over the cap → refused before any passphrase is asked for (issue 8 §5): parameters read without one', async () => {
    const overCap = mutate(base, ({ kdf }) => (kdf.iterationCount = BigInt(MAX_PBKDF2_ITERATIONS) + 1n));
    expectCodeSync(() => readEncryptedPkcs8Parameters(overCap), 'encryption_unsupported', { field: 'iterationCount', limit: MAX_PBKDF2_ITERATIONS });
    // the loaders say so with no passphrase at all (the UI's first try), not passphrase_required
    for (const input of [overCap, encodePem('ENCRYPTED PRIVATE KEY', overCap)]) {
      await expectCode(decodePrivateKey(input), 'encryption_unsupported', { field: 'iterationCount' });
      await expectCode(parseTargetKey(input), 'encryption_unsupported', { field: 'iterationCount' });
    }
    const atLimit = mutate(base, ({ kdf }) => (kdf.iterationCount = BigInt(MAX_PBKDF2_ITERATIONS)));
    expect(readEncryptedPkcs8Parameters(atLimit)).toMatchObject({ kdf: 'PBKDF2', prf: 'SHA-256', iterations: MAX_PBKDF2_ITERATIONS, cipher: 'AES-256-CBC' });
    await expectCode(decodePrivateKey(atLimit), 'passphrase_required');
  });

  it('salt empty or over 1024 bytes → der_malformed (salt)', async () => {
    for (const len of [0, 1025, 4096]) {
      const der = mutate(base, ({ kdf }) => (kdf.salt = new ArrayBuffer(len)));
      await expectCode(decryptPkcs8(der, PASS), 'der_malformed', { field: 'salt', length: len });
    }
    const maxSalt = mutate(base, ({ kdf }) => (kdf.salt = new ArrayBuffer(1024)));
    await expectCode(decryptPkcs8(maxSalt, ''), 'passphrase_required');
  });

  it('IV not a 16-byte OCTET STRING → der_malformed (iv)', async () => {
    const edits: ((l: Layers) => void)[] = [
      (l) => (l.pbes2.encryptionScheme.parameters = ivParams(new Uint8Array(8))),
      (l) => (l.pbes2.encryptionScheme.parameters = ivParams(new Uint8Array(17))),
      (l) => (l.pbes2.encryptionScheme.parameters = ivParams(new Uint8Array(0))),
      (l) => (l.pbes2.encryptionScheme.parameters = null),
      (l) => (l.pbes2.encryptionScheme.parameters = undefined),
      (l) => (l.pbes2.encryptionScheme.parameters = AsnSerializer.serialize(new Pbkdf2Params())), // a SEQUENCE
    ];
    for (const edit of edits) {
      await expectCode(decryptPkcs8(mutate(base, edit), PASS), 'der_malformed', { field: 'iv' });
    }
  });

  it('keyLength not matching the cipher → der_malformed (keyLength)', async () => {
    for (const keyLength of [16n, 24n, 0n, 33n, -32n]) {
      const der = mutate(base, ({ kdf }) => (kdf.keyLength = keyLength));
      await expectCode(decryptPkcs8(der, PASS), 'der_malformed', { field: 'keyLength' });
    }
  });

  it('ciphertext empty or not whole AES blocks → der_malformed (encryptedData)', async () => {
    const ct = new Uint8Array(layers(base).info.encryptedData.buffer);
    const damaged = [ct.subarray(0, -1), ct.subarray(0, 15), new Uint8Array(0), concatBytes(ct, new Uint8Array(1))];
    for (const bad of damaged) {
      const der = mutate(base, ({ info }) => (info.encryptedData = new EncryptedData(bad)));
      await expectCode(decryptPkcs8(der, PASS), 'der_malformed', { field: 'encryptedData', length: bad.length });
    }
  });

  it('missing or malformed PBES2 / PBKDF2 parameters and prf parameters → der_malformed', async () => {
    const noParams = AsnParser.parse(base, EncryptedPrivateKeyInfo);
    noParams.encryptionAlgorithm.parameters = undefined;
    await expectCode(decryptPkcs8(new Uint8Array(AsnSerializer.serialize(noParams)), PASS), 'der_malformed');

    const l = layers(base);
    l.pbes2.keyDerivationFunc.parameters = null;
    l.info.encryptionAlgorithm.parameters = AsnSerializer.serialize(l.pbes2);
    await expectCode(decryptPkcs8(new Uint8Array(AsnSerializer.serialize(l.info)), PASS), 'der_malformed');

    const prfWithParams = mutate(base, ({ kdf }) => {
      kdf.prf = new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA256, parameters: ivParams(new Uint8Array(4)) });
    });
    await expectCode(decryptPkcs8(prfWithParams, PASS), 'der_malformed', { field: 'prf' });
  });

  it('rejects non-bytes / non-string arguments with input_type', async () => {
    await expectCode(decryptPkcs8('MIIB' as unknown as Uint8Array, PASS), 'input_type');
    await expectCode(decryptPkcs8(base, 42 as unknown as string), 'input_type');
  });
});

describe('encryptPkcs8: read back by OpenSSL', () => {
  const asn1parse = (der: Uint8Array): string => openssl(['asn1parse', '-inform', 'DER'], der).toString();
  /**
   * `openssl pkey -passin` on our file. Its PEM output is PKCS#8 ("PRIVATE KEY"); its DER output would be the
   * traditional SEC1 / PKCS#1 form in OpenSSL 3.0, so PEM is what we compare.
   */
  const opensslReads = (path: string, pass: string, inform: 'DER' | 'PEM' = 'DER'): string => {
    const out = openssl(['pkey', '-inform', inform, '-passin', `pass:${pass}`, '-in', path]).toString();
    return toHex(pemBody(out, 'PRIVATE KEY'));
  };

  for (const key of ['ec', 'rsa'] as const) {
    it(`${key}: openssl pkey -inform DER -passin gives back the original PrivateKeyInfo`, async () => {
      const der = await encryptPkcs8(reference[key], PASS);
      const path = s.write(`${key}-ours.der`, der);
      expect(opensslReads(path, PASS)).toBe(toHex(reference[key]));
    });
  }

  it('writes PBES2 / PBKDF2 600000 / hmacWithSHA256 NULL / AES-256-CBC with 16-byte salt and IV', async () => {
    const der = await encryptPkcs8(reference.ec, PASS);
    const dump = asn1parse(der);
    expect(dump).toMatch(/OBJECT\s+:PBES2/);
    expect(dump).toMatch(/OBJECT\s+:PBKDF2/);
    expect(dump).toMatch(/INTEGER\s+:0927C0\n/); // 600000
    expect(dump).toMatch(/OBJECT\s+:hmacWithSHA256\n.*prim:\s+NULL/);
    expect(dump).toMatch(/OBJECT\s+:aes-256-cbc/);
    const { kdf, pbes2 } = layers(der);
    expect(kdf.iterationCount).toBe(BigInt(MIN_ENCRYPT_ITERATIONS));
    expect(kdf.salt.byteLength).toBe(16);
    expect(kdf.keyLength).toBeUndefined();
    expect(new Uint8Array(pbes2.encryptionScheme.parameters!).length).toBe(18); // 04 10 ‖ IV
    expect(toHex(await decryptPkcs8(der, PASS))).toBe(toHex(reference.ec));
  });

  it('PEM "ENCRYPTED PRIVATE KEY" around our DER is read by openssl', async () => {
    const path = s.write('ours.pem', pem(await encryptPkcs8(reference.rsa, PASS), 'ENCRYPTED PRIVATE KEY'));
    expect(opensslReads(path, PASS, 'PEM')).toBe(toHex(reference.rsa));
  });

  it('non-ASCII passphrase round trip with openssl', async () => {
    const path = s.write('ours-cn.der', await encryptPkcs8(reference.ec, NON_ASCII_PASS));
    expect(opensslReads(path, NON_ASCII_PASS)).toBe(toHex(reference.ec));
    expect(() => openssl(['pkey', '-inform', 'DER', '-passin', 'pass:wrong', '-in', path])).toThrow();
  });

  it('fresh salt and IV every time', async () => {
    const a = layers(await encryptPkcs8(reference.ec, PASS));
    const b = layers(await encryptPkcs8(reference.ec, PASS));
    expect(toHex(new Uint8Array(a.kdf.salt))).not.toBe(toHex(new Uint8Array(b.kdf.salt)));
    expect(toHex(new Uint8Array(a.pbes2.encryptionScheme.parameters!))).not.toBe(
      toHex(new Uint8Array(b.pbes2.encryptionScheme.parameters!)),
    );
  });

  it('a higher iteration count is honoured', async () => {
    const der = await encryptPkcs8(reference.ec, PASS, { iterations: 700_000 });
    expect(asn1parse(der)).toMatch(/INTEGER\s+:0AAE60\n/);
    const path = s.write('ours-700k.der', der);
    expect(opensslReads(path, PASS)).toBe(toHex(reference.ec));
  });
});

describe('encryptPkcs8: refusals', () => {
  it('under 600,000 or over 10,000,000 iterations, or not an integer → encryption_unsupported', async () => {
    for (const iterations of [599_999, 2048, 1, 0, -1, 600_000.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectCode(encryptPkcs8(reference.ec, PASS, { iterations }), 'encryption_unsupported', {
        field: 'iterations',
        limit: MIN_ENCRYPT_ITERATIONS,
      });
    }
    const tooMany = encryptPkcs8(reference.ec, PASS, { iterations: MAX_PBKDF2_ITERATIONS + 1 });
    await expectCode(tooMany, 'encryption_unsupported', { field: 'iterations', limit: MAX_PBKDF2_ITERATIONS });
  });

  it('empty passphrase → passphrase_empty', async () => {
    await expectCode(encryptPkcs8(reference.ec, ''), 'passphrase_empty');
  });

  it('input that is not a PrivateKeyInfo → der_* (never encrypted into a file we could not read back)', async () => {
    await expectCode(encryptPkcs8(ecSpki, PASS), 'der_malformed', { field: 'version' });
    await expectCode(encryptPkcs8(reference.ec.subarray(0, 20), PASS), 'der_truncated');
    await expectCode(encryptPkcs8(concatBytes(reference.ec, fromHex('00')), PASS), 'der_trailing_data');
    await expectCode(encryptPkcs8(new Uint8Array(0), PASS), 'input_empty');
  });
});
