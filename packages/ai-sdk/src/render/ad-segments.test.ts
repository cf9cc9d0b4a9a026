import { describe, expect, it } from 'vitest';
import { type AdSegment, splitAdSegments } from './ad-segments.js';

const render = (segments: AdSegment[]) => segments.map((segment) => segment.text).join('');

describe('splitAdSegments', () => {
  it('labels the sponsored part and keeps every character of content', () => {
    expect(splitAdSegments('Before <ADS>Acme: try it.</ADS> after.')).toEqual([
      { type: 'text', text: 'Before ' },
      { type: 'sponsored', text: 'Acme: try it.' },
      { type: 'text', text: ' after.' },
    ]);
  });

  it('matches tags case-insensitively', () => {
    expect(splitAdSegments('<ads>x</Ads>')).toEqual([{ type: 'sponsored', text: 'x' }]);
  });

  it('treats an unclosed tag as an open sponsored segment', () => {
    expect(splitAdSegments('Hi <ADS>Acme is')).toEqual([
      { type: 'text', text: 'Hi ' },
      { type: 'sponsored', text: 'Acme is', open: true },
    ]);
  });

  it('holds back a half-written tag while streaming, and shows it when final', () => {
    expect(splitAdSegments('Hi <AD')).toEqual([{ type: 'text', text: 'Hi ' }]);
    expect(splitAdSegments('Hi <ADS>Acme</A')).toEqual([
      { type: 'text', text: 'Hi ' },
      { type: 'sponsored', text: 'Acme', open: true },
    ]);
    expect(splitAdSegments('a < b')).toEqual([{ type: 'text', text: 'a < b' }]);
    expect(splitAdSegments('Hi <AD', { final: true })).toEqual([{ type: 'text', text: 'Hi <AD' }]);
  });

  it('keeps stray closing tags as content', () => {
    expect(render(splitAdSegments('a </ADS> b'))).toBe('a </ADS> b');
  });

  it('only ever appends as the text grows, one character at a time', () => {
    const full = 'Start <ADS>Acme Analytics: see why users churn.</ADS> End <b>bold</b> <ADx done';
    let previous = '';
    for (let length = 0; length <= full.length; length++) {
      const shown = render(splitAdSegments(full.slice(0, length)));
      expect(shown.startsWith(previous)).toBe(true);
      previous = shown;
    }
    expect(render(splitAdSegments(full, { final: true }))).toBe(full.replace(/<\/?ADS>/g, ''));
  });
});
