import { expect, it } from 'vitest';
import * as sandbox from './index.js';

it('exports the servers, the fault grammar, the catalog and the ad-instruction helpers', () => {
  expect(Object.keys(sandbox).sort()).toEqual(
    [
      'ACKNOWLEDGE_PATH',
      'DEFAULT_RANDOM_RATES',
      'FaultSyntaxError',
      'PRODUCTS',
      'SENSITIVE_WORDS',
      'START_PATH',
      'WRAPPING_TYPES',
      'buildAdInstruction',
      'buildEnhancedPrompt',
      'parseAdInstruction',
      'parseFaults',
      'renderSponsoredMention',
      'startModelStandIn',
      'startSandbox',
      'stripAdInstruction',
    ].sort(),
  );
  expect(sandbox.START_PATH).toBe('/api/ad-injection/start/');
});
