// One empty npm project per AI SDK major: installs the packed packages beside `ai` and its
// `@ai-sdk/openai` (npm's default strict peer resolution, no flags), type-checks the README's
// snippet unchanged (strict; NodeNext and Bundler resolution), and runs it against the packed
// sandbox and model stand-in: it passes with exactly one start and one acknowledge carrying the
// answer the snippet printed.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNpmProject } from './npm-project.mjs';
import { run } from './run-command.mjs';

/** The README's quick-start snippet, with its three placeholders declared. */
const SNIPPET = `import { streamText, wrapLanguageModel } from 'ai';
import { openai } from '@ai-sdk/openai';
import { adstractMiddleware } from '@adstract/ai-sdk';

const [sessionId, userAgent, userIp] = ['smoke-session', 'smoke/1.0', '198.51.100.9'];
const model = wrapLanguageModel({ model: openai('gpt-5-mini'), middleware: adstractMiddleware() });
const result = streamText({
  model,
  prompt: 'How can I improve user retention?',
  providerOptions: { adstract: { sessionId, userAgent, userIp, country: 'US' } },
});
process.stdout.write(await result.text);
`;

/** Starts the packed sandbox and stand-in, runs the snippet, and checks what the sandbox saw. */
const SERVICES = `import { startModelStandIn, startSandbox } from '@adstract/sandbox';
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
const ok = code === 0 && starts.length === 1 && starts[0].status === 200 && acks.length === 1 && acks[0].body.llm_response === text && acks[0].status === 200 && text.includes('<ADS>');
console.log(JSON.stringify({ exitCode: code, starts: starts.map((s) => s.status), acks: acks.map((a) => a.status), acknowledgedTextMatches: acks[0]?.body.llm_response === text }));
process.exit(ok ? 0 : 1);
`;

const tsconfig = (moduleResolution) => ({
  compilerOptions: {
    strict: true,
    module: moduleResolution === 'Bundler' ? 'ESNext' : 'NodeNext',
    moduleResolution,
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    noEmit: true,
    // As apps set it (ai@5's own declarations need @types/json-schema); this package's
    // declarations are checked on their own, with lib checks on, below.
    skipLibCheck: true,
    types: ['node'],
  },
  files: ['snippet.ts'],
});

/** This package's declarations alone, lib checks on: they import no spec type, so no `ai` major. */
const declarationsTsconfig = {
  compilerOptions: {
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ['node_modules/@adstract/ai-sdk/dist/index.d.ts'],
};

/**
 * Checks one major. `tarballs` are the packed packages, `work` an empty directory, `tsc` the path
 * of TypeScript's compiler script, `nodes` the Node.js binaries to run the snippet on.
 */
export async function checkAiMajor({ major, ai, openai, tarballs, work, tsc, log, nodes }) {
  log(`ai@${major}: npm install of the tarballs beside ai@${ai} and @ai-sdk/openai@${openai}`);
  const project = createNpmProject({
    dir: join(work, `ai-v${major}`),
    name: `smoke-ai-v${major}`,
    packages: [...tarballs, `ai@${ai}`, `@ai-sdk/openai@${openai}`, '@types/node@24'],
  });
  writeFileSync(join(project, 'snippet.ts'), SNIPPET);
  writeFileSync(join(project, 'snippet.mjs'), SNIPPET);
  writeFileSync(join(project, 'services.mjs'), SERVICES);
  for (const resolution of ['NodeNext', 'Bundler']) {
    log(`ai@${major}: type-checking the README snippet (strict, ${resolution})`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig(resolution)));
    run(process.execPath, [tsc, '-p', project], project);
  }
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(declarationsTsconfig));
  run(process.execPath, [tsc, '-p', project], project);
  for (const node of nodes) {
    const version = run(node, ['--version'], project).toString().trim();
    log(`ai@${major}: running the snippet on Node ${version} against the packed sandbox`);
    await new Promise((done, fail) => {
      const child = spawn(node, ['services.mjs'], { cwd: project, stdio: 'inherit' });
      child.on('exit', (code) =>
        code === 0
          ? done()
          : fail(new Error(`ai@${major}: the snippet check failed (exit ${code})`)),
      );
    });
  }
}
