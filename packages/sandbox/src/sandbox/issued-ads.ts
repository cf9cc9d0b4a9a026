import type { AdDelivery, AdLedger } from './ad-ledger.js';

/** One ad the sandbox issued: a start it decided to answer 200, whether or not the client got it. */
export interface IssuedAd {
  adResponseId: string;
  productName: string;
  /** The `id` of the start's `RecordedRequest`. */
  requestId: number;
  /** Whether the client got the answer (see {@link AdDelivery}). */
  delivery: AdDelivery;
  /**
   * Acknowledges the sandbox processed for this ad: 1 is right, 0 is an orphan, 2 or more means
   * the client acknowledged again (answered 409 from the second on).
   */
  acknowledgements: number;
  /** Acknowledges of this ad that a fault answered instead (not processed, not counted above). */
  faultedAcknowledges: number;
}

/** The accounting of issued ads: `issued − acknowledged = orphaned.length`. */
export interface AdLedgerSummary {
  /** Starts answered (or decided to be answered) 200, delivered or not. */
  issued: number;
  /** Of those, the answers written to a client that did not reset them unread. */
  delivered: number;
  /** Issued ads acknowledged at least once. */
  acknowledged: number;
  /** Issued ads acknowledged more than once (the second and later got 409). */
  acknowledgedMoreThanOnce: number;
  /** The `ad_response_id`s issued and never acknowledged. */
  orphaned: string[];
  /** Of the orphaned, those the client was sent: it had the id and did not acknowledge. */
  orphanedDelivered: string[];
  /** Of the orphaned, those the client never got (`unread`, `not-sent` or still `pending`). */
  orphanedUndelivered: string[];
}

/** The 200s in the ledger, as copies, in the order they were decided. */
export function listIssuedAds(ledger: AdLedger): IssuedAd[] {
  const issued: IssuedAd[] = [];
  for (const record of ledger.list()) {
    if (record.httpStatus !== 200) continue;
    issued.push({
      adResponseId: record.adResponseId,
      productName: record.productName ?? '',
      requestId: record.requestId,
      delivery: record.delivery,
      acknowledgements: record.acknowledgements,
      faultedAcknowledges: record.faultedAcknowledges,
    });
  }
  return issued;
}

/** Adds the issued ads up. */
export function summarizeIssuedAds(ads: readonly IssuedAd[]): AdLedgerSummary {
  const orphans = ads.filter((ad) => ad.acknowledgements === 0);
  return {
    issued: ads.length,
    delivered: ads.filter((ad) => ad.delivery === 'sent').length,
    acknowledged: ads.length - orphans.length,
    acknowledgedMoreThanOnce: ads.filter((ad) => ad.acknowledgements > 1).length,
    orphaned: orphans.map((ad) => ad.adResponseId),
    orphanedDelivered: orphans.filter((ad) => ad.delivery === 'sent').map((ad) => ad.adResponseId),
    orphanedUndelivered: orphans
      .filter((ad) => ad.delivery !== 'sent')
      .map((ad) => ad.adResponseId),
  };
}
