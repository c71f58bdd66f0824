// The TargetKey object (docs/spec.md §3, §10): public facts frozen on the object, plaintext key bytes only in
// a private class field (never enumerable, never in reactive state), wiped by dispose().
import { equalBytes, sha256Hex, wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { encodePem } from '../formats/pem.ts';
import type { PrivateKeyFormat } from '../formats/types.ts';
import type { AsymmetricKeySpec, SecretKeySpec } from './key-specs.ts';

/** How a secret key was given (spec §10.2). */
export type SecretKeyFormat = 'raw' | 'hex' | 'base64';

/**
 * What a provider wraps (spec §10.1): 'raw' the secret's bytes; 'pkcs8' the normalised PKCS#8 DER of an
 * asymmetric key; 'scalar' an EC private scalar, the curve's scalar length, left-padded.
 */
export type PlaintextEncoding = 'raw' | 'pkcs8' | 'scalar';

interface TargetKeyCommon {
  readonly origin: 'generated' | 'loaded';
  readonly disposed: boolean;
  /** wipe the key from memory; later use fails with key_disposed */
  dispose(): void;
}

export interface AsymmetricTargetKey extends TargetKeyCommon {
  readonly kind: 'asymmetric';
  readonly spec: AsymmetricKeySpec;
  /** SubjectPublicKeyInfo PEM, for comparison with KMS GetPublicKey after import */
  readonly publicKeyPem: string;
  readonly publicKeySpki: Uint8Array;
  /** hex SHA-256 of the SPKI DER */
  readonly publicKeySha256: string;
  /** container it was loaded from (undefined when generated here) */
  readonly sourceFormat?: PrivateKeyFormat;
}

export interface SecretTargetKey extends TargetKeyCommon {
  readonly kind: 'secret';
  readonly spec: SecretKeySpec;
  /** key length in bytes */
  readonly byteLength: number;
  /**
   * AES and SM4: key check value, the first 3 bytes of the encryption of one all-zero block, lowercase hex
   * (spec §10.4). Undefined for HMAC keys, which have no public fingerprint.
   */
  readonly kcv?: string;
  /** how it was given (undefined when generated here) */
  readonly sourceFormat?: SecretKeyFormat;
}

export type TargetKey = AsymmetricTargetKey | SecretTargetKey;

type Store = Partial<Record<PlaintextEncoding, Uint8Array>>;

/** The private part shared by both kinds, and the brand every TargetKey this library made carries. */
abstract class KeyCore {
  #store: Store | undefined;
  constructor(store: Store) {
    this.#store = store;
  }
  /** Brand check that runs no caller code (no Proxy trap, no getter): only keys this module made pass. */
  static isTargetKey(v: unknown): v is AsymmetricKeyImpl | SecretKeyImpl {
    return typeof v === 'object' && v !== null && #store in v;
  }
  static isDisposed(k: KeyCore): boolean {
    return k.#store === undefined;
  }
  get disposed(): boolean {
    return this.#store === undefined;
  }
  dispose(): void {
    if (this.#store) wipe(...Object.values(this.#store));
    this.#store = undefined;
  }
  /** @internal a copy the caller must wipe */
  copySecret(encoding: PlaintextEncoding, spec: string): Uint8Array {
    const s = this.#store;
    if (!s) fail('key_disposed');
    const b = s[encoding];
    // A provider asking for an encoding this type has not (a scalar of an RSA key) is a pairing error.
    if (!b) fail('spec_not_supported_by_algorithm', { spec, check: `no ${encoding} encoding` });
    return b.slice();
  }
}

export class AsymmetricKeyImpl extends KeyCore implements AsymmetricTargetKey {
  readonly kind = 'asymmetric' as const;
  readonly spec: AsymmetricKeySpec;
  readonly publicKeyPem: string;
  readonly publicKeySpki: Uint8Array;
  readonly publicKeySha256: string;
  readonly origin: 'generated' | 'loaded';
  readonly sourceFormat?: PrivateKeyFormat;

  constructor(spec: AsymmetricKeySpec, spki: Uint8Array, store: { pkcs8: Uint8Array; scalar?: Uint8Array }, origin: 'generated' | 'loaded', sourceFormat?: PrivateKeyFormat) {
    super(store);
    this.spec = spec;
    this.publicKeySpki = spki;
    this.publicKeyPem = encodePem('PUBLIC KEY', spki);
    this.publicKeySha256 = sha256Hex(spki);
    this.origin = origin;
    this.sourceFormat = sourceFormat;
    // The public facts are what wrapping trusts (spec, which plaintext): a caller cannot rewrite them.
    Object.freeze(this);
  }
  toJSON(): object {
    // never serialise secrets, even by accident
    return { spec: this.spec, kind: this.kind, publicKeySha256: this.publicKeySha256, origin: this.origin };
  }
}

export class SecretKeyImpl extends KeyCore implements SecretTargetKey {
  readonly kind = 'secret' as const;
  readonly spec: SecretKeySpec;
  readonly byteLength: number;
  readonly kcv?: string;
  readonly origin: 'generated' | 'loaded';
  readonly sourceFormat?: SecretKeyFormat;

  /** `raw` becomes the key's own buffer: the caller hands it over and must not wipe or reuse it. */
  constructor(spec: SecretKeySpec, raw: Uint8Array, kcv: string | undefined, origin: 'generated' | 'loaded', sourceFormat?: SecretKeyFormat) {
    super({ raw });
    this.spec = spec;
    this.byteLength = raw.length;
    if (kcv !== undefined) this.kcv = kcv;
    this.origin = origin;
    this.sourceFormat = sourceFormat;
    Object.freeze(this);
  }
  toJSON(): object {
    return { spec: this.spec, kind: this.kind, byteLength: this.byteLength, kcv: this.kcv, origin: this.origin };
  }
}

export function assertTargetKey(v: unknown): asserts v is AsymmetricKeyImpl | SecretKeyImpl {
  if (!KeyCore.isTargetKey(v)) fail('input_type', { expected: 'a TargetKey from generateTargetKey or parseTargetKey' });
  if (KeyCore.isDisposed(v)) fail('key_disposed');
}

/** @internal plaintext for wrapping in the encoding a provider asks for (spec §10.1); the caller wipes it. */
export function targetPlaintext(target: TargetKey, encoding: PlaintextEncoding): Uint8Array {
  assertTargetKey(target);
  return target.copySecret(encoding, target.spec);
}

/**
 * spec §10.8: true iff both are the same key type and the same key. Asymmetric keys compare their SPKI (derived
 * from the private key when it was loaded, so one private key has one SPKI); secrets compare their raw bytes,
 * over the whole length without an early exit, from copies that are wiped before returning.
 */
export function sameKey(a: TargetKey, b: TargetKey): boolean {
  assertTargetKey(a);
  assertTargetKey(b);
  if (a.spec !== b.spec) return false;
  // one spec is one kind, so both are asymmetric or both secret
  if (a.kind === 'asymmetric' || b.kind === 'asymmetric') return a.kind === 'asymmetric' && b.kind === 'asymmetric' && equalBytes(a.publicKeySpki, b.publicKeySpki);
  let x: Uint8Array | undefined;
  let y: Uint8Array | undefined;
  try {
    x = a.copySecret('raw', a.spec);
    y = b.copySecret('raw', b.spec);
    return equalBytes(x, y);
  } finally {
    wipe(x, y);
  }
}

