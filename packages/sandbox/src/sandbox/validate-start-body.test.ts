import { describe, expect, it } from 'vitest';
import { validateStartBody } from './validate-start-body.js';

const valid = () => ({
  prompt: 'How can I improve user retention?',
  request_context: { session_id: 's-1', user_agent: 'vitest', user_ip: '203.0.113.5' },
  request_configuration: { wrapping_type: 'plain' },
  optional_context: {
    country: 'PT',
    region: 'Lisboa',
    city: 'Lisbon',
    asn: 3243,
    age: 0,
    gender: 'other',
  },
  diagnostics: { type: 'sdk', name: '@adstract/client', version: '0.1.0' },
});

describe('validateStartBody', () => {
  it('accepts a complete body', () => {
    expect(validateStartBody(valid())).toEqual({
      ok: true,
      value: {
        prompt: 'How can I improve user retention?',
        sessionId: 's-1',
        wrappingType: 'plain',
      },
    });
  });

  it('defaults the wrapping type to xml and treats null as absent', () => {
    const body = { ...valid(), request_configuration: undefined, optional_context: null };
    expect(validateStartBody(body)).toMatchObject({ ok: true, value: { wrappingType: 'xml' } });
  });

  it('names every missing or blank required field', () => {
    const result = validateStartBody({
      prompt: ' ',
      request_context: { session_id: 's', user_ip: 7 },
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        prompt: ['May not be blank.'],
        'request_context.user_agent': ['This field is required.'],
        'request_context.user_ip': ['Must be a string.'],
      },
    });
    expect(validateStartBody({})).toEqual({
      ok: false,
      errors: { prompt: ['This field is required.'], request_context: ['This field is required.'] },
    });
    expect(validateStartBody([])).toEqual({
      ok: false,
      errors: { body: ['Must be a JSON object.'] },
    });
  });

  it('checks wrapping type and optional context rules, and refuses unknown fields', () => {
    const body = {
      ...valid(),
      extra: 1,
      request_configuration: { wrapping_type: 'html' },
      optional_context: {
        country: 'pt',
        city: '',
        asn: 1.5,
        age: 121,
        gender: 'unknown',
        zip: '1000',
      },
    };
    const result = validateStartBody(body);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : Object.keys(result.errors).sort()).toEqual([
      'extra',
      'optional_context.age',
      'optional_context.asn',
      'optional_context.city',
      'optional_context.country',
      'optional_context.gender',
      'optional_context.zip',
      'request_configuration.wrapping_type',
    ]);
  });
});
