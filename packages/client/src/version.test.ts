import { expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { SDK_NAME, VERSION } from './version.js';

it('reports the name and version of package.json', () => {
  expect(SDK_NAME).toBe(packageJson.name);
  expect(VERSION).toBe(packageJson.version);
});
