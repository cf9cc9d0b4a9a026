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
  // The browser is this machine (the scripts bind 127.0.0.1), and Adstract refuses a loopback
  // address as an end user's IP: local runs send a documentation address (RFC 5737) instead.
  env.CLIENT_IP_SOURCE = 'ip:198.51.100.20';
  console.log('client IP: 198.51.100.20 for every request (a local stand-in for the end user)');
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit', env });
const stop = async (code) => {
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => void stop(code ?? 0));
