import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never searched: installed packages, build output and tool state. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.next', '.git', '.turbo']);

/**
 * Lists the documentation of a repository: every `README.md`, and every `.md` file under a folder
 * named `docs` (at any depth, so `packages/sandbox/docs/*.md` counts). Paths are relative to
 * `root`, with `/` separators, sorted, so a report reads the same on every machine.
 */
export function findMarkdownFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string, relative: string, inDocs: boolean): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) {
          visit(join(folder, entry.name), path, inDocs || entry.name === 'docs');
        }
      } else if (
        entry.isFile() &&
        (entry.name === 'README.md' || (inDocs && entry.name.endsWith('.md')))
      ) {
        found.push(path);
      }
    }
  };
  visit(root, '', false);
  return found.sort();
}
