/** The visible label that stands in for the markers, unless the app gives its own. */
export const DEFAULT_LABEL = 'Sponsored';

/** Class of each element that holds a sponsored mention, for styling. */
export const SPONSORED_CLASS = 'adstract-sponsored';

/** Class of the label element inside it. */
export const LABEL_CLASS = 'adstract-sponsored-label';

/** A product name worth showing: trimmed, and undefined when empty or not a string. */
export function cleanProductName(productName: unknown): string | undefined {
  if (typeof productName !== 'string') return undefined;
  const trimmed = productName.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The accessible name of a sponsored element, `Sponsored: Acme` (or `Sponsored` without a product
 * name). The visible label stays `Sponsored` by default: the product name is not repeated beside
 * a mention that names it anyway, and the label's width does not change when the name arrives.
 */
export function defaultAccessibleName(productName: string | undefined): string {
  return productName === undefined ? DEFAULT_LABEL : `${DEFAULT_LABEL}: ${productName}`;
}

/**
 * What follows the label, always: a space, since the markers it replaces took theirs with them
 * (`Sponsored: `) or had none (`<ADS>`). Always the same node, so nothing moves as the text grows.
 */
export const SEPARATOR = ' ';
