// The build's promises, checked on its output without a browser (the browser half is tests/e2e/offline.test.ts):
// reproducible bytes from two checkouts at different paths, a SHA256SUMS that `sha256sum -c` accepts, no
// external URL, the CSP of both forms, a single file that references nothing, a service worker that precaches
// every file with its hash, and the version/commit stamp.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PWA_CSP } from '../build/csp.ts';
import { listFiles, readBuildInfo, SINGLE_FILE, SUMS_FILE, SW_FILE } from '../build/offline-plugin.ts';
import { BUILD_COMMIT, BUILD_VERSION } from '../src/build-info.ts';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'byok-build-'));
const HEAD = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** The source as a fresh checkout has it (tracked and new files, nothing ignored), at `dir`, with node_modules linked. */
function checkout(dir: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('docs/screenshots/'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(root, f), join(dir, f));
    } catch (e) {
      // a tracked file deleted in the working tree is not part of this checkout
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

async function buildAt(dir: string): Promise<string> {
  await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  return join(dir, 'dist');
}

const sha256 = (b: Uint8Array | string, enc: 'hex' | 'base64' = 'hex'): string => createHash('sha256').update(b).digest(enc);
const read = (dist: string, f: string): string => readFileSync(join(dist, f), 'utf8');

let a: string;
let b: string;
beforeAll(async () => {
  // Two checkouts at different paths, built one after the other; no .git there, so the commit comes from
  // BYOK_COMMIT as in a build from a release tarball.
  // Vitest sets NODE_ENV=test; a release build runs with production (the plugin refuses anything else).
  const saved = { BYOK_COMMIT: process.env.BYOK_COMMIT, NODE_ENV: process.env.NODE_ENV };
  process.env.BYOK_COMMIT = HEAD;
  process.env.NODE_ENV = 'production';
  try {
    checkout(join(scratch, 'one'));
    checkout(join(scratch, 'second-checkout'));
    a = await buildAt(join(scratch, 'one'));
    b = await buildAt(join(scratch, 'second-checkout'));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('reproducible build', () => {
  it('two checkouts at different paths build to identical bytes and identical SHA256SUMS', () => {
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const f of files) expect(sha256(readFileSync(join(b, f))), f).toBe(sha256(readFileSync(join(a, f))));
    expect(read(b, SUMS_FILE)).toBe(read(a, SUMS_FILE));
  });

  it('SHA256SUMS lists every other file, sorted, in sha256sum format, and `sha256sum -c` passes', () => {
    const sums = read(a, SUMS_FILE);
    const lines = sums.trimEnd().split('\n');
    expect(sums.endsWith('\n')).toBe(true);
    for (const l of lines) expect(l).toMatch(/^[0-9a-f]{64} {2}[\w./-]+$/);
    const paths = lines.map((l) => l.slice(66));
    expect(paths).toEqual(listFiles(a).filter((f) => f !== SUMS_FILE));
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['index.html', SINGLE_FILE, SW_FILE, 'manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon.svg']));
    const out = execFileSync('sha256sum', ['--strict', '-c', SUMS_FILE], { cwd: a, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(out.trim().split('\n')).toEqual(paths.map((p) => `${p}: OK`));
  });

  it('names no timestamp and no build path', () => {
    for (const f of listFiles(a).filter((f) => /\.(html|js|css|webmanifest)$/.test(f))) {
      const text = read(a, f);
      expect(text, f).not.toContain(scratch);
      expect(text, f).not.toContain(root);
      expect(text, f).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it('stamps the package version and the commit in both forms', () => {
    for (const page of ['index.html', SINGLE_FILE]) {
      expect(read(a, page), page).toContain(`<meta name="byok-wrap-version" content="${VERSION}" />`);
      expect(read(a, page), page).toContain(`<meta name="byok-wrap-commit" content="${HEAD}" />`);
    }
  });
});

describe('build info', () => {
  it('reaches the app through src/build-info.ts', () => {
    expect(BUILD_VERSION).toBe(VERSION);
    expect(BUILD_COMMIT).toBe(readBuildInfo(root).commit);
  });

  it('takes BYOK_COMMIT first, then git, and refuses a malformed BYOK_COMMIT', () => {
    const saved = process.env.BYOK_COMMIT;
    try {
      process.env.BYOK_COMMIT = 'a'.repeat(40);
      expect(readBuildInfo(root)).toMatchObject({ version: VERSION, commit: 'a'.repeat(40), dirty: false });
      process.env.BYOK_COMMIT = 'main';
      expect(() => readBuildInfo(root)).toThrow(/BYOK_COMMIT/);
      delete process.env.BYOK_COMMIT;
      expect(readBuildInfo(root).commit).toBe(HEAD);
    } finally {
      if (saved === undefined) delete process.env.BYOK_COMMIT;
      else process.env.BYOK_COMMIT = saved;
    }
  });
});

describe('no network in the output', () => {
  it('names no http(s) URL except XML namespaces', () => {
    for (const f of listFiles(a)) {
      if (/\.png$/.test(f)) continue;
      const urls = [...read(a, f).matchAll(/https?:\/\/[^\s"'`<>)]*/g)].map((m) => m[0]);
      expect(urls.filter((u) => !u.startsWith('http://www.w3.org/')), f).toEqual([]);
    }
  });
});

/** The CSP of a page, and where it stands: it must come before anything it governs. */
function csp(html: string): { policy: string; index: number } {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/g)];
  expect(metas).toHaveLength(1);
  return { policy: metas[0]![1]!, index: metas[0]!.index };
}
const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('PWA: dist/index.html', () => {
  it('has the strict CSP before any script or stylesheet, and no inline script or style', () => {
    const html = read(a, 'index.html');
    const { policy, index } = csp(html);
    expect(policy).toBe(
      "default-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; object-src 'none'; " +
        "script-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'",
    );
    expect(policy).toBe(PWA_CSP);
    expect(index).toBeLessThan(html.search(/<script|<link rel="stylesheet"/));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest" />');
    expect(html).toContain('<meta name="byok-wrap-form" content="pwa" />');
  });

  it('loads its one script and one stylesheet with integrity= (SRI, sha384) matching the files', () => {
    const html = read(a, 'index.html');
    const tags = [...html.matchAll(/<script\b[^>]*>|<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/rel="(icon|manifest)"/.test(tag));
    expect(tags).toHaveLength(2);
    const files = listFiles(a).filter((f) => /^assets\/.*\.(js|css)$/.test(f));
    expect(files).toHaveLength(2);
    for (const f of files) {
      const tag = tags.find((t) => t.includes(`"./${f}"`));
      expect(tag, f).toBeDefined();
      expect(/ integrity="([^"]+)"/.exec(tag!)?.[1], f).toBe(`sha384-${createHash('sha384').update(readFileSync(join(a, f))).digest('base64')}`);
      expect(tag, f).toContain(' crossorigin ');
    }
  });

  it('ships the repository manifest and the icons it names', () => {
    expect(read(a, 'manifest.webmanifest')).toBe(readFileSync(join(root, 'manifest.webmanifest'), 'utf8'));
    const manifest = JSON.parse(read(a, 'manifest.webmanifest')) as { start_url: string; scope: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ start_url: './', scope: './' });
    for (const icon of manifest.icons) {
      const bytes = readFileSync(join(a, icon.src));
      if (icon.type === 'image/png') {
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
      } else {
        expect(bytes.toString()).toMatch(/^<svg /);
      }
    }
  });

  it('has a service worker that precaches every other file with its SHA-256 and is a classic script', () => {
    const sw = read(a, SW_FILE);
    new Script(sw, { filename: SW_FILE }); // parses as a classic script: no import/export
    const list = JSON.parse(/const PRECACHE = (\[[\s\S]*?\n\]);/.exec(sw)![1]!) as { url: string; integrity: string }[];
    expect(list.map((e) => e.url)).toEqual(listFiles(a).filter((f) => f !== SW_FILE && f !== SUMS_FILE));
    for (const { url, integrity } of list) expect(integrity, url).toBe(`sha256-${sha256(readFileSync(join(a, url)), 'base64')}`);
    expect(sw).toMatch(new RegExp(`const CACHE_NAME = "byok-wrap-${VERSION.replaceAll('.', '\\.')}-[0-9a-f]{16}";`));
    expect(sw).toContain('"SKIP_WAITING"');
    expect(sw).toContain('"BYOK_FETCH_LOG"');
    expect(sw).not.toContain('__BYOK_');
  });
});

describe('single file: dist/byok-wrap.html', () => {
  const html = (): string => read(a, SINGLE_FILE);

  it('inlines the one module script and the stylesheet, allowed by their SHA-256 and nothing else', () => {
    const page = html();
    const { policy, index } = csp(page);
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(scripts.map((s) => s[1])).toEqual([' type="module"']);
    expect(styles).toHaveLength(1);
    expect(index).toBeLessThan(scripts[0]!.index);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual([`'sha256-${sha256(scripts[0]![2]!, 'base64')}'`]);
    expect(d.get('style-src')).toEqual([`'sha256-${sha256(styles[0]![1]!, 'base64')}'`]);
    expect(policy).not.toContain('unsafe-');
    expect(policy).not.toContain("'self'");
    for (const [name, value] of [
      ['default-src', "'none'"],
      ['connect-src', "'none'"],
      ['form-action', "'none'"],
      ['base-uri', "'none'"],
      ['object-src', "'none'"],
      ['img-src', 'data:'],
    ] as const)
      expect(d.get(name), name).toEqual([value]);
    expect([...d.keys()].sort()).toEqual(['base-uri', 'connect-src', 'default-src', 'form-action', 'img-src', 'object-src', 'script-src', 'style-src']);
  });

  it('references no other file', () => {
    const page = html();
    const outside = page.replace(/<script type="module">[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
    const refs = [...outside.matchAll(/\b(?:src|href|srcset|action|poster)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !r!.startsWith('data:') && !r!.startsWith('#'))).toEqual([]);
    expect(outside).not.toContain('manifest');
    expect(page).toContain('<meta name="byok-wrap-form" content="single-file" />');
    // the same code as the PWA, byte for byte
    const js = listFiles(a).find((f) => /^assets\/.*\.js$/.test(f))!;
    expect(page).toContain(`<script type="module">${read(a, js)}</script>`);
    // CSS url() would be a file reference too
    expect(page).not.toMatch(/url\(\s*['"]?(?!data:)/);
  });
});
