/**
 * Long actions with progress and cancellation. An action reports named steps; between steps it
 * yields to the browser (so the progress bar paints and a click on 取消 is seen) and stops if it was
 * cancelled. Writes go last, after `commit()`: from then on the action cannot be cancelled, so a
 * cancel either comes before any write (nothing written) or is refused (all written) — unless the
 * writes are journaled (Excel: `undo.ts`), where `writesCancellable` keeps 取消 open while writing
 * and a cancel puts back what was written.
 */

/** The steps the pane names; their words are in i18n `steps.*`. */
export type StepKey =
  | "loadingEngine"
  | "opening"
  | "reading"
  | "recognising"
  | "checking"
  | "generating"
  | "computing"
  | "settings"
  | "writing"
  | "fixing"
  | "packing";

export interface Progress {
  step: StepKey;
  /** 0..1 where known, null for an indeterminate bar. */
  fraction: number | null;
  /** False once the action has begun writing. */
  cancellable: boolean;
}

export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}

export interface ActionContext {
  readonly signal: AbortSignal;
  /** Reports a step, yields to the UI, then throws `Cancelled` if the action was cancelled. */
  step(step: StepKey, fraction?: number | null): Promise<void>;
  /** Throws `Cancelled` if the action was cancelled. */
  checkpoint(): void;
  /** Last chance to cancel; after this the action writes and cannot be cancelled. */
  commit(step?: StepKey): Promise<void>;
}

export type Outcome<T> = { status: "done"; value: T } | { status: "cancelled" } | { status: "failed"; error: unknown };

/**
 * The context for an action whose writes can be rolled back: `commit()` reports its step and stays
 * cancellable (a cancel then throws `Cancelled` at the next checkpoint, and the caller puts back what
 * was written). The caller's own `commit()` on the original context ends that, right before the
 * record is kept.
 */
export function writesCancellable(ctx: ActionContext): ActionContext {
  return {
    signal: ctx.signal,
    step: (step, fraction) => ctx.step(step, fraction),
    checkpoint: () => ctx.checkpoint(),
    commit: (step = "writing") => ctx.step(step),
  };
}

/** Yields a macrotask, so rendering and input events run between steps. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function runAction<T>(
  controller: AbortController,
  onProgress: (p: Progress) => void,
  body: (ctx: ActionContext) => Promise<T>,
): Promise<Outcome<T>> {
  let cancellable = true;
  let current: StepKey = "reading";
  const signal = controller.signal;
  const checkpoint = () => {
    if (signal.aborted && cancellable) throw new Cancelled();
  };
  const ctx: ActionContext = {
    signal,
    checkpoint,
    async step(step, fraction = null) {
      current = step;
      onProgress({ step, fraction, cancellable });
      await yieldToUi();
      checkpoint();
    },
    async commit(step = current) {
      checkpoint();
      cancellable = false;
      current = step;
      onProgress({ step, fraction: null, cancellable });
      await yieldToUi();
    },
  };
  try {
    const value = await body(ctx);
    // Cancelled while the last read ran: the result is dropped (reads are harmless).
    if (signal.aborted && cancellable) return { status: "cancelled" };
    return { status: "done", value };
  } catch (error) {
    if (error instanceof Cancelled || (signal.aborted && cancellable)) return { status: "cancelled" };
    return { status: "failed", error };
  }
}
