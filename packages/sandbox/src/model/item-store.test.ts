import { describe, expect, it } from 'vitest';
import { createItemStore } from './item-store.js';

describe('createItemStore', () => {
  it('finds items by id and forgets the oldest past its limit', () => {
    const store = createItemStore(2);
    store.remember('fc_1', { type: 'function_call', name: 'a' });
    store.remember('fc_2', { type: 'function_call', name: 'b' });
    store.remember('fc_1', { type: 'function_call', name: 'a2' });
    store.remember('fc_3', { type: 'function_call', name: 'c' });
    expect(store.size).toBe(2);
    expect(store.get('fc_2')).toBeUndefined();
    expect(store.get('fc_1')).toEqual({ type: 'function_call', name: 'a2' });
    expect(store.get('fc_3')).toMatchObject({ name: 'c' });
  });
});
