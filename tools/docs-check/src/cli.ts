// `pnpm --filter @adstract/docs-check check`: the test's check, printed as tsc prints errors.
import { checkCodeBlocks } from './check-code-blocks.ts';
import { formatBlockDiagnostic } from './format-block-diagnostic.ts';
import { repositoryBlocks } from './repository-blocks.ts';

const started = performance.now();
const files = repositoryBlocks();
const blocks = files.flatMap((file) => file.blocks);
const diagnostics = checkCodeBlocks(blocks);
for (const diagnostic of diagnostics) console.error(`${formatBlockDiagnostic(diagnostic)}\n`);
const skipped = blocks.filter((block) => !block.check).length;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `docs-check: ${blocks.length - skipped} blocks checked (${skipped} marked no-check) in ` +
    `${files.length} files, ${diagnostics.length} errors, ${seconds} s`,
);
process.exitCode = diagnostics.length === 0 ? 0 : 1;
