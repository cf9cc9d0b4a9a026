import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdSegment } from './ad-segment.js';
import { createAdSegmentParser } from './ad-segment-parser.js';
import { splitAdSegments } from './split-ad-segments.js';
import { rebuild, shown } from './testing/rebuild.js';

/** Pieces that make marker fragments likely, so random answers hit every edge. */
const piece = fc.constantFrom(
  '<ADS>',
  '</ADS>',
  '<ads>',
  '</Ads>',
  '<AD',
  '</A',
  '<',
  'Sponsored:',
  'Sponsored: ',
  'Spon',
  'S',
  '˼',
  ' ˼',
  '\n',
  '\n\n',
  '>',
  '> ',
  '**Sponsored:**',
  '> **Sponsored:** ',
  '**',
  ' ',
  'a',
  'Acme',
  '.',
  '*',
);
const answer = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** Cuts a text at the given positions (sorted, deduplicated) into consecutive chunks. */
const cut = (text: string, positions: number[]): string[] => {
  const points = [...new Set(positions.map((position) => position % (text.length + 1)))].sort(
    (left, right) => left - right,
  );
  const chunks: string[] = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  return chunks;
};

/** A marker as docs/ad-markers.md defines them, per wrapping type. */
const MARKER: Record<string, RegExp> = {
  xml: /^(<ads>|<\/ads>)$/i,
  plain: /^(Sponsored: ?| ?˼)$/,
  markdown: /^(> ?\*\*Sponsored:\*\* ?|> ?)$/,
};

/** Segment i of `before` is unchanged in `after`, but the last, which may only have grown. */
const expectAppendOnly = (before: AdSegment[], after: AdSegment[]) => {
  expect(after.length).toBeGreaterThanOrEqual(before.length);
  before.forEach((segment, index) => {
    const later = after[index]!;
    if (index < before.length - 1) {
      expect(later).toEqual(segment);
      return;
    }
    expect(later.type).toBe(segment.type);
    expect(later.text.startsWith(segment.text)).toBe(true);
    if (segment.type === 'sponsored' && later.type === 'sponsored') {
      expect(later.wrapping).toBe(segment.wrapping);
    }
  });
};

describe('createAdSegmentParser', () => {
  it('gives the same segments as splitting the whole text, for any chunking', () => {
    fc.assert(
      fc.property(answer, fc.array(fc.nat(), { maxLength: 12 }), (text, positions) => {
        const parser = createAdSegmentParser();
        for (const chunk of cut(text, positions)) parser.push(chunk);
        expect(parser.segments()).toEqual(splitAdSegments(text));
        expect(parser.segments({ final: true })).toEqual(splitAdSegments(text, { final: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops nothing but markers: putting the markers back reproduces the answer', () => {
    fc.assert(
      fc.property(answer, (text) => {
        const final = splitAdSegments(text, { final: true });
        expect(rebuild(final)).toBe(text);
        for (const segment of final) {
          if (segment.type !== 'sponsored') continue;
          for (const marker of segment.markers)
            expect(marker.text).toMatch(MARKER[segment.wrapping]!);
        }
        // While streaming, only a short tail (a marker that may be completing) is held back.
        const streaming = rebuild(splitAdSegments(text));
        expect(text.startsWith(streaming)).toBe(true);
        expect(text.length - streaming.length).toBeLessThanOrEqual('> **Sponsored:**'.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('only ever appends as chunks arrive: no segment changes type, no text is taken back', () => {
    fc.assert(
      fc.property(answer, fc.array(fc.nat(), { maxLength: 12 }), (text, positions) => {
        const parser = createAdSegmentParser();
        let previous: AdSegment[] = [];
        for (const chunk of cut(text, positions)) {
          parser.push(chunk);
          const next = parser.segments();
          expectAppendOnly(previous, next);
          previous = next;
        }
        expect(shown(parser.segments({ final: true })).startsWith(shown(previous))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never shows a marker split across two chunks, at any split offset', () => {
    const answers = [
      'Sure. <ADS>Acme Analytics: see why users churn.</ADS> Good luck!',
      'Sure. Sponsored: Acme Analytics: see why users churn. ˼ Good luck!',
      'Sure.\n\n> **Sponsored:** Acme Analytics: see why users churn.\n> Try it.\n\nGood luck!',
    ];
    for (const text of answers) {
      const expected = splitAdSegments(text, { final: true });
      const visible = shown(expected);
      for (let offset = 0; offset <= text.length; offset++) {
        const parser = createAdSegmentParser();
        parser.push(text.slice(0, offset));
        const partial = shown(parser.segments());
        expect(visible.startsWith(partial), `${JSON.stringify(text)} cut at ${offset}`).toBe(true);
        parser.push(text.slice(offset));
        expect(parser.segments({ final: true })).toEqual(expected);
      }
    }
  });

  it('can keep going after being asked for its final segments', () => {
    const parser = createAdSegmentParser();
    parser.push('Hi <AD');
    expect(shown(parser.segments({ final: true }))).toBe('Hi <AD');
    parser.push('S>Acme</ADS>');
    expect(parser.segments({ final: true })).toEqual(splitAdSegments('Hi <ADS>Acme</ADS>'));
  });

  it('returns copies: changing what it returned does not change what it returns next', () => {
    const parser = createAdSegmentParser();
    parser.push('<ADS>Acme');
    const first = parser.segments();
    const segment = first[0] as unknown as { text: string; markers: unknown[] };
    segment.text = 'changed';
    segment.markers.length = 0;
    expect(parser.segments()).toEqual(splitAdSegments('<ADS>Acme'));
  });
});
