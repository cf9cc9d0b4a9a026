import { describe, expect, it } from 'vitest';
import { redactAdResponseIds } from './ad-response-ids.js';

const ID = '55c59ce2-a31f-4ce4-95b3-f930fd9cd564';

describe('redactAdResponseIds', () => {
  it('redacts the ad_response_id field and every other occurrence of its value', () => {
    const body = JSON.stringify({ ad_response_id: ID, detail: `ad ${ID} has no fill` });
    expect(redactAdResponseIds(body)).toBe(
      '{"ad_response_id":"[redacted]","detail":"ad [redacted] has no fill"}',
    );
  });

  it('finds the field with spaces around the colon, and ids with JSON escapes', () => {
    expect(
      redactAdResponseIds('{ "ad_response_id" : "abc\\"def-123" , "x": "abc\\"def-123" }'),
    ).toBe('{ "ad_response_id" : "[redacted]" , "x": "[redacted]" }');
    expect(redactAdResponseIds('{"ad_response_id":"caf\\u00e9-0001","echo":"café-0001"}')).toBe(
      '{"ad_response_id":"[redacted]","echo":"[redacted]"}',
    );
  });

  it('redacts a short id in its field only, leaving ordinary text whole', () => {
    expect(redactAdResponseIds('{"ad_response_id":"7","status":"no_fill","n":7}')).toBe(
      '{"ad_response_id":"[redacted]","status":"no_fill","n":7}',
    );
  });

  it('leaves a body without ad ids unchanged, and an empty id empty', () => {
    const body = '{"detail":"Invalid API key"}';
    expect(redactAdResponseIds(body)).toBe(body);
    expect(redactAdResponseIds('{"ad_response_id":""}')).toBe('{"ad_response_id":""}');
  });
});
