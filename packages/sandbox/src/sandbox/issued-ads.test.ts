import { describe, expect, it } from 'vitest';
import { type AdRecord, createAdLedger } from './ad-ledger.js';
import { listIssuedAds, summarizeIssuedAds } from './issued-ads.js';

const record = (id: string, overrides: Partial<AdRecord> = {}): AdRecord => ({
  adResponseId: id,
  apiKey: 'adpk_key_12345',
  httpStatus: 200,
  productName: 'Acme Analytics',
  acknowledgeFaults: [],
  randomKey: '',
  requestId: 1,
  delivery: 'sent',
  acknowledgements: 0,
  faultedAcknowledges: 0,
  ...overrides,
});

describe('listIssuedAds and summarizeIssuedAds', () => {
  it('lists only the 200s, as copies, and adds them up', () => {
    const ledger = createAdLedger();
    ledger.add(record('once', { acknowledgements: 1 }));
    ledger.add(record('twice', { acknowledgements: 2 }));
    ledger.add(record('orphan-sent', { faultedAcknowledges: 3 }));
    ledger.add(record('orphan-unread', { delivery: 'unread' }));
    ledger.add(record('orphan-not-sent', { delivery: 'not-sent' }));
    ledger.add(record('orphan-pending', { delivery: 'pending' }));
    ledger.add(record('no-fill', { httpStatus: 202, productName: undefined }));

    const ads = listIssuedAds(ledger);
    expect(ads.map((ad) => ad.adResponseId)).toEqual([
      'once',
      'twice',
      'orphan-sent',
      'orphan-unread',
      'orphan-not-sent',
      'orphan-pending',
    ]);
    expect(ads[2]).toEqual({
      adResponseId: 'orphan-sent',
      productName: 'Acme Analytics',
      requestId: 1,
      delivery: 'sent',
      acknowledgements: 0,
      faultedAcknowledges: 3,
    });
    (ads[0] as { acknowledgements: number }).acknowledgements = 9;
    expect(ledger.get('once')?.acknowledgements).toBe(1);

    const summary = summarizeIssuedAds(listIssuedAds(ledger));
    expect(summary).toEqual({
      issued: 6,
      delivered: 3,
      acknowledged: 2,
      acknowledgedMoreThanOnce: 1,
      orphaned: ['orphan-sent', 'orphan-unread', 'orphan-not-sent', 'orphan-pending'],
      orphanedDelivered: ['orphan-sent'],
      orphanedUndelivered: ['orphan-unread', 'orphan-not-sent', 'orphan-pending'],
    });
    expect(summary.issued - summary.acknowledged).toBe(summary.orphaned.length);
    expect(summarizeIssuedAds([])).toMatchObject({ issued: 0, orphaned: [] });
  });
});
