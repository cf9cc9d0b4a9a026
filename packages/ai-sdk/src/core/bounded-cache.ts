/** Settings of a {@link BoundedCache}. */
export interface BoundedCacheOptions<V> {
  maxEntries: number;
  /** Age limit of an entry; none when omitted (the owner bounds the entries' lifetime itself). */
  maxAgeMs?: number;
  /** Called for every entry that leaves the cache by age or size (not by `delete`). */
  onEvict: (value: V) => void;
  now?: () => number;
}

/**
 * A Map bounded in size and age. Insertion order is age order, so eviction only ever looks at
 * the oldest entries: O(1) amortised per insertion, no timers.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; createdAt: number }>();
  readonly #options: BoundedCacheOptions<V>;

  constructor(options: BoundedCacheOptions<V>) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#tooOld(entry.createdAt, this.#now())) {
      this.#entries.delete(key);
      this.#options.onEvict(entry.value);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, createdAt: this.#now() });
    this.sweep();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Evicts entries over the age limit, then the oldest ones over the size limit. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (!this.#tooOld(entry.createdAt, now) && this.#entries.size <= this.#options.maxEntries) {
        break;
      }
      this.#entries.delete(key);
      this.#options.onEvict(entry.value);
    }
  }

  values(): IterableIterator<V> {
    return Array.from(this.#entries.values(), (entry) => entry.value).values();
  }

  #tooOld(createdAt: number, now: number): boolean {
    const { maxAgeMs } = this.#options;
    return maxAgeMs !== undefined && now - createdAt > maxAgeMs;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}
