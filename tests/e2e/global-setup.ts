// Browser tests: build the production bundle once (global setup); each test file serves dist/ on 127.0.0.1 (random
// port) with a tiny static server that logs every request it receives to a file the tests read (JSON lines).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, appendFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export default async function setup(): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  const dist = join(root, 'dist');
  // The production build, in its own process: vitest runs with NODE_ENV=test, which the build refuses.
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  return async () => {};
}

/**
 * A static server for dist/ on 127.0.0.1 (random port) that logs every request it receives: one per test file
 * (tests/e2e/server-setup.ts), so that files can run side by side and each reads only its own requests.
 */
export async function startServer(): Promise<{ baseUrl: string; requestLogPath: string; close: () => Promise<void> }> {
  const dist = join(resolve(import.meta.dirname, '../..'), 'dist');
  const logDir = mkdtempSync(join(tmpdir(), 'byok-e2e-'));
  const logPath = join(logDir, 'requests.jsonl');
  writeFileSync(logPath, '');

  const server = createServer((req, res) => {
    appendFileSync(logPath, JSON.stringify({ t: Date.now(), method: req.method, url: req.url, host: req.headers.host }) + '\n');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.split('#')[0]!);
    const file = normalize(join(dist, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dist + sep) && file !== dist) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requestLogPath: logPath,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
