// The independent oracle: the OpenSSL 3 CLI. Tests never prove our crypto with our own code alone.
import { execFileSync } from 'node:child_process';
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
