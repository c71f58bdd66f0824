// Which build of the app started last in this browser, and what the page must do when another one starts
// (issue 8 §4, README "Updates"). A service worker replaces the PWA's files in the background, and a copied
// byok-wrap.html can be swapped on a stick; either way the operator is told "old → new" and key operations wait
// until they acknowledge it. The stored value is the build's public version and commit, nothing else.
//
// This is the one rule; the ceremony (src/routes/ceremony.svelte.ts) consults it and the notice renders it.

export interface BuildId {
  version: string;
  commit: string;
}

export const BUILD_STORAGE_KEY = 'byok-wrap.build';

/**
 * - first: nothing was stored (a new browser profile, or storage was cleared); this build is now remembered
 * - same: the build that started last is this one
 * - changed: another build started last; remembered only once the operator acknowledges
 * - unremembered: the browser refuses storage here (privacy settings, some file:// setups); a change cannot be seen
 */
export type BuildCheck =
  | { kind: 'first'; current: BuildId }
  | { kind: 'same'; current: BuildId }
  | { kind: 'changed'; previous: BuildId; current: BuildId }
  | { kind: 'unremembered'; current: BuildId };

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function parse(text: string | null): BuildId | undefined {
  if (text === null) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null) {
      const { version, commit } = v as Record<string, unknown>;
      if (typeof version === 'string' && typeof commit === 'string') return { version, commit };
    }
  } catch {
    // not ours or damaged: treated as a different build, which the operator then sees
  }
  return { version: '?', commit: '?' };
}

const serialise = (b: BuildId): string => JSON.stringify({ version: b.version, commit: b.commit });

/** `globalThis.localStorage`, or undefined where reading it throws (file:// in some browsers, blocked storage). */
export function browserStorage(): Store | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compare the running build with the one that started last. A first start is remembered at once; a change is
 * not, so closing the page without acknowledging shows the same notice on the next start.
 */
export function checkBuild(store: Store | undefined, current: BuildId): BuildCheck {
  let stored: string | null;
  try {
    if (!store) return { kind: 'unremembered', current };
    stored = store.getItem(BUILD_STORAGE_KEY);
  } catch {
    return { kind: 'unremembered', current };
  }
  const previous = parse(stored);
  if (previous === undefined) {
    return remember(store, current) ? { kind: 'first', current } : { kind: 'unremembered', current };
  }
  if (previous.version === current.version && previous.commit === current.commit) return { kind: 'same', current };
  return { kind: 'changed', previous, current };
}

/** The operator has seen "old → new": this build is the one that started last from now on. */
export function acknowledgeBuild(store: Store | undefined, current: BuildId): boolean {
  return remember(store, current);
}

function remember(store: Store | undefined, build: BuildId): boolean {
  try {
    store?.setItem(BUILD_STORAGE_KEY, serialise(build));
    return store !== undefined;
  } catch {
    return false;
  }
}

/** Generation, loading, backup and wrapping wait while a changed build has not been acknowledged. */
export function blocksKeyOperations(check: BuildCheck | null, acknowledged: boolean): boolean {
  return check?.kind === 'changed' && !acknowledged;
}
