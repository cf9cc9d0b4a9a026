import { splitAdSegments } from '@adstract/client/segments';
import { childrenOf, type MarkdownNode } from './markdown-node.js';
import { MARKDOWN_OPEN, PLAIN_OPEN } from './markers.js';

/**
 * While streaming, hides a marker that is still being written at the very end of the text, so it
 * never flashes as text: `<AD` and `Spon` at the end of the last text node, and a last quote that
 * so far holds only the start of `> **Sponsored:**` (also as Streamdown's remend completes it,
 * `> **Spons**`). What is hidden is decided on the source, as the client's parser decides it; it
 * shows again as soon as the next delta shows it is prose.
 */
export function hideLiveTail(tree: MarkdownNode, source: string): void {
  const held = heldBack(source);
  const quote = childrenOf(tree)?.at(-1);
  const quoteStart = quote?.type === 'blockquote' ? quote.position?.start.offset : undefined;
  if (quoteStart !== undefined && isPartialQuote(source.slice(quoteStart))) {
    childrenOf(tree)!.pop();
    return;
  }
  if (held === '' || !(held.startsWith('<') || held.startsWith(PLAIN_OPEN[0]!))) return;
  const path = lastLeafPath(tree);
  const leaf = path.at(-1);
  if (leaf?.type !== 'text' || !leaf.value?.endsWith(held)) return;
  leaf.value = leaf.value.slice(0, -held.length);
  // Take out what the trim left empty (a paragraph that held only `<AD` would show as a gap).
  for (let depth = path.length - 1; depth > 0; depth--) {
    const node = path[depth]!;
    const empty = node.type === 'text' ? node.value === '' : childrenOf(node)?.length === 0;
    if (!empty) break;
    const siblings = childrenOf(path[depth - 1]!)!;
    siblings.splice(siblings.indexOf(node), 1);
  }
}

/** The tail of `source` the client's parser holds back while streaming. */
function heldBack(source: string): string {
  let length = 0;
  for (const segment of splitAdSegments(source)) {
    length += segment.text.length;
    if (segment.type === 'sponsored') {
      for (const marker of segment.markers) length += marker.text.length;
    }
  }
  return source.slice(length);
}

/** `>`, `> *`, `> **Spons` (a proper prefix of the opening), or remend's `> **Spons**`. */
function isPartialQuote(text: string): boolean {
  const rest = text.replace(/^> ?/, '');
  if (rest.length === text.length) return false;
  if (rest !== MARKDOWN_OPEN && MARKDOWN_OPEN.startsWith(rest)) return true;
  const completed = /^\*\*(.+)\*\*$/.exec(rest)?.[1];
  return (
    completed !== undefined && completed !== 'Sponsored:' && 'Sponsored:'.startsWith(completed)
  );
}

function lastLeafPath(tree: MarkdownNode): MarkdownNode[] {
  const path = [tree];
  let node = tree;
  for (let children = childrenOf(node); children?.length; children = childrenOf(node)) {
    node = children.at(-1)!;
    path.push(node);
  }
  return path;
}
