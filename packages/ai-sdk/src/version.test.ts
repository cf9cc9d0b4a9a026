import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { SDK_NAME, VERSION } from './version.js';

it('reports the name and version of package.json', () => {
  expect(SDK_NAME).toBe(packageJson.name);
  expect(VERSION).toBe(packageJson.version);
});

it('builds the version of package.json into the published bundle', () => {
  // The build runs before the tests (turbo); the bundle must carry the literal, not the define.
  const bundle = readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8');
  expect(bundle).toContain(JSON.stringify(packageJson.version));
  expect(bundle).not.toContain('__PACKAGE_VERSION__');
});
