// Wrapping a TAK into the key-material file KMS imports — docs/spec.md §1, §6.
import { sha256Hex, toBase64, wipe } from './bytes.ts';
import { fail } from './errors.ts';
import { labelFact, readArmored } from './formats/pem.ts';
import { PARAMETER_LABELS } from './formats/private-key.ts';
import { decodeSpki, describeDer } from './formats/spki.ts';
import { curveByOid } from './curves.ts';
import { isBytes, readField } from './input.ts';
import { ALGORITHMS, isWrappingAlgorithm, materialLength, type WrappingAlgorithm } from './specs.ts';
import { assertTargetKey, targetPlaintext, type TargetKey } from './target-key.ts';
import { wrapWith } from './wrap/algorithms.ts';
import { assertInput, readWrappingKey, type WrappingPublicKey } from './wrapping-key.ts';

/**
 * Cipher(ESK) ‖ Cipher(TAK). The algorithm defaults from the wrapping key. Either the full material is
 * returned or a ByokError is thrown: never partial output. Every plaintext copy is wiped.
 */
export async function wrapKeyMaterial(wrappingKey: WrappingPublicKey, target: TargetKey, algorithm?: WrappingAlgorithm): Promise<Uint8Array> {
  // Re-derive from the SPKI bytes rather than trust a caller-built object (spec §4); read them once.
  const spki = readField(wrappingKey, 'spki');
  if (!isBytes(spki)) fail('input_type', { field: 'wrappingKey' });
  const { key: iwk, point } = readWrappingKey(spki);
  assertTargetKey(target);
  if (algorithm !== undefined && !isWrappingAlgorithm(algorithm))
    fail('algorithm_mismatch', { algorithm: typeof algorithm === 'string' ? (algorithm as string).slice(0, 64) : undefined, spec: iwk.spec });
  const alg = algorithm ?? iwk.algorithm;
  const info = ALGORITHMS[alg];
  if (info.wrappingKeySpec !== iwk.spec) fail('algorithm_mismatch', { algorithm: alg, spec: iwk.spec });
  if (!info.targetSpecs.includes(target.spec)) fail('spec_not_supported_by_algorithm', { spec: target.spec, algorithm: alg });

  const plaintext = targetPlaintext(target, info.takPlaintext === 'pkcs8' ? 'pkcs8' : 'd');
  try {
    const keyBytes = point ?? iwk.spki;
    const material = await wrapWith(alg, keyBytes, plaintext);
    // spec §1: sizes are fixed by the construction; anything else is a bug, never output.
    if (material.length !== materialLength(alg, plaintext.length)) throw new Error('material length mismatch');
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
