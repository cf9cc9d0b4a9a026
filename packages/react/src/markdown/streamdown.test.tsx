import { cleanup, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import {
  defaultRehypePlugins,
  defaultRemarkPlugins,
  parseMarkdownIntoBlocks,
  Streamdown,
} from 'streamdown';
import type { PluggableList } from 'unified';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS, MENTION } from '../testing/answers.js';
import { textWithoutLabels } from '../testing/visible-text.js';
import { joinSponsoredBlocks } from './join-sponsored-blocks.js';
import { keepSponsoredAttributes } from './keep-sponsored-attributes.js';
import { remarkAdstract } from './remark-adstract.js';

afterEach(cleanup);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** What the user reads: the text without the labels, blocks apart. */
const reading = (element: Element) => squash(textWithoutLabels(element, { spaceBlocks: true }));

// The integration the README shows: defined once, outside any component, so Streamdown's memos hold.
const rehypePlugins = keepSponsoredAttributes(Object.values(defaultRehypePlugins));
const parseBlocks = (markdown: string) => joinSponsoredBlocks(parseMarkdownIntoBlocks(markdown));
const remarkPlugins = (streaming: boolean): PluggableList => [
  ...Object.values(defaultRemarkPlugins),
  [remarkAdstract, { productName: 'Acme', streaming }],
];
const STREAMING = remarkPlugins(true);
const DONE = remarkPlugins(false);

const View = ({ text, streaming = false }: { text: string; streaming?: boolean }) => (
  <Streamdown
    isAnimating={streaming}
    parseMarkdownIntoBlocksFn={parseBlocks}
    rehypePlugins={rehypePlugins}
    remarkPlugins={streaming ? STREAMING : DONE}
  >
    {text}
  </Streamdown>
);

describe('remarkAdstract in Streamdown', () => {
  it.each(Object.entries(ANSWERS))('labels the %s mention', (wrapping, text) => {
    const { container } = render(<View text={text} />);
    const note = screen.getByRole('note', { name: 'Sponsored: Acme' });
    expect(note.dataset.adstractWrapping).toBe(wrapping);
    expect(note.className).toBe('adstract-sponsored');
    expect(note.querySelector('.adstract-sponsored-label')?.textContent).toBe('Sponsored');
    expect(reading(note)).toBe(MENTION);
    expect(reading(container)).toBe(`Track cohorts weekly. ${MENTION} Good luck!`);
  });

  it('keeps lists, links, code and emphasis inside and around the mention', () => {
    const text = [
      'Some *context* first.',
      '',
      '<ADS>',
      'Acme Analytics: see [why](https://acme.test) users churn, with `acme.track()`:',
      '- **cohorts**',
      '- funnels',
      '</ADS>',
      '',
      'And `after` it, [a link](https://after.test).',
    ].join('\n');
    const { container } = render(<View text={text} />);
    const note = screen.getByRole('note', { name: 'Sponsored: Acme' });
    expect(
      within(note)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['cohorts', 'funnels']);
    // Streamdown renders links as buttons that confirm before leaving (its link safety).
    expect(within(note).getByRole('button', { name: 'why' }).dataset.streamdown).toBe('link');
    expect(within(note).getByText('acme.track()').tagName).toBe('CODE');
    expect(within(note).getByText('cohorts').dataset.streamdown).toBe('strong');
    expect(screen.getByRole('button', { name: 'a link' }).closest('[role="note"]')).toBeNull();
    expect(container.querySelector('em')?.textContent).toBe('context');
    expect(container.textContent).not.toMatch(/<\/?ADS>/);
  });

  it('labels every block of a mention that spans blocks, once its blocks are joined', () => {
    const text = 'Intro <ADS>Acme is great:\n\n- fast\n- cheap\n\n</ADS> Outro';
    render(<View text={text} />);
    const parts = screen.getAllByRole('note');
    expect(within(parts[1]!).getAllByRole('listitem')).toHaveLength(2);
    cleanup();
    // Streamdown's own block split cuts the mention: the list would render unlabelled.
    render(
      <Streamdown rehypePlugins={rehypePlugins} remarkPlugins={DONE}>
        {text}
      </Streamdown>,
    );
    expect(screen.getAllByRole('note')).toHaveLength(1);
    expect(screen.getAllByRole('listitem')[0]!.closest('[role="note"]')).toBeNull();
  });

  it('with Streamdown’s default sanitizer, keeps the visible label and every character', () => {
    const { container } = render(<Streamdown remarkPlugins={DONE}>{ANSWERS.xml}</Streamdown>);
    // The default schema strips role, aria-label and classes: hence keepSponsoredAttributes.
    expect(screen.queryByRole('note')).toBeNull();
    expect(squash(textWithoutLabels(container, { spaceBlocks: true }))).toBe(
      `Track cohorts weekly. Sponsored ${MENTION} Good luck!`,
    );
  });

  it.each(Object.entries(ANSWERS))(
    'streams the %s answer without ever showing a marker, with one stable element',
    (_, text) => {
      const final = `Track cohorts weekly. ${MENTION} Good luck!`;
      const { container, rerender } = render(<View text="" streaming />);
      let note: HTMLElement | null = null;
      for (let length = 1; length <= text.length; length++) {
        rerender(<View text={text.slice(0, length)} streaming />);
        const shown = reading(container);
        expect(final.startsWith(shown), JSON.stringify(text.slice(0, length))).toBe(true);
        expect(container.querySelector('blockquote')).toBeNull();
        const notes = screen.queryAllByRole('note');
        expect(notes.length).toBeLessThanOrEqual(1);
        if (note) expect(notes[0]).toBe(note);
        note = notes[0] ?? null;
      }
      rerender(<View text={text} />);
      expect(screen.getByRole('note')).toBe(note);
      expect(reading(container)).toBe(final);
    },
  );

  it('drops nothing but the markers, for any markdown around and inside the mention', () => {
    const words = fc
      .array(fc.constantFrom('word', 'two words', '*em*', '**bold**', '`code`', '&amp;', 'x.'), {
        minLength: 1,
        maxLength: 5,
      })
      .map((pieces) => pieces.join(' '));
    fc.assert(
      fc.property(
        fc.constantFrom('xml', 'plain', 'markdown'),
        words,
        words,
        words,
        (wrapping, before, ad, after) => {
          cleanup();
          const text =
            wrapping === 'xml'
              ? `${before} <ADS>${ad}</ADS> ${after}`
              : wrapping === 'plain'
                ? `${before} Sponsored: ${ad} ˼ ${after}`
                : `${before}\n\n> **Sponsored:** ${ad}\n\n${after}`;
          const { container } = render(<View text={text} />);
          const shown = reading(container);
          const adAlone = reading(render(<Streamdown>{ad}</Streamdown>).container);
          const around = (part: string) =>
            reading(render(<Streamdown>{part}</Streamdown>).container);
          expect(shown).toBe(squash(`${around(before)} ${adAlone} ${around(after)}`));
          expect(reading(screen.getAllByRole('note')[0]!)).toBe(adAlone);
        },
      ),
      { numRuns: 40 },
    );
  });
});
