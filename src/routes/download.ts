// Saving and copying without any network: a Blob, an object URL, an <a download> click, then the URL is revoked.
import { sha256Hex } from '../lib/index.ts';

/**
 * The same file (same name, same bytes) saved again within this time is a double activation (a double click,
 * Enter pressed twice) and saves nothing: one file per intent, never `name (1).txt` next to `name.txt` on the
 * medium. A different file of the same name (a new backup: new salt and IV) is always saved.
 */
export const REPEAT_SAVE_MS = 1000;
let lastSave: { name: string; sha256: string; at: number } | undefined;

/** Saves `data` as `name`; false when it repeats the same save of a moment ago (nothing saved). */
export function saveFile(name: string, data: Uint8Array | string, type: string): boolean {
  const now = Date.now();
  const sha256 = sha256Hex(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  if (lastSave && lastSave.name === name && lastSave.sha256 === sha256 && now - lastSave.at < REPEAT_SAVE_MS) return false;
  lastSave = { name, sha256, at: now };
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoke after the click has been handled; revoking synchronously can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return true;
}

/** Copies public text (ciphertext, commands, PEM public keys). Resolves false when the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads a picked or dropped file as bytes, refusing anything far larger than a key file before reading it. */
export const MAX_FILE_BYTES = 1 << 20;
