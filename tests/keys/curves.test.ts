// The curves' domain parameters are ours (src/lib/curves.ts and keys/ed25519.ts build each group with noble's
// weierstrass() / edwards(), without noble's ECDSA / EdDSA objects): every EC parameter equals OpenSSL's explicit
// parameters for that curve, and public keys equal what OpenSSL derives and what RFC 8032 prints.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EC_CURVES, EC_DOMAINS, type EcDomain } from '../../src/lib/curves.ts';
import { ed25519PublicKey } from '../../src/lib/keys/ed25519.ts';
import { openssl } from '../helpers/openssl.ts';

const OPENSSL_NAME: Record<keyof typeof EC_DOMAINS, string> = {
  EC_P256: 'prime256v1',
  EC_P384: 'secp384r1',
  EC_P521: 'secp521r1',
  EC_P256K: 'secp256k1',
};
/** The named curve's OBJECT IDENTIFIER, DER (RFC 5480 §2.1.1.1, SEC 2 §A.2). */
const CURVE_OID_DER: Record<keyof typeof EC_DOMAINS, string> = {
  EC_P256: '06082a8648ce3d030107',
  EC_P384: '06052b81040022',
  EC_P521: '06052b81040023',
  EC_P256K: '06052b8104000a',
};

/** `openssl ecparam -param_enc explicit -text`: each field is inline ("A:    0", "B:    7 (0x7)") or hex lines below. */
function opensslDomain(name: string): EcDomain & { h: bigint } {
  const text = openssl(['ecparam', '-name', name, '-param_enc', 'explicit', '-noout', '-text']).toString();
  /** the field's hex digits */
  const field = (label: string): string => {
    const m = new RegExp(`^${label}:[ \\t]*(\\S*)[^\\n]*\\n((?:[ \\t]+[0-9a-f:]+\\n)*)`, 'm').exec(text);
    if (!m) throw new Error(`${label} missing in OpenSSL's parameters of ${name}`);
    return m[1] ? BigInt(m[1]).toString(16) : m[2]!.replace(/[\s:]/g, '');
  };
  const g = field('Generator \\(uncompressed\\)'); // 04 ‖ x ‖ y
  expect(g.slice(0, 2)).toBe('04');
  const coord = (g.length - 2) / 2;
  const hex = (digits: string) => `0x${BigInt(`0x${digits}`).toString(16)}`;
  return {
    p: hex(field('Prime')),
    n: hex(field('Order')),
    a: hex(field('A')),
    b: hex(field('B')),
    Gx: hex(g.slice(2, 2 + coord)),
    Gy: hex(g.slice(2 + coord)),
    h: BigInt(`0x${field('Cofactor')}`),
  };
}

const normal = (d: EcDomain): EcDomain => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `0x${BigInt(v).toString(16)}`])) as unknown as EcDomain;

describe('EC domain parameters equal OpenSSL’s (spec §3.1, §10.5)', () => {
  test.each(Object.keys(EC_DOMAINS) as (keyof typeof EC_DOMAINS)[])('%s', (spec) => {
    const { h, ...theirs } = opensslDomain(OPENSSL_NAME[spec]);
    expect(h).toBe(1n);
    expect(normal(EC_DOMAINS[spec])).toEqual(theirs);
    expect(EC_CURVES[spec].n).toBe(BigInt(theirs.n));
  });

  test.each(Object.keys(EC_DOMAINS) as (keyof typeof EC_DOMAINS)[])('%s: public keys of scalars 1, 2 and n−1 are OpenSSL’s', (spec) => {
    const curve = EC_CURVES[spec];
    for (const d of [1n, 2n, curve.n - 1n]) {
      const scalar = Buffer.from(d.toString(16).padStart(2 * curve.scalarBytes, '0'), 'hex');
      // RFC 5915 ECPrivateKey without the public key: OpenSSL derives the public point itself
      const oid = Buffer.from(CURVE_OID_DER[spec], 'hex');
      const params = Buffer.concat([Buffer.from([0xa0, oid.length]), oid]);
      const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x01, 0x04, scalar.length]), scalar, params]);
      const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
      const spki = openssl(['ec', '-inform', 'DER', '-pubout', '-outform', 'DER', '-conv_form', 'uncompressed'], der);
      const point = Buffer.from(curve.publicFromPrivate(new Uint8Array(scalar)));
      expect(spki.subarray(spki.length - point.length).toString('hex'), `d = ${d}`).toBe(point.toString('hex'));
    }
  });

  test.each(Object.keys(EC_DOMAINS) as (keyof typeof EC_DOMAINS)[])('%s: scalars 0 and n are refused', (spec) => {
    const curve = EC_CURVES[spec];
    for (const d of [0n, curve.n]) {
      expect(() => curve.publicFromPrivate(new Uint8Array(Buffer.from(d.toString(16).padStart(2 * curve.scalarBytes, '0'), 'hex')))).toThrow();
    }
  });
});

describe('Ed25519 public keys (RFC 8032 §5.1.5, spec §10.6)', () => {
  const rfc = JSON.parse(readFileSync(new URL('../vectors/ed25519-rfc8032.json', import.meta.url), 'utf8')) as {
    vectors: { name: string; secretKey: string; publicKey: string }[];
  };
  test.each(rfc.vectors)('RFC 8032 §7.1 $name', ({ secretKey, publicKey }) => {
    expect(Buffer.from(ed25519PublicKey(new Uint8Array(Buffer.from(secretKey, 'hex')))).toString('hex')).toBe(publicKey);
  });

  test('8 random seeds: the public key OpenSSL derives', () => {
    for (let i = 0; i < 8; i++) {
      const seed = randomBytes(32);
      // RFC 8410 §7 PKCS#8 v1; OpenSSL writes the SPKI 302a300506032b6570032100 ‖ public key
      const spki = openssl(['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]));
      expect(spki.subarray(0, 12).toString('hex')).toBe('302a300506032b6570032100');
      expect(Buffer.from(ed25519PublicKey(new Uint8Array(seed))).toString('hex')).toBe(spki.subarray(12).toString('hex'));
    }
  });
});
