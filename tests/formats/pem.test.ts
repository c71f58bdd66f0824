import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toBase64, toHex } from '../../src/lib/bytes.ts';
import { MAX_INPUT_BYTES } from '../../src/lib/formats/der.ts';
import { encodePem, readArmored } from '../../src/lib/formats/pem.ts';
import { openssl, scratch } from '../helpers/openssl.ts';
import { expectCode, WRONG_TYPES } from './support.ts';

const tmp = scratch();
let ecPem: string; // EC PARAMETERS + EC PRIVATE KEY, as `openssl ecparam -genkey` writes it
let ecParamsDer: Uint8Array;
let ecKeyDer: Uint8Array;
let spkiPem: string;
let spkiDer: Uint8Array;

beforeAll(() => {
  ecPem = openssl(['ecparam', '-name', 'prime256v1', '-genkey']).toString();
  tmp.write('ec.pem', ecPem);
  ecParamsDer = openssl(['ecparam', '-in', tmp.path('ec.pem'), '-outform', 'DER']);
  ecKeyDer = openssl(['ec', '-in', tmp.path('ec.pem'), '-outform', 'DER']);
  spkiPem = openssl(['ec', '-in', tmp.path('ec.pem'), '-pubout']).toString();
  spkiDer = openssl(['ec', '-in', tmp.path('ec.pem'), '-pubout', '-outform', 'DER']);
});
afterAll(() => tmp.dispose());

const bytes = (s: string) => new TextEncoder().encode(s);

describe('readArmored: PEM', () => {
  test('every block of openssl ecparam -genkey, in order', () => {
    const blocks = readArmored(ecPem);
    expect(blocks.map((b) => b.label)).toEqual(['EC PARAMETERS', 'EC PRIVATE KEY']);
    expect(toHex(blocks[0]!.der)).toBe(toHex(ecParamsDer));
    expect(toHex(blocks[1]!.der)).toBe(toHex(ecKeyDer));
  });

  test.each([
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n')],
    ['CR only', (s: string) => s.replace(/\n/g, '\r')],
    ['UTF-8 BOM', (s: string) => '\uFEFF' + s],
    ['surrounding text', (s: string) => `Here is the key you asked for:\n\n${s}\n-- \nsent from my phone\n`],
    ['indented lines and tabs', (s: string) => s.replace(/\n(?=[A-Za-z0-9+/])/g, '\n \t ')],
    ['one long base64 line', (s: string) => {
      const lines = s.trim().split('\n');
      return `${lines[0]}\n${lines.slice(1, -1).join('')}\n${lines.at(-1)}\n`;
    }],
    ['no final newline', (s: string) => s.trimEnd()],
  ])('%s', (_, mangle) => {
    const text = mangle(spkiPem);
    for (const input of [text, bytes(text)]) {
      const blocks = readArmored(input);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.label).toBe('PUBLIC KEY');
      expect(toHex(blocks[0]!.der)).toBe(toHex(spkiDer));
    }
  });

  test('UTF-8 text around the block, given as bytes', () => {
    const blocks = readArmored(bytes(`钥匙（公钥）↓\n${spkiPem}完`));
    expect(toHex(blocks[0]!.der)).toBe(toHex(spkiDer));
  });

  test('RFC 1421 headers other than encryption are skipped', () => {
    const body = spkiPem.split('\n').slice(1, -2).join('\n');
    const pem = `-----BEGIN PUBLIC KEY-----\nComment: from the KMS console\n\n${body}\n-----END PUBLIC KEY-----\n`;
    expect(toHex(readArmored(pem)[0]!.der)).toBe(toHex(spkiDer));
  });

  test('legacy OpenSSL encrypted PEM (Proc-Type/DEK-Info) → encryption_unsupported', () => {
    const enc = openssl(['ec', '-in', tmp.path('ec.pem'), '-aes-128-cbc', '-passout', 'pass:secret']).toString();
    expect(enc).toContain('DEK-Info:');
    const e = expectCode(() => readArmored(enc), 'encryption_unsupported');
    expect(e.facts.found).toBe('legacy OpenSSL PEM encryption (DEK-Info)');
    expect(e.facts.label).toBe('EC PRIVATE KEY');
    const rsa = 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n';
    expectCode(() => readArmored(`-----BEGIN RSA PRIVATE KEY-----\n${rsa}-----END RSA PRIVATE KEY-----\n`), 'encryption_unsupported');
  });

  test('the result is a fresh buffer', () => {
    const input = new Uint8Array(spkiDer);
    const [block] = readArmored(input);
    block!.der.fill(0);
    expect(toHex(input)).toBe(toHex(spkiDer));
  });
});

describe('readArmored: bare base64 and binary DER', () => {
  test('bare base64 of the DER (the KMS API PublicKey field), with or without line breaks', () => {
    const b64 = toBase64(spkiDer);
    for (const input of [b64, `  ${b64}\n`, b64.replace(/(.{64})/g, '$1\n'), bytes(b64), '\uFEFF' + b64]) {
      const blocks = readArmored(input);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.label).toBeUndefined();
      expect(toHex(blocks[0]!.der)).toBe(toHex(spkiDer));
    }
  });

  test('binary DER is one unlabelled blob', () => {
    const blocks = readArmored(new Uint8Array(ecKeyDer));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.label).toBeUndefined();
    expect(toHex(blocks[0]!.der)).toBe(toHex(ecKeyDer));
  });

  test('bytes with a NUL or other controls are binary, not text', () => {
    // printable apart from one NUL: binary, handed on as DER for the structure parsers to reject
    const almostText = bytes('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\0');
    expect(readArmored(almostText)[0]!.der).toEqual(almostText);
  });

  test.each([
    ['not base64 at all', 'this is not a key'],
    ['padding in the middle', 'AAAA=AAA'],
    ['a length no base64 has', 'AAAAA'],
  ])('%s → base64_invalid', (_, text) => {
    expectCode(() => readArmored(text), 'base64_invalid');
  });
});

describe('readArmored: rejections', () => {
  test.each([
    ['empty string', ''],
    ['whitespace', ' \r\n\t '],
    ['BOM only', '\uFEFF'],
    ['empty bytes', new Uint8Array(0)],
    ['BOM bytes only', new Uint8Array([0xef, 0xbb, 0xbf])],
  ])('%s → input_empty', (_, input) => {
    expectCode(() => readArmored(input), 'input_empty');
  });

  test('inputs over MAX_INPUT_BYTES → input_too_large', () => {
    const e = expectCode(() => readArmored('A'.repeat(MAX_INPUT_BYTES + 1)), 'input_too_large');
    expect(e.facts).toMatchObject({ length: MAX_INPUT_BYTES + 1, limit: MAX_INPUT_BYTES });
    expectCode(() => readArmored(new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x30)), 'input_too_large');
  });

  test.each(WRONG_TYPES)('%s → input_type', (_, input) => {
    expectCode(() => readArmored(input as never), 'input_type');
  });

  test('BEGIN without END → pem_malformed with the label', () => {
    const cut = spkiPem.slice(0, spkiPem.indexOf('-----END'));
    const e = expectCode(() => readArmored(cut), 'pem_malformed');
    expect(e.facts.label).toBe('PUBLIC KEY');
  });

  test('labels that do not match → pem_malformed', () => {
    expectCode(() => readArmored(spkiPem.replace('END PUBLIC KEY', 'END PRIVATE KEY')), 'pem_malformed');
  });

  test('END without BEGIN → pem_malformed', () => {
    expectCode(() => readArmored(spkiPem.slice(spkiPem.indexOf('\n') + 1)), 'pem_malformed');
  });

  test('a BEGIN inside another block → pem_malformed', () => {
    const nested = spkiPem.replace('\n', '\n-----BEGIN PUBLIC KEY-----\n');
    expectCode(() => readArmored(nested), 'pem_malformed');
  });

  test('an empty block, or headers with no blank line → pem_malformed', () => {
    expectCode(() => readArmored('-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n'), 'pem_malformed');
    expectCode(() => readArmored('-----BEGIN PUBLIC KEY-----\nComment: x\n-----END PUBLIC KEY-----\n'), 'pem_malformed');
  });

  test('bad base64 inside a block → base64_invalid with the label', () => {
    const e = expectCode(() => readArmored(spkiPem.replace(/\n(.)/, '\n!$1')), 'base64_invalid');
    expect(e.facts.label).toBe('PUBLIC KEY');
  });

  test('a label that is not an RFC 7468 label is not repeated in the error', () => {
    const e = expectCode(() => readArmored('-----BEGIN <script>alert(1)</script>-----\nAAAA\n'), 'pem_malformed');
    expect(e.facts.label).toBeUndefined();
  });

  test('many unterminated BEGIN lines on one line stay fast', () => {
    const hostile = '-----BEGIN '.repeat(5000);
    const t0 = performance.now();
    expectCode(() => readArmored(hostile), 'pem_malformed');
    expectCode(() => readArmored(`-----BEGIN ${'A'.repeat(60000)}`), 'pem_malformed');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('encodePem', () => {
  test('byte for byte what OpenSSL writes (64-column lines, LF, final newline)', () => {
    expect(encodePem('PUBLIC KEY', spkiDer)).toBe(spkiPem);
    const key = readArmored(ecPem)[1]!;
    expect(encodePem('EC PRIVATE KEY', key.der)).toBe(ecPem.slice(ecPem.indexOf('-----BEGIN EC PRIVATE KEY')));
  });

  test('line lengths at the 48-byte boundary', () => {
    for (const n of [1, 47, 48, 49, 96]) {
      const pem = encodePem('X', new Uint8Array(n).fill(n));
      const lines = pem.split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(1, -2).every((l) => l.length <= 64 && l.length > 0)).toBe(true);
      expect(toHex(readArmored(pem)[0]!.der)).toBe(toHex(new Uint8Array(n).fill(n)));
    }
  });
});
