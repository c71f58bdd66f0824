// The library's name and version, for what it writes into files (Azure's .byok `generator`). The version is the
// package version, set at build time by build/offline-plugin.ts (Vite `define`), as src/build-info.ts reads it.
declare const __BYOK_VERSION__: string;

export const LIBRARY_NAME = 'byok-wrap';
export const LIBRARY_VERSION: string = typeof __BYOK_VERSION__ === 'string' ? __BYOK_VERSION__ : 'unknown';
