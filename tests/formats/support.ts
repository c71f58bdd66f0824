// Shared by the format tests: asserting the kind of failure, and reading OpenSSL's own view of a key.
import { expect } from 'vitest';
import { AsnIntegerBigIntConverter, AsnParser, AsnProp, AsnPropTypes, BitString, OctetString } from '@peculiar/asn1-schema';
import { Attributes } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { ByokError, type ErrorCode } from '../../src/lib/errors.ts';
import { OID } from '../../src/lib/formats/oids.ts';
import type { RsaPrivateComponents } from '../../src/lib/formats/types.ts';
import { openssl } from '../helpers/openssl.ts';

/** The curves KMS imports, by OpenSSL's name for `ec_paramgen_curve`. */
export const KMS_CURVES = [
  ['P-256', OID.prime256v1],
  ['secp256k1', OID.secp256k1],
  ['SM2', OID.sm2p256v1],
] as const;

/** Inputs of the wrong type: none of them is a string or a Uint8Array. */
export const WRONG_TYPES: [string, unknown][] = [
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['an ArrayBuffer', new ArrayBuffer(8)],
  ['a Uint16Array', new Uint16Array(4)],
  ['a plain object', { pem: 'x' }],
];

export const genpkey = (...opts: string[]): Buffer => openssl(['genpkey', ...opts]);
export const ecKey = (curve: string): Buffer => genpkey('-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`);

/** `openssl(...)` as a plain Uint8Array: Buffer#slice is a view, and tests mutate their copies. */
export function opensslBytes(args: string[], input?: Uint8Array | string): Uint8Array {
  return new Uint8Array(openssl(args, input));
}

/** Run `fn`, expect a ByokError with `code`, return it for fact checks. */
export function expectCode(fn: () => unknown, code: ErrorCode): ByokError {
  let thrown: unknown;
  expect(() => {
    try {
      fn();
    } catch (e) {
      thrown = e;
      throw e;
    }
  }).toThrow(ByokError);
  expect((thrown as ByokError).code).toBe(code);
  return thrown as ByokError;
}

export async function expectCodeAsync(fn: () => Promise<unknown>, code: ErrorCode): Promise<ByokError> {
  const e = await fn().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ByokError);
  expect((e as ByokError).code).toBe(code);
  return e as ByokError;
}

/** `openssl <cmd> -text -noout` → { fieldName: bigint } for the hex dumps ("modulus:", "priv:", …). */
export function opensslFields(args: string[], input?: Uint8Array | string): Record<string, bigint> & { text: string } {
  const text = openssl([...args, '-text', '-noout'], input).toString();
  const out: Record<string, bigint> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const inline = /^(\w+): (\d+) \(0x[0-9a-f]+\)$/.exec(lines[i]!); // "publicExponent: 65537 (0x10001)"
    if (inline) {
      out[inline[1]!] = BigInt(inline[2]!);
      continue;
    }
    const head = /^(\w+):$/.exec(lines[i]!);
    if (!head) continue;
    let hex = '';
    while (i + 1 < lines.length && /^\s+[0-9a-f]{2}(:[0-9a-f]{2})*:?$/.test(lines[i + 1]!)) hex += lines[++i]!.replace(/[\s:]/g, '');
    if (hex) out[head[1]!] = BigInt('0x' + hex);
  }
  return Object.assign(out, { text });
}

/** An RSA private key's components as `openssl pkey -text` prints them. */
export function opensslRsa(pem: Uint8Array | string): RsaPrivateComponents {
  const v = opensslFields(['pkey'], pem);
  const get = (name: string) => {
    if (v[name] === undefined) throw new Error(`no ${name} in openssl output`);
    return v[name];
  };
  return {
    kind: 'rsa',
    n: get('modulus'),
    e: get('publicExponent'),
    d: get('privateExponent'),
    p: get('prime1'),
    q: get('prime2'),
    dp: get('exponent1'),
    dq: get('exponent2'),
    qi: get('coefficient'),
  };
}

/** The hex dump under `field:` as bytes, keeping leading zeros (points, EC scalars). */
export function opensslHexField(text: string, field: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l === `${field}:`);
  if (i < 0) throw new Error(`no ${field} in openssl output`);
  let hex = '';
  for (let j = i + 1; j < lines.length && /^\s+[0-9a-f]{2}/.test(lines[j]!); j++) hex += lines[j]!.replace(/[\s:]/g, '');
  return hex;
}

/** DER TLV builder for hand-made hostile structures. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const len = content.reduce((a, c) => a + c.length, 0);
  const head =
    len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : [tag, 0x82, len >> 8, len & 0xff];
  const out = new Uint8Array(head.length + len);
  out.set(head, 0);
  let off = head.length;
  for (const c of content) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/**
 * OneAsymmetricKey (RFC 5958 §2) as an asn1-schema class: the tests' independent way to take a PKCS#8 file apart
 * and build altered ones (the library reads it with its own wiping codec, src/lib/formats/der-secret.ts).
 */
export class OneAsymmetricKey {
  @AsnProp({ type: AsnPropTypes.Integer }) version = 0;
  @AsnProp({ type: AlgorithmIdentifier }) privateKeyAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: OctetString }) privateKey = new OctetString();
  @AsnProp({ type: Attributes, context: 0, implicit: true, optional: true }) attributes?: Attributes;
  @AsnProp({ type: BitString, context: 1, implicit: true, optional: true }) publicKey?: BitString;
}

export function pkcs8Fixture(der: Uint8Array): OneAsymmetricKey {
  return AsnParser.parse(der, OneAsymmetricKey);
}

/**
 * PBES2-params (RFC 8018 §A.4) and PBKDF2-params (§A.2) as asn1-schema classes: the tests' independent way to take
 * an encrypted PKCS#8 file apart and build altered ones (the library reads them with its own codec). Integers are
 * bigint so that tests can write absurd and negative counts.
 */
export class Pbes2Params {
  @AsnProp({ type: AlgorithmIdentifier }) keyDerivationFunc = new AlgorithmIdentifier();
  @AsnProp({ type: AlgorithmIdentifier }) encryptionScheme = new AlgorithmIdentifier();
  constructor(params: Partial<Pbes2Params> = {}) {
    Object.assign(this, params);
  }
}

export class Pbkdf2Params {
  @AsnProp({ type: AsnPropTypes.OctetString }) salt = new ArrayBuffer(0);
  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerBigIntConverter }) iterationCount = 0n;
  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerBigIntConverter, optional: true }) keyLength?: bigint;
  /** DEFAULT algid-hmacWithSHA1 (§A.2) when absent. */
  @AsnProp({ type: AlgorithmIdentifier, optional: true }) prf?: AlgorithmIdentifier;
  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}
