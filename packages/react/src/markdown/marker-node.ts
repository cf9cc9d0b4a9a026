import type { MarkdownNode } from './markdown-node.js';

/**
 * A marker found in the tree, standing where it was written until the regions are wrapped: an
 * `xml` tag (an `html` node) or a `plain` label or closing character (in a `text` node).
 */
export interface MarkerNode extends MarkdownNode {
  type: 'adstractMarker';
  wrapping: 'xml' | 'plain';
  edge: 'open' | 'close';
  /** The marker as written, so a marker that turns out to be prose can be put back. */
  value: string;
  /** The kind of node it came from. */
  original: 'html' | 'text';
}

export function isMarker(node: MarkdownNode): node is MarkerNode {
  return node.type === 'adstractMarker';
}

/** Puts a marker that is prose here (stray, nested, inside another mention) back as it was. */
export function restoreMarker(marker: MarkerNode): MarkdownNode {
  return { type: marker.original, value: marker.value, position: marker.position };
}

/** Puts back every marker inside `node`: in a sponsored quote they are prose. */
export function restoreMarkersIn(node: MarkdownNode): void {
  const children = node.children;
  if (!children) return;
  node.children = children.map((child) => {
    if (isMarker(child)) return restoreMarker(child);
    restoreMarkersIn(child);
    return child;
  });
}
