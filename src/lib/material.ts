// Wrapping a target key into the key material a provider imports — docs/spec.md §1, §6, §9.6, §20.
import { sha256Hex, toBase64, wipe } from './bytes.ts';
import { fail } from './errors.ts';
import { labelFact, readArmored } from './formats/pem.ts';
import { OID } from './formats/oids.ts';
import { PARAMETER_LABELS } from './formats/private-key.ts';
import { decodeSpki, describeDer } from './formats/spki.ts';
import { curveByOid } from './curves.ts';
import { isBytes, readField } from './input.ts';
import { isWrappingAlgorithm, WRAPPING_ALGORITHMS as ALIBABA_ASYMMETRIC_ALGORITHMS } from './specs.ts';
import { rsaModulusBytes, type KeySpec, type WrappingKeySpec } from './keys/key-specs.ts';
import { PROVIDERS, isProviderId } from './providers/index.ts';
import type { Provider, ProviderAlgorithm, ProviderId } from './providers/types.ts';
import { envelopeFits, envelopeLength, wrapEnvelope } from './wrap/envelopes.ts';
import { oaepMaxMessageLength } from './wrap/rsa-oaep.ts';
import { assertTargetKey, targetPlaintext, type TargetKey } from './target-key.ts';
import { assertInput, readWrappingKey, type WrappingPublicKey } from './wrapping-key.ts';

/** The provider and algorithm a wrap uses: `{ provider, algorithm }`, or a bare Alibaba asymmetric name (spec §1). */
export type WrapChoice = { provider: ProviderId; algorithm: string } | string;

/**
 * spec §20: which provider algorithm entry carries this target under this wrapping key. No choice, or a bare
 * Alibaba asymmetric algorithm name, is Alibaba asymmetric import as before issue 9 (the algorithm defaults from
 * the wrapping key). Every refusal is decided here, from data, before any random byte is drawn.
 */
function resolveAlgorithm(choice: unknown, wrappingKeySpec: WrappingKeySpec, keySpec: KeySpec): { provider: Provider; algorithm: ProviderAlgorithm } {
  let provider: Provider;
  let name: string;
  if (choice === undefined || typeof choice === 'string') {
    provider = PROVIDERS.alibaba;
    if (choice !== undefined && !isWrappingAlgorithm(choice))
      fail('algorithm_mismatch', { algorithm: (choice as string).slice(0, 64), spec: wrappingKeySpec });
    const defaulted = choice ?? ALIBABA_ASYMMETRIC_ALGORITHMS.find((a) => provider.algorithms.some((e) => e.name === a && e.wrappingKeySpecs.includes(wrappingKeySpec)));
    if (defaulted === undefined) fail('algorithm_mismatch', { spec: wrappingKeySpec });
    name = defaulted;
  } else {
    if (choice === null || typeof choice !== 'object') fail('input_type', { field: 'choice' });
    const id = readField(choice, 'provider');
    const algorithm = readField(choice, 'algorithm');
    if (!isProviderId(id)) fail('provider_unknown', { found: typeof id === 'string' ? id.slice(0, 32) : undefined });
    if (typeof algorithm !== 'string') fail('input_type', { field: 'algorithm' });
    provider = PROVIDERS[id];
    name = algorithm;
  }
  const entries = provider.algorithms.filter((a) => a.name === name);
  if (entries.length === 0) fail('algorithm_unknown', { algorithm: name.slice(0, 64), provider: provider.id });
  const fitting = entries.filter((a) => a.wrappingKeySpecs.includes(wrappingKeySpec));
  if (fitting.length === 0) fail('algorithm_mismatch', { algorithm: name, spec: wrappingKeySpec, expected: entries[0]!.wrappingKeySpecs.join(', ') });
  const algorithm = fitting.find((a) => a.keySpecs.includes(keySpec));
  if (!algorithm) fail('spec_not_supported_by_algorithm', { spec: keySpec, algorithm: name, provider: provider.id });
  return { provider, algorithm };
}

/**
 * The wrapped key material (spec §1, §9.6, §20): the provider algorithm's envelope over the target key in the
 * encoding it wants (secrets raw; asymmetric keys PKCS#8, or Alibaba SM2's raw scalar). Either the full
 * material is returned or a ByokError is thrown: never partial output. Every plaintext copy is wiped.
 */
export async function wrapKeyMaterial(wrappingKey: WrappingPublicKey, target: TargetKey, choice?: WrapChoice): Promise<Uint8Array> {
  // Re-derive from the SPKI bytes rather than trust a caller-built object (spec §4); read them once.
  const spki = readField(wrappingKey, 'spki');
  if (!isBytes(spki)) fail('input_type', { field: 'wrappingKey' });
  const { key: iwk, point } = readWrappingKey(spki);
  assertTargetKey(target);
  const { algorithm } = resolveAlgorithm(choice, iwk.spec, target.spec);
  const envelope = algorithm.construction;
  const encoding = target.kind === 'secret' ? 'raw' : (algorithm.asymmetricPlaintext ?? 'pkcs8');
  const modulusLength = rsaModulusBytes(iwk.spec);

  const plaintext = targetPlaintext(target, encoding);
  try {
    // spec §9.1: a key too large for the envelope (direct OAEP holds k − 2·hLen − 2 bytes) is refused here
    if (!envelopeFits(envelope, plaintext.length, modulusLength))
      fail('key_too_large_for_algorithm', {
        spec: target.spec,
        algorithm: algorithm.name,
        length: plaintext.length,
        limit: envelope.shape === 'rsa-oaep' ? oaepMaxMessageLength(modulusLength, envelope.hash) : undefined,
      });
    const keyBytes = point ? ({ kind: 'sm2', point } as const) : ({ kind: 'rsa', spki: iwk.spki } as const);
    const material = await wrapEnvelope(envelope, keyBytes, plaintext);
    // spec §9.6: sizes are fixed by the construction; anything else is a bug, never output.
    const { min, max } = envelopeLength(envelope, plaintext.length, modulusLength);
    if (material.length < min || material.length > max) throw new Error('material length mismatch');
    return material;
  } finally {
    wipe(plaintext);
  }
}

/** The upload file: standard base64, no line breaks (spec §6). */
export function encodeKeyMaterial(material: Uint8Array): string {
  if (!isBytes(material)) fail('input_type', { field: 'material' });
  return toBase64(material);
}

export interface PublicKeyComparison {
  matches: boolean;
  /** SHA-256 of the target key's SPKI */
  expectedSha256: string;
  /** SHA-256 of the SPKI given (as re-encoded from the input) */
  actualSha256: string;
  /** what the given key is, in words */
  found: string;
}

/** One SubjectPublicKeyInfo from PEM `PUBLIC KEY`, DER or bare base64 (spec §6.2). */
function readPublicKeyInput(input: string | Uint8Array): Uint8Array {
  assertInput(input);
  const blocks = readArmored(input).filter((b) => !b.label || !PARAMETER_LABELS.has(b.label));
  if (blocks.length === 0) fail('input_empty');
  if (blocks.length > 1) fail('pem_multiple_keys', { length: blocks.length });
  const block = blocks[0]!;
  if (block.label && block.label !== 'PUBLIC KEY') fail('public_key_expected', labelFact(block.label));
  return block.der;
}

/** The SPKI decoded, or public_key_expected saying what the input is instead (a private key, a certificate…). */
function decodePublicKeyInput(spki: Uint8Array): ReturnType<typeof decodeSpki> {
  try {
    return decodeSpki(spki);
  } catch (e) {
    const what = describeDer(spki);
    if (what.kind !== 'spki' && what.kind !== 'unknown') fail('public_key_expected', { found: what.description });
    throw e;
  }
}

/** Compare two SPKIs by value (modulus/exponent, curve/point), so an equivalent encoding still matches. */
function compareSpki(expectedSpki: Uint8Array, actualSpki: Uint8Array): PublicKeyComparison {
  const actual = decodePublicKeyInput(actualSpki);
  const expected = decodePublicKeyInput(expectedSpki);
  let matches = false;
  if (actual.kind === 'rsa' && expected.kind === 'rsa') matches = actual.n === expected.n && actual.e === expected.e;
  else if (actual.kind === 'ec' && expected.kind === 'ec' && actual.curveOid === expected.curveOid) {
    const curve = curveByOid(actual.curveOid);
    const a = curve?.normalisePoint(actual.point);
    const b = curve?.normalisePoint(expected.point);
    matches = a !== undefined && b !== undefined && sha256Hex(a) === sha256Hex(b);
  } else if (actual.kind === 'other' && expected.kind === 'other' && actual.algorithmOid === OID.ed25519 && expected.algorithmOid === OID.ed25519) {
    // RFC 8410 §4: no parameters and one 32-byte key, so equal keys have equal (strict DER) SPKIs
    matches = sha256Hex(actual.spki) === sha256Hex(expected.spki);
  }
  return { matches, expectedSha256: sha256Hex(expectedSpki), actualSha256: sha256Hex(actualSpki), found: describeDer(actualSpki).description };
}

/**
 * Verify after import (spec §6.2): compare the public key KMS reports (GetPublicKey PEM, DER or base64) with
 * the target key.
 */
export function comparePublicKey(target: TargetKey, input: string | Uint8Array): PublicKeyComparison {
  assertInput(input);
  // Any object with the SPKI works (a disposed key can still be compared); read it once, trust nothing else.
  const targetSpki = readField(target, 'publicKeySpki');
  if (!isBytes(targetSpki)) fail('input_type', { field: 'target' });
  return compareSpki(targetSpki, readPublicKeyInput(input));
}

/**
 * The same check without the private key in memory (spec §6.2): `expected` is the target public key saved in
 * step 3 (`publicKeyPem`), `actual` what KMS reports. Both PEM, DER or base64 SPKI.
 */
export function comparePublicKeys(expected: string | Uint8Array, actual: string | Uint8Array): PublicKeyComparison {
  const expectedSpki = readPublicKeyInput(expected);
  return compareSpki(expectedSpki, readPublicKeyInput(actual));
}
