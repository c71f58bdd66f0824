// Power-on self-tests (docs/spec.md §8): known answers for every primitive on the wrapping path, run before
// the UI enables "Wrap key material". Any failure refuses wrapping.
import { equalBytes, fromBase64, fromHex, wipe } from './bytes.ts';
import { fail } from './errors.ts';
import { readField } from './input.ts';
import { decryptPkcs8 } from './formats/encrypted-pkcs8.ts';
import { decodePkcs8, encodeEcPkcs8, encodeRsaPkcs8 } from './formats/pkcs8.ts';
import { SELF_TEST_VECTORS as V } from './self-test-vectors.ts';
import { aesEcbEncryptBlocks, aesEcbPkcs7Decrypt } from './wrap/aes-ecb.ts';
import { rsaOaepEncrypt } from './wrap/rsa-oaep.ts';
import { sm2Decrypt, sm2EncryptWithK, sm2PublicKeyFromPrivate } from './wrap/sm2.ts';
import { sm3 } from './wrap/sm3.ts';
import { sm4DecryptEcb, sm4EncryptEcb } from './wrap/sm4.ts';
import { encodeRsaSpki } from './formats/spki.ts';

export type SelfTestName = 'SM3' | 'SM4' | 'SM2' | 'AES-256-ECB' | 'RSA-OAEP-SHA-256' | 'PBKDF2/PBES2' | 'PKCS#8 encoder';
export const SELF_TEST_NAMES: readonly SelfTestName[] = ['SM3', 'SM4', 'SM2', 'AES-256-ECB', 'RSA-OAEP-SHA-256', 'PBKDF2/PBES2', 'PKCS#8 encoder'];

export interface SelfTestResult {
  name: SelfTestName;
  ok: boolean;
  ms: number;
}
export interface SelfTestReport {
  ok: boolean;
  results: SelfTestResult[];
}

const h = fromHex;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Flip one bit of an expected value: the test-only way to prove a failing vector blocks wrapping. */
function expected(bytes: Uint8Array, name: SelfTestName, broken: ReadonlySet<string>): Uint8Array {
  if (!broken.has(name)) return bytes;
  const c = bytes.slice();
  c[0] = c[0]! ^ 1;
  return c;
}

type Check = (broken: ReadonlySet<string>) => boolean | Promise<boolean>;

const CHECKS: Record<SelfTestName, Check> = {
  SM3: (b) => equalBytes(sm3(h(V.sm3.message)), expected(h(V.sm3.digest), 'SM3', b)),
  SM4: (b) => {
    const ct = sm4EncryptEcb(h(V.sm4.key), h(V.sm4.plaintext));
    return equalBytes(ct, expected(h(V.sm4.ciphertext), 'SM4', b)) && equalBytes(sm4DecryptEcb(h(V.sm4.key), ct), h(V.sm4.plaintext));
  },
  SM2: (b) => {
    const pub = sm2PublicKeyFromPrivate(h(V.sm2.privateKey));
    const ct = sm2EncryptWithK(pub, h(V.sm2.message), h(V.sm2.k));
    return (
      equalBytes(pub, h(V.sm2.publicKey)) &&
      ct !== undefined &&
      equalBytes(ct, expected(h(V.sm2.ciphertext), 'SM2', b)) &&
      equalBytes(sm2Decrypt(h(V.sm2.privateKey), ct), h(V.sm2.message))
    );
  },
  'AES-256-ECB': (b) => {
    const key = h(V.aes256Ecb.key);
    const ct = aesEcbEncryptBlocks(key, h(V.aes256Ecb.plaintext));
    return equalBytes(ct, expected(h(V.aes256Ecb.ciphertext), 'AES-256-ECB', b));
  },
  'RSA-OAEP-SHA-256': async (b) => {
    const subtle = globalThis.crypto.subtle;
    const pkcs8 = fromBase64(V.rsaOaep.pkcs8);
    const priv = await subtle.importKey('pkcs8', pkcs8 as BufferSource, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
    // known answer: a ciphertext made by OpenSSL decrypts to the message
    const known = new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, priv, fromBase64(V.rsaOaep.ciphertext) as BufferSource));
    // round trip through our encryption path (the SPKI built by our encoder)
    const rsa = decodePkcs8(pkcs8);
    if (rsa.kind !== 'rsa') return false;
    const m = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const ct = await rsaOaepEncrypt(encodeRsaSpki(rsa.n, rsa.e), m, 'SHA-256');
    const back = new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, priv, ct as BufferSource));
    return equalBytes(known, expected(utf8(V.rsaOaep.message), 'RSA-OAEP-SHA-256', b)) && equalBytes(back, m) && ct.length === 256;
  },
  'PBKDF2/PBES2': async (b) => {
    const subtle = globalThis.crypto.subtle;
    const base = await subtle.importKey('raw', utf8(V.pbkdf2.password) as BufferSource, 'PBKDF2', false, ['deriveBits']);
    const bits = new Uint8Array(
      await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: utf8(V.pbkdf2.salt) as BufferSource, iterations: V.pbkdf2.iterations }, base, 512),
    );
    const plain = await decryptPkcs8(fromBase64(V.pbes2.encrypted), V.pbes2.passphrase);
    try {
      return equalBytes(bits, expected(h(V.pbkdf2.derived), 'PBKDF2/PBES2', b)) && equalBytes(plain, fromBase64(V.pbes2.pkcs8));
    } finally {
      wipe(plain);
    }
  },
  'PKCS#8 encoder': (b) => {
    // decode OpenSSL's PKCS#8 and re-encode with ours: must be byte-identical (spec §3.2)
    const ecDer = fromBase64(V.pbes2.pkcs8);
    const ec = decodePkcs8(ecDer);
    const rsaDer = fromBase64(V.rsaOaep.pkcs8);
    const rsa = decodePkcs8(rsaDer);
    if (ec.kind !== 'ec' || !ec.publicKey || rsa.kind !== 'rsa') return false;
    return equalBytes(encodeEcPkcs8(ec.curveOid, ec.d, ec.publicKey), expected(ecDer, 'PKCS#8 encoder', b)) && equalBytes(encodeRsaPkcs8(rsa), rsaDer);
  },
};

/** The test-only `break` option: an array of names, or absent; anything else is input_type (spec §7). */
function breakList(options: unknown): string[] {
  if (options === null || typeof options !== 'object') fail('input_type', { field: 'options' });
  const list = readField(options, 'break');
  if (list === undefined) return [];
  try {
    if (Array.isArray(list) && list.every((n) => typeof n === 'string')) return [...(list as string[])];
  } catch {
    // a Proxy posing as an array
  }
  fail('input_type', { field: 'break' });
}

/**
 * Run every known-answer test. `break` names tests whose expected value is deliberately corrupted (the
 * test-only hook that proves a failure blocks wrapping); production callers pass nothing.
 */
export async function runSelfTests(options: { break?: readonly string[] } = {}): Promise<SelfTestReport> {
  const broken = new Set(breakList(options));
  const results: SelfTestResult[] = [];
  for (const name of SELF_TEST_NAMES) {
    // one task per test: the page stays responsive while they run (bench: no long task from the self-test)
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    let ok = false;
    try {
      ok = await CHECKS[name](broken);
    } catch {
      ok = false;
    }
    results.push({ name, ok, ms: Math.round((performance.now() - t0) * 10) / 10 });
  }
  return { ok: results.every((r) => r.ok), results };
}

