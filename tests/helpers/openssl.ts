// The independent oracle: the OpenSSL 3 CLI. Tests never prove our crypto with our own code alone.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Run `openssl ...args`; stdin optional; returns stdout bytes. Throws with OpenSSL's stderr on failure. */
export function openssl(args: string[], input?: Uint8Array | string): Buffer {
  try {
    return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr?.toString() ?? err.message}`);
  }
}

/**
 * `openssl ...args` without blocking the event loop, so that slow independent cases (RSA key generation,
 * PBKDF2 with 600,000 iterations) run concurrently under Promise.all. Same contract as openssl().
 */
export function opensslAsync(args: string[], input?: Uint8Array | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { encoding: 'buffer', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`openssl ${args.join(' ')} failed: ${stderr?.toString() || err.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

/** Throwaway RSA wrapping keys, generated concurrently by OpenSSL: private key path and SPKI DER per size. */
export async function makeRsaWrappingKeys<B extends number>(
  dir: ReturnType<typeof scratch>,
  sizes: readonly B[],
): Promise<Record<B, { privPath: string; spki: Uint8Array; modulusLength: number }>> {
  const entries = await Promise.all(
    sizes.map(async (bits) => {
      const privPath = dir.path(`rsa-${bits}.pem`);
      await opensslAsync(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', privPath]);
      const spki = new Uint8Array(await opensslAsync(['pkey', '-in', privPath, '-pubout', '-outform', 'DER']));
      return [bits, { privPath, spki, modulusLength: bits / 8 }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<B, { privPath: string; spki: Uint8Array; modulusLength: number }>;
}

/** `pkeyutl -decrypt` arguments for RSA-OAEP with hash H and MGF1-H (research §2.5): H = sha1 | sha256 | … */
export function oaepDecryptArgs(privPath: string, hash: string): string[] {
  const md = hash.replace('-', '').toLowerCase();
  return ['pkeyutl', '-decrypt', '-inkey', privPath, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-pkeyopt', `rsa_mgf1_md:${md}`];
}

/** A scratch directory; call dispose() in afterAll. */
export function scratch(prefix = 'byok-'): { dir: string; path(name: string): string; write(name: string, data: Uint8Array | string): string; read(name: string): Buffer; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    read: (name) => readFileSync(join(dir, name)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
