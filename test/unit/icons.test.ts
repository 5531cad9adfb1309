/** The add-in's icons, drawn and PNG-encoded by scripts/make-icons.ts: valid PNGs at every size Office asks for. */
import { inflateSync } from "zlib";
import {
  BUTTON_GLYPHS,
  BUTTON_ICON_SIZES,
  ICON_SIZES,
  crc32,
  drawIcon,
  encodePng,
  iconFiles,
  iconFileName,
} from "../../scripts/make-icons";

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len)).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    out.push({ type, data });
    at += 12 + len;
  }
  return out;
}

test("crc32 matches the PNG specification's check value", () => {
  expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
});

test("every size Office asks for (16, 32, 64, 80, 128) is emitted as a valid RGBA PNG; each button's at 16/32/80", () => {
  const files = iconFiles();
  const buttons = BUTTON_GLYPHS.flatMap((g) => BUTTON_ICON_SIZES.map((s) => [`${g}-${s}.png`, s] as const));
  expect([...files.keys()]).toEqual([...ICON_SIZES.map((s) => `icon-${s}.png`), ...buttons.map(([n]) => n)]);
  for (const [name, size] of [...ICON_SIZES.map((s) => [`icon-${s}.png`, s] as const), ...buttons]) {
    const png = files.get(name)!;
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const ihdr = cs[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([size, size, 8, 6]);
    const raw = inflateSync(cs[1].data);
    expect(raw.length).toBe(size * (size * 4 + 1));
  }
});

test("the drawing: transparent corners, a white centre on green", () => {
  const size = 64;
  const px = drawIcon(size);
  const at = (x: number, y: number) => [...px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
  expect(at(0, 0)[3]).toBe(0);
  expect(at(size / 2, size / 2)).toEqual([255, 255, 255, 255]);
  expect(at(size / 2, 3)).toEqual([0x10, 0x7c, 0x41, 255]);
});

test("button glyphs: white strokes on the same green, each different", () => {
  const size = 32;
  const drawn = BUTTON_GLYPHS.map((g) => Buffer.from(drawIcon(size, g)));
  expect(new Set(drawn.map((d) => d.toString("base64"))).size).toBe(BUTTON_GLYPHS.length);
  for (const px of drawn) {
    let white = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] === 255 && px[i + 1] === 255 && px[i + 3] === 255) white++;
    expect(white).toBeGreaterThan(20);
    expect(px[3]).toBe(0);
  }
  expect(iconFileName(16, "check")).toBe("check-16.png");
  expect(iconFileName(16)).toBe("icon-16.png");
});

test("encodePng refuses a pixel buffer of the wrong size", () => {
  expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow();
});
