import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './extract-code-blocks.ts';

const markdown = (...lines: string[]) => lines.join('\n');

describe('extractCodeBlocks', () => {
  it('takes ts, typescript and tsx blocks, numbered among the TypeScript blocks, with their fence line', () => {
    const text = markdown(
      '# Title',
      '```sh',
      'npm install',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      '```TypeScript',
      'const b = 2;',
      'const c = 3;',
      '```',
      '```tsx',
      'export const d = <p />;',
      '```',
      '```js',
      'const e = 5;',
      '```',
    );
    expect(
      extractCodeBlocks('README.md', text).map(({ index, fenceLine, language, code }) => ({
        index,
        fenceLine,
        language,
        code,
      })),
    ).toEqual([
      { index: 1, fenceLine: 5, language: 'ts', code: 'const a = 1;' },
      { index: 2, fenceLine: 8, language: 'ts', code: 'const b = 2;\nconst c = 3;' },
      { index: 3, fenceLine: 12, language: 'tsx', code: 'export const d = <p />;' },
    ]);
  });

  it('reads the no-check, no-prelude and workers markers of the fence line', () => {
    const text = markdown(
      '```ts no-check',
      'x',
      '```',
      '```ts no-prelude',
      'y',
      '```',
      '```ts',
      'z',
      '```',
      '```ts workers',
      'w',
      '```',
    );
    expect(
      extractCodeBlocks('README.md', text).map(({ check, prelude, runtime }) => ({
        check,
        prelude,
        runtime,
      })),
    ).toEqual([
      { check: false, prelude: true, runtime: 'default' },
      { check: true, prelude: false, runtime: 'default' },
      { check: true, prelude: true, runtime: 'default' },
      { check: true, prelude: false, runtime: 'workers' },
    ]);
  });

  it('keeps the file name given', () => {
    expect(extractCodeBlocks('docs/guide.md', '```ts\nx\n```')[0]?.file).toBe('docs/guide.md');
  });

  it('follows every fence: a ts block inside a longer md fence or a ~~~ fence is not code', () => {
    const text = markdown(
      '````md',
      '```ts',
      'inside an md example',
      '```',
      '````',
      '~~~',
      '```ts',
      'inside a tilde fence',
      '~~~',
      '```ts',
      'real',
      '```',
    );
    expect(
      extractCodeBlocks('README.md', text).map(({ code, fenceLine }) => ({ code, fenceLine })),
    ).toEqual([{ code: 'real', fenceLine: 10 }]);
  });

  it('ends a block only at a fence of the same character, at least as long', () => {
    const text = markdown('~~~~ts', '~~~', '```', '~~~~~', 'after');
    expect(extractCodeBlocks('README.md', text)[0]?.code).toBe('~~~\n```');
  });

  it('removes the indentation of a fence inside a list item, and records it', () => {
    const text = markdown('- item:', '', '  ```ts', '  if (ok) {', '    run();', '  }', '  ```');
    expect(extractCodeBlocks('README.md', text)[0]).toMatchObject({
      indent: 2,
      code: 'if (ok) {\n  run();\n}',
    });
  });

  it('reads Windows line ends', () => {
    expect(extractCodeBlocks('README.md', '```ts\r\nconst a = 1;\r\n```\r\n')[0]?.code).toBe(
      'const a = 1;',
    );
  });

  it('runs a fence that is never closed to the end of the file', () => {
    expect(extractCodeBlocks('README.md', '```ts\nconst a = 1;\nconst b = 2;')[0]?.code).toBe(
      'const a = 1;\nconst b = 2;',
    );
  });

  it('does not take inline code with backticks in its info string for a fence', () => {
    expect(extractCodeBlocks('README.md', '```ts` is inline\nconst a = 1;\n')).toEqual([]);
  });
});
