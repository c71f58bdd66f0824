// Step 5's rules for one destination (docs/spec.md §22.3): the file its provider takes (library wrapKeyMaterial,
// then deliverKeyMaterial) and its CLI line (library importCommand). The Ceremony runs them for every destination
// and keeps the set only when all succeed.
import { deliverKeyMaterial, importCommand, sha256Hex, wrapKeyMaterial, type TargetKey } from '../../lib/index.ts';
import type { Problem } from '../i18n.ts';
import { safeNamePart } from '../names.ts';
import { vaultNameOf, type Destination, type MaterialInfo } from './destination.svelte.ts';
import { problemOf } from './io.ts';

/** `name`, or `name` with -2, -3 … before its extension when an earlier destination's file has that name. */
export function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = name.replace(/(\.[^.]+)?$/, (ext) => `-${i}${ext}`);
  taken.add(out.toLowerCase());
  return out;
}

/** The key ID part of a destination's file name: its key ID, else the suffix of its downloads. */
export function fileIdOf(d: Destination): string {
  return safeNamePart(d.keyId) || safeNamePart(d.downloadSuffix ?? '');
}

/**
 * Wrap `key` for one destination and deliver it as its provider takes it. The wrapped bytes are wiped once
 * delivered; the delivered file holds ciphertext only. Undefined when the destination has no wrapping key or
 * algorithm (the Ceremony's blockers keep that from happening).
 */
export async function deliverFor(d: Destination, key: TargetKey, taken: Set<string>): Promise<{ bytes: Uint8Array; info: MaterialInfo } | undefined> {
  const wk = d.wrappingKeyObject();
  const algorithm = d.algorithm;
  if (!wk || !algorithm) return undefined;
  const material = await wrapKeyMaterial(wk, key, { provider: d.providerId, algorithm: algorithm.name });
  const fileId = fileIdOf(d);
  const kekId = d.kekId.trim();
  let delivery;
  try {
    delivery = deliverKeyMaterial(material, {
      provider: d.providerId,
      algorithm: algorithm.name,
      keySpec: d.keySpec,
      wrappingKeySpec: wk.spec,
      ...(fileId ? { keyId: fileId } : {}),
      ...(kekId ? { kekId } : {}),
    });
  } finally {
    material.fill(0);
  }
  const info: MaterialInfo = {
    fileName: uniqueName(delivery.fileName, taken),
    mediaType: delivery.mediaType,
    sha256: sha256Hex(delivery.bytes),
    byteLength: delivery.bytes.length,
    ...(delivery.text !== undefined ? { text: delivery.text } : {}),
    algorithm: algorithm.name,
    wrappedAt: Date.now(),
    ...(kekId ? { kekId } : {}),
    madeFor: d.madeFor,
  };
  return { bytes: delivery.bytes, info };
}

/** The provider's CLI line for a destination's upload, the problem that prevents it, or null before material. */
export function cliLineFor(d: Destination, expireUnix: number | undefined): { line: string } | { problem: Problem } | null {
  if (!d.material || !d.algorithm) return null;
  // an expiry date not yet valid gives no line: the library's default (0) would say "never expires"
  if (d.ui.expiry && expireUnix === undefined) return null;
  try {
    const vaultName = d.provider.needs?.includes('kekId') ? vaultNameOf(d.kekId) : undefined;
    return {
      line: importCommand({
        provider: d.providerId,
        algorithm: d.algorithm.name,
        keySpec: d.keySpecName,
        ...(d.keyId.trim() ? { keyId: d.keyId.trim() } : {}),
        fileName: d.material.fileName,
        ...(d.tokenFileName ? { tokenFileName: d.tokenFileName } : {}),
        ...(d.provider.needs?.includes('importJob') ? { importJob: d.importJob.trim() || 'IMPORT_JOB' } : {}),
        ...(vaultName ? { vaultName } : {}),
        ...(d.ui.expiry ? { expireUnix } : {}),
      }),
    };
  } catch (e) {
    return { problem: problemOf(e) };
  }
}
