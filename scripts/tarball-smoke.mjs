// Proves the published shape works: packs the packages, then, in empty npm projects, installs the
// tarballs beside each supported AI SDK major (ai@5 + @ai-sdk/openai@2, ai@6 + 3, ai@7 + 4), type-
// checks the README's snippet and runs it against the packed sandbox: one start, one acknowledge;
// and installs @adstract/react into an empty React 19 app that renders its README's examples.
// Run after `pnpm build`: `node scripts/tarball-smoke.mjs` (the last step of `pnpm test`).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkAiMajor } from './smoke/ai-major-app.mjs';
import { checkOtelApp } from './smoke/otel-app.mjs';
import { checkReactApp } from './smoke/react-app.mjs';
import { run } from './smoke/run-command.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'adstract-smoke-'));
const packs = join(work, 'packs');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pnpm = ['-y', readJson('package.json').packageManager];
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const log = (message) => console.log(`smoke: ${message}`);

// The majors the middleware's behaviour suite runs against, at the same versions (npm aliases).
const devDependencies = readJson('packages/ai-sdk/package.json').devDependencies;
const versionOf = (name) => devDependencies[name].replace(/^npm:.*@/, '');
const MAJORS = [
  { major: 5, ai: versionOf('ai-v5'), openai: versionOf('openai-v2') },
  { major: 6, ai: versionOf('ai-v6'), openai: versionOf('openai-v3') },
  { major: 7, ai: versionOf('ai'), openai: versionOf('@ai-sdk/openai') },
];

// The packages support Node 20 (ai@5 and ai@6 do; ai@7 itself needs 22): where the machine's own
// Node is 20 (the documented set-up), the ai@5 and ai@6 snippets run on it too.
const NODE_20 = '/usr/bin/node';
const node20 = (() => {
  try {
    return run(NODE_20, ['--version'], root).toString().startsWith('v20.') ? NODE_20 : undefined;
  } catch {
    return undefined;
  }
})();
const nodesFor = (major) =>
  major < 7 && node20 !== undefined ? [process.execPath, node20] : [process.execPath];

try {
  log(`packing into ${packs}`);
  for (const name of ['client', 'ai-sdk', 'sandbox', 'react']) {
    run('npx', [...pnpm, 'pack', '--pack-destination', packs], join(root, 'packages', name));
  }
  const all = readdirSync(packs).map((file) => join(packs, file));
  // The React app installs its own two; the AI SDK apps take the server-side packages.
  const tarballs = all.filter((file) => !file.includes('adstract-react-'));

  if (node20 === undefined)
    log(`no Node 20 at ${NODE_20}: the snippets run on ${process.version} only`);
  for (const major of MAJORS) {
    await checkAiMajor({ ...major, tarballs, work, tsc, log, nodes: nodesFor(major.major) });
  }

  log('type-checking imports of the packed client and sandbox (strict, NodeNext)');
  const project = join(work, 'ai-v7');
  writeFileSync(
    join(project, 'types.ts'),
    `import { Adstract, type EnhancementResult, NoFillError } from '@adstract/client';
import { adstractMiddleware, type AdstractMiddleware, ValidationError } from '@adstract/ai-sdk';
import { startSandbox } from '@adstract/sandbox';

const client = new Adstract({ apiKey: 'adpk_types_check', baseURL: 'http://127.0.0.1:1' });
const result: Promise<EnhancementResult> = client.requestAd({
  prompt: 'hi',
  context: { sessionId: 's', userAgent: 'ua', userIp: '198.51.100.1' },
  raiseException: false,
});
const middleware: AdstractMiddleware = adstractMiddleware({ client });
export { result, middleware, NoFillError, startSandbox, ValidationError };
`,
  );
  mkdirSync(join(project, 'types'), { recursive: true });
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['types.ts'],
    }),
  );
  run(process.execPath, [tsc, '-p', project], project);
  log(
    'OpenTelemetry: the packed middleware spans nest inside the AI SDK ones, with no secret in them',
  );
  await checkOtelApp({
    tarballs,
    work,
    run: (command, args, cwd) => run(command, args, cwd).toString(),
    log,
  });

  log('@adstract/react: an empty React 19 app renders the README examples from the tarballs');
  await checkReactApp({
    packs,
    work,
    run: (command, args, cwd) => run(command, args, cwd).toString(),
  });

  log(
    'passed: every major installs, type-checks and runs the README snippet with one start and one acknowledge; the spans nest; the React app renders',
  );
} catch (error) {
  console.error(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
