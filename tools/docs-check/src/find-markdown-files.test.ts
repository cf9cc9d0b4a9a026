import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findMarkdownFiles } from './find-markdown-files.ts';

const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('finds every README.md and the Markdown under docs folders, skipping installs and build output', () => {
  const files = [
    'README.md',
    'CHANGELOG.md',
    'docs/guide.md',
    'docs/deep/api.md',
    'docs/image.png',
    'packages/react/README.md',
    'packages/react/notes.md',
    'packages/sandbox/docs/provider-majors.md',
    'examples/cloudflare-worker/README.md',
    'node_modules/ai/README.md',
    'packages/react/node_modules/react/README.md',
    'packages/react/dist/README.md',
    'examples/next-chat/.next/README.md',
    '.git/README.md',
  ];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '# x\n');
  }
  expect(findMarkdownFiles(root)).toEqual([
    'README.md',
    'docs/deep/api.md',
    'docs/guide.md',
    'examples/cloudflare-worker/README.md',
    'packages/react/README.md',
    'packages/sandbox/docs/provider-majors.md',
  ]);
});
