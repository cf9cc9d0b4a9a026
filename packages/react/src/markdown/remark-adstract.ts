import type { Root } from 'mdast';
import {
  cleanProductName,
  DEFAULT_LABEL,
  defaultAccessibleName,
} from '../label/sponsored-label.js';
import { findMarkers } from './find-markers.js';
import { hideLiveTail } from './live-tail.js';
import type { MarkdownNode } from './markdown-node.js';
import { finishRegion } from './sponsored-nodes.js';
import { wrapRegions } from './wrap-regions.js';

/** Options of {@link remarkAdstract}. */
export interface RemarkAdstractOptions {
  /** The advertised product; part of the accessible name (`Sponsored: Acme`). */
  productName?: string | undefined;
  /**
   * The markdown is still growing: a marker being written at its very end is hidden rather
   * than shown (`<AD`, `Spon`, `> **Spons`). Set it to `false` (the default) once it is complete.
   */
  streaming?: boolean | undefined;
  /** The visible label, also the accessible name; `Sponsored` by default. */
  label?: ((productName: string | undefined) => string) | undefined;
}

/**
 * A remark plugin (for react-markdown, Streamdown or any unified pipeline) that turns the
 * sponsored mention into a labelled element, for all three wrapping types at once:
 * `<ADS>…</ADS>` (inline, or block-level with blocks between), `Sponsored: … ˼`, and a quote
 * starting `> **Sponsored:**`. Everything inside and around the mention stays markdown (lists,
 * code, links, emphasis); only the markers are replaced, by a `Sponsored` label.
 *
 * The mention becomes `<span>` (within a paragraph) or `<div>` (around blocks) with
 * `role="note"`, `aria-label="Sponsored: Acme"`, `class="adstract-sponsored"` and
 * `data-adstract-wrapping`, emitted through `data.hName` / `data.hProperties`, so it renders
 * without rehype-raw; the `<ADS>` tags themselves are taken out, never shown escaped or dropped
 * with their content. An unclosed mention runs to the end and carries `data-adstract-open`; a
 * mention split over several containers marks the later ones `data-adstract-continued`.
 *
 * @example
 * <Markdown remarkPlugins={[[remarkAdstract, { productName, streaming }]]}>{text}</Markdown>
 */
export function remarkAdstract(
  this: unknown,
  options: RemarkAdstractOptions = {},
): (tree: Root, file?: { value?: unknown }) => void {
  // unified calls a plugin with the processor (a callable object) as `this`: its parser re-reads
  // the markdown inside raw html blocks.
  const processor = this as { parse?: unknown } | undefined;
  const parse =
    typeof processor?.parse === 'function'
      ? (markdown: string) => (processor.parse as (markdown: string) => MarkdownNode)(markdown)
      : undefined;
  const productName = cleanProductName(options.productName);
  const visible = options.label?.(productName) ?? DEFAULT_LABEL;
  const accessible =
    options.label && visible.trim() !== '' ? visible : defaultAccessibleName(productName);
  const streaming = options.streaming === true;
  return (tree, file) => {
    const root = tree as unknown as MarkdownNode;
    const source = typeof file?.value === 'string' ? file.value : undefined;
    if (streaming && source !== undefined) hideLiveTail(root, source);
    const spaces = new WeakSet<MarkdownNode>();
    findMarkers(root, { source, parse, spaces });
    for (const region of wrapRegions(root, { source, streaming }, spaces)) {
      finishRegion(region, { visible, accessible });
    }
  };
}
