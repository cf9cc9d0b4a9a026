import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ANSWERS, MENTION } from '../testing/answers.js';
import { SponsoredText } from './sponsored-text.js';

describe('SponsoredText on the server (react-dom/server, no DOM)', () => {
  it.each(Object.entries(ANSWERS))('renders the labelled %s mention to HTML', (wrapping, text) => {
    const html = renderToStaticMarkup(<SponsoredText text={text} productName="Acme Analytics" />);
    expect(html).toContain(
      `<span role="note" aria-label="Sponsored: Acme Analytics" class="adstract-sponsored" data-adstract-wrapping="${wrapping}"><span class="adstract-sponsored-label">Sponsored</span> ${MENTION}</span>`,
    );
    expect(html.replace(/aria-label="[^"]*"/, '')).not.toMatch(/&lt;\/?ADS|Sponsored:|˼|\*\*/);
  });

  it('renders a streaming answer with its half-written marker held back', () => {
    expect(renderToString(<SponsoredText text="Hi <ADS>Acme</AD" streaming />)).toContain(
      'data-adstract-open=""',
    );
    expect(renderToStaticMarkup(<SponsoredText text="Hi <AD" streaming />)).toBe('Hi ');
  });
});
