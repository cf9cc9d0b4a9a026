import { describe, expect, it } from 'vitest';
import { keepSponsoredAttributes } from './keep-sponsored-attributes.js';

const raw = () => undefined;
const sanitize = () => undefined;
const harden = () => undefined;

describe('keepSponsoredAttributes', () => {
  it('extends the schema of each sanitize entry and leaves every other entry as it is', () => {
    const schema = {
      tagNames: ['span', 'div'],
      attributes: { div: ['itemScope'], a: ['href'] },
      strip: ['script'],
    };
    const hardenOptions = { allowedLinkPrefixes: ['*'] };
    const plugins = [raw, [sanitize, schema], [harden, hardenOptions]] as const;
    const [first, [plugin, extended], last] = keepSponsoredAttributes(plugins) as [
      unknown,
      [unknown, typeof schema & { attributes: Record<string, unknown[]> }],
      unknown,
    ];
    expect(first).toBe(raw);
    expect(last).toBe(plugins[2]);
    expect(plugin).toBe(sanitize);
    expect(extended.strip).toEqual(['script']);
    expect(extended.attributes.a).toEqual(['href']);
    expect(extended.attributes.div).toEqual([
      'itemScope',
      ['role', 'note'],
      'ariaLabel',
      ['className', 'adstract-sponsored', 'adstract-sponsored-label'],
      'dataAdstractWrapping',
      'dataAdstractOpen',
      'dataAdstractContinued',
    ]);
    expect(extended.attributes.span).toEqual(extended.attributes.div.slice(1));
    expect(schema.attributes.div).toEqual(['itemScope']); // the original is not changed
  });
});
