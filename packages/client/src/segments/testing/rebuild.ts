import type { AdSegment } from '../ad-segment.js';

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

/** What a UI shows of the segments: their texts, joined. */
export function shown(segments: readonly AdSegment[]): string {
  return segments.map((segment) => segment.text).join('');
}
