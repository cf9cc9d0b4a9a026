import { expect, it } from 'vitest';
import type { CodeBlock } from './extract-code-blocks.ts';
import { formatBlockDiagnostic } from './format-block-diagnostic.ts';

const block: CodeBlock = {
  file: 'packages/client/README.md',
  index: 2,
  fenceLine: 172,
  indent: 0,
  language: 'ts',
  code: '',
  check: true,
  prelude: true,
  runtime: 'default',
};

it('names the file, line and column, the error, the block and the resolutions, then shows the line', () => {
  expect(
    formatBlockDiagnostic({
      block,
      file: block.file,
      line: 176,
      column: 9,
      code: 2304,
      message: "Cannot find name 'adstract'.",
      source: '  await adstract.requestAd({ prompt, context });',
      resolutions: ['bundler', 'nodenext'],
    }),
  ).toBe(
    [
      "packages/client/README.md:176:9 error TS2304: Cannot find name 'adstract'. (block 2 at line 172; bundler, nodenext)",
      '  176 |   await adstract.requestAd({ prompt, context });',
      '      |         ^',
    ].join('\n'),
  );
});

it('puts the caret under the code of an indented block, and hints at the dependency for a missing module', () => {
  expect(
    formatBlockDiagnostic({
      block: { ...block, indent: 2 },
      file: block.file,
      line: 10,
      column: 22,
      code: 2307,
      message: "Cannot find module '@adstract/react' or its corresponding type declarations.",
      source: "import { Ad } from '@adstract/react';",
      resolutions: ['bundler'],
    }),
  ).toBe(
    [
      "packages/client/README.md:10:22 error TS2307: Cannot find module '@adstract/react' or its corresponding type declarations. (block 2 at line 172; bundler)",
      '  (blocks import what tools/docs-check/package.json lists: add the package there)',
      "  10 | import { Ad } from '@adstract/react';",
      '     |                    ^',
    ].join('\n'),
  );
});
