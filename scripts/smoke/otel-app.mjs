// Tarball check of the middleware's OpenTelemetry spans: in an empty npm project, installs the
// packed packages beside ai@7, @ai-sdk/openai, @ai-sdk/otel and @vercel/otel (with its
// OpenTelemetry peers, at the versions tools/docs-check type-checks the READMEs against), registers
// the SDK the way the README's instrumentation file does (spans kept in memory), runs the quick
// start against the packed sandbox and model stand-in, and checks the trace: adstract.start inside
// the AI SDK's model-call span with the Adstract request's fetch span inside it, adstract.acknowledge
// inside the same model-call span (beside its own request's fetch span), linked to it, recorded by
// the middleware with its status, and no API key, IP, session id, user agent, prompt or answer in any attribute, event,
// link or status of any span. Call it from the tarball smoke test:
//   await checkOtelApp({ tarballs, work, run, log })
// tarballs: the packed .tgz files; work: an empty temporary folder; run(command, args, cwd): runs a
// command (throwing on failure) and returns its standard output; log(message): progress.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createNpmProject } from './npm-project.mjs';

const root = resolve(import.meta.dirname, '../..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const middlewareDevDependencies = readJson('packages/ai-sdk/package.json').devDependencies;
const docsDevDependencies = readJson('tools/docs-check/package.json').devDependencies;
/** The OpenTelemetry set-up the READMEs document, at the versions their blocks are checked with. */
const OPEN_TELEMETRY = [
  '@ai-sdk/otel',
  '@vercel/otel',
  '@opentelemetry/api',
  '@opentelemetry/api-logs',
  '@opentelemetry/instrumentation',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-logs',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/sdk-trace-base',
];

/** The README's instrumentation file, with spans kept in memory instead of exported over OTLP. */
const INSTRUMENTATION = `import { OpenTelemetry } from '@ai-sdk/otel';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { registerOTel } from '@vercel/otel';
import { registerTelemetry } from 'ai';

export const exporter = new InMemorySpanExporter();

export function register() {
  registerOTel({ serviceName: 'otel-smoke', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  registerTelemetry(new OpenTelemetry());
}
`;

/**
 * The quick start, with the AI SDK told not to record the prompt and the answer itself, and the
 * ad ids collected from onOutcome (the only place they reach app code) to look for in the trace.
 */
const CHAT = `import { adstractMiddleware } from '@adstract/ai-sdk';
import { openai } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';

export const CONTEXT = { sessionId: 'otel-smoke-session-7', userAgent: 'otel-smoke/1.0 (agent)', userIp: '198.51.100.77' };
export const PROMPT = 'How can I improve user retention?';

export const AD_IDS = [];

export async function chat() {
  const middleware = adstractMiddleware({
    onOutcome: (event) => {
      if (event.type === 'filled') AD_IDS.push(event.adResponseId);
    },
  });
  const result = streamText({
    model: wrapLanguageModel({ model: openai('gpt-5-mini'), middleware }),
    prompt: PROMPT,
    providerOptions: { adstract: { ...CONTEXT, country: 'US' } },
    telemetry: { recordInputs: false, recordOutputs: false },
  });
  const text = await result.text;
  await middleware.flush();
  return text;
}
`;

/** Registers the SDK first (as Next.js runs instrumentation.ts), then chats, then reads the trace. */
const APP = `import { exporter, register } from './instrumentation.mjs';

register();
const { chat, AD_IDS, CONTEXT, PROMPT } = await import('./chat.mjs');
const answer = await chat();
const spans = exporter.getFinishedSpans();
const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
const parentOf = (span) => byId.get(span.parentSpanContext?.spanId ?? '');
const ancestry = (span) => {
  const names = [];
  for (let current = parentOf(span); current !== undefined; current = parentOf(current)) names.push(current.name);
  return names;
};
const starts = spans.filter((span) => span.name === 'adstract.start');
const acks = spans.filter((span) => span.name === 'adstract.acknowledge');
const start = starts[0];
const ack = acks[0];
const secrets = [process.env.ADSTRACT_API_KEY, CONTEXT.userIp, CONTEXT.sessionId, CONTEXT.userAgent, ...AD_IDS, PROMPT, answer, ...answer.split(/(?<=[.!?])\\s+/).filter((sentence) => sentence.length > 20)];
const leaks = [];
for (const span of spans) {
  const text = JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events, links: span.links, status: span.status });
  for (const secret of secrets) if (text.includes(secret)) leaks.push(\`\${span.name}: \${secret.slice(0, 12)}…\`);
}
const childrenOf = (parent) => parent === undefined ? [] : spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId).map((span) => String(span.attributes['http.url'] ?? span.name));
const report = {
  spans: spans.map((span) => span.name),
  startAncestry: start === undefined ? [] : ancestry(start),
  startOutcome: start?.attributes['adstract.outcome'],
  startChildren: childrenOf(start),
  acknowledgeAncestry: ack === undefined ? [] : ancestry(ack),
  acknowledgeLinksStart: ack?.links.some((link) => link.context.spanId === start?.spanContext().spanId) ?? false,
  acknowledgeStatus: ack?.attributes['adstract.acknowledge.status'],
  acknowledgeSiblings: childrenOf(parentOf(ack ?? {})),
  leaks,
};
const ok =
  starts.length === 1 && acks.length === 1 && AD_IDS.length === 1 &&
  report.startAncestry[0] === 'chat gpt-5-mini' && report.startAncestry.at(-1) === 'invoke_agent gpt-5-mini' &&
  report.startOutcome === 'filled' &&
  report.startChildren.some((url) => url.includes('/api/ad-injection/start/')) &&
  report.acknowledgeAncestry[0] === 'chat gpt-5-mini' && report.acknowledgeAncestry.at(-1) === 'invoke_agent gpt-5-mini' &&
  report.acknowledgeLinksStart && report.acknowledgeStatus === 'ok' &&
  report.acknowledgeSiblings.some((url) => url.includes('/api/ad-injection/acknowledge/')) &&
  leaks.length === 0 && answer.includes('<ADS>');
console.log(JSON.stringify(report));
process.exit(ok ? 0 : 1);
`;

/** Starts the packed sandbox and stand-in, runs the app, and checks what the sandbox saw. */
const SERVICES = `import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { spawn } from 'node:child_process';

const sandbox = await startSandbox({ logger: false });
const standIn = await startModelStandIn();
const child = spawn(process.execPath, ['app.mjs'], {
  env: { ...process.env, ADSTRACT_API_KEY: 'adpk_smoke_otel_key', ADSTRACT_BASE_URL: sandbox.url, OPENAI_BASE_URL: standIn.url, OPENAI_API_KEY: 'stand-in' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const code = await new Promise((done) => child.on('exit', done));
const starts = sandbox.requests.filter((request) => request.path.includes('/start'));
const acks = sandbox.requests.filter((request) => request.path.includes('/acknowledge'));
await Promise.all([sandbox.close(), standIn.close()]);
process.exit(code === 0 && starts.length === 1 && acks.length === 1 && acks[0].status === 200 ? 0 : 1);
`;

export async function checkOtelApp({ tarballs, work, run, log }) {
  const versions = [
    `ai@${middlewareDevDependencies.ai}`,
    `@ai-sdk/openai@${middlewareDevDependencies['@ai-sdk/openai']}`,
    ...OPEN_TELEMETRY.map((name) => `${name}@${docsDevDependencies[name]}`),
  ];
  log(`otel: npm install of the tarballs beside ${versions.join(', ')}`);
  const project = createNpmProject({
    dir: join(work, 'otel-app'),
    name: 'otel-app-smoke',
    packages: [...tarballs, ...versions],
  });
  writeFileSync(join(project, 'instrumentation.mjs'), INSTRUMENTATION);
  writeFileSync(join(project, 'chat.mjs'), CHAT);
  writeFileSync(join(project, 'app.mjs'), APP);
  writeFileSync(join(project, 'services.mjs'), SERVICES);
  log('otel: running the quick start with @vercel/otel and @ai-sdk/otel registered');
  const report = run(process.execPath, ['services.mjs'], project).toString().trim();
  log(`otel: passed: ${report}`);
}
