import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { SDK_NAME, VERSION } from './version.js';

const dist = new URL('../dist/', import.meta.url);

/** The built entry, imported by URL so that type-checking does not need a build. */
async function builtEntry(): Promise<typeof import('./index.js')> {
  return (await import(new URL('index.js', dist).href)) as typeof import('./index.js');
}

describe('version', () => {
  it('reports the name and version of package.json', () => {
    expect(SDK_NAME).toBe(packageJson.name);
    expect(VERSION).toBe(packageJson.version);
  });

  it('is written into the built package from package.json (run the build first)', async () => {
    expect((await builtEntry()).VERSION).toBe(packageJson.version);
    const built = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(new URL(file, dist), 'utf8'))
      .join('\n');
    expect(built).toContain(JSON.stringify(packageJson.version));
    expect(built).not.toContain('__PACKAGE_VERSION__');
  });
});
