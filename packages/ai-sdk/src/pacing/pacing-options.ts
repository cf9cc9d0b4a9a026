import { type ChecksOf, numberIn, objectOf } from '@adstract/client/internal';

/**
 * Stateless ad pacing, decided from the conversation in each call's prompt (see the README,
 * "Pacing"). A turn is one user message: the call's turn is the number of user messages up to and
 * including its latest one, and an earlier turn had an ad when an assistant message of that turn
 * (between its user message and the next) carries ad markers. Each rule left out does not apply.
 */
export interface AdstractPacingOptions {
  /** No ad in the first `n` turns: turn `n + 1` is the first that may have one. Integer ≥ 0. */
  firstAdAfterTurn?: number;
  /** At least `n` turns without an ad between two turns with one. Integer ≥ 0. */
  minTurnsBetweenAds?: number;
  /** At most `n` turns with an ad in a conversation. Integer ≥ 1 (`disabled: true` turns ads off). */
  maxAdsPerConversation?: number;
}

/** The pacing rule that held an ad back, as `onOutcome` reports it. */
export type PacingRule =
  | 'first-ad-after-turn'
  | 'min-turns-between-ads'
  | 'max-ads-per-conversation';

const pacingChecks: ChecksOf<AdstractPacingOptions> = {
  firstAdAfterTurn: numberIn({ integer: true, min: 0 }),
  minTurnsBetweenAds: numberIn({ integer: true, min: 0 }),
  maxAdsPerConversation: numberIn({ integer: true, min: 1 }),
};

/** Checks the `pacing` option: an object of whole numbers within each rule's range, known keys only. */
export const checkPacing = objectOf(pacingChecks);
