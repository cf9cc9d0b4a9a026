import { type AdstractOutcomeEvent, adstractMiddleware } from '@adstract/ai-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { startServices } from './services.js';
import { describeStartupError } from './startup-errors.js';
import { createAnswerPrinter, style } from './terminal-renderer.js';

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
  const write = (text: string) => process.stdout.write(text);
  try {
    write(
      `${style.bold('Adstract demo')}: ads ${services.adstract.label}, model ${services.openai.label}\n`,
    );
    const events: AdstractOutcomeEvent[] = [];
    const middleware = adstractMiddleware({
      apiKey: services.adstract.apiKey,
      baseURL: services.adstract.baseURL,
      onOutcome: (event) => events.push(event),
      onError: (error) => write(style.bad(`\n  adstract error: ${error.name}: ${error.message}\n`)),
      continuationTimeoutMs: 2_000,
    });
    const provider = createOpenAI({
      apiKey: services.openai.apiKey,
      baseURL: services.openai.baseURL,
    });
    const model = wrapLanguageModel({ model: provider('gpt-5-mini'), middleware });

    const turnEvents: AdstractOutcomeEvent[][] = [];
    for (const [index, prompt] of TURNS.entries()) {
      write(
        `\n${style.bold(`Turn ${index + 1}`)} ${style.dim('user:')} ${prompt}\n${style.dim('assistant:')} `,
      );
      const first = events.length;
      const printer = createAnswerPrinter(write);
      const result = streamText({
        model,
        prompt,
        tools: { getWeather },
        stopWhen: stepCountIs(3),
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
        if (part.type === 'error') throw part.error;
      }
      printer.end();
      await middleware.flush();
      turnEvents.push(events.slice(first));
      write(`${summarise(events.slice(first))}\n`);
    }
    write(`\n${style.bold('All acknowledgements settled.')}\n`);
    return 0;
  } finally {
    await services.close();
  }
}

/** One line per turn: outcome, product, time in start, acknowledge status. */
function summarise(events: AdstractOutcomeEvent[]): string {
  const parts: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'filled':
        parts.push(
          style.good(`ad filled: ${event.productName ?? 'unnamed product'}`),
          `start ${event.durationMs.toFixed(0)} ms`,
        );
        break;
      case 'no-fill':
      case 'rejected':
        parts.push(
          `${event.type} (original prompt)`,
          `start ${event.durationMs.toFixed(0)} ms`,
          'no acknowledge needed',
        );
        break;
      case 'failed':
        parts.push(style.bad(`start failed: ${event.error.name}`));
        break;
      case 'acknowledged':
        parts.push(style.good(`acknowledged: ${event.status}`), `${event.textLength} chars`);
        break;
      case 'acknowledge-failed':
        parts.push(style.bad(`acknowledge failed: ${event.error.name}`));
        break;
      case 'skipped':
        parts.push(`skipped (${event.reason})`);
        break;
      default:
        break;
    }
  }
  return style.dim(`  ↳ ${parts.join(' · ')}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${style.bad('demo failed:')} ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
