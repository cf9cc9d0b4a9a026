import type { WrappingType } from '@adstract/client/segments';
import { LABEL_CLASS, SEPARATOR, SPONSORED_CLASS } from '../label/sponsored-label.js';
import { childrenOf, type MarkdownNode } from './markdown-node.js';

/** The node type of a sponsored container in the tree (rendered through `data.hName`). */
export const SPONSORED_TYPE = 'adstractSponsored';
/** The node type of its label. */
export const LABEL_TYPE = 'adstractLabel';

/** One mention: it may span several containers (a paragraph, then a list, then another one). */
export interface Region {
  wrapping: WrappingType;
  /** The mention ended: its closing marker came, or (for a quote) the quote is complete. */
  closed: boolean;
  containers: MarkdownNode[];
  /** Where the opening marker stood: an empty mention still gets its (labelled) container there. */
  anchor?: { siblings: MarkdownNode[]; index: number; inline: boolean } | undefined;
}

/** How the containers are labelled. */
export interface LabelText {
  visible: string;
  accessible: string;
}

export function createRegion(wrapping: WrappingType): Region {
  return { wrapping, closed: false, containers: [] };
}

/** Starts a container of the region: a `span` among phrasing content, a `div` among blocks. */
export function addContainer(region: Region, inline: boolean): MarkdownNode {
  const container = createContainer(inline);
  region.containers.push(container);
  return container;
}

/** Gives a mention with nothing inside (`<ADS></ADS>`, or `<ADS>` just arrived) its container. */
export function anchorEmptyRegion(region: Region): void {
  if (region.containers.length > 0 || region.anchor === undefined) return;
  const { siblings, index, inline } = region.anchor;
  const container = createContainer(inline);
  siblings.splice(index, 0, container);
  region.containers.push(container);
}

function createContainer(inline: boolean): MarkdownNode {
  return { type: SPONSORED_TYPE, children: [], data: { hName: inline ? 'span' : 'div' } };
}

/**
 * Gives each container of the region its hast properties, and the first its label: inside the
 * first paragraph or heading when the mention starts with one (where the marker stood), else first.
 */
export function finishRegion(region: Region, label: LabelText): void {
  region.containers.forEach((container, index) => {
    const properties: Record<string, unknown> = {
      role: 'note',
      ariaLabel: label.accessible,
      className: [SPONSORED_CLASS],
      dataAdstractWrapping: region.wrapping,
    };
    if (!region.closed) properties.dataAdstractOpen = '';
    if (index > 0) properties.dataAdstractContinued = '';
    container.data = { ...container.data, hProperties: properties };
  });
  const first = region.containers[0];
  if (first) insertLabel(first, label.visible);
}

function insertLabel(container: MarkdownNode, text: string): void {
  const children = childrenOf(container)!;
  const lead = children[0];
  const target =
    container.data?.hName === 'div' && (lead?.type === 'paragraph' || lead?.type === 'heading')
      ? lead
      : container;
  const label: MarkdownNode = {
    type: LABEL_TYPE,
    data: {
      hName: 'span',
      hProperties: { className: [LABEL_CLASS] },
      hChildren: [{ type: 'text', value: text }],
    },
  };
  childrenOf(target)!.unshift(label, { type: 'text', value: SEPARATOR });
}
