// File names of the files this app writes (the providers' download names are library provider data, `files`).

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
