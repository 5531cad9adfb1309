/**
 * Draws the add-in's icons (a white target on Excel green, and a glyph per ribbon button) and encodes them as PNG with Node's zlib,
 * so no image tool or package is needed. The webpack build calls `iconFiles()` and emits the PNGs
 * into dist/assets/; run this script to write them somewhere else:
 *
 *   node out/scripts/make-icons.js [DIR]      (default: dist/assets)
 */
import { deflateSync } from "zlib";
import { promises as fs } from "fs";
import * as path from "path";

/** Sizes Office asks for: 16/32/80 ribbon, 32/64 IconUrl/HighResolutionIconUrl, 128 for the store. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
/** Sizes of the ribbon buttons' own icons. */
export const BUTTON_ICON_SIZES = [16, 32, 80] as const;

/**
 * The add-in's icon (a target) and one per ribbon command, each a white glyph on the same green:
 * check ✓ (校验), clear × (清除标记), table grid (生成目标表), Σ (生成汇总表), rising bars (填充执行率),
 * a curved arrow back (撤销上次操作).
 */
export type Glyph = "target" | "check" | "clear" | "table" | "summary" | "rates" | "undo";
export const BUTTON_GLYPHS: readonly Exclude<Glyph, "target">[] = [
  "check",
  "clear",
  "table",
  "summary",
  "rates",
  "undo",
];

export function iconFileName(size: number, glyph: Glyph = "target"): string {
  return glyph === "target" ? `icon-${size}.png` : `${glyph}-${size}.png`;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (row-major, `width * height * 4` bytes) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error("pixel buffer does not match the size");
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

type Rgb = [number, number, number];
const GREEN: Rgb = [0x10, 0x7c, 0x41];
const WHITE: Rgb = [0xff, 0xff, 0xff];

type Point = [number, number];

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

/** Whether (x, y) lies on the polyline through `points`, drawn `width` wide with round ends. */
function onPolyline(x: number, y: number, points: Point[], width: number): boolean {
  for (let i = 0; i + 1 < points.length; i++)
    if (segmentDistance(x, y, points[i], points[i + 1]) <= width / 2) return true;
  return false;
}

/** The glyphs as strokes in unit coordinates; thick enough to read at 16 px. */
const STROKES: Record<Exclude<Glyph, "target">, { lines: Point[][]; width: number }> = {
  check: {
    lines: [
      [
        [0.27, 0.52],
        [0.43, 0.68],
        [0.74, 0.34],
      ],
    ],
    width: 0.12,
  },
  clear: {
    lines: [
      [
        [0.33, 0.33],
        [0.67, 0.67],
      ],
      [
        [0.67, 0.33],
        [0.33, 0.67],
      ],
    ],
    width: 0.12,
  },
  table: {
    lines: [
      [
        [0.26, 0.28],
        [0.74, 0.28],
        [0.74, 0.72],
        [0.26, 0.72],
        [0.26, 0.28],
      ],
      [
        [0.26, 0.43],
        [0.74, 0.43],
      ],
      [
        [0.26, 0.58],
        [0.74, 0.58],
      ],
      [
        [0.44, 0.28],
        [0.44, 0.72],
      ],
    ],
    width: 0.07,
  },
  summary: {
    lines: [
      [
        [0.69, 0.29],
        [0.32, 0.29],
        [0.52, 0.5],
        [0.32, 0.71],
        [0.69, 0.71],
      ],
    ],
    width: 0.1,
  },
  rates: {
    lines: [
      [
        [0.32, 0.72],
        [0.32, 0.56],
      ],
      [
        [0.5, 0.72],
        [0.5, 0.44],
      ],
      [
        [0.68, 0.72],
        [0.68, 0.3],
      ],
    ],
    width: 0.12,
  },
  undo: {
    lines: [
      [
        [0.3, 0.42],
        [0.56, 0.42],
        [0.66, 0.46],
        [0.71, 0.54],
        [0.7, 0.62],
        [0.64, 0.69],
        [0.52, 0.72],
      ],
      [
        [0.41, 0.3],
        [0.29, 0.42],
        [0.41, 0.54],
      ],
    ],
    width: 0.09,
  },
};

/** The colour of a point in unit coordinates (0..1), or null outside the shape. */
function shade(x: number, y: number, glyph: Glyph = "target"): Rgb | null {
  // Rounded square background.
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return null;
  if (glyph !== "target") {
    const { lines, width } = STROKES[glyph];
    return lines.some((l) => onPolyline(x, y, l, width)) ? WHITE : GREEN;
  }
  // Target: two white rings and a centre dot.
  const d = Math.hypot(x - 0.5, y - 0.5);
  if (d < 0.09 || (d > 0.19 && d < 0.26) || (d > 0.33 && d < 0.4)) return WHITE;
  return GREEN;
}

/** RGBA pixels of the icon at `size` px, anti-aliased by 4×4 supersampling. */
export function drawIcon(size: number, glyph: Glyph = "target"): Uint8Array {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let rs = 0;
      let gs = 0;
      let bs = 0;
      let hits = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, glyph);
          if (!c) continue;
          rs += c[0];
          gs += c[1];
          bs += c[2];
          hits++;
        }
      const o = (y * size + x) * 4;
      if (hits) {
        px[o] = Math.round(rs / hits);
        px[o + 1] = Math.round(gs / hits);
        px[o + 2] = Math.round(bs / hits);
        px[o + 3] = Math.round((255 * hits) / (ss * ss));
      }
    }
  return px;
}

/** Every icon the build emits, by file name: the add-in's at every size, then each button's. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>(ICON_SIZES.map((s) => [iconFileName(s), encodePng(s, s, drawIcon(s))]));
  for (const glyph of BUTTON_GLYPHS)
    for (const s of BUTTON_ICON_SIZES) files.set(iconFileName(s, glyph), encodePng(s, s, drawIcon(s, glyph)));
  return files;
}

async function main(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, png] of iconFiles()) {
    await fs.writeFile(path.join(dir, name), png);
    process.stdout.write(`${path.join(dir, name)} (${png.length} bytes)\n`);
  }
}

if (require.main === module) {
  main(process.argv[2] ?? path.join(__dirname, "..", "..", "dist", "assets")).catch((e: Error) => {
    process.stderr.write(`make-icons: ${e.message}\n`);
    process.exit(1);
  });
}
