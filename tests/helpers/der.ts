// Test-side DER writing (X.690 §8.1), shared by the SM2 ciphertext converter and the fuzz tree.
// Written without anything from src/ so that a shared mistake cannot make both sides agree.

export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** X.690 §8.1.3.5: the minimal definite length octets. */
export function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return cat(Uint8Array.of(tag), encodeLength(content.length), content);
}
