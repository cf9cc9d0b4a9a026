export type { WrappingType } from '../types.js';
export type {
  AdMarker,
  AdSegment,
  AdSegmentOptions,
  SponsoredSegment,
  TextSegment,
} from './ad-segment.js';
export { type AdSegmentParser, createAdSegmentParser } from './ad-segment-parser.js';
export { splitAdSegments } from './split-ad-segments.js';
