import { cleanup, render, screen } from '@testing-library/react';
import Markdown from 'react-markdown';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS, MENTION } from '../testing/answers.js';
import { textWithoutLabels } from '../testing/visible-text.js';
import { remarkAdstract } from './remark-adstract.js';

afterEach(cleanup);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const view = (text: string, streaming: boolean) => (
  <Markdown remarkPlugins={[[remarkAdstract, { productName: 'Acme', streaming }]]}>{text}</Markdown>
);

describe.each(Object.entries(ANSWERS))('remarkAdstract streaming a %s answer', (_, text) => {
  it('never shows a marker being written, and keeps one sponsored element as it grows', () => {
    const final = `Track cohorts weekly. ${MENTION} Good luck!`;
    const { container, rerender } = render(view('', true));
    let note: HTMLElement | null = null;
    for (let length = 1; length <= text.length; length++) {
      rerender(view(text.slice(0, length), true));
      const shown = squash(textWithoutLabels(container));
      expect(final.startsWith(shown), JSON.stringify(text.slice(0, length))).toBe(true);
      expect(container.querySelector('blockquote')).toBeNull();
      const notes = screen.queryAllByRole('note');
      expect(notes.length).toBeLessThanOrEqual(1);
      if (note) expect(notes[0]).toBe(note);
      note = notes[0] ?? null;
    }
    rerender(view(text, false));
    expect(screen.getByRole('note', { name: 'Sponsored: Acme' })).toBe(note);
    expect(note!.dataset.adstractOpen).toBeUndefined();
    expect(squash(textWithoutLabels(container))).toBe(final);
  });
});

describe('remarkAdstract streaming', () => {
  it('marks an unclosed mention open, running to the end over blocks', () => {
    render(view('Hi <ADS>Acme:\n\n- fast\n- cheap', true));
    const parts = screen.getAllByRole('note');
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.dataset.adstractOpen).toBe('');
  });

  it('shows a half-written marker once the text is complete', () => {
    const { container, rerender } = render(view('Compare a <AD', true));
    expect(container.textContent).toBe('Compare a ');
    rerender(view('Compare a <AD', false));
    expect(container.textContent).toBe('Compare a <AD');
  });

  it('hides a trailing quote that is only the start of the opening, not other quotes', () => {
    for (const tail of ['>', '> *', '> **Spons', '> **Sponsored:*']) {
      const { container } = render(view(`Hi\n\n${tail}`, true));
      expect(container.innerHTML, tail).toBe('<p>Hi</p>');
      cleanup();
    }
    render(view('Hi\n\n> a quote', true));
    expect(document.querySelector('blockquote')?.textContent?.trim()).toBe('a quote');
  });
});
