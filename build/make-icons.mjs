// Draws the app icon (a white key on the app's blue) as static/icon.svg, static/icon-192.png and
// static/icon-512.png. Run by hand after changing the drawing: `node build/make-icons.mjs`; the outputs are
// committed, so the build never draws anything. PNG is written directly (RFC 2083: IHDR, one IDAT deflated with
// node:zlib, IEND); nothing is downloaded and no image library is needed.
// @ts-check
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

const BLUE = [0x0b, 0x4f, 0x9c];
const WHITE = [0xff, 0xff, 0xff];

// The drawing on a unit square, kept inside the central 80% so a maskable crop never cuts the key.
const CORNER = 0.18;
const BOW = { cx: 0.34, cy: 0.5, r: 0.17, hole: 0.075 };
const BARS = [
  { x0: 0.46, y0: 0.455, x1: 0.82, y1: 0.545 }, // shaft
  { x0: 0.66, y0: 0.545, x1: 0.71, y1: 0.64 }, // tooth
  { x0: 0.75, y0: 0.545, x1: 0.82, y1: 0.68 }, // tooth
];

/** @param {number} x @param {number} y */
function inBackground(x, y) {
  const dx = Math.max(CORNER - x, x - (1 - CORNER), 0);
  const dy = Math.max(CORNER - y, y - (1 - CORNER), 0);
  return dx * dx + dy * dy <= CORNER * CORNER;
}

/** @param {number} x @param {number} y */
function inKey(x, y) {
  const d2 = (x - BOW.cx) ** 2 + (y - BOW.cy) ** 2;
  if (d2 <= BOW.r ** 2 && d2 >= BOW.hole ** 2) return true;
  return BARS.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);
}

/** RGBA pixels, 4×4 samples per pixel for smooth edges. @param {number} size */
function render(size) {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let key = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = (i + (si + 0.5) / n) / size;
          const y = (j + (sj + 0.5) / n) / size;
          if (!inBackground(x, y)) continue;
          bg++;
          if (inKey(x, y)) key++;
        }
      }
      const o = (j * size + i) * 4;
      const k = bg === 0 ? 0 : key / bg;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BLUE[c] * (1 - k) + WHITE[c] * k);
      px[o + 3] = Math.round((255 * bg) / (n * n));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Uint8Array} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Uint8Array} data */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** @param {number} size */
export function png(size) {
  const px = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) raw.set(px.subarray(j * size * 4, (j + 1) * size * 4), j * (size * 4 + 1) + 1); // filter 0
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter set, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

export function svg() {
  const f = (/** @type {number} */ v) => +(v * 512).toFixed(2);
  const hex = (/** @type {number[]} */ c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  const bars = BARS.map((b) => `<rect x="${f(b.x0)}" y="${f(b.y0)}" width="${f(b.x1 - b.x0)}" height="${f(b.y1 - b.y0)}"/>`);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
    `<rect width="512" height="512" rx="${f(CORNER)}" fill="${hex(BLUE)}"/>`,
    `<g fill="${hex(WHITE)}">`,
    // the bow: a ring, drawn as one path with an even-odd hole
    `<path fill-rule="evenodd" d="M${f(BOW.cx - BOW.r)} ${f(BOW.cy)}a${f(BOW.r)} ${f(BOW.r)} 0 1 0 ${f(2 * BOW.r)} 0a${f(BOW.r)} ${f(BOW.r)} 0 1 0 -${f(2 * BOW.r)} 0ZM${f(BOW.cx - BOW.hole)} ${f(BOW.cy)}a${f(BOW.hole)} ${f(BOW.hole)} 0 1 0 ${f(2 * BOW.hole)} 0a${f(BOW.hole)} ${f(BOW.hole)} 0 1 0 -${f(2 * BOW.hole)} 0Z"/>`,
    ...bars,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = new URL('../static/', import.meta.url);
  writeFileSync(new URL('icon.svg', dir), svg());
  for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, dir), png(size));
}
