// What this copy of the app is: the package version and the git commit it was built from, so a reviewer can
// match a running copy with a published SHA256SUMS. Replaced at build time by build/offline-plugin.ts
// (Vite `define`); `unknown` when built outside a git checkout without BYOK_COMMIT. A build from a tree with
// uncommitted changes still names its commit: the SHA256SUMS of such a build will not match the published one,
// which is the check that matters.

declare const __BYOK_VERSION__: string;
declare const __BYOK_COMMIT__: string;

export const BUILD_VERSION: string = typeof __BYOK_VERSION__ === 'string' ? __BYOK_VERSION__ : 'unknown';
/** full 40-hex commit id, or `unknown` */
export const BUILD_COMMIT: string = typeof __BYOK_COMMIT__ === 'string' ? __BYOK_COMMIT__ : 'unknown';
