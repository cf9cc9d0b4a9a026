import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Checks the published files (run after `build`, as turbo's test task does).
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe('the built package', () => {
  it('starts the components’ file with "use client" and keeps the main entry server-safe', async () => {
    const client = await readFile(dist('client.js'), 'utf8');
    const index = await readFile(dist('index.js'), 'utf8');
    expect(client.startsWith("'use client';")).toBe(true);
    expect(index).not.toMatch(/^\s*['"]use client['"]/);
    expect(index).toMatch(/from "\.\/client\.js"/); // imported, not inlined
    expect(index).not.toMatch(/from "react"/);
  });

  it('bundles for the browser without the HTTP client: no ofetch, no error classes', async () => {
    const result = await build({
      stdin: {
        contents: "export { SponsoredText, remarkAdstract } from './index.js';",
        resolveDir: dist(''),
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      external: ['react', 'react/*'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const [output] = Object.values(result.metafile.outputs);
    const inputs = Object.keys(output?.inputs ?? {});
    expect(inputs.some((path) => path.includes('client/dist/chunk-'))).toBe(true);
    expect(inputs.filter((path) => /ofetch|destr|ufo|client\/dist\/index\.js/.test(path))).toEqual(
      [],
    );
  });
});
