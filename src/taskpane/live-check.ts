/**
 * Re-checking while the user edits (Excel mode): edits are collected and handed over once the user
 * has paused for `delayMs` (1.5 s), so typing a value re-checks once, not per keystroke. The add-in's
 * own writes are not edits: they are ignored while a write runs (`ownWrite`) and for `graceMs`
 * after it (Excel delivers events after the sync that caused them), and whenever Excel says this
 * add-in made the change. No Office and no DOM here; timers are injectable for tests.
 */
import type { EditRef } from "./check-view";

export interface IncomingEdit extends EditRef {
  /** Excel says this add-in made the change (ExcelApi 1.14). */
  byThisAddin?: boolean;
}

export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface EditBatcherOptions {
  delayMs?: number;
  graceMs?: number;
  timers?: Timers;
}

export const LIVE_CHECK_DELAY_MS = 1500;
export const OWN_WRITE_GRACE_MS = 1000;

export class EditBatcher {
  private readonly delay: number;
  private readonly grace: number;
  private readonly timers: Timers;
  private pending: EditRef[] = [];
  private timer: unknown = null;
  private writing = 0;
  private quietUntil = 0;
  private paused = false;

  constructor(
    private readonly flush: (edits: EditRef[]) => void,
    options: EditBatcherOptions = {},
  ) {
    this.delay = options.delayMs ?? LIVE_CHECK_DELAY_MS;
    this.grace = options.graceMs ?? OWN_WRITE_GRACE_MS;
    this.timers = options.timers ?? realTimers;
  }

  /** An edit reported by Excel; returns whether it was taken. */
  push(edit: IncomingEdit): boolean {
    if (edit.byThisAddin || this.paused || this.isOwnWriteTime()) return false;
    if (!this.pending.some((e) => e.sheet === edit.sheet && e.address === edit.address))
      this.pending.push({ sheet: edit.sheet, address: edit.address });
    this.schedule();
    return true;
  }

  private isOwnWriteTime(): boolean {
    return this.writing > 0 || this.timers.now() < this.quietUntil;
  }

  private schedule(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.fire(), this.delay);
  }

  private fire(): void {
    this.timer = null;
    if (this.pending.length === 0) return;
    // An own write began meanwhile: wait until it is over.
    if (this.isOwnWriteTime()) {
      this.schedule();
      return;
    }
    const edits = this.pending;
    this.pending = [];
    this.flush(edits);
  }

  /** Runs `write` as the add-in's own: edits during it and shortly after are ignored. */
  async ownWrite<T>(write: () => Promise<T>): Promise<T> {
    this.writing++;
    try {
      return await write();
    } finally {
      this.writing--;
      this.quietUntil = this.timers.now() + this.grace;
    }
  }

  /** Edits while paused (the pane hidden) are dropped; pending ones too. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.cancel();
  }

  /** Drops pending edits (a full check is about to run, which covers them). */
  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.pending = [];
  }

  get pendingEdits(): readonly EditRef[] {
    return this.pending;
  }
}
