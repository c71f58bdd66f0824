// Fixtures for the fuzz suites, made once per file with the OpenSSL CLI (the independent oracle) — never by
// the library under test.
import genpkeyArgs from '../genpkey.json';
import { openssl, scratch } from '../helpers/openssl.ts';

export type KeyName = 'rsa1024' | 'rsa2048' | 'rsa3072' | 'rsa4096' | 'p256' | 'k256' | 'sm2' | 'p384' | 'ed25519';

/** `openssl genpkey` arguments per key, shared with bench/run.mjs */
const GENPKEY: Record<KeyName, string[]> = genpkeyArgs;

export type Scratch = ReturnType<typeof scratch>;

/** OpenSSL output as a plain Uint8Array (a Buffer's slice() is a view; fixtures get mutated). */
export const bytes = (args: string[], input?: Uint8Array | string): Uint8Array => new Uint8Array(openssl(args, input));
export const text = (args: string[], input?: Uint8Array | string): string => openssl(args, input).toString();

/** Generate the named private keys (PKCS#8 PEM files written by `openssl genpkey`); returns their paths. */
export function genKeys<K extends KeyName>(tmp: Scratch, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const path = tmp.path(`${name}.pem`);
    openssl(['genpkey', ...GENPKEY[name], '-out', path]);
    out[name] = path;
  }
  return out;
}

export const spkiDer = (path: string): Uint8Array => bytes(['pkey', '-in', path, '-pubout', '-outform', 'DER']);
export const pkcs8Der = (path: string): Uint8Array => bytes(['pkcs8', '-topk8', '-nocrypt', '-in', path, '-outform', 'DER']);
export const certDer = (path: string): Uint8Array => {
  const pemCert = text(['req', '-x509', '-key', path, '-subj', '/CN=byok-fuzz', '-days', '1']);
  return bytes(['x509', '-outform', 'DER'], pemCert);
};
