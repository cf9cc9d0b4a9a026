/** A point in the markdown source, as unist positions give it. */
export interface SourcePoint {
  line: number;
  column: number;
  offset?: number | undefined;
}

/**
 * Any mdast node, loosely typed: the plugin only reads `type`, `value`, `children` and
 * `position`, and builds its own nodes, whatever other plugins put in the tree.
 */
export interface MarkdownNode {
  type: string;
  value?: string;
  children?: MarkdownNode[];
  data?: Record<string, unknown>;
  position?: { start: SourcePoint; end: SourcePoint } | undefined;
}

/** A node whose children are phrasing content: a sponsored part inside it is a `span`. */
const PHRASING_PARENTS: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'tableCell',
]);

/** A node whose children must be of one kind (`li` in a list, cells in a row): never wrapped. */
const STRICT_PARENTS: ReadonlySet<string> = new Set(['list', 'table', 'tableRow']);

/** Nodes whose text is code, never prose with markers. */
const CODE_NODES: ReadonlySet<string> = new Set(['code', 'inlineCode', 'math', 'inlineMath']);

export const isPhrasingParent = (node: MarkdownNode) => PHRASING_PARENTS.has(node.type);
export const isStrictParent = (node: MarkdownNode) => STRICT_PARENTS.has(node.type);
export const isCode = (node: MarkdownNode) => CODE_NODES.has(node.type);

/** The node's children, when it is a parent. */
export function childrenOf(node: MarkdownNode): MarkdownNode[] | undefined {
  return Array.isArray(node.children) ? node.children : undefined;
}
