import { describe, expect, it } from 'vitest';
import { adstractMessageMetadata, getAdstractMetadata } from './message-metadata.js';

describe('getAdstractMetadata', () => {
  it('reads the middleware’s entry, typed, and nothing else (an ad id passed in stays out)', () => {
    expect(
      getAdstractMetadata({
        openai: { responseId: 'r' },
        adstract: { status: 'filled', adResponseId: 'ad-1', productName: 'Acme' },
      }),
    ).toEqual({ status: 'filled', productName: 'Acme' });
    expect(getAdstractMetadata({ adstract: { status: 'no-fill' } })).toEqual({ status: 'no-fill' });
  });

  it.each([
    undefined,
    null,
    'filled',
    {},
    { adstract: null },
    { adstract: 'filled' },
    { adstract: { status: 'won' } },
    { adstract: { status: 42 } },
  ])('reads %j as absent', (providerMetadata) => {
    expect(getAdstractMetadata(providerMetadata)).toBeUndefined();
  });

  it('drops fields of the wrong type instead of trusting them', () => {
    expect(
      getAdstractMetadata({ adstract: { status: 'filled', adResponseId: 7, productName: {} } }),
    ).toEqual({ status: 'filled' });
  });
});

describe('adstractMessageMetadata', () => {
  const providerMetadata = {
    adstract: { status: 'filled', adResponseId: 'ad-1', productName: 'Acme' },
  };

  it.each(['text-start', 'finish-step'])(
    'sends status and product name on %s, never the ad id',
    (type) => {
      expect(adstractMessageMetadata({ part: { type, providerMetadata } })).toEqual({
        adstract: { status: 'filled', productName: 'Acme' },
      });
    },
  );

  it('sends nothing on other parts, or without the middleware’s entry', () => {
    expect(
      adstractMessageMetadata({ part: { type: 'text-delta', providerMetadata } }),
    ).toBeUndefined();
    expect(adstractMessageMetadata({ part: { type: 'finish-step' } })).toBeUndefined();
    expect(
      adstractMessageMetadata({ part: { type: 'text-start', providerMetadata: {} } }),
    ).toBeUndefined();
  });
});
