import { parseMarkdownIntoBlocks } from 'streamdown';
import { describe, expect, it } from 'vitest';
import { joinSponsoredBlocks } from './join-sponsored-blocks.js';

describe('joinSponsoredBlocks', () => {
  it('joins the blocks a mention spans, and nothing else', () => {
    const text = 'First.\n\nIntro <ADS>Acme is great:\n\n- fast\n- cheap\n\n</ADS> Outro\n\nLast.';
    const blocks = parseMarkdownIntoBlocks(text);
    expect(blocks.length).toBeGreaterThan(4);
    const joined = joinSponsoredBlocks(blocks);
    expect(joined.join('')).toBe(blocks.join(''));
    expect(joined.find((block) => block.includes('<ADS>'))).toBe(
      'Intro <ADS>Acme is great:\n\n- fast\n- cheap\n\n</ADS> Outro\n\n',
    );
    expect(joined[0]).toBe('First.\n\n');
    expect(joined.at(-1)).toBe('Last.');
  });

  it('joins a plain mention over blocks and leaves a quote, already one block, alone', () => {
    expect(joinSponsoredBlocks(['Sponsored: Acme\n\n', '- fast\n\n', '˼ done\n\n', 'x'])).toEqual([
      'Sponsored: Acme\n\n- fast\n\n˼ done\n\n',
      'x',
    ]);
    const quote = ['a\n\n', '> **Sponsored:** Acme\n\n', 'b'];
    expect(joinSponsoredBlocks(quote)).toEqual(quote);
  });

  it('joins an unclosed mention up to the end, as it streams', () => {
    expect(joinSponsoredBlocks(['a <ADS>b\n\n', '- c\n\n', 'd'])).toEqual(['a <ADS>b\n\n- c\n\nd']);
  });
});
