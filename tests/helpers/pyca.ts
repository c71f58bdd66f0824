// pyca/cryptography as a second implementation for the RSA paths (tests/helpers/pyca.py). The Python that has
// `cryptography` is found once: $BYOK_PYTHON, then python3 on PATH, then Debian's /usr/bin/python3 (where
// .ci/run installs python3-cryptography). No Python with it is a failure, never a skip.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./pyca.py', import.meta.url));

let python: string | undefined;
function findPython(): string {
  if (python) return python;
  const candidates = [process.env.BYOK_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const c of candidates) {
    try {
      execFileSync(c, ['-c', 'import cryptography.hazmat.primitives.keywrap'], { stdio: 'ignore' });
      return (python = c);
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with pyca cryptography (apt-get install python3-cryptography; .ci/run does it)');
}

export type PycaRequest =
  | { op: 'oaep-decrypt'; key: string; hash: string; data: Uint8Array }
  | { op: 'kwp-unwrap' | 'kwp-wrap'; kek: Uint8Array; data: Uint8Array };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Run a batch of requests in one Python process; each answer is the bytes or the exception class name. */
export function pyca(requests: PycaRequest[]): ({ ok: Uint8Array } | { error: string })[] {
  const lines = requests.map((r) => JSON.stringify(r.op === 'oaep-decrypt' ? { ...r, data: hex(r.data) } : { ...r, kek: hex(r.kek), data: hex(r.data) }));
  const out = execFileSync(findPython(), [SCRIPT], { input: lines.join('\n') + '\n', maxBuffer: 16 << 20 }).toString().trim().split('\n');
  if (out.length !== requests.length) throw new Error(`pyca answered ${out.length} of ${requests.length} requests`);
  return out.map((l) => {
    const a = JSON.parse(l) as { ok?: string; error?: string };
    return a.ok !== undefined ? { ok: new Uint8Array(Buffer.from(a.ok, 'hex')) } : { error: a.error ?? 'unknown' };
  });
}
