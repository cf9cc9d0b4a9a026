import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CodeBlock, extractCodeBlocks } from './extract-code-blocks.ts';
import { findMarkdownFiles } from './find-markdown-files.ts';

/** The repository this package is in: `tools/docs-check/src/` is three folders down. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The repository's documentation files, each with its TypeScript blocks (maybe none). */
export function repositoryBlocks(): { file: string; blocks: CodeBlock[] }[] {
  return findMarkdownFiles(REPOSITORY_ROOT).map((file) => ({
    file,
    blocks: extractCodeBlocks(file, readFileSync(`${REPOSITORY_ROOT}${file}`, 'utf8')),
  }));
}
