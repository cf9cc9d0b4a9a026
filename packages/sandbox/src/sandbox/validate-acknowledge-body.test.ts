import { describe, expect, it } from 'vitest';
import { validateAcknowledgeBody } from './validate-acknowledge-body.js';

describe('validateAcknowledgeBody', () => {
  it('accepts an id and a (possibly empty) response', () => {
    expect(validateAcknowledgeBody({ ad_response_id: 'r1', llm_response: '' })).toEqual({
      ok: true,
      value: { adResponseId: 'r1', llmResponse: '' },
    });
  });

  it('names the missing, mistyped and unknown fields', () => {
    expect(validateAcknowledgeBody({ llm_response: 5, extra: true })).toEqual({
      ok: false,
      errors: {
        extra: ['Unknown field.'],
        ad_response_id: ['This field is required.'],
        llm_response: ['Must be a string.'],
      },
    });
    expect(validateAcknowledgeBody('text')).toEqual({
      ok: false,
      errors: { body: ['Must be a JSON object.'] },
    });
  });
});
