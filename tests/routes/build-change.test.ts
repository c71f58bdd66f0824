// Which build started last (src/sw/build-change.ts) and how the ceremony obeys it: a different build blocks
// generation, loading, backup and wrapping until acknowledged; a first start is remembered without blocking.
import { describe, expect, it } from 'vitest';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { acknowledgeBuild, BUILD_STORAGE_KEY, blocksKeyOperations, checkBuild } from '../../src/sw/build-change.ts';
import { openssl } from '../helpers/openssl.ts';

/** A Storage stand-in: a Map, optionally refusing reads or writes as browsers do under privacy settings. */
function store(initial: Record<string, string> = {}, refuse: { read?: boolean; write?: boolean } = {}) {
  const m = new Map(Object.entries(initial));
  return {
    m,
    getItem(k: string): string | null {
      if (refuse.read) throw new DOMException('denied', 'SecurityError');
      return m.get(k) ?? null;
    },
    setItem(k: string, v: string): void {
      if (refuse.write) throw new DOMException('full', 'QuotaExceededError');
      m.set(k, v);
    },
  };
}

/** an RSA-2048 public key PEM made by OpenSSL, for a wrapping key */
const rsaPublic = () => openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'])).toString();

const A = { version: '0.1.0', commit: 'a'.repeat(40) };
const B = { version: '0.2.0', commit: 'b'.repeat(40) };

describe('checkBuild', () => {
  it('first start: remembers the build (version and commit only) and does not block', () => {
    const s = store();
    const check = checkBuild(s, A);
    expect(check).toEqual({ kind: 'first', current: A });
    expect([...s.m]).toEqual([[BUILD_STORAGE_KEY, JSON.stringify(A)]]);
    expect(blocksKeyOperations(check, false)).toBe(false);
    expect(checkBuild(s, A)).toEqual({ kind: 'same', current: A });
  });

  it('a different build: old → new, blocks until acknowledged, and is remembered only then', () => {
    const s = store({ [BUILD_STORAGE_KEY]: JSON.stringify(A) });
    const check = checkBuild(s, B);
    expect(check).toEqual({ kind: 'changed', previous: A, current: B });
    expect(blocksKeyOperations(check, false)).toBe(true);
    // not acknowledged: the next start says the same
    expect(checkBuild(s, B)).toEqual(check);
    expect(acknowledgeBuild(s, B)).toBe(true);
    expect(blocksKeyOperations(check, true)).toBe(false);
    expect(checkBuild(s, B)).toEqual({ kind: 'same', current: B });
    // the same version with another commit is another build too
    expect(checkBuild(s, { ...B, commit: 'c'.repeat(40) }).kind).toBe('changed');
  });

  it('a damaged or foreign value counts as a different build, never as the same', () => {
    for (const v of ['not json', '{"version":1}', 'null', '"0.1.0"']) {
      const check = checkBuild(store({ [BUILD_STORAGE_KEY]: v }), A);
      expect(check, v).toEqual({ kind: 'changed', previous: { version: '?', commit: '?' }, current: A });
    }
  });

  it('storage refused (read, write or absent): unremembered, not blocking', () => {
    for (const s of [store({}, { read: true }), store({}, { write: true }), undefined]) {
      const check = checkBuild(s, A);
      expect(check).toEqual({ kind: 'unremembered', current: A });
      expect(blocksKeyOperations(check, false)).toBe(false);
    }
    expect(acknowledgeBuild(store({}, { write: true }), A)).toBe(false);
  });
});

describe('Ceremony with a build change', () => {
  it('refuses generation, loading, backup and wrapping until acknowledged; then allows them', async () => {
    const c = new Ceremony();
    await c.runSelfTests();
    c.setKeySpec(c.first, 'EC_P256');
    c.buildCheck = { kind: 'changed', previous: A, current: B };
    expect(c.buildChangePending).toBe(true);
    expect(c.cryptoRefused).toBe(true);
    expect(c.refusal).toEqual({ key: 'build.refuses' });
    expect(c.wrapBlockers[0]).toEqual({ kind: 'buildChange' });
    await c.generate();
    expect(c.target.info).toBeNull();
    const pem = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
    await c.loadTargetText(pem);
    expect(c.target.info).toBeNull();
    expect(c.target.problem).toBeNull();
    await c.loadTargetFile(new File([pem], 'key.pem'));
    expect(c.target.info).toBeNull();

    // a key loaded before the notice appeared: no backup, no wrap either
    const other = new Ceremony();
    await other.runSelfTests();
    other.setKeySpec(other.first, 'EC_P256');
    await other.loadTargetText(pem);
    expect(other.target.info?.spec).toBe('EC_P256');
    other.buildCheck = { kind: 'changed', previous: A, current: B };
    expect(await other.downloadBackup('a long enough passphrase here')).toBe(false);
    expect(other.backup.saved).toBeNull();
    // everything else ready: the build change alone keeps wrapping refused
    await other.first.loadWrappingKey(rsaPublic());
    await other.first.loadToken('dG9rZW4=');
    expect(other.wrapBlockers).toEqual([{ kind: 'buildChange' }]);
    await other.wrap();
    expect(other.materialCount).toBe(0);
    expect(other.first.material).toBeNull();

    // acknowledging writes to the browser's storage; none in Node, so the ceremony's flag alone unblocks
    c.acknowledgeBuildChange();
    expect(c.buildChangePending).toBe(false);
    expect(c.cryptoRefused).toBe(false);
    expect(c.refusal).toBeNull();
    expect(c.wrapBlockers).not.toContainEqual({ kind: 'buildChange' });
    await c.loadTargetText(pem);
    expect(c.target.info?.spec).toBe('EC_P256');
    // clear() keeps the acknowledgement: it is about the app, not the ceremony
    c.clear();
    expect(c.buildChangePending).toBe(false);
  });

  it('a first start or an unremembered build does not block', () => {
    const c = new Ceremony();
    for (const check of [{ kind: 'first', current: A }, { kind: 'same', current: A }, { kind: 'unremembered', current: A }] as const) {
      c.buildCheck = check;
      expect(c.buildChangePending, check.kind).toBe(false);
      expect(c.wrapBlockers).not.toContainEqual({ kind: 'buildChange' });
    }
  });
});
