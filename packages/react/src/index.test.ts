import { expect, it } from 'vitest';
import * as react from './index.js';

it('exports the components, the hook, the markdown plugin and its helpers', () => {
  expect(Object.keys(react).sort()).toEqual(
    [
      'SponsoredText',
      'joinSponsoredBlocks',
      'keepSponsoredAttributes',
      'readAdstractMetadata',
      'remarkAdstract',
      'useAdstractMessage',
    ].sort(),
  );
  for (const value of Object.values(react)) expect(typeof value).toBe('function');
});
