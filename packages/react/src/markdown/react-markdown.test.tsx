import { cleanup, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import Markdown from 'react-markdown';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS, MENTION } from '../testing/answers.js';
import { textWithoutLabels } from '../testing/visible-text.js';
import { type RemarkAdstractOptions, remarkAdstract } from './remark-adstract.js';

afterEach(cleanup);

const renderMarkdown = (text: string, options: RemarkAdstractOptions = { productName: 'Acme' }) =>
  render(<Markdown remarkPlugins={[[remarkAdstract, options]]}>{text}</Markdown>);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('remarkAdstract with react-markdown', () => {
  it.each(Object.entries(ANSWERS))('labels the %s mention', (wrapping, text) => {
    const { container } = renderMarkdown(text);
    const note = screen.getByRole('note', { name: 'Sponsored: Acme' });
    expect(note.dataset.adstractWrapping).toBe(wrapping);
    expect(note.querySelector('.adstract-sponsored-label')?.textContent).toBe('Sponsored');
    expect(squash(textWithoutLabels(note))).toBe(MENTION);
    expect(container.textContent).not.toMatch(/<\/?ADS>|Sponsored:|˼/);
    expect(squash(textWithoutLabels(container))).toBe(
      `Track cohorts weekly. ${MENTION} Good luck!`,
    );
  });

  it('keeps markdown inside an inline mention: emphasis, a link, code', () => {
    renderMarkdown(
      'Try *this*. <ADS>**Acme**: see [why](https://acme.test) with `acme()`.</ADS> Bye',
    );
    const note = screen.getByRole('note');
    expect(note.tagName).toBe('SPAN');
    expect(note.parentElement?.tagName).toBe('P');
    expect(within(note).getByRole('link', { name: 'why' }).getAttribute('href')).toBe(
      'https://acme.test',
    );
    expect(note.querySelector('strong')?.textContent).toBe('Acme');
    expect(note.querySelector('code')?.textContent).toBe('acme()');
    expect(document.querySelector('em')?.textContent).toBe('this'); // around the mention
  });

  it('parses a block-level mention as markdown: a list and code inside, blocks around', () => {
    const text = [
      'Intro with *emphasis*.',
      '',
      '<ADS>',
      'Acme Analytics is **great**:',
      '- finds churn',
      '- costs `$0`',
      '</ADS>',
      '',
      '```js',
      'done();',
      '```',
    ].join('\n');
    const { container } = renderMarkdown(text);
    const note = screen.getByRole('note', { name: 'Sponsored: Acme' });
    expect(note.tagName).toBe('DIV');
    expect(
      within(note)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['finds churn', 'costs $0']);
    expect(note.querySelector('p > .adstract-sponsored-label')).not.toBeNull();
    expect(note.querySelector('strong')?.textContent).toBe('great');
    expect(container.querySelector('pre code')?.textContent).toBe('done();\n');
    expect(container.textContent).not.toMatch(/<\/?ADS>/);
  });

  it('wraps blocks between a block-level opening and closing tag', () => {
    renderMarkdown('<ADS>\n\nAcme:\n\n1. one\n2. two\n\n</ADS>\n\nAfter.');
    const note = screen.getByRole('note');
    expect(within(note).getAllByRole('listitem')).toHaveLength(2);
    expect(note.nextElementSibling?.textContent).toBe('After.');
  });

  it('labels a mention that opens inline and closes blocks later, marking the later parts', () => {
    renderMarkdown('Intro <ADS>Acme is great:\n\n- fast\n- cheap\n\n</ADS> Outro');
    const parts = screen.getAllByRole('note', { name: 'Sponsored: Acme' });
    expect(parts.map((part) => part.tagName)).toEqual(['SPAN', 'DIV']);
    expect(parts[0]!.querySelector('.adstract-sponsored-label')).not.toBeNull();
    expect(parts[1]!.dataset.adstractContinued).toBe('');
    expect(parts[1]!.querySelector('.adstract-sponsored-label')).toBeNull();
    expect(within(parts[1]!).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('Outro')).toBeTruthy();
  });

  it('wraps a mention that spans list items inside each item, keeping the list valid', () => {
    const { container } = renderMarkdown('- first <ADS>Acme\n- fast\n- cheap</ADS> really\n- last');
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect([...container.querySelectorAll('ul > *')].every((child) => child.tagName === 'LI')).toBe(
      true,
    );
    const notes = screen.getAllByRole('note', { name: 'Sponsored: Acme' });
    expect(notes.map((note) => squash(textWithoutLabels(note)))).toEqual(['Acme', 'fast', 'cheap']);
    expect(items[3]!.querySelector('[role="note"]')).toBeNull();
    expect(squash(textWithoutLabels(items[2]!))).toBe('cheap really');
  });

  it('keeps a quote mention’s own markdown: emphasis, a list, more lines', () => {
    renderMarkdown('Hi\n\n> **Sponsored:** Acme: *see* why.\n> - one\n> - two\n\nBye');
    const note = screen.getByRole('note');
    expect(note.tagName).toBe('DIV');
    expect(document.querySelector('blockquote')).toBeNull();
    expect(note.querySelector('em')?.textContent).toBe('see');
    expect(within(note).getAllByRole('listitem')).toHaveLength(2);
    expect(squash(textWithoutLabels(note))).toBe('Acme: see why. one two');
  });

  it('leaves unknown and malformed markers unchanged', () => {
    for (const text of [
      'a <ADX>b</ADX> c',
      'a </ADS> b',
      '> **Sponsored**: no',
      '> *Sponsored:* no',
      '**Sponsored:** not in a quote',
      'Unsponsored: x ˼',
      '`<ADS>code</ADS>`',
    ]) {
      const { container } = renderMarkdown(text);
      const plain = render(<Markdown>{text}</Markdown>).container;
      expect(screen.queryByRole('note'), text).toBeNull();
      expect(container.innerHTML, text).toBe(plain.innerHTML);
      cleanup();
    }
  });

  it('uses a custom label as visible label and accessible name', () => {
    renderMarkdown(ANSWERS.plain, { productName: 'Acme', label: (name) => `Anzeige: ${name}` });
    const note = screen.getByRole('note', { name: 'Anzeige: Acme' });
    expect(note.querySelector('.adstract-sponsored-label')?.textContent).toBe('Anzeige: Acme');
  });

  it('drops nothing but the markers, for any markdown around and inside the mention', () => {
    const words = fc
      .array(
        fc.constantFrom(
          'word',
          'two words',
          '*em*',
          '**bold**',
          '`code`',
          '[link](https://l.test)',
          '&amp;',
          'a<b',
          '˹',
          'x.',
        ),
        { minLength: 1, maxLength: 6 },
      )
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
          const baseline = squash(render(<Markdown>{text}</Markdown>).container.textContent ?? '');
          cleanup();
          const { container } = renderMarkdown(text);
          const markers = {
            xml: ['<ADS>', '</ADS>'],
            plain: ['Sponsored: ', ' ˼'],
            markdown: ['Sponsored: '],
          };
          let expected = baseline;
          for (const marker of markers[wrapping]) expected = expected.replace(marker, '');
          expect(squash(textWithoutLabels(container))).toBe(squash(expected));
          const adAlone = squash(render(<Markdown>{ad}</Markdown>).container.textContent ?? '');
          expect(squash(textWithoutLabels(screen.getByRole('note')))).toBe(adAlone);
        },
      ),
      { numRuns: 120 },
    );
  });
});
