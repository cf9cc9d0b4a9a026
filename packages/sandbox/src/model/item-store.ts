/**
 * The output items of earlier Responses answers, by item id, so that a later request can refer to
 * them with `{ type: 'item_reference', id }` as OpenAI's stored responses allow (`store` defaults
 * to true). `@ai-sdk/openai@2` sends a tool loop's function call back this way. The store keeps
 * the most recent `limit` items, so a long run does not grow without bound.
 */
export interface ItemStore {
  /** Remembers an item under its id (forgetting the oldest item past the limit). */
  remember(id: string, item: Record<string, unknown>): void;
  /** The item with this id, as a Responses input item, if it is still remembered. */
  get(id: string): Record<string, unknown> | undefined;
  readonly size: number;
}

/** Creates an empty store that keeps at most `limit` items. */
export function createItemStore(limit: number): ItemStore {
  const items = new Map<string, Record<string, unknown>>();
  return {
    remember(id, item) {
      items.delete(id);
      items.set(id, item);
      if (items.size > limit) {
        const oldest = items.keys().next();
        if (oldest.done !== true) items.delete(oldest.value);
      }
    },
    get: (id) => items.get(id),
    get size() {
      return items.size;
    },
  };
}
