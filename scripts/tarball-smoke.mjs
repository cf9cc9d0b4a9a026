// Proves the published shape works: packs @adstract/client, @adstract/ai-sdk and @adstract/sandbox,
// installs the tarballs beside ai@7 and @ai-sdk/openai@4 in an empty project, and runs the README's
// snippet (as written: `adstractMiddleware()` with the key from ADSTRACT_API_KEY) against the
// packed sandbox and model stand-in. Passes when the sandbox saw exactly one start and one
// acknowledge carrying the answer's text. Run after `pnpm build`: `node scripts/tarball-smoke.mjs`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'adstract-smoke-'));
const packs = join(work, 'packs');
const project = join(work, 'project');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pnpm = ['-y', readJson('package.json').packageManager];
// The same ai and @ai-sdk/openai versions the middleware is developed against.
const versions = (name) => readJson('packages/ai-sdk/package.json').devDependencies[name];

const step = (message) => console.log(`smoke: ${message}`);
const run = (command, args, cwd) => {
  try {
    return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    throw error;
  }
};

try {
  step(`packing into ${packs}`);
  for (const name of ['client', 'ai-sdk', 'sandbox']) {
    run('npx', [...pnpm, 'pack', '--pack-destination', packs], join(root, 'packages', name));
  }
  const tarballs = readdirSync(packs).map((file) => join(packs, file));

  step('installing the tarballs beside ai and @ai-sdk/openai in an empty project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      `ai@${versions('ai')}`,
      `@ai-sdk/openai@${versions('@ai-sdk/openai')}`,
    ],
    project,
  );

  // The snippet, verbatim apart from defining its three variables and printing the text.
  writeFileSync(
    join(project, 'snippet.mjs'),
    `import { streamText, wrapLanguageModel } from 'ai';
import { openai } from '@ai-sdk/openai';
import { adstractMiddleware } from '@adstract/ai-sdk';

const [sessionId, userAgent, userIp] = ['smoke-session', 'smoke/1.0', '198.51.100.9'];
const model = wrapLanguageModel({ model: openai('gpt-5-mini'), middleware: adstractMiddleware() }); // key from ADSTRACT_API_KEY
const result = streamText({
  model,
  prompt: 'How can I improve user retention?',
  providerOptions: { adstract: { sessionId, userAgent, userIp, country: 'US' } },
});
process.stdout.write(await result.text);
`,
  );
  writeFileSync(
    join(project, 'services.mjs'),
    `import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { spawn } from 'node:child_process';

const sandbox = await startSandbox({ logger: false });
const standIn = await startModelStandIn();
const child = spawn(process.execPath, ['snippet.mjs'], {
  env: { ...process.env, ADSTRACT_API_KEY: 'adpk_smoke_tarball', ADSTRACT_BASE_URL: sandbox.url, OPENAI_BASE_URL: standIn.url, OPENAI_API_KEY: 'stand-in' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let text = '';
child.stdout.on('data', (chunk) => { text += chunk; });
const code = await new Promise((done) => child.on('exit', done));
const starts = sandbox.requests.filter((request) => request.path.includes('/start'));
const acks = sandbox.requests.filter((request) => request.path.includes('/acknowledge'));
await Promise.all([sandbox.close(), standIn.close()]);
const ok = code === 0 && starts.length === 1 && starts[0].status === 200 && acks.length === 1 && acks[0].body.llm_response === text && acks[0].status === 200;
console.log(JSON.stringify({ exitCode: code, starts: starts.map((s) => s.status), acks: acks.map((a) => a.status), acknowledgedTextMatches: acks[0]?.body.llm_response === text, answer: text }));
process.exit(ok ? 0 : 1);
`,
  );
  step('type-checking imports of the packed packages (strict, NodeNext)');
  writeFileSync(
    join(project, 'types.ts'),
    `import { Adstract, type EnhancementResult, NoFillError } from '@adstract/client';
import { adstractMiddleware, type AdstractMiddleware } from '@adstract/ai-sdk';
import { startSandbox } from '@adstract/sandbox';

const client = new Adstract({ apiKey: 'adpk_types_check', baseURL: 'http://127.0.0.1:1' });
const result: Promise<EnhancementResult> = client.requestAd({
  prompt: 'hi',
  context: { sessionId: 's', userAgent: 'ua', userIp: '198.51.100.1' },
  raiseException: false,
});
const middleware: AdstractMiddleware = adstractMiddleware({ client });
export { result, middleware, NoFillError, startSandbox };
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['types.ts'],
    }),
  );
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], project);

  step('running the snippet against the packed sandbox and model stand-in');
  await new Promise((done, fail) => {
    const child = spawn(process.execPath, ['services.mjs'], { cwd: project, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`the snippet check failed (exit ${code})`)),
    );
  });
  step('passed: one start, one acknowledge with the answer the snippet printed');
} catch (error) {
  console.error(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
