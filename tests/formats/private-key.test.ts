import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { toBase64, toHex } from '../../src/lib/bytes.ts';
import { decryptPkcs8, readEncryptedPkcs8Parameters } from '../../src/lib/formats/encrypted-pkcs8.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import { readArmored } from '../../src/lib/formats/pem.ts';
import { decodePrivateKey } from '../../src/lib/formats/private-key.ts';
import type { EcPrivateComponents, RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { expectCodeAsync, genpkey, opensslBytes, opensslFields, opensslHexField, opensslRsa, WRONG_TYPES } from './support.ts';

// The PBES2 layer is another module with its own tests; here only the dispatcher's contract with it.
vi.mock('../../src/lib/formats/encrypted-pkcs8.ts', () => ({ decryptPkcs8: vi.fn(), readEncryptedPkcs8Parameters: vi.fn() }));

const tmp = scratch();
const text = (b: Uint8Array) => Buffer.from(b).toString();

let rsaPkcs8Pem: string;
let rsaView: RsaPrivateComponents;
let rsaPkcs8Der: Uint8Array;
let ecparamPem: string; // EC PARAMETERS + EC PRIVATE KEY (P-256)
let ecView: { priv: string; pub: string };

beforeAll(() => {
  const rsa = genpkey('-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  rsaPkcs8Pem = text(rsa);
  rsaView = opensslRsa(rsa);
  rsaPkcs8Der = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], rsa);
  ecparamPem = text(openssl(['ecparam', '-name', 'prime256v1', '-genkey']));
  const { text: ecText } = opensslFields(['ec'], ecparamPem);
  ecView = { priv: opensslHexField(ecText, 'priv'), pub: opensslHexField(ecText, 'pub') };
});
afterAll(() => tmp.dispose());
beforeEach(() => {
  vi.mocked(decryptPkcs8).mockReset(); // a returned function would be run as a teardown
  vi.mocked(readEncryptedPkcs8Parameters).mockReset();
});

function expectRsa(k: unknown): void {
  expect(k).toEqual(rsaView);
}

function expectP256(k: unknown): void {
  const ec = k as EcPrivateComponents;
  expect(ec.kind).toBe('ec');
  expect(ec.curveOid).toBe(OID.prime256v1);
  expect(toHex(ec.d)).toBe(ecView.priv);
  expect(toHex(ec.publicKey!)).toBe(ecView.pub);
}

describe('RSA in every container', () => {
  const cases: [string, () => string | Uint8Array, string][] = [
    ['PKCS#8 PEM (genpkey)', () => rsaPkcs8Pem, 'pkcs8'],
    ['PKCS#1 PEM (openssl rsa -traditional)', () => text(openssl(['rsa', '-traditional'], rsaPkcs8Pem)), 'pkcs1'],
    ['PKCS#1 PEM (openssl pkey -traditional)', () => text(openssl(['pkey', '-traditional'], rsaPkcs8Pem)), 'pkcs1'],
    ['PKCS#8 DER', () => rsaPkcs8Der, 'pkcs8'],
    ['PKCS#1 DER (genpkey -outform DER writes this in OpenSSL 3.0)', () => opensslBytes(['pkey', '-traditional', '-outform', 'DER'], rsaPkcs8Pem), 'pkcs1'],
    ['PKCS#8 as bare base64', () => toBase64(rsaPkcs8Der), 'pkcs8'],
    ['PKCS#8 PEM as bytes, CRLF and BOM', () => new TextEncoder().encode('\uFEFF' + rsaPkcs8Pem.replace(/\n/g, '\r\n')), 'pkcs8'],
    ['PKCS#8 PEM inside an e-mail', () => `Hi,\n\nthe key:\n\n${rsaPkcs8Pem}\nregards\n`, 'pkcs8'],
    ['PKCS#8 PEM next to its certificate', () => rsaPkcs8Pem + text(openssl(['req', '-x509', '-key', tmp.write('rsa.pem', rsaPkcs8Pem), '-subj', '/CN=x'])), 'pkcs8'],
    ['JWK (node:crypto export)', () => JSON.stringify(jwkOf(rsaPkcs8Pem)), 'jwk'],
  ];
  test.each(cases)('%s', async (_, input, format) => {
    const decoded = await decodePrivateKey(input());
    expect(decoded.format).toBe(format);
    expectRsa(decoded.key);
  });
});

describe('EC in every container', () => {
  const keyOnly = () => ecparamPem.slice(ecparamPem.indexOf('-----BEGIN EC PRIVATE KEY'));
  const cases: [string, () => string | Uint8Array, string][] = [
    ['openssl ecparam -genkey (EC PARAMETERS + EC PRIVATE KEY)', () => ecparamPem, 'sec1'],
    ['EC PRIVATE KEY alone (-noout)', keyOnly, 'sec1'],
    ['SEC1 DER', () => opensslBytes(['ec', '-outform', 'DER'], ecparamPem), 'sec1'],
    ['PKCS#8 PEM', () => text(openssl(['pkcs8', '-topk8', '-nocrypt'], ecparamPem)), 'pkcs8'],
    ['PKCS#8 DER', () => opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], ecparamPem), 'pkcs8'],
    ['PKCS#8 as bare base64 bytes', () => new TextEncoder().encode(toBase64(opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], ecparamPem))), 'pkcs8'],
    ['JWK as UTF-8 bytes with a BOM', () => new TextEncoder().encode('\uFEFF  ' + JSON.stringify(jwkOf(keyOnly()))), 'jwk'],
  ];
  test.each(cases)('%s', async (_, input, format) => {
    const decoded = await decodePrivateKey(input());
    expect(decoded.format).toBe(format);
    expectP256(decoded.key);
  });

  test('EC PRIVATE KEY without [0] takes its curve from the EC PARAMETERS block', async () => {
    const params = ecparamPem.slice(0, ecparamPem.indexOf('-----BEGIN EC PRIVATE KEY'));
    const der = opensslBytes(['ec', '-outform', 'DER'], ecparamPem);
    // drop the [0] parameters: 30 77 | 02 01 01 | 04 20 d | a0 0a 06 08 <oid> | a1 44 …
    const noParams = Uint8Array.of(0x30, 0x6b, ...der.subarray(2, 39), ...der.subarray(51));
    const pem = params + `-----BEGIN EC PRIVATE KEY-----\n${toBase64(noParams)}\n-----END EC PRIVATE KEY-----\n`;
    expectP256((await decodePrivateKey(pem)).key);
    // and without the parameters block there is no curve at all
    await expectCodeAsync(() => decodePrivateKey(noParams), 'der_malformed');
  });

  test('secp256k1 via ecparam', async () => {
    const k = (await decodePrivateKey(text(openssl(['ecparam', '-name', 'secp256k1', '-genkey'])))).key as EcPrivateComponents;
    expect(k.curveOid).toBe(OID.secp256k1);
  });

  test('SM2: genpkey PKCS#8, ecparam (SM2 PARAMETERS + PRIVATE KEY), and `openssl ec` (SM2 PRIVATE KEY)', async () => {
    const pkcs8 = text(genpkey('-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'));
    const { text: view } = opensslFields(['pkey'], pkcs8);
    const inputs = [pkcs8, text(openssl(['ec'], pkcs8))];
    const ecparam = text(openssl(['ecparam', '-name', 'SM2', '-genkey']));
    expect(ecparam).toContain('-----BEGIN SM2 PARAMETERS-----');
    for (const input of inputs) {
      const k = (await decodePrivateKey(input)).key as EcPrivateComponents;
      expect(k.curveOid).toBe(OID.sm2p256v1);
      expect(toHex(k.d)).toBe(opensslHexField(view, 'priv'));
    }
    const fromEcparam = await decodePrivateKey(ecparam);
    expect(fromEcparam.format).toBe('pkcs8');
    expect((fromEcparam.key as EcPrivateComponents).curveOid).toBe(OID.sm2p256v1);
  });
});

describe('encrypted PKCS#8 (decryption is mocked: another module)', () => {
  let encryptedPem: string;
  let encryptedDer: Uint8Array;
  beforeAll(() => {
    encryptedPem = text(openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', '1000', '-passout', 'pass:pw'], rsaPkcs8Pem));
    encryptedDer = readArmored(encryptedPem)[0]!.der;
  });

  test('no passphrase → the scheme is checked, then passphrase_required, PEM or DER', async () => {
    const checked: string[] = [];
    vi.mocked(readEncryptedPkcs8Parameters).mockImplementation((der) => void checked.push(toHex(der)) as never);
    await expectCodeAsync(() => decodePrivateKey(encryptedPem), 'passphrase_required');
    await expectCodeAsync(() => decodePrivateKey(encryptedDer), 'passphrase_required');
    expect(decryptPkcs8).not.toHaveBeenCalled();
    expect(checked).toEqual([toHex(encryptedDer), toHex(encryptedDer)]); // the input is wiped afterwards: copied at the call
  });

  test('decrypts with the passphrase, decodes the PKCS#8 inside and wipes it', async () => {
    let plain: Uint8Array | undefined;
    const seen: [string, string][] = [];
    vi.mocked(decryptPkcs8).mockImplementation(async (der, passphrase) => {
      seen.push([toHex(der), passphrase]);
      return (plain = rsaPkcs8Der.slice());
    });
    for (const input of [encryptedPem, encryptedDer]) {
      const decoded = await decodePrivateKey(input, { passphrase: 'pw' });
      expect(decoded.format).toBe('encrypted-pkcs8');
      expectRsa(decoded.key);
      expect(plain!.every((b) => b === 0)).toBe(true);
    }
    expect(seen[0]![1]).toBe('pw');
    expect(seen.every(([der]) => der === toHex(encryptedDer))).toBe(true);
  });

  test('errors from decryption pass through; the decrypted buffer is wiped even when it does not decode', async () => {
    const { ByokError } = await import('../../src/lib/errors.ts');
    vi.mocked(decryptPkcs8).mockRejectedValueOnce(new ByokError('passphrase_wrong'));
    await expectCodeAsync(() => decodePrivateKey(encryptedPem, { passphrase: 'nope' }), 'passphrase_wrong');
    const junk = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
    vi.mocked(decryptPkcs8).mockResolvedValueOnce(junk);
    await expectCodeAsync(() => decodePrivateKey(encryptedPem, { passphrase: 'x' }), 'der_malformed');
    expect(junk.every((b) => b === 0)).toBe(true);
  });

  test('with the real decryptPkcs8: an openssl -v2 aes-256-cbc file decodes to the same key', async () => {
    const real = await vi.importActual<typeof import('../../src/lib/formats/encrypted-pkcs8.ts')>('../../src/lib/formats/encrypted-pkcs8.ts');
    vi.mocked(decryptPkcs8).mockImplementation(real.decryptPkcs8);
    const decoded = await decodePrivateKey(encryptedPem, { passphrase: 'pw' });
    expect(decoded.format).toBe('encrypted-pkcs8');
    expectRsa(decoded.key);
  });

  test('a passphrase that is not a string → input_type', async () => {
    await expectCodeAsync(() => decodePrivateKey(encryptedPem, { passphrase: 1 as unknown as string }), 'input_type');
  });
});

describe('rejections', () => {
  test.each([
    ['PUBLIC KEY', () => text(openssl(['pkey', '-pubout'], rsaPkcs8Pem)), 'an RSA 2048-bit public key'],
    ['RSA PUBLIC KEY', () => text(openssl(['rsa', '-RSAPublicKey_out'], rsaPkcs8Pem)), 'a PKCS#1 RSA 2048-bit public key'],
    ['CERTIFICATE', () => text(openssl(['req', '-x509', '-key', tmp.write('c.pem', rsaPkcs8Pem), '-subj', '/CN=x'])), 'an X.509 certificate for an RSA 2048-bit public key'],
    ['raw SPKI DER', () => opensslBytes(['ec', '-pubout', '-outform', 'DER'], ecparamPem), 'an EC P-256 public key'],
    ['raw certificate DER', () => opensslBytes(['req', '-x509', '-key', tmp.write('d.pem', rsaPkcs8Pem), '-subj', '/CN=x', '-outform', 'DER']), 'an X.509 certificate for an RSA 2048-bit public key'],
    ['bare base64 of an SPKI (the KMS PublicKey field)', () => toBase64(opensslBytes(['pkey', '-pubout', '-outform', 'DER'], rsaPkcs8Pem)), 'an RSA 2048-bit public key'],
  ])('%s → key_is_public saying what it is', async (_, input, found) => {
    expect((await expectCodeAsync(() => decodePrivateKey(input()), 'key_is_public')).facts.found).toBe(found);
  });

  test('a damaged PUBLIC KEY block still reads as public', async () => {
    const e = await expectCodeAsync(() => decodePrivateKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'), 'key_is_public');
    expect(e.facts.found).toBe('a public key');
  });

  test('two private keys → pem_multiple_keys', async () => {
    const e = await expectCodeAsync(() => decodePrivateKey(rsaPkcs8Pem + ecparamPem), 'pem_multiple_keys');
    expect(e.facts.length).toBe(2);
  });

  test('other labels → format_unrecognized with the label', async () => {
    const e = await expectCodeAsync(() => decodePrivateKey('-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n'), 'format_unrecognized');
    expect(e.facts.label).toBe('X509 CRL');
    const ssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    expect((await expectCodeAsync(() => decodePrivateKey(ssh), 'format_unrecognized')).facts.label).toBe('OPENSSH PRIVATE KEY');
  });

  test('EC PARAMETERS alone → format_unrecognized', async () => {
    const params = ecparamPem.slice(0, ecparamPem.indexOf('-----BEGIN EC PRIVATE KEY'));
    expect((await expectCodeAsync(() => decodePrivateKey(params), 'format_unrecognized')).facts.label).toBe('EC PARAMETERS');
  });

  test('DSA PRIVATE KEY → key_algorithm_unsupported', async () => {
    const params = tmp.write('dsa.pem', genpkey('-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024'));
    const dsa = text(openssl(['pkey', '-traditional'], genpkey('-paramfile', params)));
    expect(dsa).toContain('-----BEGIN DSA PRIVATE KEY-----');
    expect((await expectCodeAsync(() => decodePrivateKey(dsa), 'key_algorithm_unsupported')).facts.found).toBe('DSA');
  });

  test.each([
    ['Ed448', 'ED448'],
    ['X448', 'X448'],
  ])('%s PKCS#8 → key_algorithm_unsupported', async (name, alg) => {
    expect((await expectCodeAsync(() => decodePrivateKey(genpkey('-algorithm', alg)), 'key_algorithm_unsupported')).facts.found).toBe(name);
  });

  test('P-224, in PKCS#8 and in SEC1 → ec_curve_unsupported', async () => {
    const p224 = genpkey('-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-224');
    expect((await expectCodeAsync(() => decodePrivateKey(p224), 'ec_curve_unsupported')).facts.curve).toBe('P-224');
    expect((await expectCodeAsync(() => decodePrivateKey(openssl(['ec'], p224)), 'ec_curve_unsupported')).facts.curve).toBe('P-224');
  });

  test('explicit curve parameters (ecparam -param_enc explicit -genkey) → ec_explicit_parameters', async () => {
    const pem = text(openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey']));
    await expectCodeAsync(() => decodePrivateKey(pem), 'ec_explicit_parameters');
    const noout = text(openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout']));
    await expectCodeAsync(() => decodePrivateKey(noout), 'ec_explicit_parameters');
  });

  test('EC PARAMETERS naming another curve than the key → der_malformed', async () => {
    const k1 = text(openssl(['ecparam', '-name', 'secp256k1']));
    const keyOnly = ecparamPem.slice(ecparamPem.indexOf('-----BEGIN EC PRIVATE KEY'));
    await expectCodeAsync(() => decodePrivateKey(k1 + keyOnly), 'der_malformed');
    const pkcs8 = text(openssl(['pkcs8', '-topk8', '-nocrypt'], ecparamPem));
    await expectCodeAsync(() => decodePrivateKey(k1 + pkcs8), 'der_malformed');
  });

  test('legacy encrypted PEM → encryption_unsupported', async () => {
    const legacy = text(openssl(['rsa', '-traditional', '-aes256', '-passout', 'pass:pw'], rsaPkcs8Pem));
    await expectCodeAsync(() => decodePrivateKey(legacy, { passphrase: 'pw' }), 'encryption_unsupported');
  });

  test('multi-prime RSA → rsa_multi_prime', async () => {
    const three = genpkey('-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-pkeyopt', 'rsa_keygen_primes:3');
    await expectCodeAsync(() => decodePrivateKey(three), 'rsa_multi_prime');
    await expectCodeAsync(() => decodePrivateKey(openssl(['rsa', '-traditional'], three)), 'rsa_multi_prime');
  });

  test.each(WRONG_TYPES)('%s → input_type', async (_, input) => {
    await expectCodeAsync(() => decodePrivateKey(input as never), 'input_type');
  });

  test.each([
    ['empty', ''],
    ['whitespace', '\n\n  '],
    ['empty bytes', new Uint8Array(0)],
  ])('%s → input_empty', async (_, input) => {
    await expectCodeAsync(() => decodePrivateKey(input), 'input_empty');
  });

  test('raw DER: truncated → der_truncated, trailing → der_trailing_data, unknown → format_unrecognized', async () => {
    await expectCodeAsync(() => decodePrivateKey(rsaPkcs8Der.subarray(0, 100)), 'der_truncated');
    await expectCodeAsync(() => decodePrivateKey(Uint8Array.of(...rsaPkcs8Der, 0)), 'der_trailing_data');
    const e = await expectCodeAsync(() => decodePrivateKey(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x07)), 'format_unrecognized');
    expect(e.facts.found).toBe('an unrecognised DER structure');
  });

  test('a PKCS#8 block with damaged DER → the DER error', async () => {
    const der = rsaPkcs8Der.subarray(0, rsaPkcs8Der.length - 10);
    const pem = `-----BEGIN PRIVATE KEY-----\n${toBase64(der)}\n-----END PRIVATE KEY-----\n`;
    await expectCodeAsync(() => decodePrivateKey(pem), 'der_truncated');
  });

  test('invalid JWK → jwk_invalid', async () => {
    await expectCodeAsync(() => decodePrivateKey('{"kty":"RSA", '), 'jwk_invalid');
  });

  test('the caller’s bytes are not wiped', async () => {
    const input = rsaPkcs8Der.slice();
    await decodePrivateKey(input);
    expect(toHex(input)).toBe(toHex(rsaPkcs8Der));
  });
});

/** node:crypto's JWK export: independent of our decoders. */
function jwkOf(pem: string): object {
  return createPrivateKey(pem).export({ format: 'jwk' });
}
