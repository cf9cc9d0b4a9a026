// The markers as docs/ad-markers.md in @adstract/client defines them, in the form the markdown
// tree needs. remark-adstract.test.ts checks that they find what the client's parser finds.

/** `<ADS>` or `</ADS>`, ASCII case-insensitive. */
export const XML_TAG = /<(\/?)ads>/gi;

/** `Sponsored:` (checked for a boundary before it) or `˼`, in a text node. */
export const PLAIN_MARKER = /Sponsored:|˼/g;

export const PLAIN_OPEN = 'Sponsored:';
export const MARKDOWN_LABEL = 'Sponsored:';
export const MARKDOWN_OPEN = '**Sponsored:**';

const WORD_OR_MARKUP = /[\p{L}\p{N}*_~`\\]/u;

/** A `plain` opening may not follow a letter, a digit or emphasis or escape syntax. */
export function isWordBoundary(previous: string): boolean {
  return previous === '' || !WORD_OR_MARKUP.test(previous);
}
