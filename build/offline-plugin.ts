// The offline forms of the app, made by one `vite build` (README "Offline copies and verification"):
//
//   dist/index.html + assets/ + sw.js + manifest.webmanifest + icons   the PWA (service worker, works offline
//                                                                       after one visit)
//   dist/byok-wrap.html                                                 the single file: everything inline, opens
//                                                                       from file:// on a machine that never had
//                                                                       network
//   dist/SHA256SUMS                                                     `sha256sum -c` list of every other file
//
// Both carry a Content-Security-Policy (build/csp.ts). The build is reproducible: no timestamps, content-hashed
// names, sorted lists; the same commit gives the same bytes. It fails, rather than ship, when an output would
// reference another file or an external URL.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';
import { cspMeta, PWA_CSP, singleFileCsp } from './csp.ts';

export const SINGLE_FILE = 'byok-wrap.html';
export const SUMS_FILE = 'SHA256SUMS';
export const SW_FILE = 'sw.js';
const MANIFEST_FILE = 'manifest.webmanifest';
const SW_SOURCE = 'src/sw/sw.ts';

export interface BuildInfo {
  version: string;
  commit: string;
}

/**
 * Version from package.json; commit from BYOK_COMMIT (for builds outside a checkout, e.g. from a release
 * tarball), else `git rev-parse HEAD`, else `unknown`. No "-dirty" suffix: the commit names the source the
 * build claims to be; whether the bytes really are that build is what SHA256SUMS answers.
 */
export function readBuildInfo(root: string): BuildInfo & { dirty: boolean } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const fromEnv = process.env.BYOK_COMMIT?.trim();
  if (fromEnv !== undefined && fromEnv !== '' && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(fromEnv)) {
    throw new Error(`BYOK_COMMIT must be a full 40- or 64-hex git commit id, not "${fromEnv}"`);
  }
  const head = fromEnv || git('rev-parse', 'HEAD');
  const commit = head && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head) ? head : 'unknown';
  const dirty = !fromEnv && commit !== 'unknown' && (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '';
  return { version: pkg.version, commit, dirty };
}

/** `__BYOK_VERSION__` and `__BYOK_COMMIT__` for src/build-info.ts, in builds, the dev server and tests. */
export function buildInfo(): Plugin {
  return {
    name: 'byok-wrap:build-info',
    config(config, env) {
      const root = resolve(config.root ?? process.cwd());
      const info = readBuildInfo(root);
      if (env.command === 'build' && info.dirty) {
        console.warn(
          `byok-wrap: building ${info.commit} with uncommitted changes; ` +
            'this build will not match the SHA256SUMS published for that commit',
        );
      }
      return {
        define: {
          __BYOK_VERSION__: JSON.stringify(info.version),
          __BYOK_COMMIT__: JSON.stringify(info.commit),
        },
      };
    },
  };
}

export function offline(): Plugin[] {
  let config: ResolvedConfig;
  const pwaMeta = cspMeta(PWA_CSP);
  const manifestLink = `<link rel="manifest" href="./${MANIFEST_FILE}" />`;
  // Which form a page is; src/sw/register.ts registers the service worker only in the PWA. (Opened over http,
  // the single file would otherwise try, and its CSP rightly forbids it.)
  const pwaForm = formMeta('pwa');

  return [
    buildInfo(),
    {
      name: 'byok-wrap:offline',
      apply: 'build',
      enforce: 'post',
      configResolved(resolved) {
        config = resolved;
        // Vite derives "production" from NODE_ENV, which test runners set to "test": such a build ships Svelte's
        // development runtime with absolute source paths in it, neither reviewed nor reproducible across checkouts.
        if (!resolved.isProduction) {
          throw new Error(`byok-wrap: refusing a non-production build (NODE_ENV=${process.env.NODE_ENV}); build with NODE_ENV=production`);
        }
      },

      transformIndexHtml: {
        order: 'post',
        handler(html) {
          // The CSP right after <meta charset>, before any script or stylesheet it must govern.
          const withCsp = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${pwaMeta}`);
          if (withCsp === html) throw new Error('index.html: <meta charset="utf-8" /> not found; the CSP could not be placed');
          if (/http-equiv="Content-Security-Policy"/.test(html)) {
            throw new Error('index.html: a second Content-Security-Policy was added; build/csp.ts is the only place for it');
          }
          // Readable without running the page (view source, grep): which build this copy claims to be.
          const { version, commit } = readBuildInfo(config.root);
          const stamp = `<meta name="byok-wrap-version" content="${version}" />\n    <meta name="byok-wrap-commit" content="${commit}" />`;
          return withCsp.replace('</head>', `  ${stamp}\n    ${pwaForm}\n    ${manifestLink}\n  </head>`);
        },
      },

      renderChunk(code) {
        // Svelte's production errors end with a link to their documentation. They are message text, never fetched,
        // but "no URL in dist/ other than XML namespaces" is a check a reviewer can run with grep, so drop the scheme.
        return code.includes('https://svelte.dev/e/') ? { code: code.replaceAll('https://svelte.dev/e/', 'svelte.dev/e/'), map: null } : null;
      },

      generateBundle() {
        const source = readFileSync(join(config.root, MANIFEST_FILE), 'utf8');
        const manifest = JSON.parse(source) as { icons?: { src: string }[] };
        for (const icon of manifest.icons ?? []) {
          if (!/^[\w.-]+$/.test(icon.src)) throw new Error(`${MANIFEST_FILE}: icon "${icon.src}" must be a file name in static/`);
          readFileSync(join(config.publicDir, icon.src)); // throws when missing
        }
        this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source });
      },

      // After every file is on disk (the public dir is copied before rendering), derive the rest from it.
      writeBundle: {
        order: 'post',
        sequential: true,
        async handler() {
          const outDir = resolve(config.root, config.build.outDir);
          writeFileSync(join(outDir, 'index.html'), withIntegrity(outDir, readFileSync(join(outDir, 'index.html'), 'utf8')));
          writeFileSync(join(outDir, SINGLE_FILE), singleFile(outDir, pwaMeta, `${pwaForm}\n    ${manifestLink}`));
          writeFileSync(join(outDir, SW_FILE), await serviceWorker(config.root, outDir, readBuildInfo(config.root).version));
          assertNoExternalUrls(outDir);
          writeFileSync(join(outDir, SUMS_FILE), sha256sums(outDir));
        },
      },
    },
  ];
}

/** Every file under dir as a path relative to it with "/" separators, sorted by code unit (like `LC_ALL=C sort`). */
export function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const sha256 = (bytes: Uint8Array | string): Buffer => createHash('sha256').update(bytes).digest();

/** The `sha256sum` format: "<hex>  <path>" per line, sorted, every file but SHA256SUMS itself. */
export function sha256sums(outDir: string): string {
  return listFiles(outDir)
    .filter((f) => f !== SUMS_FILE)
    .map((f) => `${sha256(readFileSync(join(outDir, f))).toString('hex')}  ${f}\n`)
    .join('');
}

export type Form = 'pwa' | 'single-file';
const formMeta = (form: Form): string => `<meta name="byok-wrap-form" content="${form}" />`;

// The tags Vite writes for the app's one script and one stylesheet, and the same tags once they carry integrity.
const SCRIPT_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>/g;
const STYLE_TAG = /<link rel="stylesheet" crossorigin href="([^"]+)">/g;
const SRI_SCRIPT_TAG = /<script type="module" crossorigin src="([^"]+)" integrity="sha384-[A-Za-z0-9+/=]+"><\/script>/g;
const SRI_STYLE_TAG = /<link rel="stylesheet" crossorigin href="([^"]+)" integrity="sha384-[A-Za-z0-9+/=]+">/g;

/** `sha384-<base64>` of a built file: Subresource Integrity (W3C SRI §3.5) for its tag in index.html. */
export const sriOf = (bytes: Uint8Array | string): string => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * index.html with integrity= on its script and stylesheet: a changed file on the server (or in the folder) is
 * refused by the browser instead of run. Every script and stylesheet tag must get one.
 */
function withIntegrity(outDir: string, html: string): string {
  const hash = (href: string): string => {
    if (!/^\.\/assets\/[\w.-]+$/.test(href)) throw new Error(`index.html: unexpected asset "${href}"`);
    return sriOf(readFileSync(join(outDir, href)));
  };
  const out = html
    .replace(SCRIPT_TAG, (_, src: string) => `<script type="module" crossorigin src="${src}" integrity="${hash(src)}"></script>`)
    .replace(STYLE_TAG, (_, href: string) => `<link rel="stylesheet" crossorigin href="${href}" integrity="${hash(href)}">`);
  const tags = out.match(/<script\b[^>]*>|<link\b[^>]*\brel="(?:stylesheet|modulepreload|preload)"[^>]*>/g) ?? [];
  const bare = tags.filter((tag) => !/ integrity="sha384-/.test(tag));
  if (tags.length === 0 || bare.length > 0) throw new Error(`index.html: script or stylesheet without integrity: ${bare.join(' ') || 'none found'}`);
  return out;
}

/** dist/index.html with its one script and one stylesheet inlined and a hash-based CSP instead of 'self'. */
function singleFile(outDir: string, pwaMeta: string, pwaHead: string): string {
  let html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts: string[] = [];
  const styles: string[] = [];
  const read = (href: string): string => {
    if (!/^\.\/assets\/[\w.-]+$/.test(href)) throw new Error(`${SINGLE_FILE}: cannot inline "${href}"`);
    return readFileSync(join(outDir, href), 'utf8');
  };

  // Inline, the integrity= of the PWA's tags has nothing to check; the CSP's hashes allow these exact blocks.
  html = html.replace(SRI_SCRIPT_TAG, (_, src: string) => {
    const js = read(src);
    // Inside <script> the HTML parser only looks for these (HTML §13.2.5.4 script data states).
    if (/<\/?script/i.test(js)) throw new Error(`${SINGLE_FILE}: ${src} contains "<script" or "</script"; it cannot be inlined as is`);
    scripts.push(js);
    return `<script type="module">${js}</script>`;
  });
  html = html.replace(SRI_STYLE_TAG, (_, href: string) => {
    const css = read(href);
    if (/<\/style/i.test(css)) throw new Error(`${SINGLE_FILE}: ${href} contains "</style"`);
    if (/url\(\s*['"]?(?!data:)/i.test(css)) throw new Error(`${SINGLE_FILE}: ${href} references a file with url()`);
    styles.push(css);
    return `<style>${css}</style>`;
  });
  if (scripts.length !== 1) throw new Error(`${SINGLE_FILE}: expected one module script in index.html, found ${scripts.length}`);

  const csp = cspMeta(singleFileCsp({ scripts: scripts.map(b64sha256), styles: styles.map(b64sha256) }));
  const withCsp = html.replace(pwaMeta, csp).replace(pwaHead, formMeta('single-file'));
  if (withCsp.includes(pwaMeta) || withCsp.includes(pwaHead) || !withCsp.includes(csp)) {
    throw new Error(`${SINGLE_FILE}: could not replace the PWA's CSP, form and manifest link`);
  }
  // Nothing outside the inline blocks may point at another file: only data: URLs and #fragments.
  const outside = withCsp.replace(/<script type="module">[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
  for (const [, attr, value] of outside.matchAll(/\b(src|href|srcset|action|data|poster)="([^"]*)"/g)) {
    if (!value!.startsWith('data:') && !value!.startsWith('#')) throw new Error(`${SINGLE_FILE}: ${attr}="${value}" references another file`);
  }
  return withCsp;
}

const b64sha256 = (text: string): string => sha256(text).toString('base64');

/** src/sw/sw.ts as a classic script with the precache list (every file but itself and SHA256SUMS) filled in. */
async function serviceWorker(root: string, outDir: string, version: string): Promise<string> {
  const precache = listFiles(outDir)
    .filter((f) => f !== SW_FILE && f !== SUMS_FILE)
    .map((url) => ({ url, integrity: `sha256-${sha256(readFileSync(join(outDir, url))).toString('base64')}` }));
  const list = JSON.stringify(precache, null, 2);
  const { code } = await transformWithOxc(readFileSync(join(root, SW_SOURCE), 'utf8'), SW_SOURCE, { lang: 'ts' });
  // Named by the files and the worker's own code: a changed worker never installs into (and, on a failed install,
  // never deletes) the cache the running worker serves from.
  const cacheName = `byok-wrap-${version}-${sha256(list + code).toString('hex').slice(0, 16)}`;

  const once = (text: string, what: string, by: string): string => {
    const parts = text.split(what);
    if (parts.length !== 2) throw new Error(`${SW_SOURCE}: expected "${what}" exactly once in the compiled worker`);
    return parts.join(by);
  };
  let out = once(code, '\nexport {};\n', '\n');
  out = once(out, '__BYOK_PRECACHE__', list);
  out = once(out, '__BYOK_CACHE_NAME__', JSON.stringify(cacheName));
  if (/^\s*(import|export)\b/m.test(out)) throw new Error(`${SW_SOURCE}: a classic service worker cannot import or export`);
  return `// byok-wrap ${version} service worker, generated from ${SW_SOURCE} by build/offline-plugin.ts\n${out}`;
}

/** Text outputs must not name any http(s) URL except XML namespaces (www.w3.org), which are never fetched. */
function assertNoExternalUrls(outDir: string): void {
  const offenders: string[] = [];
  for (const f of listFiles(outDir)) {
    if (!/\.(html|js|css|webmanifest|svg|json|txt)$/.test(f)) continue;
    const text = readFileSync(join(outDir, f), 'utf8');
    for (const m of text.matchAll(/https?:\/\/(?!www\.w3\.org\/)[^\s"'`<>)]*/g)) offenders.push(`${f}: ${m[0]}`);
  }
  if (offenders.length > 0) throw new Error(`external URLs in the build output:\n  ${offenders.join('\n  ')}`);
}
