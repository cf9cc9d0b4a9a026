import { describe, expect, it } from 'vitest';
import { schemaExample } from './schema-example.js';

describe('schemaExample', () => {
  it('fills every property, nested objects and arrays, places with the proper noun', () => {
    const schema = {
      type: 'object',
      properties: {
        destination: { type: 'string' },
        summary: { type: 'string', maxLength: 10 },
        days: { type: 'integer', minimum: 3, maximum: 14 },
        budget: { type: 'number', exclusiveMaximum: 1 },
        sunny: { type: 'boolean' },
        kind: { type: 'string', enum: ['city', 'beach'] },
        version: { const: 2 },
        stops: { type: 'array', minItems: 2, items: { $ref: '#/$defs/stop' } },
        note: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 40 }] },
        nullable: { type: ['null', 'integer'] },
      },
      $defs: { stop: { type: 'object', properties: { city: { type: 'string' } } } },
    };
    expect(schemaExample('Plan a trip to Lisbon.', schema)).toEqual({
      destination: 'Lisbon',
      summary: 'Plan a tri',
      days: 3,
      budget: 0.5,
      sunny: true,
      kind: 'city',
      version: 2,
      stops: [{ city: 'Lisbon' }, { city: 'Lisbon' }],
      note: `Plan a trip to Lisbon.${'.'.repeat(40 - 22)}`,
      nullable: 1,
    });
  });

  it('answers plain JSON mode with the text, and stops at self-references', () => {
    expect(schemaExample('Hi', undefined, 'Hello.')).toEqual({ answer: 'Hello.' });
    const tree = { type: 'object', properties: { child: { $ref: '#' } } };
    expect(JSON.stringify(schemaExample('Hi', tree))).toContain('"child":null');
  });
});
