// Runs a Next.js command with the local Adstract sandbox and model stand-in, unless real keys are set:
// ADSTRACT_API_KEY (+ ADSTRACT_BASE_URL) and OPENAI_API_KEY replace each stand-in independently.
// SIGINT and SIGTERM go to Next.js; this process exits once it has, after closing the stand-ins,
// so nothing is left holding the port.
import { spawn } from 'node:child_process';

const env = { ...process.env };
const closers = [];
// Imported only when a stand-in is needed: @adstract/sandbox is a devDependency, absent from a
// production install that has real keys.
const sandboxPackage = () => import('@adstract/sandbox');

if (env.ADSTRACT_API_KEY === undefined) {
  const sandbox = await (await sandboxPackage()).startSandbox();
  closers.push(() => sandbox.close());
  env.ADSTRACT_BASE_URL = sandbox.url;
  env.ADSTRACT_API_KEY = 'adpk_sandbox_next_chat';
  env.LOCAL_ADSTRACT_SANDBOX = '1';
  console.log(`adstract: local sandbox at ${sandbox.url}`);
}
if (env.OPENAI_API_KEY === undefined) {
  const standIn = await (await sandboxPackage()).startModelStandIn();
  closers.push(() => standIn.close());
  env.OPENAI_BASE_URL = standIn.url;
  env.LOCAL_MODEL_STAND_IN = '1';
  console.log(`model: local stand-in at ${standIn.url} (scripted answers, not an LLM)`);
}

if (env.CLIENT_IP_SOURCE === undefined && env.VERCEL !== '1') {
  // The browser is this machine (the scripts bind 127.0.0.1), and Adstract refuses a loopback
  // address as an end user's IP: local runs send a documentation address (RFC 5737) instead.
  env.CLIENT_IP_SOURCE = 'ip:198.51.100.20';
  console.log('client IP: 198.51.100.20 for every request (a local stand-in for the end user)');
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit', env });
let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    signalled = true;
    // Forwarded, then waited for: Next.js finishes its requests and `after` work, then exits.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`could not run ${command}: ${error.message}`);
  void exit(1);
});
child.on('exit', (code, signal) => {
  // Stopped on request (Next.js exits 130 / 143 then): a normal end. Otherwise the child's code.
  void exit(signalled ? 0 : (code ?? (signal === null ? 1 : 128)));
});

async function exit(code) {
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
}
