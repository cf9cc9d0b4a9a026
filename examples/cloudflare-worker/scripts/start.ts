// pnpm start: the example Worker in workerd (through Miniflare) on http://127.0.0.1:8787 (or
// PORT), against a local Adstract sandbox and the model stand-in. Ctrl+C stops all three.
import { join, resolve } from 'node:path';
import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { bundleWorkers } from './bundle-worker.ts';
import { runWorker } from './run-worker.ts';

const here = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? '8787');

await bundleWorkers({
  entryPoints: { worker: join(here, 'src/worker.ts') },
  outdir: join(here, 'dist'),
});
const sandbox = await startSandbox();
const standIn = await startModelStandIn({ chunkDelayMs: 20 });
const stop = () => Promise.all([standIn.close(), sandbox.close()]);
let worker: Awaited<ReturnType<typeof runWorker>>;
try {
  worker = await runWorker({
    scriptPath: join(here, 'dist/worker.js'),
    variables: {
      ADSTRACT_API_KEY: 'adpk_sandbox_worker',
      ADSTRACT_BASE_URL: sandbox.url,
      OPENAI_API_KEY: 'stand-in',
      OPENAI_BASE_URL: standIn.url,
    },
    port,
    onOutput: (line) => console.log(`worker: ${line}`),
  });
} catch (error) {
  await stop();
  console.error(`cloudflare-worker: workerd did not start on 127.0.0.1:${port}: ${String(error)}`);
  process.exit(1);
}

console.log(`Worker listening on ${worker.url} (workerd), Adstract sandbox on ${sandbox.url}`);
console.log(`Try:
  curl -N ${worker.url} -H 'content-type: application/json' -H 'cf-connecting-ip: 203.0.113.7' \\
    -d '{"prompt":"How can I improve user retention?","sessionId":"session-1"}'
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void worker.dispose().then(stop);
  });
}
