// pnpm build: bundles the example Worker (src/worker.ts) into dist/worker.js, as wrangler would,
// from the workspace's @adstract packages. The test bundles it again from their packed tarballs.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkers } from './bundle-worker.ts';

const here = resolve(import.meta.dirname, '..');
await bundleWorkers({
  entryPoints: { worker: join(here, 'src/worker.ts') },
  outdir: join(here, 'dist'),
});
const kilobytes = (statSync(join(here, 'dist/worker.js')).size / 1024).toFixed(0);
console.log(`dist/worker.js: ${kilobytes} KiB`);
