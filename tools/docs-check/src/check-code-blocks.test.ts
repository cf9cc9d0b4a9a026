import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BlockDiagnostic, checkCodeBlocks } from './check-code-blocks.ts';
import { extractCodeBlocks } from './extract-code-blocks.ts';

// The checker on fixtures with known errors, so the repository check cannot pass vacuously.
const FIXTURES = ['broken.md', 'good.md', 'resolutions.md'];
const blocks = FIXTURES.flatMap((file) =>
  extractCodeBlocks(file, readFileSync(new URL(`fixtures/${file}`, import.meta.url), 'utf8')),
);

let diagnostics: BlockDiagnostic[] = [];
beforeAll(() => {
  diagnostics = checkCodeBlocks(blocks);
}, 60_000);

const errorsIn = (file: string) =>
  diagnostics
    .filter((diagnostic) => diagnostic.file === file)
    .map(({ block, line, column, code, message, resolutions }) => ({
      block: block?.index,
      line,
      column,
      code,
      message,
      resolutions,
    }));

describe('checkCodeBlocks', () => {
  it('reports a type error with its block, its line and column in the file, and both resolutions', () => {
    expect(errorsIn('broken.md')).toEqual([
      {
        block: 2,
        line: 14,
        column: 7,
        code: 2322,
        message: "Type 'number' is not assignable to type 'string'.",
        resolutions: ['bundler', 'nodenext'],
      },
      {
        block: 3,
        line: 21,
        column: 9,
        code: 2322,
        message: "Type 'string' is not assignable to type 'number'.",
        resolutions: ['bundler', 'nodenext'],
      },
    ]);
  });

  it('passes good blocks: prelude placeholders, tsx, shadowing, no-check and fences inside fences', () => {
    expect(errorsIn('good.md')).toEqual([]);
  });

  it('checks no-prelude blocks without the placeholders, NodeNext apart, and Next.js under Bundler only', () => {
    expect(errorsIn('resolutions.md')).toEqual([
      {
        block: 1,
        line: 6,
        column: 13,
        code: 2552,
        message: "Cannot find name 'request'. Did you mean 'Request'?",
        resolutions: ['bundler', 'nodenext'],
      },
      expect.objectContaining({ block: 2, line: 12, code: 1543, resolutions: ['nodenext'] }),
      {
        block: 3,
        line: 23,
        column: 7,
        code: 2322,
        message: "Type 'string' is not assignable to type 'number'.",
        resolutions: ['bundler'],
      },
    ]);
  });

  it('keeps the code line of each error, for the report', () => {
    expect(diagnostics.map((diagnostic) => diagnostic.source)).toContain(
      'const timeoutMs: string = 3_000;',
    );
  });

  it('returns nothing for no blocks', () => {
    expect(checkCodeBlocks([])).toEqual([]);
  });
});
