// The Worker in real workerd (Miniflare), built from the packed @adstract/client and
// @adstract/ai-sdk tarballs, with ai@7 and @ai-sdk/openai@4, against the sandbox and the model
// stand-in on 127.0.0.1. Counts each answer's acknowledges once workerd has stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ACKNOWLEDGE_PATH,
  type ModelStandIn,
  type Sandbox,
  START_PATH,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleWorkers } from '../scripts/bundle-worker.ts';
import { type RunningWorker, runWorker, type WorkerVariables } from '../scripts/run-worker.ts';
import { installPackedPackages } from './packed-packages.ts';

const here = resolve(import.meta.dirname, '..');
const WORKERS = {
  // The example: module-scope middleware, `waitUntil` from 'cloudflare:workers'.
  worker: join(here, 'src/worker.ts'),
  // The package README's quick start as it is: no `waitUntil`.
  'quick-start': join(here, 'test/workers/quick-start.ts'),
  // A middleware per request with `ctx.waitUntil`.
  'execution-context': join(here, 'test/workers/execution-context.ts'),
};
const QUESTIONS = [
  { sessionId: 'worker-session-1', prompt: 'How can I improve user retention?' },
  { sessionId: 'worker-session-2', prompt: 'Plan a trip to Lisbon' },
];
const REPORT =
  /^\[adstract\] AdSDKError: adstractMiddleware has no waitUntil on Cloudflare Workers/;

let project: string;
let bundleInputs: string[];
let sandbox: Sandbox;
let standIn: ModelStandIn;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'adstract-worker-'));
  const packed = installPackedPackages(project, ['packages/client', 'packages/ai-sdk']);
  const bundle = await bundleWorkers({
    entryPoints: WORKERS,
    outdir: join(project, 'dist'),
    resolveFrom: { directory: project, packages: packed },
  });
  bundleInputs = Object.keys(bundle.metafile.inputs).map((input) => resolve(input));
  sandbox = await startSandbox({ logger: false });
  standIn = await startModelStandIn();
}, 60_000);

afterAll(async () => {
  await Promise.all([standIn?.close(), sandbox?.close()]);
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.reset();
  standIn.reset();
});

function variables(): WorkerVariables {
  return {
    ADSTRACT_API_KEY: 'adpk_sandbox_worker',
    ADSTRACT_BASE_URL: sandbox.url,
    OPENAI_API_KEY: 'stand-in',
    OPENAI_BASE_URL: standIn.url,
  };
}

/** Runs one bundled Worker, always stopping workerd; returns what `use` returned and the output. */
async function withWorker<T>(
  name: keyof typeof WORKERS,
  use: (worker: RunningWorker) => Promise<T>,
  compatibilityFlags: string[] = [],
): Promise<{ result: T; output: string[] }> {
  const worker = await runWorker({
    scriptPath: join(project, 'dist', `${name}.js`),
    variables: variables(),
    compatibilityFlags,
  });
  let result: T;
  try {
    result = await use(worker);
  } finally {
    await worker.dispose();
  }
  // Read once workerd has stopped: all it printed is in.
  return { result, output: worker.output() };
}

/** Asks each question in turn, as an end user behind Cloudflare; returns the streamed answers. */
async function askAll(worker: RunningWorker): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const { sessionId, prompt } of QUESTIONS) {
    const response = await worker.fetch('/', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (worker test)',
        'cf-connecting-ip': '203.0.113.7',
      },
      body: JSON.stringify({ sessionId, prompt }),
    });
    expect(response.status).toBe(200);
    answers.set(sessionId, await response.text());
  }
  return answers;
}

/** Every acknowledge request the sandbox received, answered or not. */
const acknowledges = () => sandbox.requests.filter((request) => request.path === ACKNOWLEDGE_PATH);

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((settle) => setTimeout(settle, 20));
  }
}

/** For each session, the texts its ad was acknowledged with (every acknowledge the sandbox got). */
function acknowledgedTexts(): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const start of sandbox.requests.filter((request) => request.path === START_PATH)) {
    const sessionId = (start.body as { request_context: { session_id: string } }).request_context
      .session_id;
    const adResponseId = (start.responseBody as { ad_response_id: string }).ad_response_id;
    texts.set(
      sessionId,
      acknowledges()
        .filter(
          (request) => (request.body as { ad_response_id: string }).ad_response_id === adResponseId,
        )
        .map((request) => (request.body as { llm_response: string }).llm_response),
    );
  }
  return texts;
}

describe('the Worker in workerd', () => {
  it('bundles the packed @adstract packages, not the workspace copies', () => {
    const packed = join(project, 'node_modules/@adstract');
    expect(bundleInputs.some((input) => input.startsWith(join(packed, 'ai-sdk/dist/')))).toBe(true);
    expect(bundleInputs.some((input) => input.startsWith(join(packed, 'client/dist/')))).toBe(true);
    const workspace = resolve(here, '../../packages');
    expect(bundleInputs.filter((input) => input.startsWith(workspace))).toEqual([]);
  });

  it('quick start without waitUntil: serves the ad, and reports the missing waitUntil once', async () => {
    const { result: answers, output } = await withWorker(
      'quick-start',
      async (worker) => {
        const answers = await askAll(worker);
        // The report is printed during the first call with an ad; give stderr time to arrive.
        await until(() => worker.output().some((line) => REPORT.test(line)), 5_000);
        return answers;
      },
      ['nodejs_compat'], // puts ADSTRACT_API_KEY and OPENAI_* in process.env, as the quick start reads them
    );
    for (const answer of answers.values()) expect(answer).toMatch(/<ADS>.+<\/ADS>/);
    expect(sandbox.ledgerSummary().issued).toBe(QUESTIONS.length);
    // Printed by the default onError, once for the module's one middleware, after workerd stopped.
    expect(output.filter((line) => REPORT.test(line))).toHaveLength(1);
    expect(output.find((line) => REPORT.test(line))).toContain(
      "Pass `waitUntil` imported from 'cloudflare:workers'",
    );
  });

  for (const [name, shape] of [
    ['execution-context', '`(promise) => ctx.waitUntil(promise)`, a middleware per request'],
    ['worker', "`waitUntil` from 'cloudflare:workers', one module-scope middleware"],
  ] as const) {
    it(`${shape}: exactly one acknowledge per answer, with its text`, async () => {
      const { result, output } = await withWorker(name, async (worker) => {
        const answers = await askAll(worker);
        await until(() => sandbox.ledgerSummary().acknowledged >= QUESTIONS.length, 10_000);
        // A cancelled acknowledge resets its connection at once, which clears the record's status
        // (`unread 200: …`): after a moment, a 200 still there is an answer the Worker read.
        await new Promise((settle) => setTimeout(settle, 250));
        return { answers, statuses: acknowledges().map((request) => request.status) };
      });
      expect(result.statuses).toEqual([200, 200]);
      // workerd has stopped: nothing more can arrive.
      const acknowledged = acknowledgedTexts();
      for (const { sessionId } of QUESTIONS) {
        expect(result.answers.get(sessionId)).toMatch(/<ADS>.+<\/ADS>/);
        expect(acknowledged.get(sessionId)).toEqual([result.answers.get(sessionId)]);
      }
      // Processed as `ok` (the text names the product); stopping workerd cannot change that.
      expect(acknowledges().map((request) => request.outcome)).toEqual([
        expect.stringMatching(/^(unread 200: )?ok$/),
        expect.stringMatching(/^(unread 200: )?ok$/),
      ]);
      expect(sandbox.ledgerSummary()).toMatchObject({
        issued: QUESTIONS.length,
        acknowledged: QUESTIONS.length,
        acknowledgedMoreThanOnce: 0,
        orphaned: [],
      });
      expect(output.filter((line) => line.includes('[adstract]'))).toEqual([]);
    });
  }
});
