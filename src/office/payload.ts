/**
 * Payload accounting and chunk planning for the Office.js adapter. Pure functions, no `Excel.*`.
 *
 * Excel on the web rejects any request or response over 5 MB (`RequestPayloadSizeLimitExceeded` /
 * `ResponsePayloadSizeLimitExceeded`), and every platform refuses to *read* a range of more than
 * five million cells. The adapter keeps each `context.sync` under a budget measured in the JSON
 * bytes the payload would carry, which is what this module estimates and plans with.
 */

/** Excel on the web's documented payload limit; the fake enforces exactly this figure. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** What one `context.sync` is planned to carry at most (requests and responses alike). */
export const PAYLOAD_BUDGET_BYTES = 4_000_000;
/** Cells read by one range load at most (Excel's limit is five million; stay well below). */
export const MAX_CELLS_PER_READ = 1_000_000;
/**
 * `Range.getMergedAreasOrNullObject()` fails when a range holds more than 512 merged areas. It
 * reports the areas whose top-left cell lies in the range, and those are distinct cells, so a query
 * over at most 512 cells can never see more than 512 (see `mergeBandLimits` for the tighter bound).
 */
export const MAX_MERGED_AREAS_PER_QUERY = 512;

/**
 * First estimate of the response bytes per cell, per property, before anything has been measured.
 * `values` + `text` = 40 B/cell is above the bundled sample (38.6 B/cell: Chinese text tables are
 * the dense case for this product; numeric sheets measure far less). With a 4 MB budget under a
 * 5 MB limit the first batch survives a real density up to 50 B/cell; after that the estimate is
 * re-derived from what was measured, and a rejected batch is re-planned (see `ReadPlanner`).
 */
export const INITIAL_BYTES_PER_CELL = { values: 20, text: 20, formulas: 20, numberFormat: 14 } as const;
/** Smallest credible bytes per cell per property: `"",` (an empty cell). */
export const MIN_BYTES_PER_CELL_PER_PROPERTY = 3;
/** Estimated merged-area bytes per cell of the queried band (one area per ~16 cells at ~40 B). */
export const MERGE_BYTES_PER_CELL = 2.5;
/** Fixed bytes counted per queued operation (object path, method name, ids in the real protocol). */
export const OP_OVERHEAD_BYTES = 100;

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Bytes of `value` serialised as JSON (UTF-8), as the request or response would carry it. */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value);
  return s === undefined ? 0 : utf8Length(s);
}

/** A rectangle of cells, 1-based. */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export function rectCells(r: Rect): number {
  return r.rows * r.cols;
}

export interface CarveLimits {
  maxRows: number;
  maxCols: number;
}

/** Limits of one data block: at most `MAX_CELLS_PER_READ` cells. */
export function dataBlockLimits(cols: number): CarveLimits {
  if (cols >= MAX_CELLS_PER_READ) return { maxRows: 1, maxCols: MAX_CELLS_PER_READ };
  return { maxRows: Math.floor(MAX_CELLS_PER_READ / cols), maxCols: cols };
}

/**
 * Limits of one merged-area query band over a range `cols` wide, such that the band can never hold
 * more than 512 merged areas whose top-left cell is inside it. The band spans the used range's full
 * width (merges never stick out to the right of it); an area wholly inside takes at least two of the
 * band's cells and one that continues below the band takes at least one cell of its last row, so a
 * band of R rows holds at most (R·C + C) / 2 areas: R ≤ 1024 / C − 1. A used range 512 or more
 * columns wide is queried a row at a time in segments of 512 cells.
 */
export function mergeBandLimits(cols: number): CarveLimits {
  const maxRows = Math.floor((2 * MAX_MERGED_AREAS_PER_QUERY) / cols) - 1;
  if (maxRows >= 1) return { maxRows, maxCols: cols };
  return { maxRows: 1, maxCols: MAX_MERGED_AREAS_PER_QUERY };
}

export interface Carved {
  block: Rect;
  rest: Rect[];
}

/**
 * Cuts the leading block of `region` (whole rows first, top to bottom) whose estimate
 * (`cells × perCell`) fits `room`. When not even one whole row fits and `allowPartialRow` is set, cuts
 * the first row's leading cells instead. Returns null when nothing fits.
 */
export function carve(
  region: Rect,
  perCell: number,
  room: number,
  limits: CarveLimits,
  allowPartialRow: boolean,
): Carved | null {
  const width = Math.min(region.cols, limits.maxCols);
  if (width === region.cols) {
    const rowsFit = Math.min(region.rows, limits.maxRows, Math.floor(room / (region.cols * perCell)));
    if (rowsFit >= 1) {
      const block = { ...region, rows: rowsFit };
      const rest = rowsFit < region.rows ? [{ ...region, top: region.top + rowsFit, rows: region.rows - rowsFit }] : [];
      return { block, rest };
    }
  }
  if (!allowPartialRow && width === region.cols) return null;
  const colsFit = Math.min(width, Math.floor(room / perCell));
  if (colsFit < 1) return null;
  const block = { top: region.top, left: region.left, rows: 1, cols: colsFit };
  const rest: Rect[] = [];
  if (colsFit < region.cols)
    rest.push({ top: region.top, left: region.left + colsFit, rows: 1, cols: region.cols - colsFit });
  if (region.rows > 1) rest.push({ ...region, top: region.top + 1, rows: region.rows - 1 });
  return { block, rest };
}

/** Splits a rectangle in two halves (by rows, or by columns when it is one row). */
export function halve(r: Rect): Rect[] {
  if (r.rows > 1) {
    const a = Math.ceil(r.rows / 2);
    return [
      { ...r, rows: a },
      { ...r, top: r.top + a, rows: r.rows - a },
    ];
  }
  if (r.cols > 1) {
    const a = Math.ceil(r.cols / 2);
    return [
      { ...r, cols: a },
      { ...r, left: r.left + a, cols: r.cols - a },
    ];
  }
  return [r];
}

/** A piece of reading work: the values/text of a rectangle, or the merged areas of a band. */
export interface ReadTask {
  sheet: number;
  kind: "data" | "merges";
  rect: Rect;
}

export interface ReadPlannerOptions {
  budget: number;
  limit: number;
  /** Estimated response bytes per cell of a data block, all requested properties together. */
  dataBytesPerCell: number;
  /** Floor the measured estimate never goes under. */
  minDataBytesPerCell: number;
}

/**
 * Plans the data syncs of a read. Hands out batches of tasks whose estimated payload fits the
 * budget; learns the real bytes per cell from each delivered batch; re-plans a rejected batch.
 *
 * - Estimate: `cells × dataBytesPerCell` per data block, `cells × MERGE_BYTES_PER_CELL` per merge
 *   band, plus `OP_OVERHEAD_BYTES` per query.
 * - After a delivered batch the estimate becomes 1.1 × the densest block measured so far (never
 *   under the floor), so a sparse sheet reads in fewer syncs and a dense one in more.
 * - A rejected batch (payload or cell-count error) proves the real density is over
 *   `limit / cells`: the estimate becomes at least twice the old one and at least 1.1 × that, and the
 *   batch's tasks go back to the front of the queue to be cut smaller.
 */
export class ReadPlanner {
  private queue: ReadTask[];
  private dataDensity: number;
  private mergeDensity = MERGE_BYTES_PER_CELL;
  private measuredMax = 0;

  constructor(
    tasks: ReadTask[],
    private readonly options: ReadPlannerOptions,
  ) {
    this.queue = [...tasks];
    this.dataDensity = options.dataBytesPerCell;
  }

  get done(): boolean {
    return this.queue.length === 0;
  }

  get density(): number {
    return this.dataDensity;
  }

  /** Estimated response bytes of a task under the current estimates. */
  estimate(t: ReadTask): number {
    return OP_OVERHEAD_BYTES + rectCells(t.rect) * (t.kind === "data" ? this.dataDensity : this.mergeDensity);
  }

  /** The next batch: at least one task, as many as fit the budget. */
  next(): ReadTask[] {
    const batch: ReadTask[] = [];
    let room = this.options.budget;
    while (this.queue.length > 0) {
      const t = this.queue[0];
      const perCell = t.kind === "data" ? this.dataDensity : this.mergeDensity;
      const limits = t.kind === "data" ? dataBlockLimits(t.rect.cols) : mergeBandLimits(t.rect.cols);
      const c = carve(t.rect, perCell, room - OP_OVERHEAD_BYTES, limits, batch.length === 0);
      if (!c) {
        if (batch.length > 0) break;
        // Not even one cell fits the budget by estimate: send one cell alone and let Excel decide.
        const one = carve(t.rect, 0, 1, { maxRows: 1, maxCols: 1 }, true);
        if (!one) break;
        this.queue.splice(0, 1, ...one.rest.map((rect) => ({ ...t, rect })));
        batch.push({ ...t, rect: one.block });
        break;
      }
      this.queue.splice(0, 1, ...c.rest.map((rect) => ({ ...t, rect })));
      const task = { ...t, rect: c.block };
      batch.push(task);
      room -= this.estimate(task);
      if (room <= OP_OVERHEAD_BYTES) break;
    }
    return batch;
  }

  /** Records a delivered batch: `bytes` measured for each data block. */
  delivered(measured: { cells: number; bytes: number }[]): void {
    for (const m of measured) if (m.cells > 0) this.measuredMax = Math.max(this.measuredMax, m.bytes / m.cells);
    if (this.measuredMax > 0) this.dataDensity = Math.max(this.options.minDataBytesPerCell, this.measuredMax * 1.1);
  }

  /** Records a rejected batch; its tasks are planned again, smaller. */
  rejected(batch: ReadTask[]): void {
    const dataCells = batch.filter((t) => t.kind === "data").reduce((n, t) => n + rectCells(t.rect), 0);
    const proven = dataCells > 0 ? (this.options.limit / dataCells) * 1.1 : 0;
    this.dataDensity = Math.max(this.dataDensity * 2, proven);
    this.mergeDensity *= 2;
    this.queue.unshift(...batch);
  }

  /** Puts a single task back, split in halves (a read that came back empty-handed). */
  retrySplit(task: ReadTask): void {
    this.queue.unshift(...halve(task.rect).map((rect) => ({ ...task, rect })));
  }
}

/** Greedy, order-preserving packing of sized items into batches of at most `budget` bytes. */
export function packInOrder<T>(items: T[], sizeOf: (item: T) => number, budget: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && used + size > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Splits items into consecutive groups whose summed bytes stay under `budget` (one item at least). */
export function groups(bytes: number[], budget: number): [start: number, end: number][] {
  const out: [number, number][] = [];
  let start = 0;
  let used = 0;
  bytes.forEach((b, i) => {
    if (i > start && used + b > budget) {
      out.push([start, i]);
      start = i;
      used = 0;
    }
    used += b;
  });
  if (bytes.length > start) out.push([start, bytes.length]);
  return out;
}
