/** Median of a sample. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile of a sample (with 31 to 100 values, p99 is the largest). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median and p99 of a sample. */
export interface Summary {
  median: number;
  p99: number;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), p99: percentile(values, 99) };
}

/** Per-round `a[i] / b[i]`: a ratio between two variants measured in the same round. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error('paired samples differ in length');
  return a.map((value, index) => value / (b[index] as number));
}

/** Per-round `a[i] - b[i]`. */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error('paired samples differ in length');
  return a.map((value, index) => value - (b[index] as number));
}

/**
 * Runs each variant `rounds` times, interleaved in a rotating order so drift hits all alike.
 * `samples[name][round]` is that variant's measurement in that round, so variants can be paired.
 * `beforeEach` runs outside the measurement (e.g. a full garbage collection).
 */
export async function interleave<K extends string>(
  rounds: number,
  variants: Record<K, () => Promise<number>>,
  beforeEach?: () => void | Promise<void>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length] as K;
      await beforeEach?.();
      const value = await variants[name]();
      if (!Number.isFinite(value)) throw new Error(`${name}: measured ${value} in round ${round}`);
      samples[name].push(value);
    }
  }
  return samples;
}

/** Forces a full garbage collection; the benchmark needs node --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
}

/**
 * Heap in use after full collections, in MB. Yields between collections so that weak references
 * and finalizers released by one collection are reclaimed by the next.
 */
export async function settledHeapMb(): Promise<number> {
  for (let pass = 0; pass < 3; pass++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
