/**
 * Zip packages written with a codec given by the caller. ExcelJS zips with jszip and pako, in
 * JavaScript: CRCs, deflate and buffer copies take about as long as rendering the sheets. The CLI
 * has Node's zlib (native deflate and CRC-32, three times faster at the same level), so its saves
 * zip the parts ExcelJS renders here. No Node modules: plain bytes in, bytes out.
 */

export type DeflateRaw = (data: Uint8Array) => Uint8Array;

/** Native compression: raw deflate and CRC-32. */
export interface ZipCodec {
  deflateRaw: DeflateRaw;
  crc32: (data: Uint8Array) => number;
}

/** MS-DOS time and date of a moment, as zip headers hold them (local time, 2-second steps). */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A zip of the entries, in order, each deflated (or stored, when deflating does not make it
 * smaller). Names are UTF-8 (flagged as such when not ASCII). No zip64: refuses past 4 GB.
 */
export function writeZip(entries: { name: string; data: Uint8Array }[], codec: ZipCodec, now = new Date()): Uint8Array {
  const enc = new TextEncoder();
  const { time, date } = dosDateTime(now);
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = codec.crc32(e.data) >>> 0;
    const packed = e.data.length > 0 ? codec.deflateRaw(e.data) : e.data;
    const deflated = e.data.length > 0 && packed.length < e.data.length;
    const body = deflated ? packed : e.data;
    const flags = /^[\x00-\x7f]*$/.test(e.name) ? 0 : 0x0800;
    const local = new Uint8Array(30 + name.length);
    const lv = view(local);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, deflated ? DEFLATED : STORED, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = view(central);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, deflated ? DEFLATED : STORED, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    parts.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
    if (offset > 0xffffffff) throw new Error("zip: over 4 GB");
  }
  if (entries.length > 0xfffe) throw new Error("zip: too many entries");
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const tail = new Uint8Array(22);
  const tv = view(tail);
  tv.setUint32(0, END, true);
  tv.setUint16(8, entries.length, true);
  tv.setUint16(10, entries.length, true);
  tv.setUint32(12, cdSize, true);
  tv.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let o = 0;
  for (const part of [...parts, ...centrals, tail]) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag bit 3: sizes and CRC follow the data in a descriptor. */
const DESCRIPTOR = 0x0008;

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The end-of-central-directory record's offset, searched from the end (a comment may follow it). */
function endRecord(b: Uint8Array): number {
  const v = view(b);
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) if (v.getUint32(i, true) === END) return i;
  throw new Error("zip: no end of central directory");
}

/**
 * The zip with every stored entry that has data deflated. Throws on what it does not handle
 * (zip64, multi-disk, an entry already compressed), which ExcelJS never writes.
 */
export function deflateStoredZip(zip: Uint8Array, deflate: DeflateRaw): Uint8Array {
  const v = view(zip);
  const end = endRecord(zip);
  const count = v.getUint16(end + 10, true);
  const cdSize = v.getUint32(end + 12, true);
  const cdOffset = v.getUint32(end + 16, true);
  if (v.getUint16(end + 4, true) !== 0 || count === 0xffff || cdOffset === 0xffffffff)
    throw new Error("zip: zip64 or multi-disk archives are not handled");
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let written = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (v.getUint32(p, true) !== CENTRAL) throw new Error("zip: bad central directory");
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const compressed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const localAt = v.getUint32(p + 42, true);
    const centralLen = 46 + nameLen + extraLen + commentLen;
    if (method !== STORED || compressed !== size) throw new Error("zip: an entry is not stored");
    if (v.getUint32(localAt, true) !== LOCAL) throw new Error("zip: bad local header");
    const localLen = 30 + v.getUint16(localAt + 26, true) + v.getUint16(localAt + 28, true);
    const data = zip.subarray(localAt + localLen, localAt + localLen + size);
    const packed = size > 0 ? deflate(data) : data;
    const useDeflate = size > 0 && packed.length < size;
    const body = useDeflate ? packed : data;

    const local = zip.slice(localAt, localAt + localLen);
    const lv = view(local);
    const central = zip.slice(p, p + centralLen);
    const cv = view(central);
    const flags = lv.getUint16(6, true) & ~DESCRIPTOR;
    lv.setUint16(6, flags, true);
    cv.setUint16(8, cv.getUint16(8, true) & ~DESCRIPTOR, true);
    if (useDeflate) {
      lv.setUint16(4, Math.max(20, lv.getUint16(4, true)), true);
      cv.setUint16(6, Math.max(20, cv.getUint16(6, true)), true);
      lv.setUint16(8, DEFLATED, true);
      cv.setUint16(10, DEFLATED, true);
    }
    // Sizes and CRC in the local header, whether or not a descriptor carried them before.
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(42, written, true);
    locals.push(local, body);
    centrals.push(central);
    written += local.length + body.length;
    p += centralLen;
  }
  if (p !== cdOffset + cdSize) throw new Error("zip: central directory size mismatch");
  const tail = zip.slice(end);
  const tv = view(tail);
  tv.setUint32(12, cdSize, true);
  tv.setUint32(16, written, true);
  const out = new Uint8Array(written + cdSize + tail.length);
  let o = 0;
  for (const part of [...locals, ...centrals, tail]) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
