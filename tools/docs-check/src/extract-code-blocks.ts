/** A TypeScript code block of a Markdown file, as written between its fences. */
export interface CodeBlock {
  /** The Markdown file, as given to {@link extractCodeBlocks} (a repository-relative path). */
  file: string;
  /** Position among the file's TypeScript blocks, from 1. */
  index: number;
  /** Line of the opening fence in the file, from 1: the code's line `n` is file line `fenceLine + n`. */
  fenceLine: number;
  /** Columns the fence is indented by (a block inside a list item), removed from every code line. */
  indent: number;
  /** `tsx` blocks are checked as `.tsx` files. */
  language: 'ts' | 'tsx';
  /** The code, without the fences. */
  code: string;
  /** False for a block marked `no-check`: deliberately not standalone code. */
  check: boolean;
  /** False for a block marked `no-prelude` (or `workers`): the placeholders are not declared for it. */
  prelude: boolean;
  /**
   * Where the code runs: `workers` for a block marked `workers` (a Cloudflare Worker, checked
   * against `@cloudflare/workers-types` instead of the DOM and Node), `default` otherwise.
   */
  runtime: 'default' | 'workers';
}

/** Info-string languages that are TypeScript, and how each is checked. */
const LANGUAGES: Readonly<Record<string, CodeBlock['language']>> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
};

const OPENING_FENCE = /^( *)(`{3,}|~{3,})(.*)$/;

/**
 * Extracts the TypeScript blocks (```ts, ```typescript, ```tsx) of a Markdown text. Every fence is
 * followed, so a ```ts inside a ```md block is not taken for code. Words after the language on the
 * fence line are markers: `no-check`, `no-prelude` and `workers`. A fence that is never closed runs to the end
 * of the file, as CommonMark has it.
 */
export function extractCodeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let lineIndex = 0;
  while (lineIndex < lines.length) {
    const opening = OPENING_FENCE.exec(lines[lineIndex] ?? '');
    const [, indentation = '', fence = '', info = ''] = opening ?? [];
    if (opening === null || (fence.startsWith('`') && info.includes('`'))) {
      lineIndex += 1;
      continue;
    }
    const fenceLine = lineIndex + 1;
    const closing = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},} *$`);
    const code: string[] = [];
    lineIndex += 1;
    while (lineIndex < lines.length && !closing.test(lines[lineIndex] ?? '')) {
      code.push(removeIndentation(lines[lineIndex] ?? '', indentation.length));
      lineIndex += 1;
    }
    lineIndex += 1;
    const [language = '', ...markers] = info.trim().split(/\s+/);
    const checkedAs = LANGUAGES[language.toLowerCase()];
    if (checkedAs === undefined) continue;
    blocks.push({
      file,
      index: blocks.length + 1,
      fenceLine,
      indent: indentation.length,
      language: checkedAs,
      code: code.join('\n'),
      check: !markers.includes('no-check'),
      prelude: !markers.includes('no-prelude') && !markers.includes('workers'),
      runtime: markers.includes('workers') ? 'workers' : 'default',
    });
  }
  return blocks;
}

/** Removes up to `columns` leading spaces, as CommonMark does for the lines of an indented fence. */
function removeIndentation(line: string, columns: number): string {
  let removed = 0;
  while (removed < columns && line[removed] === ' ') removed += 1;
  return line.slice(removed);
}
