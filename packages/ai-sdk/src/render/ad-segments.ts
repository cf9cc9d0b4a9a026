/** A piece of answer text: plain, or sponsored (between `<ADS>` and `</ADS>`). */
export interface AdSegment {
  type: 'text' | 'sponsored';
  text: string;
  /** For a sponsored segment: the closing tag has not arrived (yet). */
  open?: boolean;
}

const TAG = /<(\/?)ads>/gi;
const OPEN_TAG = '<ads>';
const CLOSE_TAG = '</ads>';

/**
 * Splits answer text into plain and sponsored segments for the `xml` wrapping (`<ADS>...</ADS>`,
 * case-insensitive), so a UI can label the sponsored part. Only the tags are dropped: every
 * character of content is kept, in order (Adstract forbids removing ad content).
 *
 * Safe on partial text while streaming: an unclosed tag opens a sponsored segment marked `open`,
 * and a half-written tag at the very end (`<AD`) is held back rather than shown as text, unless
 * `final` is set. Rendering the segments of a growing text only ever appends.
 */
export function splitAdSegments(text: string, options: { final?: boolean } = {}): AdSegment[] {
  const segments: AdSegment[] = [];
  let inside = false;
  let cursor = 0;
  const push = (end: number) => {
    if (end > cursor)
      appendSegment(segments, inside ? 'sponsored' : 'text', text.slice(cursor, end));
  };
  for (const match of text.matchAll(TAG)) {
    const closing = match[1] === '/';
    if (closing !== inside) continue; // a stray tag is content, not markup
    push(match.index);
    if (inside) closeSponsored(segments);
    inside = !closing;
    if (inside) segments.push({ type: 'sponsored', text: '', open: true });
    cursor = match.index + match[0].length;
  }
  let end = text.length;
  if (!options.final) end -= partialTagLength(text, cursor, inside ? CLOSE_TAG : OPEN_TAG);
  push(end);
  return segments.filter((segment) => segment.text !== '' || segment.open === true);
}

function appendSegment(segments: AdSegment[], type: AdSegment['type'], text: string): void {
  const last = segments.at(-1);
  if (last !== undefined && last.type === type && (type === 'text' || last.open === true)) {
    last.text += text;
  } else {
    segments.push(type === 'sponsored' ? { type, text, open: true } : { type, text });
  }
}

function closeSponsored(segments: AdSegment[]): void {
  const last = segments.at(-1);
  if (last?.type === 'sponsored') delete last.open;
}

/** Length of a trailing prefix of `tag` (at least `<`) in text[from..], compared case-insensitively. */
function partialTagLength(text: string, from: number, tag: string): number {
  const start = text.lastIndexOf('<');
  if (start < from) return 0;
  const tail = text.slice(start).toLowerCase();
  return tail.length < tag.length && tag.startsWith(tail) ? tail.length : 0;
}
