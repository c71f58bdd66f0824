// File names of the Alibaba download (publickey_XXXX.pem|.bin, token_XXXX.txt) and of the files this app writes.

/** Browsers rename repeated downloads "name (1).ext"; that copy number is not part of the KMS suffix. */
function stripCopyNumber(stem: string): string {
  return stem.replace(/\s*\(\d+\)$/, '');
}

/** The XXXX of publickey_XXXX.pem / .bin / .der, or undefined when the name does not follow the pattern. */
export function wrappingKeySuffix(fileName: string): string | undefined {
  const m = /^publickey_(.+)\.(pem|bin|der)$/i.exec(fileName.trim());
  return m ? stripCopyNumber(m[1]!) || undefined : undefined;
}

/** The XXXX of token_XXXX.txt, or undefined when the name does not follow the pattern. */
export function tokenSuffix(fileName: string): string | undefined {
  const m = /^token_(.+)\.txt$/i.exec(fileName.trim());
  return m ? stripCopyNumber(m[1]!) || undefined : undefined;
}

const SAFE = /[^A-Za-z0-9._-]/g;

/** A key ID or suffix reduced to characters that are safe in a file name on every OS. */
export function safeNamePart(s: string): string {
  return s.trim().replace(SAFE, '').replace(/^\.+/, '').slice(0, 100);
}

export function hasUnsafeNameChars(s: string): boolean {
  return /[^A-Za-z0-9._-]/.test(s.trim());
}

/** `base_part.ext`, or `base.ext` when there is no usable part. */
export function fileName(base: string, part: string, ext: string): string {
  const p = safeNamePart(part);
  return p ? `${base}_${p}.${ext}` : `${base}.${ext}`;
}
