import { splitAdSegments } from '@adstract/client';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS, MENTION } from '../testing/answers.js';
import { textWithoutLabels } from '../testing/visible-text.js';
import { SponsoredText } from './sponsored-text.js';

afterEach(cleanup);

const finalText = (text: string) =>
  splitAdSegments(text, { final: true })
    .map((segment) => segment.text)
    .join('');

/** The markup without the one attribute that may change as a mention closes. */
const markup = (element: Element) => element.innerHTML.replace(/ data-adstract-open=""/g, '');

describe.each(Object.entries(ANSWERS))('SponsoredText streaming a %s answer', (_, text) => {
  it('grows one character at a time without ever showing a marker, with one stable element', () => {
    const visible = finalText(text);
    const { container, rerender } = render(<SponsoredText text="" streaming productName="Acme" />);
    let note: HTMLElement | null = null;
    for (let length = 1; length <= text.length; length++) {
      rerender(<SponsoredText text={text.slice(0, length)} streaming productName="Acme" />);
      const shown = textWithoutLabels(container);
      expect(visible.startsWith(shown), JSON.stringify(text.slice(0, length))).toBe(true);
      expect(shown).not.toMatch(/[<>˼*]|Spons/);
      const notes = screen.queryAllByRole('note');
      expect(notes.length).toBeLessThanOrEqual(1);
      if (note) expect(notes[0]).toBe(note);
      note = notes[0] ?? null;
    }
    expect(note).not.toBeNull();
    const before = markup(container);
    rerender(<SponsoredText text={text} productName="Acme" />);
    expect(screen.getByRole('note', { name: 'Sponsored: Acme' })).toBe(note);
    expect(note!.dataset.adstractOpen).toBeUndefined();
    expect(markup(container)).toBe(before); // completing moves nothing
    expect(textWithoutLabels(note!)).toBe(MENTION);
  });

  it('never shows a marker split across two deltas, at any split offset', () => {
    const visible = finalText(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const { container, rerender } = render(
        <SponsoredText text={text.slice(0, offset)} streaming />,
      );
      expect(visible.startsWith(textWithoutLabels(container)), `cut at ${offset}`).toBe(true);
      const early = screen.queryByRole('note');
      rerender(<SponsoredText text={text} streaming />);
      const note = screen.getByRole('note');
      if (early) expect(note).toBe(early);
      rerender(<SponsoredText text={text} />);
      expect(screen.getByRole('note')).toBe(note);
      expect(textWithoutLabels(container)).toBe(visible);
      cleanup();
    }
  });

  it('keeps its label and layout when the product name arrives late', () => {
    const { container, rerender } = render(<SponsoredText text={text} streaming />);
    const note = screen.getByRole('note', { name: 'Sponsored' });
    const before = container.innerHTML.replace(/ aria-label="[^"]*"/, '');
    rerender(<SponsoredText text={text} streaming productName="Acme Analytics" />);
    expect(screen.getByRole('note', { name: 'Sponsored: Acme Analytics' })).toBe(note);
    expect(container.innerHTML.replace(/ aria-label="[^"]*"/, '')).toBe(before);
  });
});

describe('SponsoredText with a half-written marker when the stream ends', () => {
  it('shows it as the text it turned out to be', () => {
    const { container, rerender } = render(<SponsoredText text="Compare a <AD" streaming />);
    expect(container.textContent).toBe('Compare a ');
    rerender(<SponsoredText text="Compare a <AD" />);
    expect(container.textContent).toBe('Compare a <AD');
  });
});
