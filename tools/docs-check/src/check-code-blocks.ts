import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { CodeBlock } from './extract-code-blocks.ts';

/** How the blocks' imports are resolved: each block is checked under both. */
export type Resolution = 'bundler' | 'nodenext';

const RESOLUTIONS: Readonly<Record<Resolution, ts.CompilerOptions>> = {
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
};

/**
 * Frameworks whose apps are always compiled by a bundler (Next.js resolves `next/server` without an
 * extension, which NodeNext refuses): a block that imports one is checked under Bundler only.
 */
const BUNDLED_FRAMEWORKS = ['next'];

/**
 * A Cloudflare Worker's globals instead of the DOM's and Node's: `@cloudflare/workers-types`
 * declares `ExportedHandler`, `ExecutionContext` and the `cloudflare:workers` module.
 */
const WORKERS: ts.CompilerOptions = {
  lib: ['lib.es2023.d.ts'],
  types: ['@cloudflare/workers-types'],
};

/** One TypeScript error, placed in the Markdown file it comes from. */
export interface BlockDiagnostic {
  /** The block it is in; undefined for an error outside every block (the prelude, the options). */
  block: CodeBlock | undefined;
  /** The Markdown file (or the prelude, or `tsconfig.blocks.json`). */
  file: string;
  /** Line in `file`, from 1. */
  line: number;
  /** Column in `file`, from 1. */
  column: number;
  /** The TypeScript error code (`2304` for TS2304). */
  code: number;
  message: string;
  /** The code line the error is on, as written. */
  source: string;
  /** The resolutions that report it. */
  resolutions: Resolution[];
}

/** The package folder: blocks are checked as files in it, so imports resolve from its node_modules. */
const PACKAGE_FOLDER = fileURLToPath(new URL('..', import.meta.url));
const CONFIG_FILE = `${PACKAGE_FOLDER}tsconfig.blocks.json`;

/**
 * Type-checks each block as a module of its own, with the compiler options of
 * `tsconfig.blocks.json` (the repository's strict base) under Bundler and NodeNext resolution,
 * against the packages the docs-check package depends on. Blocks marked `no-check` are left out;
 * blocks marked `no-prelude` are checked without the placeholders of `prelude.ts`; blocks marked
 * `workers` against a Worker's globals (see {@link WORKERS}). Returns every
 * error, each once, with the resolutions that report it; an empty array means every block passed.
 */
export function checkCodeBlocks(blocks: readonly CodeBlock[]): BlockDiagnostic[] {
  const config = readBlocksConfig();
  const checked = blocks.filter((block) => block.check);
  const found = new Map<string, BlockDiagnostic>();
  for (const [resolution, resolutionOptions] of Object.entries(RESOLUTIONS) as [
    Resolution,
    ts.CompilerOptions,
  ][]) {
    const options = { ...config.options, ...resolutionOptions };
    // One host per resolution: TypeScript parses files differently under each (`module` and
    // `moduleResolution` affect source files), so only programs of the same options share them.
    const host = createBlocksHost(options, checked);
    for (const [prelude, runtime] of [
      [true, 'default'],
      [false, 'default'],
      [false, 'workers'],
    ] as const) {
      const group = checked.filter(
        (block) =>
          block.prelude === prelude &&
          block.runtime === runtime &&
          (resolution === 'bundler' || !importsBundledFramework(block)),
      );
      if (group.length === 0) continue;
      const rootNames = [...(prelude ? config.fileNames : []), ...group.map(host.fileNameOf)];
      const program = ts.createProgram({
        rootNames,
        options: runtime === 'workers' ? { ...options, ...WORKERS } : options,
        host,
      });
      for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
        const placed = place(diagnostic, host.blockOf);
        const key = `${placed.file}:${placed.line}:${placed.column}:${placed.code}:${placed.message}`;
        const earlier = found.get(key);
        if (earlier === undefined) found.set(key, { ...placed, resolutions: [resolution] });
        else if (!earlier.resolutions.includes(resolution)) earlier.resolutions.push(resolution);
      }
    }
  }
  return [...found.values()].sort(
    (left, right) =>
      left.file.localeCompare(right.file) || left.line - right.line || left.column - right.column,
  );
}

function importsBundledFramework(block: CodeBlock): boolean {
  return ts
    .preProcessFile(block.code)
    .importedFiles.some(({ fileName }) =>
      BUNDLED_FRAMEWORKS.some((name) => fileName === name || fileName.startsWith(`${name}/`)),
    );
}

function readBlocksConfig(): ts.ParsedCommandLine {
  const config = ts.getParsedCommandLineOfConfigFile(CONFIG_FILE, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined || config.errors.length > 0) {
    const messages = (config?.errors ?? []).map((error) =>
      ts.flattenDiagnosticMessageText(error.messageText, '\n'),
    );
    throw new Error(`${CONFIG_FILE} is invalid: ${messages.join('; ')}`);
  }
  return config;
}

interface BlocksHost extends ts.CompilerHost {
  fileNameOf(block: CodeBlock): string;
  blockOf(fileName: string): CodeBlock | undefined;
}

/** A compiler host that serves each block as a file of the package folder, and the disk otherwise. */
function createBlocksHost(options: ts.CompilerOptions, blocks: readonly CodeBlock[]): BlocksHost {
  const host = ts.createCompilerHost(options);
  const fileNames = new Map<CodeBlock, string>();
  const byFileName = new Map<string, CodeBlock>();
  for (const [position, block] of blocks.entries()) {
    const name = block.file.replace(/[^A-Za-z0-9.-]+/g, '_');
    const fileName = `${PACKAGE_FOLDER}.blocks/${position + 1}-${name}-${block.index}.${block.language}`;
    fileNames.set(block, fileName);
    byFileName.set(fileName, block);
  }
  // Libraries are parsed once for the programs with and without the prelude.
  const parsed = new Map<string, ts.SourceFile | undefined>();
  return {
    ...host,
    fileNameOf: (block) => fileNames.get(block) ?? '',
    blockOf: (fileName) => byFileName.get(fileName),
    fileExists: (fileName) => byFileName.has(fileName) || host.fileExists(fileName),
    readFile: (fileName) => byFileName.get(fileName)?.code ?? host.readFile(fileName),
    getSourceFile: (fileName, languageVersion, onError) => {
      const block = byFileName.get(fileName);
      const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
      const key = `${fileName}|${settings.languageVersion}|${settings.impliedNodeFormat}`;
      if (block !== undefined) return ts.createSourceFile(fileName, block.code, languageVersion);
      if (!parsed.has(key)) parsed.set(key, host.getSourceFile(fileName, languageVersion, onError));
      return parsed.get(key);
    },
  };
}

/** Places a diagnostic in its Markdown file, or in the real file it is in. */
function place(
  diagnostic: ts.Diagnostic,
  blockOf: (fileName: string) => CodeBlock | undefined,
): Omit<BlockDiagnostic, 'resolutions'> {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) {
    return {
      block: undefined,
      file: CONFIG_FILE,
      line: 1,
      column: 1,
      code: diagnostic.code,
      message,
      source: '',
    };
  }
  const position = file.getLineAndCharacterOfPosition(start);
  const source = file.text.split('\n')[position.line] ?? '';
  const block = blockOf(file.fileName);
  if (block === undefined) {
    const line = position.line + 1;
    return {
      block,
      file: file.fileName,
      line,
      column: position.character + 1,
      code: diagnostic.code,
      message,
      source,
    };
  }
  return {
    block,
    file: block.file,
    line: block.fenceLine + position.line + 1,
    column: block.indent + position.character + 1,
    code: diagnostic.code,
    message,
    source,
  };
}
