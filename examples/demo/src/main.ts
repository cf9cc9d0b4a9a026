import { type AdstractOutcomeEvent, adstractMiddleware } from '@adstract/ai-sdk';
import { type AdSDKError, AuthenticationError } from '@adstract/client';
import { createOpenAI } from '@ai-sdk/openai';
import { jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { describeAuthenticationFailure } from './describe-authentication-failure.js';
import { describeModelFailure } from './describe-model-failure.js';
import { startServices } from './services.js';
import { SetupError } from './setup-error.js';
import { describeStartupError } from './startup-errors.js';
import { createAnswerPrinter, style } from './terminal-renderer.js';
import { startTracing, wantsTrace } from './trace-summary.js';
import { summariseTurn } from './turn-summary.js';

const TURNS = [
  'How can I improve user retention in my app?',
  'What is 2 + 2?',
  'What is the weather like in Lisbon for my trip next week?',
];

const getWeather = tool({
  description: 'Get the current weather for a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string', description: 'City name' } },
    required: ['city'],
    additionalProperties: false,
  }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', temperatureC: 24 }),
});

async function main(): Promise<number> {
  const services = await startServices(process.env);
  const tracing = wantsTrace(process.argv, process.env) ? startTracing() : undefined;
  // `pnpm demo | head` closes the output early: stop printing (no EPIPE crash), finish the turns.
  let outputClosed = false;
  process.stdout.on('error', () => {
    outputClosed = true;
  });
  const write = (text: string) => {
    if (!outputClosed) process.stdout.write(text);
  };
  try {
    write(
      `${style.bold('Adstract demo')}: ads ${services.adstract.label}, model ${services.openai.label}\n`,
    );
    const events: AdstractOutcomeEvent[] = [];
    // A rejected Adstract key fails every turn the same way: stop the turn, then the demo.
    let rejectedKey: AdSDKError | undefined;
    let turnAbort = new AbortController();
    const middleware = adstractMiddleware({
      apiKey: services.adstract.apiKey,
      baseURL: services.adstract.baseURL,
      onOutcome: (event) => events.push(event),
      onError: (error) => {
        if (AuthenticationError.isInstance(error)) {
          rejectedKey ??= error;
          turnAbort.abort();
          return;
        }
        write(style.bad(`\n  adstract error: ${error.name}: ${error.message}\n`));
      },
      continuationTimeoutMs: 2_000,
    });
    const provider = createOpenAI({
      apiKey: services.openai.apiKey,
      baseURL: services.openai.baseURL,
    });
    const model = wrapLanguageModel({ model: provider('gpt-5-mini'), middleware });

    let failedTurns = 0;
    for (const [index, prompt] of TURNS.entries()) {
      write(
        `\n${style.bold(`Turn ${index + 1}`)} ${style.dim('user:')} ${prompt}\n${style.dim('assistant:')} `,
      );
      const first = events.length;
      const printer = createAnswerPrinter(write);
      const modelErrors: unknown[] = [];
      turnAbort = new AbortController();
      const result = streamText({
        model,
        prompt,
        tools: { getWeather },
        stopWhen: stepCountIs(3),
        abortSignal: turnAbort.signal,
        // The default prints the whole error with its stack; the demo reports it in one line.
        onError: ({ error }) => {
          modelErrors.push(error);
        },
        providerOptions: {
          adstract: {
            sessionId: `demo-session-${Date.now()}-${index}`,
            userAgent: 'adstract-demo/1.0 (terminal)',
            userIp: '198.51.100.23',
            country: 'PT',
          },
        },
      });
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') printer.push(part.text);
        if (part.type === 'tool-call')
          write(style.dim(`[tool ${part.toolName}(${JSON.stringify(part.input)})] `));
      }
      printer.end();
      await middleware.flush();
      if (rejectedKey !== undefined) {
        throw new SetupError(describeAuthenticationFailure(rejectedKey, services.adstract));
      }
      const failure =
        modelErrors.length > 0 ? describeModelFailure(modelErrors[0], services.openai) : undefined;
      if (failure?.fatal) throw new SetupError(failure.message);
      if (failure !== undefined) {
        failedTurns++;
        write(`${style.bad(`  ↳ ${failure.message}`)}\n`);
        continue;
      }
      write(`${summariseTurn(events.slice(first))}\n`);
      if (tracing !== undefined) write(`${tracing.takeTurn()}\n`);
    }
    if (failedTurns > 0) {
      write(`\n${style.bad(`${failedTurns} of ${TURNS.length} turns failed.`)}\n`);
      return 1;
    }
    if (tracing !== undefined) write(`\n${await tracing.metricsLine()}\n`);
    write(`\n${style.bold('All acknowledgements settled.')}\n`);
    return 0;
  } finally {
    await tracing?.shutdown();
    await services.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${style.bad('demo failed:')} ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
