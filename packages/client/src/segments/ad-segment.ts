import type { WrappingType } from '../types.js';

/** Answer text outside any sponsored mention. */
export interface TextSegment {
  type: 'text';
  /** The characters, exactly as in the answer. */
  text: string;
}

/**
 * A marker that was taken out of a sponsored segment's text: the syntax around the ad, never its
 * prose (see `docs/ad-markers.md`). Kept so that nothing is lost: putting every marker back at its
 * place reproduces the answer.
 */
export interface AdMarker {
  /** Index in the segment's `text` before which the marker stood. */
  at: number;
  /** The marker as written, e.g. `<ADS>`, `Sponsored: `, `> **Sponsored:** `, a later line's `> `. */
  text: string;
}

/** A sponsored mention: its prose, without the markers that wrapped it. */
export interface SponsoredSegment {
  type: 'sponsored';
  /** The ad's prose, every character of it, without the markers. */
  text: string;
  /** Which wrapping the markers belong to. */
  wrapping: WrappingType;
  /** The markers taken out, in order, with where each stood. */
  markers: readonly AdMarker[];
  /** True while the mention has not ended (yet): no closing marker, or the stream goes on. */
  open?: boolean;
}

/** A piece of answer text: plain, or a sponsored mention. */
export type AdSegment = TextSegment | SponsoredSegment;

/** Options of {@link splitAdSegments} and of an {@link AdSegmentParser}'s `segments`. */
export interface AdSegmentOptions {
  /**
   * The text is complete: a half-written marker at its end is shown as text, and a markdown
   * mention that reaches the end is closed. Leave unset while the answer is still streaming.
   */
  final?: boolean;
}
