/**
 * One method of an ExcelJS class replaced by a faster one that gives the same result (merge reading,
 * style ids, row rendering). The original is kept: the faster one falls back on it, and benchmarks
 * measure ExcelJS as shipped in the same process by putting it back for a while.
 */
export interface MethodPatch {
  /** Whether the faster method is in place. */
  readonly active: boolean;
  /** Runs `f` with the original method in place. */
  withOriginal<T>(f: () => Promise<T>): Promise<T>;
}

export function patchMethod<P extends object, K extends keyof P>(
  proto: P,
  key: K,
  faster: (original: P[K]) => P[K],
): MethodPatch {
  const original = proto[key];
  const fast = faster(original);
  proto[key] = fast;
  return {
    get active() {
      return proto[key] === fast;
    },
    async withOriginal<T>(f: () => Promise<T>): Promise<T> {
      proto[key] = original;
      try {
        return await f();
      } finally {
        proto[key] = fast;
      }
    },
  };
}

/** `f` with the patch's original method in place, or just `f` when the patch was not installed. */
export function withOriginal<T>(patch: MethodPatch | null, f: () => Promise<T>): Promise<T> {
  return patch ? patch.withOriginal(f) : f();
}
