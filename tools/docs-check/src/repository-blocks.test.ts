import { beforeAll, describe, expect, it } from 'vitest';
import { type BlockDiagnostic, checkCodeBlocks } from './check-code-blocks.ts';
import { formatBlockDiagnostic } from './format-block-diagnostic.ts';
import { repositoryBlocks } from './repository-blocks.ts';

// Every TypeScript block of every README.md and docs/**/*.md of the repository type-checks.
const files = repositoryBlocks();
const blocks = files.flatMap((file) => file.blocks);

let diagnostics: BlockDiagnostic[] = [];
beforeAll(() => {
  diagnostics = checkCodeBlocks(blocks);
}, 60_000);

const report = (found: BlockDiagnostic[]) => found.map(formatBlockDiagnostic).join('\n\n');

it('finds the documentation: the root README and the package READMEs, with their blocks', () => {
  const names = files.map((file) => file.file);
  expect(names).toEqual(
    expect.arrayContaining(['README.md', 'packages/client/README.md', 'packages/ai-sdk/README.md']),
  );
  expect(files.find((file) => file.file === 'README.md')?.blocks.length).toBeGreaterThan(0);
  expect(blocks.filter((block) => block.check).length).toBeGreaterThanOrEqual(20);
});

it('has no error outside the blocks (the prelude, tsconfig.blocks.json)', () => {
  expect(report(diagnostics.filter((diagnostic) => diagnostic.block === undefined))).toBe('');
});

describe.each(files.filter((file) => file.blocks.length > 0))('$file', ({ blocks: inFile }) => {
  for (const block of inFile) {
    const test = block.check ? it : it.skip;
    test(`block ${block.index} (line ${block.fenceLine}) type-checks`, () => {
      expect(report(diagnostics.filter((diagnostic) => diagnostic.block === block))).toBe('');
    });
  }
});
