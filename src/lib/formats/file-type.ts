// Common files that are not keys, known by their first bytes (their "magic numbers"), so that a PNG picked by
// mistake is called a PNG image, not damaged DER (spec §2.1). DER always starts with a tag, for every key
// structure 0x30 (SEQUENCE), so none of these signatures can be the start of a key.

export type FileType = 'png' | 'jpeg' | 'gif' | 'pdf' | 'zip' | 'gzip' | 'utf16' | 'webp' | 'bmp' | 'exe' | 'rtf' | 'ole';

/** [type, signature at offset 0 (bytes, or ASCII)]; sources: each format's own specification, noted. */
const SIGNATURES: readonly (readonly [FileType, readonly number[] | string])[] = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]], // ISO/IEC 15948 §5.2
  ['jpeg', [0xff, 0xd8, 0xff]], // ITU-T T.81 Annex B (SOI marker, then a marker)
  ['gif', 'GIF8'], // GIF89a spec §17 ("GIF87a" / "GIF89a")
  ['pdf', '%PDF-'], // ISO 32000-1 §7.5.2
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // PKWARE APPNOTE §4.3.7 (also .docx, .xlsx, .jar)
  ['zip', [0x50, 0x4b, 0x05, 0x06]], // APPNOTE §4.3.16, an empty archive
  ['gzip', [0x1f, 0x8b]], // RFC 1952 §2.3.1
  ['utf16', [0xff, 0xfe]], // Unicode §23.8, UTF-16LE byte order mark
  ['utf16', [0xfe, 0xff]], // UTF-16BE byte order mark
  ['webp', 'RIFF'], // RIFF container (WebP, WAV, AVI)
  ['bmp', 'BM'],
  ['exe', 'MZ'], // DOS / Windows executable
  ['rtf', '{\\rtf'],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // MS-CFB §2.2 (old .doc, .xls, .msg)
];

/** The kind of a well-known non-key file, or undefined. */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
  for (const [type, sig] of SIGNATURES) {
    const expected = typeof sig === 'string' ? Array.from(sig, (c) => c.charCodeAt(0)) : sig;
    if (bytes.length >= expected.length && expected.every((b, i) => bytes[i] === b)) return type;
  }
  return undefined;
}
