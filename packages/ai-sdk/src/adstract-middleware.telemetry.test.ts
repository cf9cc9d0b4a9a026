import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdstractMiddlewareOptions } from './options/middleware-options.js';
import { AI_MAJOR } from './testing/ai-major.js';
import {
  createDeferred,
  createFakeAdstract,
  emptyReply,
  filledReply,
} from './testing/fake-adstract.js';
import { MockLanguageModel, streamResult, textParts, textResult } from './testing/mock-model.js';
import { setupMiddleware, TEST_API_KEY, TEST_CONTEXT } from './testing/test-middleware.js';
import {
  spanText,
  startTestOpenTelemetry,
  type TestOpenTelemetry,
} from './testing/test-open-telemetry.js';

const PROMPT = 'How can I keep my first-week users coming back?';
const ANSWER = ['Send a short ', 'welcome checklist ', 'on day two.'];
const PRODUCT = 'Acme Analytics';

/**
 * The AI SDK's own telemetry, on: ai@5 and ai@6 create OpenTelemetry spans themselves
 * (`experimental_telemetry`), ai@7 through an integration (`@ai-sdk/otel`).
 */
async function aiTelemetry(record: { inputs: boolean; outputs: boolean }) {
  const settings = { recordInputs: record.inputs, recordOutputs: record.outputs };
  if (AI_MAJOR !== 7) return { experimental_telemetry: { isEnabled: true, ...settings } };
  const { OpenTelemetry } = await import('@ai-sdk/otel');
  return { telemetry: { integrations: [new OpenTelemetry()], ...settings } };
}

/** The AI SDK's span around one model call, and its root span, as each major names them. */
function aiSdkSpanNames(operation: 'streamText' | 'generateText') {
  if (AI_MAJOR === 7)
    return { modelCall: 'chat mock-model-id', root: 'invoke_agent mock-model-id' };
  const call = operation === 'streamText' ? 'doStream' : 'doGenerate';
  return { modelCall: `ai.${operation}.${call}`, root: `ai.${operation}` };
}

let otel: TestOpenTelemetry;

beforeEach(() => {
  otel = startTestOpenTelemetry();
});

afterEach(async () => {
  await otel.shutdown();
});

const byId = (spans: ReadableSpan[]) =>
  new Map(spans.map((span) => [span.spanContext().spanId, span]));

/** The span and its ancestors, innermost first. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const index = byId(spans);
  const names: string[] = [];
  let current: ReadableSpan | undefined = span;
  while (current !== undefined) {
    names.push(current.name);
    const parent: string | undefined = current.parentSpanContext?.spanId;
    current = parent === undefined ? undefined : index.get(parent);
  }
  return names;
}

/** Runs one call with an ad through the AI SDK, its telemetry on, and acknowledges it. */
async function answerWithAd(
  operation: 'streamText' | 'generateText',
  options: Partial<AdstractMiddlewareOptions> = {},
  record = { inputs: false, outputs: false },
) {
  const fake = createFakeAdstract({ onStart: (body) => filledReply(String(body.prompt), PRODUCT) });
  const { middleware, errors } = setupMiddleware(fake, options);
  const model = new MockLanguageModel({
    doStream: streamResult(textParts(ANSWER)),
    doGenerate: textResult(ANSWER.join('')),
  });
  const call = {
    model: wrapLanguageModel({ model, middleware }),
    prompt: PROMPT,
    providerOptions: { adstract: TEST_CONTEXT },
    ...(await aiTelemetry(record)),
  };
  if (operation === 'streamText') await streamText(call).consumeStream();
  else await generateText(call);
  await middleware.flush();
  expect(errors).toEqual([]);
  const reply = fake.starts[0]?.reply?.body as { ad_response_id?: string } | undefined;
  const adResponseId = reply?.ad_response_id;
  if (adResponseId === undefined) throw new Error('no ad was issued');
  return { fake, adResponseId };
}

describe.each(['streamText', 'generateText'] as const)(
  '%s with the AI SDK’s telemetry on',
  (operation) => {
    it('records adstract.start inside the AI SDK’s model-call span, and its acknowledge linked to it', async () => {
      const { adResponseId, fake } = await answerWithAd(operation);
      const spans = otel.spans();
      const [start, ...otherStarts] = otel.spansNamed('adstract.start');
      const [acknowledge, ...otherAcknowledges] = otel.spansNamed('adstract.acknowledge');
      if (start === undefined || acknowledge === undefined) throw new Error('missing spans');
      expect([otherStarts, otherAcknowledges]).toEqual([[], []]);

      const names = aiSdkSpanNames(operation);
      const chain = ancestry(start, spans);
      expect(chain.slice(0, 2)).toEqual(['adstract.start', names.modelCall]);
      expect(chain.at(-1)).toBe(names.root);
      // The acknowledge, sent after the answer, sits beside its start, inside the AI SDK's span,
      // and links to it.
      expect(ancestry(acknowledge, spans).slice(0, 2)).toEqual([
        'adstract.acknowledge',
        names.modelCall,
      ]);
      expect(acknowledge.spanContext().traceId).toBe(start.spanContext().traceId);
      expect(acknowledge.links.map((link) => link.context)).toEqual([start.spanContext()]);

      expect(fake.acknowledgements[0]?.body.ad_response_id).toBe(adResponseId);
      expect(start.attributes).toEqual({
        'adstract.circuit.state': 'closed',
        'adstract.start.max_retries': 0,
        'adstract.outcome': 'filled',
        'adstract.wait.end': 'answered',
        'adstract.product_name': PRODUCT,
      });
      expect(acknowledge.attributes).toEqual({
        'adstract.outcome': 'filled',
        'adstract.answer.ending': 'finished',
        'adstract.answer.length': ANSWER.join('').length,
        'adstract.acknowledge.status': 'ok',
      });
    });

    it('puts no key, IP, session, user agent, ad id, prompt or answer in any attribute or event of any span', async () => {
      // The AI SDK records the prompt and the answer itself unless told not to: that is its own
      // setting. With it off, no span of the trace holds any of them.
      const { fake, adResponseId } = await answerWithAd(operation);
      const reply = fake.starts[0]?.reply?.body as { enhanced_prompt?: string } | undefined;
      const enhancedPrompt = reply?.enhanced_prompt ?? 'no enhanced prompt';
      expect(enhancedPrompt).toContain('[AD: mention');
      const secrets = [
        TEST_API_KEY,
        TEST_CONTEXT.userIp,
        TEST_CONTEXT.sessionId,
        TEST_CONTEXT.userAgent,
        adResponseId,
        PROMPT,
        enhancedPrompt,
        ANSWER.join(''),
        ...ANSWER,
      ];
      const spans = otel.spans();
      expect(spans.length).toBeGreaterThanOrEqual(4);
      for (const span of spans) {
        const text = spanText(span);
        for (const secret of secrets) expect(text, span.name).not.toContain(secret);
      }
    });

    it('keeps the ad spans free of them when the AI SDK records its inputs and outputs', async () => {
      const { adResponseId } = await answerWithAd(operation, {}, { inputs: true, outputs: true });
      const ours = otel.spans().filter((span) => span.name.startsWith('adstract.'));
      expect(ours.map((span) => span.name).sort()).toEqual([
        'adstract.acknowledge',
        'adstract.start',
      ]);
      for (const span of ours) {
        const text = spanText(span);
        for (const secret of [TEST_API_KEY, TEST_CONTEXT.userIp, TEST_CONTEXT.sessionId, PROMPT]) {
          expect(text).not.toContain(secret);
        }
        for (const delta of ANSWER) expect(text).not.toContain(delta);
      }
      // The AI SDK's spans do record the prompt: the check above would see a leak.
      expect(otel.spans().some((span) => spanText(span).includes(PROMPT))).toBe(true);
      // They record providerMetadata too, ours included; it holds no ad id, so no span does.
      expect(otel.spans().some((span) => spanText(span).includes(PRODUCT))).toBe(true);
      for (const span of otel.spans())
        expect(spanText(span), span.name).not.toContain(adResponseId);
    });
  },
);

describe('telemetry of the ad cycle', () => {
  it('records the ad id on its spans with telemetry.recordAdResponseId, to join a trace to an ad', async () => {
    const { adResponseId } = await answerWithAd('streamText', {
      telemetry: { recordAdResponseId: true },
    });
    expect(
      otel
        .spans()
        .filter((span) => span.name.startsWith('adstract.'))
        .map((span) => [span.name, span.attributes['adstract.ad_response_id']]),
    ).toEqual([
      ['adstract.start', adResponseId],
      ['adstract.acknowledge', adResponseId],
    ]);
  });

  it('ends the start span when the budget runs out; a 200 after it is acknowledged as a late fill', async () => {
    const release = createDeferred();
    const fake = createFakeAdstract({
      onStart: (body) => ({ ...filledReply(String(body.prompt)), holdUntil: release.promise }),
    });
    const { middleware, events } = setupMiddleware(fake, { timeoutMs: 30 });
    const model = new MockLanguageModel({ doStream: streamResult(textParts(ANSWER)) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: PROMPT,
      providerOptions: { adstract: TEST_CONTEXT },
      ...(await aiTelemetry({ inputs: false, outputs: false })),
    });
    await result.consumeStream();
    // The span covers what the answer waited: it has ended, inside the AI SDK's span.
    const [start] = otel.spansNamed('adstract.start');
    if (start === undefined) throw new Error('no start span');
    expect(start.attributes).toMatchObject({
      'adstract.outcome': 'failed',
      'adstract.failure.reason': 'unavailable',
      'error.type': 'timeout',
      'adstract.wait.end': 'budget',
    });
    expect(ancestry(start, otel.spans())[1]).toBe(aiSdkSpanNames('streamText').modelCall);
    release.resolve();
    await middleware.flush();

    const [acknowledge] = otel.spansNamed('adstract.acknowledge');
    const late = events.find((event) => event.type === 'late-fill');
    expect(acknowledge?.attributes).toMatchObject({
      'adstract.outcome': 'late-fill',
      'adstract.answer.length': ANSWER.join('').length,
      'adstract.acknowledge.status': 'ok',
    });
    expect(acknowledge?.links[0]?.context).toEqual(start.spanContext());
    const lateId = late?.type === 'late-fill' ? late.adResponseId : undefined;
    expect(lateId).toMatch(/\S/);
    for (const span of otel.spans()) expect(spanText(span)).not.toContain(String(lateId));
    const counts = (await otel.collect()).get('adstract.start.count')?.points;
    expect(counts).toEqual([{ attributes: { 'adstract.outcome': 'late-fill' }, value: 1 }]);
  });

  it('counts starts by outcome and acknowledges by status, over several calls', async () => {
    let calls = 0;
    const fake = createFakeAdstract({
      onStart: (body) => (++calls === 2 ? emptyReply(202) : filledReply(String(body.prompt))),
    });
    const { middleware } = setupMiddleware(fake);
    for (const sessionId of ['a', 'b', 'c']) {
      const model = new MockLanguageModel({ doStream: streamResult(textParts(ANSWER)) });
      const result = streamText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: PROMPT,
        providerOptions: { adstract: { ...TEST_CONTEXT, sessionId } },
      });
      await result.consumeStream();
    }
    await middleware.flush();
    const recorded = await otel.collect();
    expect(recorded.get('adstract.start.count')?.points).toEqual(
      expect.arrayContaining([
        { attributes: { 'adstract.outcome': 'filled' }, value: 2 },
        { attributes: { 'adstract.outcome': 'no-fill' }, value: 1 },
      ]),
    );
    expect(recorded.get('adstract.start.duration')?.points).toHaveLength(2);
    expect(recorded.get('adstract.acknowledge.count')?.points).toEqual([
      {
        attributes: { 'adstract.acknowledge.status': 'ok', 'adstract.answer.ending': 'finished' },
        value: 2,
      },
    ]);
    // Without the AI SDK's telemetry, each start span is a root of its own trace.
    expect(otel.spansNamed('adstract.start').map((span) => span.parentSpanContext)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('records nothing with telemetry: false, the AI SDK’s spans as before', async () => {
    await answerWithAd('streamText', { telemetry: false });
    const names = otel.spans().map((span) => span.name);
    expect(names).toContain(aiSdkSpanNames('streamText').root);
    expect(names.filter((name) => name.startsWith('adstract.'))).toEqual([]);
    expect(
      [...(await otel.collect()).keys()].filter((name) => name.startsWith('adstract.')),
    ).toEqual([]);
  });

  it('records nothing, and answers as before, when no SDK is registered', async () => {
    await otel.shutdown();
    otel = startTestOpenTelemetry({ register: false });
    const { fake } = await answerWithAd('streamText');
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([ANSWER.join('')]);
    expect(otel.spans()).toEqual([]);
    expect((await otel.collect()).size).toBe(0);
  });

  it('sends its spans to the tracer given, with no global SDK', async () => {
    await otel.shutdown();
    otel = startTestOpenTelemetry({ register: false });
    await answerWithAd('streamText', {
      telemetry: { tracer: otel.tracerProvider.getTracer('app'), meter: false },
    });
    expect(otel.spans().map((span) => span.name)).toEqual([
      'adstract.start',
      'adstract.acknowledge',
    ]);
    expect((await otel.collect()).size).toBe(0);
  });
});
