import { describe, expect, it } from 'vitest';
import type { AdSegment } from './ad-segment.js';
import { splitAdSegments } from './split-ad-segments.js';
import { rebuild, shown } from './testing/rebuild.js';

const sponsored = (
  text: string,
  wrapping: 'xml' | 'plain' | 'markdown',
  markers: Array<[number, string]>,
  open?: true,
): AdSegment => ({
  type: 'sponsored',
  text,
  wrapping,
  markers: markers.map(([at, marker]) => ({ at, text: marker })),
  ...(open ? { open } : {}),
});

describe('splitAdSegments: xml', () => {
  it('labels the sponsored part and keeps every character of content', () => {
    expect(splitAdSegments('Before <ADS>Acme: try it.</ADS> after.')).toEqual([
      { type: 'text', text: 'Before ' },
      sponsored('Acme: try it.', 'xml', [
        [0, '<ADS>'],
        [13, '</ADS>'],
      ]),
      { type: 'text', text: ' after.' },
    ]);
  });

  it('matches tags case-insensitively', () => {
    expect(splitAdSegments('<ads>x</Ads>')).toEqual([
      sponsored('x', 'xml', [
        [0, '<ads>'],
        [1, '</Ads>'],
      ]),
    ]);
  });

  it('treats an unclosed tag as an open sponsored segment, also when final', () => {
    const expected = [
      { type: 'text', text: 'Hi ' },
      sponsored('Acme is', 'xml', [[0, '<ADS>']], true),
    ];
    expect(splitAdSegments('Hi <ADS>Acme is')).toEqual(expected);
    expect(splitAdSegments('Hi <ADS>Acme is', { final: true })).toEqual(expected);
  });

  it('shows the sponsored segment as soon as its opening tag is complete', () => {
    expect(splitAdSegments('Hi <ADS>')).toEqual([
      { type: 'text', text: 'Hi ' },
      sponsored('', 'xml', [[0, '<ADS>']], true),
    ]);
  });

  it('holds back a half-written tag while streaming, and shows it when final', () => {
    expect(splitAdSegments('Hi <AD')).toEqual([{ type: 'text', text: 'Hi ' }]);
    expect(splitAdSegments('Hi <ADS>Acme</A')).toEqual([
      { type: 'text', text: 'Hi ' },
      sponsored('Acme', 'xml', [[0, '<ADS>']], true),
    ]);
    expect(splitAdSegments('a < b')).toEqual([{ type: 'text', text: 'a < b' }]);
    expect(splitAdSegments('Hi <AD', { final: true })).toEqual([{ type: 'text', text: 'Hi <AD' }]);
    expect(splitAdSegments('Hi <ADS>Acme</A', { final: true })).toEqual([
      { type: 'text', text: 'Hi ' },
      sponsored('Acme</A', 'xml', [[0, '<ADS>']], true),
    ]);
  });

  it('keeps stray, nested and malformed tags as content', () => {
    for (const text of ['a </ADS> b', 'a <ADX> b', 'a <ADS > b', 'a < ADS> b', 'a <ADSx> b']) {
      expect(splitAdSegments(text, { final: true }), text).toEqual([{ type: 'text', text }]);
    }
    expect(splitAdSegments('<ADS>a <ADS> b</ADS>')).toEqual([
      sponsored('a <ADS> b', 'xml', [
        [0, '<ADS>'],
        [9, '</ADS>'],
      ]),
    ]);
  });

  it('keeps a sponsored segment with no text, so its element does not vanish when it closes', () => {
    expect(splitAdSegments('a<ADS></ADS>b')).toEqual([
      { type: 'text', text: 'a' },
      sponsored('', 'xml', [
        [0, '<ADS>'],
        [0, '</ADS>'],
      ]),
      { type: 'text', text: 'b' },
    ]);
  });
});

describe('splitAdSegments: plain', () => {
  it('takes out "Sponsored:" and "˼" with the one space beside each, nothing else', () => {
    expect(splitAdSegments('Try this. Sponsored: Acme: see why users churn. ˼ Good luck!')).toEqual(
      [
        { type: 'text', text: 'Try this. ' },
        sponsored('Acme: see why users churn.', 'plain', [
          [0, 'Sponsored: '],
          [26, ' ˼'],
        ]),
        { type: 'text', text: ' Good luck!' },
      ],
    );
    expect(splitAdSegments('Sponsored:Acme˼')).toEqual([
      sponsored('Acme', 'plain', [
        [0, 'Sponsored:'],
        [4, '˼'],
      ]),
    ]);
    expect(splitAdSegments('Sponsored:  two spaces  ˼')).toEqual([
      sponsored(' two spaces ', 'plain', [
        [0, 'Sponsored: '],
        [12, ' ˼'],
      ]),
    ]);
  });

  it('needs the label after no letter, digit or emphasis, with its capital and colon', () => {
    for (const text of [
      'Unsponsored: x ˼',
      'NotSponsored: x ˼',
      '2Sponsored: x ˼',
      '_Sponsored: x ˼',
      'sponsored: x ˼',
      'SPONSORED: x ˼',
      'Sponsored x ˼',
      '**Sponsored:** x ˼',
    ]) {
      expect(splitAdSegments(text, { final: true }), text).toEqual([{ type: 'text', text }]);
    }
    for (const before of ['a\n', 'a.', '(', '"', 'a: ']) {
      expect(splitAdSegments(`${before}Sponsored: x ˼`)[1], before).toMatchObject({ text: 'x' });
    }
  });

  it('keeps a stray "˼" as text, and an unclosed mention open', () => {
    expect(splitAdSegments('a ˼ b', { final: true })).toEqual([{ type: 'text', text: 'a ˼ b' }]);
    expect(splitAdSegments('Sponsored: Acme', { final: true })).toEqual([
      sponsored('Acme', 'plain', [[0, 'Sponsored: ']], true),
    ]);
  });

  it('holds back a half-written label and a space that may precede "˼"', () => {
    expect(splitAdSegments('Hi Spon')).toEqual([{ type: 'text', text: 'Hi ' }]);
    expect(splitAdSegments('Hi S')).toEqual([{ type: 'text', text: 'Hi ' }]);
    expect(splitAdSegments('Hi So')).toEqual([{ type: 'text', text: 'Hi So' }]);
    expect(splitAdSegments('Hi Spon', { final: true })).toEqual([
      { type: 'text', text: 'Hi Spon' },
    ]);
    expect(splitAdSegments('Sponsored: Acme ')).toEqual([
      sponsored('Acme', 'plain', [[0, 'Sponsored: ']], true),
    ]);
    expect(splitAdSegments('Sponsored: Acme ', { final: true })).toEqual([
      sponsored('Acme ', 'plain', [[0, 'Sponsored: ']], true),
    ]);
  });
});

describe('splitAdSegments: markdown', () => {
  it('takes out the quote syntax and the bold label; the blank lines stay text', () => {
    expect(splitAdSegments('Try this.\n\n> **Sponsored:** Acme: see why.\n\nGood luck!')).toEqual([
      { type: 'text', text: 'Try this.\n\n' },
      sponsored('Acme: see why.', 'markdown', [[0, '> **Sponsored:** ']]),
      { type: 'text', text: '\n\nGood luck!' },
    ]);
    expect(splitAdSegments('>**Sponsored:**Acme')).toEqual([
      sponsored('Acme', 'markdown', [[0, '>**Sponsored:**']], true),
    ]);
  });

  it('follows the quote over its lines, taking out each line’s ">"', () => {
    expect(splitAdSegments('> **Sponsored:** Acme.\n> Second line.\n>\n> Third.\nAfter')).toEqual([
      sponsored('Acme.\nSecond line.\n\nThird.', 'markdown', [
        [0, '> **Sponsored:** '],
        [6, '> '],
        [19, '>'],
        [20, '> '],
      ]),
      { type: 'text', text: '\nAfter' },
    ]);
  });

  it('keeps the mention open until the next line shows the quote ended, or the text is final', () => {
    expect(splitAdSegments('> **Sponsored:** Acme.\n')).toEqual([
      sponsored('Acme.', 'markdown', [[0, '> **Sponsored:** ']], true),
    ]);
    expect(splitAdSegments('> **Sponsored:** Acme.\n', { final: true })).toEqual([
      sponsored('Acme.', 'markdown', [[0, '> **Sponsored:** ']]),
      { type: 'text', text: '\n' },
    ]);
  });

  it('needs the quote at the start of a line, and the label exactly', () => {
    for (const text of [
      'a > **Sponsored:** x',
      '>  **Sponsored:** x',
      '> **Sponsored**: x',
      '> *Sponsored:* x',
      '> Sponsored: x',
      '> **sponsored:** x',
    ]) {
      const segments = splitAdSegments(text, { final: true });
      expect(
        segments.every((segment) => segment.type === 'text' || segment.wrapping !== 'markdown'),
        text,
      ).toBe(true);
      expect(rebuild(segments)).toBe(text);
    }
  });

  it('holds back a half-written opening at the start of a line', () => {
    for (const tail of ['>', '> ', '> *', '> **', '> **Spons', '> **Sponsored:*']) {
      expect(splitAdSegments(`Hi\n\n${tail}`), tail).toEqual([{ type: 'text', text: 'Hi\n\n' }]);
      expect(splitAdSegments(`Hi\n\n${tail}`, { final: true }), tail).toEqual([
        { type: 'text', text: `Hi\n\n${tail}` },
      ]);
    }
    expect(splitAdSegments('> quote')).toEqual([{ type: 'text', text: '> quote' }]);
  });
});

describe('splitAdSegments: all types at once', () => {
  it('finds each wrapping type in one text, and only the matching close ends a mention', () => {
    const text = '<ADS>a ˼ b</ADS> Sponsored: c </ADS> d ˼\n> **Sponsored:** e <ADS> f\n\ng';
    const segments = splitAdSegments(text, { final: true });
    expect(segments.map((segment) => [segment.type, segment.text])).toEqual([
      ['sponsored', 'a ˼ b'],
      ['text', ' '],
      ['sponsored', 'c </ADS> d'],
      ['text', '\n'],
      ['sponsored', 'e <ADS> f'],
      ['text', '\n\ng'],
    ]);
    expect(rebuild(segments)).toBe(text);
  });

  it('renders the sandbox’s three mentions', () => {
    const mention = 'Acme Analytics: see why users churn.';
    for (const [wrapping, written] of [
      ['xml', `<ADS>${mention}</ADS>`],
      ['plain', `Sponsored: ${mention} ˼`],
      ['markdown', `\n\n> **Sponsored:** ${mention}\n\n`],
    ] as const) {
      const segments = splitAdSegments(`Answer.${written}More.`, { final: true });
      expect(segments.filter((segment) => segment.type === 'sponsored')).toMatchObject([
        { text: mention, wrapping },
      ]);
    }
  });

  it('only ever appends as the text grows, one character at a time', () => {
    const full =
      'Start <ADS>Acme: see why.</ADS> End <b>bold</b> <ADx Sponsored: Bolt. ˼ S\n> **Sponsored:** Q\n> more\n\nz';
    let previous = '';
    for (let length = 0; length <= full.length; length++) {
      const text = shown(splitAdSegments(full.slice(0, length)));
      expect(text.startsWith(previous), full.slice(0, length)).toBe(true);
      previous = text;
    }
    expect(shown(splitAdSegments(full, { final: true }))).toBe(
      'Start Acme: see why. End <b>bold</b> <ADx Bolt. S\nQ\nmore\n\nz',
    );
  });
});
