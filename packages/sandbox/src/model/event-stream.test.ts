import { describe, expect, it } from 'vitest';
import { splitArguments, splitDeltas } from './event-stream.js';

describe('splitDeltas', () => {
  it('splits into words that join back to the exact text', () => {
    for (const text of ['Hello there, world.', '  leading', 'a\n\n> **Sponsored:** x\n\n', '']) {
      expect(splitDeltas(text).join('')).toBe(text);
    }
    expect(splitDeltas('Hello there, world.')).toEqual(['Hello ', 'there, ', 'world.']);
  });
});

describe('splitArguments', () => {
  it('splits JSON into a few chunks that join back', () => {
    const json = '{"city":"Lisbon"}';
    expect(splitArguments(json).length).toBe(3);
    expect(splitArguments(json).join('')).toBe(json);
    expect(splitArguments('')).toEqual(['']);
  });
});
