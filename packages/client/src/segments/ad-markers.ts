// The markers of each wrapping type, as `docs/ad-markers.md` defines them. Everything else in an
// answer is prose and is never removed.

/** `xml` opening tag, compared ASCII case-insensitively (`<ADS>`, `<ads>`, `<Ads>`). */
export const XML_OPEN = '<ads>';
/** `xml` closing tag, compared ASCII case-insensitively. */
export const XML_CLOSE = '</ads>';
/** `plain` opening label: case-sensitive, not right after a letter, a digit or `*_~\`\\`. */
export const PLAIN_OPEN = 'Sponsored:';
/** `plain` closing character (U+02FC). */
export const PLAIN_CLOSE = '˼';
/** `markdown` opening: after `>` and an optional space, at the start of a line. */
export const MARKDOWN_OPEN = '**Sponsored:**';

/** How far a marker matches the text at an index: completely, up to the text's end, or not. */
export type MarkerMatch = 'full' | 'partial' | 'none';

/** Compares `marker` (lower case when `ignoreCase`) with `text` from `index` on. */
export function matchMarker(
  text: string,
  index: number,
  marker: string,
  ignoreCase = false,
): MarkerMatch {
  for (let offset = 0; offset < marker.length; offset++) {
    if (index + offset >= text.length) return 'partial';
    let code = text.charCodeAt(index + offset);
    if (ignoreCase && code >= 65 && code <= 90) code += 32;
    if (code !== marker.charCodeAt(offset)) return 'none';
  }
  return 'full';
}

/**
 * Matches the `markdown` opening at `index` (a `>` at the start of a line): `>`, an optional space
 * and `**Sponsored:**`. Returns the match and, when full, the marker's length.
 */
export function matchMarkdownOpen(
  text: string,
  index: number,
): { match: MarkerMatch; length: number } {
  let cursor = index + 1;
  if (cursor >= text.length) return { match: 'partial', length: 0 };
  if (text[cursor] === ' ') cursor++;
  const match = matchMarker(text, cursor, MARKDOWN_OPEN);
  return { match, length: match === 'full' ? cursor - index + MARKDOWN_OPEN.length : 0 };
}

const WORD_OR_MARKUP = /[\p{L}\p{N}*_~`\\]/u;

/**
 * Whether a `plain` opening may follow this character: none (the start of the text), white space
 * or punctuation, but not a letter or digit (`NotSponsored:`) nor emphasis or escape syntax
 * (`**Sponsored:**` is bold text, left alone).
 */
export function isWordBoundary(previous: string): boolean {
  return previous === '' || !WORD_OR_MARKUP.test(previous);
}
