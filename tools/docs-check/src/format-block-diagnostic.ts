import type { BlockDiagnostic } from './check-code-blocks.ts';

/** TS2307, "Cannot find module": the usual cause is a package the docs-check package lacks. */
const MODULE_NOT_FOUND = 2307;

/**
 * Formats an error as tsc does, placed in the Markdown file, with the block it is in and its code
 * line: `packages/client/README.md:176:9 error TS2304: Cannot find name 'adstract'. (block 2 at
 * line 172; bundler, nodenext)`, then the line with a caret under the column.
 */
export function formatBlockDiagnostic(diagnostic: BlockDiagnostic): string {
  const { block, file, line, column, code, message, source, resolutions } = diagnostic;
  const where = block === undefined ? '' : `block ${block.index} at line ${block.fenceLine}; `;
  const hint =
    code === MODULE_NOT_FOUND
      ? '\n  (blocks import what tools/docs-check/package.json lists: add the package there)'
      : '';
  const gutter = String(line);
  const caretColumn = Math.max(column - 1 - (block?.indent ?? 0), 0);
  return [
    `${file}:${line}:${column} error TS${code}: ${message} (${where}${resolutions.join(', ')})${hint}`,
    `  ${gutter} | ${source}`,
    `  ${' '.repeat(gutter.length)} | ${' '.repeat(caretColumn)}^`,
  ].join('\n');
}
