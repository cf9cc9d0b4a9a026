import {
  childrenOf,
  isCode,
  isPhrasingParent,
  type MarkdownNode,
  type SourcePoint,
} from './markdown-node.js';
import { isMarker, type MarkerNode } from './marker-node.js';
import { isWordBoundary, PLAIN_MARKER, PLAIN_OPEN, XML_TAG } from './markers.js';

/** What finding markers needs besides the tree. */
export interface MarkerContext {
  /** The markdown the tree was parsed from, when the file carries it. */
  source: string | undefined;
  /** Parses markdown with the processor's own parser (and its extensions, e.g. GFM). */
  parse: ((markdown: string) => MarkdownNode) | undefined;
  /**
   * The single spaces right after `Sponsored:` and right before `˼`, each a text node of its own:
   * part of the marker when the marker opens or closes a mention, prose otherwise.
   */
  spaces: WeakSet<MarkdownNode>;
}

/**
 * Replaces every `xml` tag (`html` nodes) and `plain` marker (in `text` nodes) under `parent` by a
 * marker node, in place. Code is left alone. A raw html block that holds a tag and more text (in
 * CommonMark, the lines after a lone `<ADS>` stay in its html block until a blank line) is split:
 * the tags become markers and the text between them is parsed as markdown again, so the mention's
 * lists and emphasis render instead of being dropped or shown as raw html.
 */
export function findMarkers(parent: MarkdownNode, context: MarkerContext): void {
  const children = childrenOf(parent);
  if (!children) return;
  const output: MarkdownNode[] = [];
  for (const child of children) {
    if (child.type === 'html') output.push(...splitHtml(child, parent, context));
    else if (child.type === 'text') output.push(...splitText(child, parent, context));
    else {
      if (!isCode(child) && !isMarker(child)) findMarkers(child, context);
      output.push(child);
    }
  }
  parent.children = output;
}

function marker(
  wrapping: MarkerNode['wrapping'],
  edge: MarkerNode['edge'],
  value: string,
  original: MarkerNode['original'],
): MarkerNode {
  return { type: 'adstractMarker', wrapping, edge, value, original };
}

function splitHtml(node: MarkdownNode, parent: MarkdownNode, context: MarkerContext) {
  const value = node.value ?? '';
  const tag = value.trim().toLowerCase();
  if (tag === '<ads>' || tag === '</ads>') {
    return [
      {
        ...marker('xml', tag === '<ads>' ? 'open' : 'close', value, 'html'),
        position: node.position,
      },
    ];
  }
  if (value.startsWith('<!--') || value.search(XML_TAG) === -1) return [node];
  const pieces: MarkdownNode[] = [];
  let cursor = 0;
  const addText = (end: number) => {
    const text = value.slice(cursor, end);
    if (text.trim() === '') return; // blank lines between blocks: not prose
    if (isPhrasingParent(parent) || context.parse === undefined) {
      pieces.push({ type: 'html', value: text });
      return;
    }
    const root = context.parse(text);
    shiftPositions(root, pointIn(node, value, cursor));
    findMarkers(root, context);
    pieces.push(...(childrenOf(root) ?? []));
  };
  for (const match of value.matchAll(XML_TAG)) {
    addText(match.index);
    pieces.push(marker('xml', match[1] === '/' ? 'close' : 'open', match[0], 'html'));
    cursor = match.index + match[0].length;
  }
  addText(value.length);
  return pieces;
}

function splitText(node: MarkdownNode, parent: MarkdownNode, context: MarkerContext) {
  const value = node.value ?? '';
  const pieces: MarkdownNode[] = [];
  let cursor = 0;
  for (const match of value.matchAll(PLAIN_MARKER)) {
    const index = match.index;
    if (index < cursor) continue;
    const space = (): MarkdownNode => {
      const node = { type: 'text', value: ' ' };
      context.spaces.add(node);
      return node;
    };
    if (match[0] === PLAIN_OPEN) {
      if (!isWordBoundary(index > 0 ? value[index - 1]! : characterBefore(node, parent, context))) {
        continue;
      }
      if (index > cursor) pieces.push({ type: 'text', value: value.slice(cursor, index) });
      pieces.push(marker('plain', 'open', PLAIN_OPEN, 'text'));
      cursor = index + PLAIN_OPEN.length;
      if (value[cursor] === ' ') {
        pieces.push(space());
        cursor++;
      }
    } else {
      const spaced = index > cursor && value[index - 1] === ' ';
      const start = spaced ? index - 1 : index;
      if (start > cursor) pieces.push({ type: 'text', value: value.slice(cursor, start) });
      if (spaced) pieces.push(space());
      pieces.push(marker('plain', 'close', '˼', 'text'));
      cursor = index + 1;
    }
  }
  if (cursor === 0) return [node];
  if (cursor < value.length) pieces.push({ type: 'text', value: value.slice(cursor) });
  return pieces;
}

/** The source character before a text node, which decides whether `Sponsored:` starts a word. */
function characterBefore(node: MarkdownNode, parent: MarkdownNode, context: MarkerContext) {
  const offset = node.position?.start.offset;
  if (offset !== undefined && context.source !== undefined) return context.source[offset - 1] ?? '';
  // Without positions: at the start of emphasis the source had `*` or `_` before the text.
  return ['emphasis', 'strong', 'delete'].includes(parent.type) ? '*' : '';
}

/** The source point of `value[index]` in an html node (exact at the top level of a document). */
function pointIn(node: MarkdownNode, value: string, index: number): SourcePoint | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = value.slice(0, index);
  const lines = before.split('\n');
  const last = lines.at(-1)!;
  return {
    line: start.line + lines.length - 1,
    column: lines.length === 1 ? start.column + index : last.length + 1,
    offset: start.offset === undefined ? undefined : start.offset + index,
  };
}

/** Moves the positions of a tree parsed from a piece of text to where the piece stood. */
function shiftPositions(node: MarkdownNode, base: SourcePoint | undefined): void {
  const shift = (point: SourcePoint): SourcePoint => ({
    line: base ? base.line + point.line - 1 : point.line,
    column: base && point.line === 1 ? base.column + point.column - 1 : point.column,
    offset:
      base?.offset === undefined || point.offset === undefined
        ? undefined
        : base.offset + point.offset,
  });
  if (node.position) {
    node.position = base
      ? { start: shift(node.position.start), end: shift(node.position.end) }
      : undefined;
  }
  for (const child of childrenOf(node) ?? []) shiftPositions(child, base);
}
