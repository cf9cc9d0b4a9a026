import type { AdSegment, AdSegmentOptions } from './ad-segment.js';
import { createAdSegmentParser } from './ad-segment-parser.js';

/**
 * Splits answer text into plain and sponsored segments so a UI can label the sponsored mention.
 * Recognises the markers of every wrapping type (`<ADS>…</ADS>`, `Sponsored: … ˼`, a
 * `> **Sponsored:** …` quote; see `docs/ad-markers.md`). Only the markers are taken out, and each
 * is kept in the segment's `markers`: every character of prose stays, in order (Adstract treats
 * removing ad content as false reporting). An unknown or malformed marker is left as text.
 *
 * Safe on partial text while streaming: an unclosed mention is a sponsored segment marked `open`,
 * and a half-written marker at the very end (`<AD`, `Spon`, `> **Spons`) is held back rather than
 * shown as text, unless `final` is set. Rendering the segments of a growing text only ever
 * appends. For a text that grows delta by delta, {@link createAdSegmentParser} costs O(n) overall
 * where calling this on every delta costs O(n²).
 *
 * @example
 * splitAdSegments('Try this. <ADS>Acme: see why users churn.</ADS> Good luck!');
 * // [{ type: 'text', text: 'Try this. ' },
 * //  { type: 'sponsored', text: 'Acme: see why users churn.', wrapping: 'xml', markers: [...] },
 * //  { type: 'text', text: ' Good luck!' }]
 */
export function splitAdSegments(text: string, options: AdSegmentOptions = {}): AdSegment[] {
  const parser = createAdSegmentParser();
  parser.push(text);
  return parser.segments(options);
}
