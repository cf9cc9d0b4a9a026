import { childrenOf, type MarkdownNode } from './markdown-node.js';
import { MARKDOWN_LABEL, MARKDOWN_OPEN } from './markers.js';
import { createRegion, type Region, SPONSORED_TYPE } from './sponsored-nodes.js';

/** What deciding on a quote needs besides the node. */
export interface QuoteContext {
  source: string | undefined;
  streaming: boolean;
}

/**
 * Turns a `markdown`-type mention, a blockquote whose first paragraph starts with strong
 * `Sponsored:` written as `> **Sponsored:**`, into a sponsored container. The quote syntax, the
 * strong label and the one space after it are the markers; the quote's content stays as it is.
 * Returns undefined for any other node.
 */
export function quoteToContainer(
  node: MarkdownNode,
  context: QuoteContext,
): { container: MarkdownNode; region: Region } | undefined {
  if (node.type !== 'blockquote') return undefined;
  const paragraph = childrenOf(node)?.[0];
  const phrasing = paragraph?.type === 'paragraph' ? childrenOf(paragraph) : undefined;
  const strong = phrasing?.[0];
  if (strong?.type !== 'strong' || !isLabel(strong, node, context.source)) return undefined;
  phrasing!.shift();
  const next = phrasing![0];
  if (next?.type === 'text' && next.value?.startsWith(' ')) {
    next.value = next.value.slice(1);
    if (next.value === '') phrasing!.shift();
  }
  const region = createRegion('markdown');
  region.closed = !(context.streaming && endsTheText(node, context.source));
  const container: MarkdownNode = {
    type: SPONSORED_TYPE,
    children: childrenOf(node)!,
    data: { hName: 'div' },
    position: node.position,
  };
  region.containers.push(container);
  return { container, region };
}

/** Strong `Sponsored:`, written exactly `**Sponsored:**` right after `>` and an optional space. */
function isLabel(strong: MarkdownNode, quote: MarkdownNode, source: string | undefined): boolean {
  const children = childrenOf(strong);
  if (
    children?.length !== 1 ||
    children[0]?.type !== 'text' ||
    children[0].value !== MARKDOWN_LABEL
  ) {
    return false;
  }
  const quoteStart = quote.position?.start.offset;
  const start = strong.position?.start.offset;
  const end = strong.position?.end.offset;
  if (
    source === undefined ||
    quoteStart === undefined ||
    start === undefined ||
    end === undefined
  ) {
    return true;
  }
  return (
    /^> ?$/.test(source.slice(quoteStart, start)) && source.slice(start, end) === MARKDOWN_OPEN
  );
}

/** While streaming, a quote at the very end may go on with its next line. */
function endsTheText(quote: MarkdownNode, source: string | undefined): boolean {
  const end = quote.position?.end.offset;
  if (source === undefined || end === undefined) return true;
  return /^[ \t]*\n?[ \t]*$/.test(source.slice(end));
}
