import type { SandboxFault } from './fault.js';

/**
 * Whether the client got a start's answer: `pending` while it waits to be written (a `slow`
 * fault), `sent` once written to a client that has not reset it unread, `unread` when the client
 * reset the connection with the answer unread (its timeout fired first), `not-sent` when the
 * client was gone before the answer could be written.
 */
export type AdDelivery = 'pending' | 'sent' | 'unread' | 'not-sent';

/** What the sandbox remembers about one ad response (from a 200, 201 or 202 start). */
export interface AdRecord {
  adResponseId: string;
  /** The key that asked: acknowledging with another key is refused (403). */
  apiKey: string;
  httpStatus: 200 | 201 | 202;
  productName: string | undefined;
  /** Faults the start asked for its acknowledge (`ack=…` in a marker or header). */
  acknowledgeFaults: SandboxFault[];
  /** The start's random-mode key, so the acknowledge's draw is reproducible too. */
  randomKey: string;
  /** The id of the start's `RecordedRequest`. */
  requestId: number;
  delivery: AdDelivery;
  /** Acknowledges processed for this ad: the first is answered 200/201, every later one 409. */
  acknowledgements: number;
  /** Acknowledges of this ad that a fault answered instead (5xx, hang, reset…): not processed. */
  faultedAcknowledges: number;
}

/** The sandbox's memory: ad responses, messages that already asked, and retry counts. */
export interface AdLedger {
  get(adResponseId: string): AdRecord | undefined;
  add(record: AdRecord): void;
  /** Every ad response, in the order the sandbox decided them. */
  list(): IterableIterator<AdRecord>;
  /** True when this message (key + session + prompt) already has an ad request. */
  hasMessage(messageKey: string): boolean;
  addMessage(messageKey: string): void;
  /** Counts the attempts of one key: 0 for the first, 1 for the next… (random-mode draws). */
  nextAttempt(key: string): number;
  clear(): void;
}

/** Creates an empty ledger. */
export function createAdLedger(): AdLedger {
  const ads = new Map<string, AdRecord>();
  const messages = new Set<string>();
  const attempts = new Map<string, number>();
  return {
    get: (adResponseId) => ads.get(adResponseId),
    add: (record) => void ads.set(record.adResponseId, record),
    list: () => ads.values(),
    hasMessage: (messageKey) => messages.has(messageKey),
    addMessage: (messageKey) => void messages.add(messageKey),
    nextAttempt(key) {
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      return attempt;
    },
    clear() {
      ads.clear();
      messages.clear();
      attempts.clear();
    },
  };
}
