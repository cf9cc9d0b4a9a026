import { createAdSegmentParser } from '@adstract/client/segments';

/**
 * Joins the blocks of a markdown text so that no `xml` or `plain` mention is cut between two of
 * them. Streamdown renders each block as its own markdown tree; a mention that opens in one block
 * and closes in a later one (`Intro <ADS>Acme:` then a list, then `</ADS>`) would otherwise be
 * labelled only up to the end of its first block. Use it around Streamdown's block parser:
 *
 * @example
 * import { parseMarkdownIntoBlocks } from 'streamdown';
 * const parseBlocks = (markdown: string) => joinSponsoredBlocks(parseMarkdownIntoBlocks(markdown));
 * // <Streamdown parseMarkdownIntoBlocksFn={parseBlocks} …>
 */
export function joinSponsoredBlocks(blocks: readonly string[]): string[] {
  const parser = createAdSegmentParser();
  const joined: string[] = [];
  let open = false;
  for (const block of blocks) {
    if (open) joined[joined.length - 1] += block;
    else joined.push(block);
    parser.push(block);
    const last = parser.segments().at(-1);
    // A quote is one block already; code that shows `<ADS>` literally only joins more blocks.
    open = last?.type === 'sponsored' && last.open === true && last.wrapping !== 'markdown';
  }
  return joined;
}
