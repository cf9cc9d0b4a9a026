import type { SponsoredSegment } from '@adstract/client/segments';
import { type ReactNode, useState } from 'react';
import {
  cleanProductName,
  DEFAULT_LABEL,
  defaultAccessibleName,
  LABEL_CLASS,
  SEPARATOR,
  SPONSORED_CLASS,
} from '../label/sponsored-label.js';
import { createSegmentsMemo } from './segments-memo.js';

/** Props of {@link SponsoredText}. */
export interface SponsoredTextProps {
  /** The answer text, as the model wrote it (and as it is acknowledged), markers included. */
  text: string;
  /** The advertised product, e.g. from {@link useAdstractMessage}; part of the accessible name. */
  productName?: string | undefined;
  /**
   * The text is still growing: a half-written marker at its end is held back instead of shown.
   * Set it to `false` (the default) once the answer is complete.
   */
  streaming?: boolean | undefined;
  /**
   * The visible label that replaces the markers; `Sponsored` by default. When it returns a
   * string, that string is also the element's accessible name (otherwise `Sponsored: <product>`).
   */
  label?: ((productName: string | undefined) => ReactNode) | undefined;
  /** Class added to each sponsored element, beside `adstract-sponsored`. */
  className?: string | undefined;
}

/**
 * Renders an answer with its sponsored mention labelled. Works with all three wrapping types at
 * once (`<ADS>…</ADS>`, `Sponsored: … ˼`, a `> **Sponsored:** …` quote) and leaves the text
 * unchanged where it finds no marker. Only the markers are replaced, by a label: every character
 * of the answer is rendered (Adstract treats hiding ad content as false reporting).
 *
 * The mention becomes `<span role="note" aria-label="Sponsored: Acme" class="adstract-sponsored">`
 * holding a visible `<span class="adstract-sponsored-label">Sponsored</span>` and the mention's
 * text, so assistive technology announces it as sponsored without relying on colour. Inline
 * content: put it inside your message bubble (`white-space: pre-wrap` keeps the answer's line breaks).
 *
 * Stable while streaming: re-render it with the growing text; a marker split across deltas never
 * shows, the sponsored element appears once and keeps its identity, and each render parses only
 * the new characters.
 *
 * @example
 * <SponsoredText text={text} productName={productName} streaming={status === 'streaming'} />
 */
export function SponsoredText({
  text,
  productName,
  streaming = false,
  label,
  className,
}: SponsoredTextProps): ReactNode {
  const [segmentsOf] = useState(createSegmentsMemo);
  const name = cleanProductName(productName);
  const visibleLabel = label === undefined ? DEFAULT_LABEL : label(name);
  const accessibleName =
    label !== undefined && typeof visibleLabel === 'string' && visibleLabel.trim() !== ''
      ? visibleLabel
      : defaultAccessibleName(name);
  const classes = className ? `${SPONSORED_CLASS} ${className}` : SPONSORED_CLASS;
  return segmentsOf(text, !streaming).map((segment, index) =>
    segment.type === 'text' ? (
      segment.text
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments only ever append, so a position names one segment for good.
      <Sponsored key={index} segment={segment} classes={classes} accessibleName={accessibleName}>
        {visibleLabel}
      </Sponsored>
    ),
  );
}

function Sponsored({
  segment,
  classes,
  accessibleName,
  children,
}: {
  segment: SponsoredSegment;
  classes: string;
  accessibleName: string;
  children: ReactNode;
}) {
  return (
    <span
      role="note"
      aria-label={accessibleName}
      className={classes}
      data-adstract-wrapping={segment.wrapping}
      data-adstract-open={segment.open ? '' : undefined}
    >
      <span className={LABEL_CLASS}>{children}</span>
      {SEPARATOR}
      {segment.text}
    </span>
  );
}
