import type { AdSegment } from '@adstract/client';
import { LABEL_CLASS } from '../label/sponsored-label.js';

/**
 * The text a container shows of the answer: its text content without the labels the package
 * added (each label element and the separating space the package always puts after it).
 */
export function textWithoutLabels(root: Element, options: { spaceBlocks?: boolean } = {}): string {
  const clone = root.cloneNode(true) as Element;
  for (const label of clone.querySelectorAll(`.${LABEL_CLASS}`)) {
    const next = label.nextSibling;
    if (next?.nodeType === 3 && next.nodeValue === ' ') next.remove();
    label.remove();
  }
  // Streamdown renders each block on its own, with no line break between them as text.
  if (options.spaceBlocks) {
    for (const block of clone.querySelectorAll('p, div, li, ul, ol, pre, blockquote')) {
      block.after(' ');
    }
  }
  return clone.textContent ?? '';
}

/** The text the segments came from: each segment's text with its markers put back in place. */
export function rebuild(segments: readonly AdSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (segment.type === 'text') {
      text += segment.text;
      continue;
    }
    let cursor = 0;
    for (const marker of segment.markers) {
      text += segment.text.slice(cursor, marker.at) + marker.text;
      cursor = marker.at;
    }
    text += segment.text.slice(cursor);
  }
  return text;
}

/** A marker as @adstract/client's docs/ad-markers.md defines them, per wrapping type. */
export const DOCUMENTED_MARKER: Record<string, RegExp> = {
  xml: /^(<ads>|<\/ads>)$/i,
  plain: /^(Sponsored: ?| ?˼)$/,
  markdown: /^(> ?\*\*Sponsored:\*\* ?|> ?)$/,
};
