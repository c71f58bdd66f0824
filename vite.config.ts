import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The built page may load only its own script and stylesheet and may connect nowhere (connect-src 'none'):
 * the offline promise is enforced by the browser, not only by our code. Added at build time only, because the
 * dev server needs a websocket for hot reload.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'none'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`;
  return {
    name: 'byok-wrap:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // right after <meta charset>, before any script or stylesheet it must govern
      handler: (html) => {
        const out = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
        if (out === html) throw new Error('index.html: <meta charset="utf-8" /> not found; the CSP could not be placed');
        return out;
      },
    },
  };
}

export default defineConfig({
  plugins: [svelte(), contentSecurityPolicy()],
  publicDir: 'static',
  // relative asset URLs: the built folder works from any path it is copied to
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // the polyfill would fetch() preloaded modules; every browser we support has modulepreload
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
        },
      },
      {
        // Browser tests: one Chromium per file, files one after another, after the unit tests (2-core machines).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
