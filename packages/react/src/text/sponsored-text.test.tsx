import { splitAdSegments } from '@adstract/client';
import { cleanup, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS, MENTION, markerSoup, prose, wrapMention } from '../testing/answers.js';
import { DOCUMENTED_MARKER, rebuild, textWithoutLabels } from '../testing/visible-text.js';
import { SponsoredText } from './sponsored-text.js';

afterEach(cleanup);

describe('SponsoredText', () => {
  it.each(Object.entries(ANSWERS))('labels the %s mention and keeps its text', (wrapping, text) => {
    const { container } = render(<SponsoredText text={text} productName="Acme Analytics" />);
    const note = screen.getByRole('note', { name: 'Sponsored: Acme Analytics' });
    expect(note.dataset.adstractWrapping).toBe(wrapping);
    expect(note.dataset.adstractOpen).toBeUndefined();
    expect(note.querySelector('.adstract-sponsored-label')?.textContent).toBe('Sponsored');
    expect(textWithoutLabels(note)).toBe(MENTION);
    expect(container.textContent).not.toMatch(/<\/?ADS>|Sponsored:|˼|\*\*/);
    const around = wrapping === 'markdown' ? ['\n\n', '\n\n'] : [' ', ' '];
    expect(textWithoutLabels(container)).toBe(
      `Track cohorts weekly.${around[0]}${MENTION}${around[1]}Good luck!`,
    );
  });

  it('shows a visible label that does not repeat the product name, and a named note', () => {
    render(<SponsoredText text={ANSWERS.xml} productName="  Acme Analytics " />);
    const note = screen.getByRole('note');
    expect(note.getAttribute('aria-label')).toBe('Sponsored: Acme Analytics');
    expect(note.textContent).toBe(`Sponsored ${MENTION}`);
  });

  it('names the note "Sponsored" when there is no product name', () => {
    render(<SponsoredText text={ANSWERS.plain} />);
    expect(screen.getByRole('note', { name: 'Sponsored' })).toBeTruthy();
  });

  it('uses a custom label, and its string as the accessible name', () => {
    const { rerender } = render(
      <SponsoredText text={ANSWERS.xml} productName="Acme" label={(name) => `Anzeige · ${name}`} />,
    );
    const note = screen.getByRole('note', { name: 'Anzeige · Acme' });
    expect(note.querySelector('.adstract-sponsored-label')?.textContent).toBe('Anzeige · Acme');
    rerender(<SponsoredText text={ANSWERS.xml} productName="Acme" label={() => <b>Ad</b>} />);
    expect(
      screen.getByRole('note', { name: 'Sponsored: Acme' }).querySelector('b')?.textContent,
    ).toBe('Ad');
  });

  it('adds className to each sponsored element', () => {
    render(<SponsoredText text={`${ANSWERS.xml} ${ANSWERS.plain}`} className="ad" />);
    const notes = screen.getAllByRole('note');
    expect(notes).toHaveLength(2);
    for (const note of notes) expect(note.className).toBe('adstract-sponsored ad');
  });

  it('leaves a text without markers, or with unknown or malformed ones, unchanged', () => {
    for (const text of [
      'Just an answer.',
      'a <ADX>b</ADX> c',
      'a <ads >b</ads> c',
      'Sponsored content: none ˼',
      '> **Sponsored**: no',
      'x </ADS> y',
    ]) {
      const { container } = render(<SponsoredText text={text} />);
      expect(screen.queryByRole('note'), text).toBeNull();
      expect(container.textContent).toBe(text);
      cleanup();
    }
  });

  it('keeps an unclosed mention open, and separates the label from prose that has no space', () => {
    render(<SponsoredText text="Hi <ADS>Acme" />);
    const note = screen.getByRole('note');
    expect(note.dataset.adstractOpen).toBe('');
    expect(note.textContent).toBe('Sponsored Acme');
  });

  it('renders every character of the answer but the markers, for any prose (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('xml', 'plain', 'markdown' as const),
        prose,
        prose,
        prose,
        (wrapping, before, mention, after) => {
          cleanup();
          const gap = wrapping === 'markdown' ? '' : ' ';
          const text = `${before}${gap}${wrapMention(wrapping, mention)}${gap}${after}`;
          const { container } = render(<SponsoredText text={text} />);
          const around = wrapping === 'markdown' ? '\n\n' : ' ';
          expect(textWithoutLabels(container)).toBe(
            `${before}${around}${mention}${around}${after}`,
          );
          expect(textWithoutLabels(screen.getByRole('note'))).toBe(mention);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops nothing but documented markers, for text full of marker fragments (property)', () => {
    fc.assert(
      fc.property(markerSoup, fc.boolean(), (text, streaming) => {
        cleanup();
        const { container } = render(<SponsoredText text={text} streaming={streaming} />);
        const segments = splitAdSegments(text, { final: !streaming });
        const rebuilt = rebuild(segments);
        expect(streaming ? text.startsWith(rebuilt) : rebuilt === text).toBe(true);
        for (const segment of segments) {
          if (segment.type !== 'sponsored') continue;
          for (const marker of segment.markers) {
            expect(marker.text).toMatch(DOCUMENTED_MARKER[segment.wrapping]!);
          }
        }
        expect(textWithoutLabels(container)).toBe(segments.map((segment) => segment.text).join(''));
        expect(screen.queryAllByRole('note')).toHaveLength(
          segments.filter((segment) => segment.type === 'sponsored').length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
