import { splitAdSegments } from '@adstract/client';
import { describe, expect, it, vi } from 'vitest';
import { ANSWERS } from '../testing/answers.js';
import { createSegmentsMemo } from './segments-memo.js';

const pushed = vi.hoisted(() => ({ characters: 0, parsers: 0 }));
vi.mock('@adstract/client/segments', async (importOriginal) => {
  const original = await importOriginal<typeof import('@adstract/client/segments')>();
  return {
    ...original,
    createAdSegmentParser: () => {
      pushed.parsers++;
      const parser = original.createAdSegmentParser();
      return {
        push: (delta: string) => {
          pushed.characters += delta.length;
          parser.push(delta);
        },
        segments: parser.segments,
      };
    },
  };
});

describe('createSegmentsMemo', () => {
  it('splits as splitAdSegments does, parsing each added character once as the text grows', () => {
    pushed.characters = 0;
    pushed.parsers = 0;
    const memo = createSegmentsMemo();
    const text = `${ANSWERS.xml}\n${ANSWERS.plain}\n${ANSWERS.markdown}`;
    for (let length = 0; length <= text.length; length++) {
      const prefix = text.slice(0, length);
      expect(memo(prefix, false)).toEqual(splitAdSegments(prefix));
    }
    expect(memo(text, true)).toEqual(splitAdSegments(text, { final: true }));
    expect(pushed).toEqual({ characters: text.length, parsers: 1 });
  });

  it('returns the same array while text and final are unchanged', () => {
    const memo = createSegmentsMemo();
    const first = memo(ANSWERS.xml, false);
    expect(memo(ANSWERS.xml, false)).toBe(first);
    expect(memo(ANSWERS.xml, true)).not.toBe(first);
    expect(memo(ANSWERS.xml, true)).toEqual(splitAdSegments(ANSWERS.xml, { final: true }));
  });

  it('starts over for a text that does not extend the last one', () => {
    const memo = createSegmentsMemo();
    memo(ANSWERS.xml, false);
    for (const text of [ANSWERS.plain, 'Track', `X${ANSWERS.xml}`, '']) {
      expect(memo(text, false), text).toEqual(splitAdSegments(text));
    }
  });
});
