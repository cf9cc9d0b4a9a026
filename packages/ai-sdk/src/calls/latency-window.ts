/** How many recent healthy start latencies the slow-call threshold is derived from. */
const WINDOW = 64;

/**
 * The latencies of the last {@link WINDOW} healthy start calls, and their p95 (nearest rank),
 * recomputed only after a new sample arrived.
 */
export function createLatencyWindow() {
  const samples: number[] = [];
  let next = 0;
  let cached: number | undefined;
  let dirty = false;
  return {
    add(durationMs: number): void {
      if (!Number.isFinite(durationMs) || durationMs < 0) return;
      if (samples.length < WINDOW) samples.push(durationMs);
      else samples[next] = durationMs;
      next = (next + 1) % WINDOW;
      dirty = true;
    },
    /** The p95 of the window, or undefined before the first sample. */
    p95(): number | undefined {
      if (samples.length === 0) return undefined;
      if (dirty) {
        const sorted = samples.slice().sort((a, b) => a - b);
        cached = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
        dirty = false;
      }
      return cached;
    },
  };
}
