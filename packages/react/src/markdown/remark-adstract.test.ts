import { splitAdSegments } from '@adstract/client';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { MarkdownNode } from './markdown-node.js';
import { type RemarkAdstractOptions, remarkAdstract } from './remark-adstract.js';
import { LABEL_TYPE, SPONSORED_TYPE } from './sponsored-nodes.js';

const transform = (markdown: string, options: RemarkAdstractOptions = {}) => {
  const processor = unified().use(remarkParse).use(remarkAdstract, options);
  return processor.runSync(processor.parse(markdown), markdown) as unknown as MarkdownNode;
};

/** The text of a subtree as a reader gets it: text and html values, without labels. */
const textOf = (node: MarkdownNode): string => {
  if (node.type === LABEL_TYPE) return '';
  if (node.value !== undefined) return node.value;
  const children = node.children ?? [];
  return children
    .filter((_, index) => !(index > 0 && children[index - 1]!.type === LABEL_TYPE))
    .map(textOf)
    .join('');
};

const containers = (node: MarkdownNode): MarkdownNode[] => [
  ...(node.type === SPONSORED_TYPE ? [node] : []),
  ...(node.children ?? []).flatMap(containers),
];

describe('remarkAdstract on the markdown tree', () => {
  it('finds in a paragraph exactly the mentions and prose the client’s parser finds (property)', () => {
    const piece = fc.constantFrom(
      'word',
      ' ',
      '<ADS>',
      '</ADS>',
      '<ads>',
      '<AD',
      'Sponsored: ',
      'Sponsored:',
      'Spon',
      ' ˼',
      '˼',
      '.',
      '(',
    );
    const paragraph = fc
      .array(piece, { maxLength: 16 })
      .map((pieces) => `a${pieces.join('')}z`.replace(/ {2,}/g, ' '));
    fc.assert(
      fc.property(paragraph, (text) => {
        const tree = transform(text);
        const segments = splitAdSegments(text, { final: true });
        expect(containers(tree).map(textOf)).toEqual(
          segments.filter((segment) => segment.type === 'sponsored').map((segment) => segment.text),
        );
        expect(textOf(tree)).toBe(segments.map((segment) => segment.text).join(''));
      }),
      { numRuns: 1000 },
    );
  });

  it('emits hast through data.hName and data.hProperties, labelled and named', () => {
    const tree = transform('Hi <ADS>Acme</ADS>', { productName: 'Acme' });
    const [container] = containers(tree);
    expect(container?.data).toEqual({
      hName: 'span',
      hProperties: {
        role: 'note',
        ariaLabel: 'Sponsored: Acme',
        className: ['adstract-sponsored'],
        dataAdstractWrapping: 'xml',
      },
    });
    expect(container?.children?.[0]).toMatchObject({
      type: LABEL_TYPE,
      data: { hName: 'span', hChildren: [{ type: 'text', value: 'Sponsored' }] },
    });
    expect(container?.children?.[1]).toEqual({ type: 'text', value: ' ' });
  });

  it('takes the quote, the bold label and one space as the markdown markers, exactly', () => {
    const tree = transform('> **Sponsored:**  Acme, *fast*.');
    const [container] = containers(tree);
    expect(container?.data?.hName).toBe('div');
    expect(textOf(container!)).toBe(' Acme, fast.'); // the second space is prose
    for (const text of [
      '> __Sponsored:__ x',
      '>  **Sponsored:** x',
      '> **Sponsored:**x'.replace('x', ''),
    ]) {
      const found = containers(transform(text));
      expect(found.length, text).toBe(text === '> **Sponsored:**' ? 1 : 0);
    }
  });

  it('keeps markers inside a mention as prose', () => {
    const tree = transform('<ADS>Sponsored: a ˼ and\n\n> **Sponsored:** b\n\n</ADS>');
    expect(containers(tree)).toHaveLength(2); // one mention, in two parts: paragraph, then quote
    expect(textOf(tree)).toBe('Sponsored: a ˼ andSponsored: b');
  });

  it('works without a processor or positions, e.g. on a tree built by hand', () => {
    const transformer = remarkAdstract({ productName: 'Acme' });
    const tree: MarkdownNode = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Hi ' },
            { type: 'html', value: '<ADS>' },
            { type: 'text', value: 'Acme' },
            { type: 'html', value: '</ADS>' },
          ],
        },
        { type: 'html', value: '<ADS>\nraw block\n</ADS>' },
      ],
    };
    transformer(tree as unknown as Root);
    expect(containers(tree).map(textOf)).toEqual(['Acme', '\nraw block\n']);
  });
});
