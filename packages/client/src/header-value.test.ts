import { describe, expect, it } from 'vitest';
import { headerValue, isHeaderValue } from './header-value.js';

describe('headerValue', () => {
  it.each(['adpk_live_0123456789', '@adstract/ai-sdk', '0.1.0', 'a b', '!~'])(
    'accepts %j',
    (value) => {
      expect(isHeaderValue(value)).toBe(true);
      expect(headerValue(value, 'sdk.name', 'X-Adstract-SDK')).toBe(value);
    },
  );

  it.each(['', ' a', 'a ', 'a\r\nX-Evil: 1', 'a\nb', 'a\u0000', 'é', 'a\tb'])(
    'refuses %j',
    (value) => {
      expect(isHeaderValue(value)).toBe(false);
      expect(() => headerValue(value, 'sdk.name', 'X-Adstract-SDK')).toThrow(
        expect.objectContaining({
          name: 'ValidationError',
          field: 'sdk.name',
          message:
            'sdk.name must be printable ASCII without line breaks or surrounding spaces (it is sent as the X-Adstract-SDK header)',
        }),
      );
    },
  );
});
