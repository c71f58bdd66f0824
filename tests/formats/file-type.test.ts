// spec §2.1: a common non-key file is called what it is (not_a_key_file + fileType), on every input path.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { comparePublicKeys, describeError, parseTargetKey, parseWrappingPublicKey } from '../../src/lib/index.ts';
import { sniffFileType } from '../../src/lib/formats/file-type.ts';
import { expectCode } from '../helpers/expect-code.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

// A minimal real PNG header (signature + IHDR start) and other files as their programs write them.
const samples: [string, Uint8Array][] = [
  ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])],
  ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0])],
  ['gif', bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0])],
  ['pdf', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n')],
  ['zip', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0], Array.from(deflateRawSync(Buffer.from('word/document.xml'))))],
  ['gzip', new Uint8Array(gzipSync(Buffer.from('-----BEGIN PRIVATE KEY-----')))],
  ['utf16', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('-----BEGIN PUBLIC KEY-----\n', 'utf16le')]))],
];

describe('not a key file', () => {
  test.each(samples)('%s is recognised', (type, data) => {
    expect(sniffFileType(data)).toBe(type);
  });

  test.each(samples)('%s: every parser says not_a_key_file, with its type', async (type, data) => {
    await expectCode(() => parseWrappingPublicKey(data), 'not_a_key_file');
    await expectCode(() => comparePublicKeys(data, data), 'not_a_key_file');
    const e = await expectCode(() => parseTargetKey(data), 'not_a_key_file');
    expect(e.facts.fileType).toBe(type);
  });

  test('the message says what the file looks like, in both languages, and does not talk about altered DER', async () => {
    const e = await expectCode(() => parseWrappingPublicKey(samples[0]![1]), 'not_a_key_file');
    const en = describeError(e, 'en');
    expect(en.code).toBe('not_a_key_file');
    expect(en.message).toBe('this is not a key file (it looks like a PNG image)');
    expect(en.hint).not.toMatch(/altered/);
    expect(describeError(e, 'zh-CN').message).toBe('这不是密钥文件（看起来是PNG 图片）');
  });

  test('DER keys are never mistaken for another file type', () => {
    expect(sniffFileType(bytes([0x30, 0x82, 0x01, 0x22]))).toBeUndefined();
    expect(sniffFileType(bytes('-----BEGIN PUBLIC KEY-----'))).toBeUndefined();
  });
});
