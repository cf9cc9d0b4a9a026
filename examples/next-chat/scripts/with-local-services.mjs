// Runs a Next.js command with the local Adstract sandbox and model stand-in, unless real keys are set:
// ADSTRACT_API_KEY (+ ADSTRACT_BASE_URL) and OPENAI_API_KEY replace each stand-in independently.
import { spawn } from 'node:child_process';
import { startModelStandIn, startSandbox } from '@adstract/sandbox';

const env = { ...process.env };
const closers = [];
if (env.ADSTRACT_API_KEY === undefined) {
  const sandbox = await startSandbox();
  closers.push(() => sandbox.close());
  env.ADSTRACT_BASE_URL = sandbox.url;
  env.ADSTRACT_API_KEY = 'adpk_sandbox_next_chat';
  console.log(`adstract: local sandbox at ${sandbox.url}`);
}
if (env.OPENAI_API_KEY === undefined) {
  const standIn = await startModelStandIn();
  closers.push(() => standIn.close());
  env.OPENAI_BASE_URL = standIn.url;
  console.log(`model: local stand-in at ${standIn.url}`);
}

if (env.CLIENT_IP_SOURCE === undefined && env.VERCEL !== '1') {
  // `next start` / `next dev` put the socket address in X-Forwarded-For only when the client sent
  // none: trustworthy here only because the package scripts bind 127.0.0.1 (your machine alone).
  env.CLIENT_IP_SOURCE = 'x-forwarded-for:1';
  console.log('client IP: X-Forwarded-For as set by Next.js (local only, bound to 127.0.0.1)');
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit', env });
const stop = async (code) => {
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => void stop(code ?? 0));
