import {
  childrenOf,
  isPhrasingParent,
  isStrictParent,
  type MarkdownNode,
} from './markdown-node.js';
import { isMarker, type MarkerNode, restoreMarker, restoreMarkersIn } from './marker-node.js';
import { addContainer, anchorEmptyRegion, createRegion, type Region } from './sponsored-nodes.js';
import { type QuoteContext, quoteToContainer } from './sponsored-quote.js';

interface WalkState {
  /** The mention being read, when inside one. */
  region: Region | undefined;
  regions: Region[];
  quote: QuoteContext;
  /** Nodes with a marker somewhere below them. */
  holdsMarker: WeakSet<MarkdownNode>;
  /** Spaces that belong to a `plain` marker when it is one (see `MarkerContext.spaces`). */
  spaces: WeakSet<MarkdownNode>;
}

/**
 * Wraps what lies between markers in sponsored containers and takes the markers out; turns each
 * sponsored quote into a container. A mention may open and close at different depths (an inline
 * `<ADS>` in one paragraph, `</ADS>` in a later one): each stretch of it gets its own container at
 * the level where it lies, all of them belonging to one region. Returns the regions found.
 */
export function wrapRegions(
  tree: MarkdownNode,
  quote: QuoteContext,
  spaces: WeakSet<MarkdownNode>,
): Region[] {
  const holdsMarker = new WeakSet<MarkdownNode>();
  markHolders(tree, holdsMarker);
  const state: WalkState = { region: undefined, regions: [], quote, holdsMarker, spaces };
  walk(tree, state);
  // Last first: an insertion does not move the anchors before it in the same list.
  for (const region of [...state.regions].reverse()) anchorEmptyRegion(region);
  return state.regions;
}

function markHolders(node: MarkdownNode, holders: WeakSet<MarkdownNode>): boolean {
  let holds = false;
  for (const child of childrenOf(node) ?? []) {
    if (isMarker(child) || markHolders(child, holders)) holds = true;
  }
  if (holds) holders.add(node);
  return holds;
}

function walk(parent: MarkdownNode, state: WalkState): void {
  const output: MarkdownNode[] = [];
  let container: MarkdownNode | undefined;
  let afterOpening = false;
  for (let child of childrenOf(parent) ?? []) {
    const justOpened = afterOpening;
    afterOpening = false;
    if (justOpened && state.spaces.has(child)) continue; // the space after `Sponsored:`
    if (isMarker(child)) {
      if (
        child.wrapping === 'plain' &&
        child.edge === 'close' &&
        state.region?.wrapping === 'plain'
      ) {
        // The space before `˼` goes with it.
        const last = (container ? childrenOf(container)! : output).at(-1);
        if (last && state.spaces.has(last)) (container ? childrenOf(container)! : output).pop();
      }
      if (toggles(child, state)) {
        afterOpening = state.region?.wrapping === 'plain';
        container = undefined;
        if (state.region) {
          state.region.anchor = {
            siblings: output,
            index: output.length,
            inline: isPhrasingParent(parent),
          };
        }
        continue;
      }
      child = restoreMarker(child);
    }
    const region = state.region;
    if (region === undefined) {
      const sponsored = quoteToContainer(child, state.quote);
      if (sponsored) {
        restoreMarkersIn(sponsored.container);
        state.regions.push(sponsored.region);
        output.push(sponsored.container);
        continue;
      }
      walk(child, state);
      output.push(child);
      continue;
    }
    if (state.holdsMarker.has(child) || isStrictParent(parent)) {
      // Part of this child may lie outside the mention, or it cannot be wrapped: go inside.
      container = undefined;
      walk(child, state);
      output.push(child);
      continue;
    }
    if (container === undefined) {
      container = addContainer(region, isPhrasingParent(parent));
      output.push(container);
    }
    childrenOf(container)!.push(child);
  }
  if (childrenOf(parent)) parent.children = output;
}

/** Opens or closes the region at a marker; false when the marker is prose here. */
function toggles(marker: MarkerNode, state: WalkState): boolean {
  if (state.region === undefined && marker.edge === 'open') {
    state.region = createRegion(marker.wrapping);
    state.regions.push(state.region);
    return true;
  }
  if (state.region?.wrapping === marker.wrapping && marker.edge === 'close') {
    state.region.closed = true;
    state.region = undefined;
    return true;
  }
  return false;
}
