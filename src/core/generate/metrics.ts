/**
 * How much room text takes in a printed cell, estimated without a font engine: a Chinese character
 * is one em wide, Latin letters and digits about 0.6 em, and lines wrap at any Chinese character or
 * at spaces between Latin words, as Excel, WPS and LibreOffice wrap them. The estimates err on the
 * generous side: a row a little too tall prints fine, a row too short cuts text off.
 */

/** Pixels (96 dpi) a column of Excel width `w` takes: `w` widths of '0' in the default font, plus padding. */
export function columnPixels(w: number): number {
  return Math.floor(w * 7 + 5);
}

/** Horizontal padding inside a cell, both sides, in pixels. */
const CELL_PADDING_PX = 8;
/** Extra room for the spacing fonts and wrapping rules add. */
const SLACK = 1.04;

/** Whether a UTF-16 unit is a full-width (CJK, kana, hangul, full-width form) character. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    // Surrogates: characters beyond the BMP (rare CJK), counted wide.
    (c >= 0xd800 && c <= 0xdfff)
  );
}

/** Width of one UTF-16 unit in ems. */
export function unitEms(c: number): number {
  if (isWide(c)) return c >= 0xdc00 && c <= 0xdfff ? 0 : 1;
  if (c === 0x20) return 0.33;
  // i l I . , : ; ! ' |
  if (
    c === 0x69 ||
    c === 0x6c ||
    c === 0x49 ||
    c === 0x2e ||
    c === 0x2c ||
    c === 0x3a ||
    c === 0x3b ||
    c === 0x21 ||
    c === 0x27 ||
    c === 0x7c
  )
    return 0.35;
  // M W % @ and the wide symbols ‰ ≥ ≤
  if (c === 0x4d || c === 0x57 || c === 0x25 || c === 0x40 || c === 0x2030 || c === 0x2265 || c === 0x2264) return 1;
  if (c >= 0x41 && c <= 0x5a) return 0.7;
  return 0.6;
}

export function charEms(ch: string): number {
  let ems = 0;
  for (let i = 0; i < ch.length; i++) ems += unitEms(ch.charCodeAt(i));
  return ems;
}

function emPixels(fontSize: number): number {
  return (fontSize * 96) / 72;
}

/** Width of a text in pixels at `fontSize` points. */
export function textPixels(text: string, fontSize: number): number {
  return charEms(text) * emPixels(fontSize);
}

/** Marks that keep to the end of a line in Chinese typesetting (a line never starts with them). */
const NO_LINE_START = new Set([..."，。、；：！？）》」』】”’％‰,.;:!?)]%"].map((c) => c.charCodeAt(0)));

/** Lines a text wraps to in a cell `widthPx` wide (padding included) at `fontSize` points. */
export function wrappedLines(text: string, fontSize: number, widthPx: number): number {
  const usable = Math.max(widthPx - CELL_PADDING_PX, 10);
  const em = emPixels(fontSize) * SLACK;
  // Short text without breaks: one line, whatever its characters.
  if (text.length * em <= usable && text.indexOf("\n") < 0) return 1;
  let lines = 0;
  for (const line of text.split("\n")) {
    lines++;
    let x = 0;
    let word = 0;
    /** Places a piece that must not be broken (a Chinese character, or a Latin word). */
    const place = (w: number): void => {
      if (x + w <= usable) {
        x += w;
        return;
      }
      if (x > 0) {
        lines++;
        x = 0;
      }
      if (w > usable) {
        lines += Math.floor(w / usable);
        x = w % usable;
      } else x = w;
    };
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      const w = unitEms(c) * em;
      if (isWide(c)) {
        if (word > 0) place(word);
        word = 0;
        // A closing mark stays on the line of the character before it.
        if (NO_LINE_START.has(c) && x + w <= usable + w) x += w;
        else place(w);
      } else if (c === 0x20) {
        place(word + w);
        word = 0;
      } else if (NO_LINE_START.has(c) && word === 0) x += w;
      else word += w;
    }
    if (word > 0) place(word);
  }
  return lines;
}

/** Height in points of one line of text at `fontSize` (CJK fonts have tall line boxes). */
export function lineHeight(fontSize: number): number {
  return fontSize * 1.5;
}

/** Excel's highest row. */
export const MAX_ROW_HEIGHT = 409;

/** Row height in points that shows `lines` lines at `fontSize`, with room above and below. */
export function heightForLines(lines: number, fontSize: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * lineHeight(fontSize) + 6) * 4) / 4);
}
