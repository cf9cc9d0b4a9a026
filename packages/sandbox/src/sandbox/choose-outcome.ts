import { PRODUCTS, type Product, SENSITIVE_WORDS } from './catalog.js';

/** What start decides for a prompt. */
export type StartOutcome =
  | { status: 'ok'; product: Product }
  | { status: 'rejected' }
  | { status: 'no_fill' };

/** An outcome forced by a prompt marker (`[sandbox:fill]`, `[sandbox:no_fill]`, `[sandbox:rejected]`). */
export type OutcomeMarker = 'fill' | 'no_fill' | 'rejected';

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;

/**
 * The whole words of a prompt, lower-cased: each word, the parts of hyphenated words, and each
 * pair of neighbouring words (so `self harm` and `self-harm` both match).
 */
export function promptWords(prompt: string): Set<string> {
  const words = prompt.toLowerCase().match(WORD) ?? [];
  const set = new Set<string>(words);
  for (const [index, word] of words.entries()) {
    if (word.includes('-')) for (const part of word.split('-')) set.add(part);
    const next = words[index + 1];
    if (next !== undefined) set.add(`${word} ${next}`);
  }
  return set;
}

/** The product whose keywords the prompt mentions most (ties: catalog order), if any. */
export function matchProduct(words: ReadonlySet<string>): Product | undefined {
  let best: Product | undefined;
  let bestHits = 0;
  for (const product of PRODUCTS) {
    const hits = product.keywords.filter((keyword) => words.has(keyword)).length;
    if (hits > bestHits) {
      best = product;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * Decides start's outcome, deterministically: a marker wins; otherwise a sensitive word → rejected
 * (201), a catalog keyword → ok (200) with that product, nothing → no fill (202).
 */
export function chooseOutcome(prompt: string, marker: OutcomeMarker | undefined): StartOutcome {
  if (marker === 'rejected') return { status: 'rejected' };
  if (marker === 'no_fill') return { status: 'no_fill' };
  const words = promptWords(prompt);
  const product = matchProduct(words);
  if (marker === 'fill') return { status: 'ok', product: product ?? (PRODUCTS[0] as Product) };
  if (SENSITIVE_WORDS.some((word) => words.has(word))) return { status: 'rejected' };
  return product === undefined ? { status: 'no_fill' } : { status: 'ok', product };
}
