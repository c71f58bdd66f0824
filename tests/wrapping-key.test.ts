// Spec §4: the KMS wrapping public key — accepted forms and rejections, each asserting its code.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseWrappingPublicKey } from '../src/lib/index.ts';
import { expectCode } from './helpers/expect-code.ts';
import { openssl, scratch } from './helpers/openssl.ts';

const tmp = scratch();
const gen = (args: string[]) => {
  const p = tmp.path(`k${Math.random().toString(36).slice(2)}.pem`);
  openssl(['genpkey', ...args, '-out', p]);
  return p;
};
const pubPem = (p: string) => openssl(['pkey', '-in', p, '-pubout']).toString();
const pubDer = (p: string) => new Uint8Array(openssl(['pkey', '-in', p, '-pubout', '-outform', 'DER']));
const sha = (b: Uint8Array) => openssl(['dgst', '-sha256', '-r'], b).toString().slice(0, 64);

let rsa: string;
let sm2: string;
beforeAll(() => {
  rsa = gen(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  sm2 = gen(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']);
});
afterAll(() => tmp.dispose());

describe('accepted forms', () => {
  test.each(['rsa', 'sm2'])('%s as PEM, PEM+CRLF+BOM+text, DER, base64, base64 with line breaks', (k) => {
    const p = k === 'rsa' ? rsa : sm2;
    const der = pubDer(p);
    const forms: (string | Uint8Array)[] = [
      pubPem(p),
      '\uFEFF' + 'Public key downloaded from KMS\r\n' + pubPem(p).replace(/\n/g, '\r\n'),
      new TextEncoder().encode('\uFEFF' + pubPem(p)),
      der,
      Buffer.from(der).toString('base64'),
      '  ' + Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\r\n') + '\n',
    ];
    for (const f of forms) {
      const w = parseWrappingPublicKey(f);
      expect(w.spec).toBe(k === 'rsa' ? 'RSA_2048' : 'EC_SM2');
      expect(w.algorithm).toBe(k === 'rsa' ? 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' : 'SM2PKE_SM4_ECB');
      expect(Buffer.from(w.spki).equals(Buffer.from(der))).toBe(true);
      expect(w.sha256).toBe(sha(der));
    }
    expect(parseWrappingPublicKey(der).source).toBe('der');
    expect(parseWrappingPublicKey(pubPem(p)).source).toBe('pem');
    expect(parseWrappingPublicKey(Buffer.from(der).toString('base64')).source).toBe('base64');
  });
});

describe('rejections say what the file actually is', () => {
  // issue 9: RSA_3072 and RSA_4096 wrapping keys are accepted now (tests/keys/wrapping-key.test.ts); smaller ones are not
  test('RSA 1024 and 1536', async () => {
    for (const bits of [1024, 1536]) {
      const e = await expectCode(() => parseWrappingPublicKey(pubPem(gen(['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`]))), 'wrapping_key_unsupported');
      expect(e.message).toContain(`RSA ${bits}-bit`);
    }
  });
  test.each([
    ['P-256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['secp256k1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']],
    ['Ed25519', ['-algorithm', 'ED25519']],
  ])('%s', async (name, args) => {
    const e = await expectCode(() => parseWrappingPublicKey(pubDer(gen(args))), 'wrapping_key_unsupported');
    expect(e.message).toContain(name);
  });
  test('a certificate (PEM and DER)', async () => {
    const cert = openssl(['req', '-x509', '-key', rsa, '-subj', '/CN=not-a-wrapping-key', '-days', '1']).toString();
    await expectCode(() => parseWrappingPublicKey(cert), 'wrapping_key_is_certificate');
    const certDer = new Uint8Array(openssl(['x509', '-outform', 'DER'], cert));
    await expectCode(() => parseWrappingPublicKey(certDer), 'wrapping_key_is_certificate');
    await expectCode(() => parseWrappingPublicKey(Buffer.from(certDer).toString('base64')), 'wrapping_key_is_certificate');
  });
  test('a private key given by mistake (PEM, PKCS#1, DER)', async () => {
    await expectCode(() => parseWrappingPublicKey(openssl(['pkey', '-in', rsa]).toString()), 'wrapping_key_is_private_key');
    await expectCode(() => parseWrappingPublicKey(openssl(['rsa', '-in', rsa, '-traditional']).toString()), 'wrapping_key_is_private_key');
    await expectCode(() => parseWrappingPublicKey(new Uint8Array(openssl(['pkey', '-in', sm2, '-outform', 'DER']))), 'wrapping_key_is_private_key');
  });
  test('RSA exponent longer than 32 bits (browsers refuse it; spec §4.2)', async () => {
    // SPKI with a 2048-bit modulus from OpenSSL and e = 2^32 + 1, encoded by OpenSSL's asn1parse -genconf
    const n = openssl(['rsa', '-pubin', '-noout', '-modulus'], pubPem(rsa)).toString().trim().split('=')[1]!;
    const conf = `asn1=SEQUENCE:spki\n[spki]\nalg=SEQUENCE:alg\nkey=BITWRAP,SEQUENCE:rsa\n[alg]\noid=OID:rsaEncryption\nnull=NULL\n[rsa]\nn=INTEGER:0x${n}\ne=INTEGER:0x100000001\n`;
    openssl(['asn1parse', '-genconf', tmp.write('e33.cnf', conf), '-out', tmp.path('e33.der'), '-noout']);
    const der = new Uint8Array(tmp.read('e33.der'));
    expect(openssl(['rsa', '-pubin', '-inform', 'DER', '-noout', '-text'], der).toString()).toContain('Exponent: 4294967297');
    await expectCode(() => parseWrappingPublicKey(der), 'wrapping_key_invalid');
  });
  test('SM2 point off the curve', async () => {
    const der = pubDer(sm2);
    der[der.length - 1]! ^= 1;
    await expectCode(() => parseWrappingPublicKey(der), 'wrapping_key_invalid');
  });
  test('damaged inputs', async () => {
    const der = pubDer(rsa);
    await expectCode(() => parseWrappingPublicKey(der.subarray(0, 200)), 'der_truncated');
    await expectCode(() => parseWrappingPublicKey(new Uint8Array([...der, 0])), 'der_trailing_data');
    await expectCode(() => parseWrappingPublicKey('not base64 at all!'), 'base64_invalid');
    await expectCode(() => parseWrappingPublicKey('-----BEGIN PUBLIC KEY-----\nMIIB\n'), 'pem_malformed');
    await expectCode(() => parseWrappingPublicKey(''), 'input_empty');
    await expectCode(() => parseWrappingPublicKey(pubPem(rsa) + pubPem(sm2)), 'pem_multiple_keys');
    await expectCode(() => parseWrappingPublicKey(42 as unknown as string), 'input_type');
  });
});
