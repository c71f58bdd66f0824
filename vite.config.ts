import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// The two offline forms (PWA + single file), their CSP (build/csp.ts), SHA256SUMS and the build's version/commit.
import { offline } from './build/offline-plugin.ts';
// Translations ship their values only; the keys come from the English catalogue (build/catalogue-plugin.ts).
import { keylessTranslations } from './build/catalogue-plugin.ts';

export default defineConfig({
  plugins: [svelte(), keylessTranslations(), offline()],
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
          // Two files at a time on 2-core machines (vitest's default is one fewer worker than cores, i.e. one):
          // most unit tests wait on OpenSSL subprocesses and WebCrypto's thread pool, so 2 workers cut the unit
          // project from about 210 s to about 150 s here.
          maxWorkers: 2,
        },
      },
      {
        // Browser tests: one Chromium per file, files one after another, after the unit tests (2-core machines).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // each file has its own server and request log (server-setup.ts): two files at a time
          setupFiles: ['tests/e2e/server-setup.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
