import { generateText, jsonSchema, Output, wrapLanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import type { AdstractMiddlewareOptions } from './options/middleware-options.js';
import { adstractContextFromRequest } from './request/context-from-request.js';
import { outputOf, structuredOutput } from './testing/ai-major.js';
import { createFakeAdstract } from './testing/fake-adstract.js';
import { MockLanguageModel, textResult, userTextSeen } from './testing/mock-model.js';
import { setupMiddleware, TEST_CONTEXT } from './testing/test-middleware.js';

const context = TEST_CONTEXT;

async function run(
  providerOptions: Record<string, unknown> | undefined,
  extra: Partial<AdstractMiddlewareOptions> = {},
  prompt = 'How can I improve user retention?',
) {
  const { fake, errors, events, middleware } = setupMiddleware(createFakeAdstract(), extra);
  const model = new MockLanguageModel({ doGenerate: textResult('{"answer":"x"}') });
  const result = await generateText({
    model: wrapLanguageModel({ model, middleware }),
    prompt,
    // biome-ignore lint/suspicious/noExplicitAny: tests feed deliberately malformed options.
    providerOptions: providerOptions as any,
  });
  await middleware.flush();
  return { fake, errors, events, model, result };
}

describe('per-call context', () => {
  it.each([
    [{ ...context, sessionId: '' }, 'MissingParameterError', 'sessionId'],
    [{ userAgent: 'ua', userIp: '198.51.100.4' }, 'MissingParameterError', 'sessionId'],
    [{ ...context, userIp: undefined }, 'MissingParameterError', 'userIp'],
    [{ ...context, country: 'usa' }, 'ValidationError', 'country'],
    [{ ...context, age: 121 }, 'ValidationError', 'age'],
    [{ ...context, gender: 'unknown' }, 'ValidationError', 'gender'],
    [{ ...context, favouriteColour: 'blue' }, 'ValidationError', 'favouriteColour'],
    [{ ...context, disabled: 'yes' }, 'ValidationError', 'disabled'],
  ])('rejects %j before any request, naming the field', async (adstract, name, field) => {
    const { fake, errors, model, result } = await run({ adstract });
    expect(fake.starts).toHaveLength(0);
    expect(errors.map((error) => error.name)).toEqual([name]);
    expect(errors[0]?.message).toContain(field);
    expect(errors[0]?.message).not.toContain('203.0.113.7');
    expect(userTextSeen(model.doGenerateCalls[0])).toBe('How can I improve user retention?');
    expect(result.providerMetadata?.adstract).toEqual({ status: 'skipped' });
  });

  it('reports a missing context when nothing is passed at all', async () => {
    const { fake, errors } = await run(undefined);
    expect(fake.starts).toHaveLength(0);
    expect(errors.map((error) => error.name)).toEqual(['MissingParameterError']);
  });

  it('skips ads without a request when disabled', async () => {
    const { fake, errors, events } = await run({ adstract: { disabled: true } });
    expect(fake.starts).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(events).toEqual([{ type: 'skipped', reason: 'disabled' }]);
  });

  it('takes the context from the option, with providerOptions winning field by field', async () => {
    const { fake } = await run(
      { adstract: { sessionId: 'from-call' } },
      { context: () => ({ ...context, sessionId: 'from-option', country: 'DE' }) },
    );
    expect(fake.starts[0]?.body.request_context).toMatchObject({ session_id: 'from-call' });
    expect(fake.starts[0]?.body.optional_context).toEqual({ country: 'DE' });
  });

  it('accepts a static context object', async () => {
    const { fake } = await run(undefined, { context });
    expect(fake.starts).toHaveLength(1);
  });

  it.each([
    ['private', '10.0.0.7'],
    ['loopback', '127.0.0.1'],
    ['unspecified', '0.0.0.0'],
    ['not an address, with a header injection', 'not-an-ip\r\nX-Evil: 1'],
  ])(
    'sends nothing for a %s userIp, from any source, and says why once',
    async (_label, userIp) => {
      for (const options of [
        [{ adstract: { ...context, userIp } }, {}],
        [undefined, { context: { ...context, userIp } }],
      ] as const) {
        const { fake, errors, result } = await run(options[0], options[1]);
        expect(fake.starts).toHaveLength(0);
        expect(result.text).toBe('{"answer":"x"}');
        expect(errors.map((error) => error.name)).toEqual(['ValidationError']);
        expect(errors[0]).toMatchObject({ field: 'providerOptions.adstract.userIp' });
        expect(errors[0]?.message).not.toContain(userIp);
      }
    },
  );

  it('says a private address usually means a proxy misconfiguration', async () => {
    const { errors } = await run({ adstract: { ...context, userIp: '192.168.1.20' } });
    expect(errors[0]?.message).toMatch(/proxy misconfiguration/);
  });

  it('sends nothing for an over-long session id or user agent, naming the field and the limit', async () => {
    for (const [field, value] of [
      ['sessionId', 's'.repeat(1_000_000)],
      ['userAgent', 'u'.repeat(1_000_000)],
    ] as const) {
      const { fake, errors } = await run({ adstract: { ...context, [field]: value } });
      expect(fake.starts).toHaveLength(0);
      expect(errors[0]).toMatchObject({ field: `providerOptions.adstract.${field}` });
      expect(errors[0]?.message.length).toBeLessThan(300);
    }
  });

  it('sends nothing for a prompt beyond Adstract’s limit, and still answers', async () => {
    const prompt = 'p'.repeat(5_000_000);
    const { fake, errors, events, result } = await run({ adstract: context }, {}, prompt);
    expect(fake.starts).toHaveLength(0);
    expect(result.text).toBe('{"answer":"x"}');
    expect(errors[0]).toMatchObject({ name: 'ValidationError', field: 'prompt' });
    expect(events).toContainEqual({ type: 'skipped', reason: 'prompt-too-long' });
  });

  it('runs the context function inside the start budget: one that never settles costs the budget', async () => {
    const started = performance.now();
    const { fake, errors, events, result } = await run(undefined, {
      timeoutMs: 50,
      context: () => new Promise(() => {}),
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.text).toBe('{"answer":"x"}');
    expect(fake.starts).toHaveLength(0);
    expect(errors[0]?.message).toMatch(/did not settle within the 50 ms start budget/);
    expect(events).toContainEqual({ type: 'skipped', reason: 'context-timeout' });
  });

  it('applies a privacy signal to the merged context, the middleware’s own defaults included', async () => {
    const { fake } = await run(
      { adstract: { ...context, privacy: 'minimal' } },
      { context: { age: 34, gender: 'female', country: 'DE' } },
    );
    expect(fake.starts).toHaveLength(1);
    expect(fake.starts[0]?.body).not.toHaveProperty('optional_context');
  });

  it('answers without an ad, reporting it, when the request helper found no session id', async () => {
    const request = new Request('https://app.test/api/completion', {
      headers: { 'user-agent': 'Mozilla/5.0', 'x-real-ip': '203.0.113.9' },
    });
    const adstract = adstractContextFromRequest(request, {
      sessionId: undefined,
      ipSource: { header: 'x-real-ip' },
    });
    const { fake, errors, result } = await run({ adstract });
    expect(result.text).toBe('{"answer":"x"}');
    expect(fake.starts).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      name: 'MissingParameterError',
      field: 'providerOptions.adstract.sessionId',
    });
  });

  it('keeps __proto__ keys from reaching the prototype and rejects them as unknown', async () => {
    const adstract = JSON.parse(
      '{"sessionId":"s","userAgent":"ua","userIp":"1.2.3.4","__proto__":{"polluted":true}}',
    );
    const { fake, errors } = await run({ adstract });
    expect(fake.starts).toHaveLength(0);
    expect(errors[0]?.name).toBe('ValidationError');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('calls without an ad request', () => {
  it('does not call start for structured output', async () => {
    const fake = createFakeAdstract();
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
    });
    const model = new MockLanguageModel({ doGenerate: textResult('{"answer":"x"}') });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      ...structuredOutput(
        Output.object({
          schema: jsonSchema<{ answer: string }>({
            type: 'object',
            properties: { answer: { type: 'string' } },
            required: ['answer'],
          }),
        }),
      ),
      providerOptions: { adstract: context },
    });
    expect(outputOf(result)).toEqual({ answer: 'x' });
    expect(fake.starts).toHaveLength(0);
    expect(model.doGenerateCalls[0]?.providerOptions).toBeUndefined();
  });

  it('does not call start when the user message has no text', async () => {
    const { fake, events } = await run({ adstract: context }, {}, '   ');
    expect(fake.starts).toHaveLength(0);
    expect(events).toEqual([{ type: 'skipped', reason: 'no-user-text' }]);
  });
});

describe('construction', () => {
  it('rejects a malformed key at creation, without echoing it', () => {
    expect(() => adstractMiddleware({ apiKey: 'short' })).toThrowError(
      expect.objectContaining({ name: 'ValidationError' }),
    );
    try {
      adstractMiddleware({ apiKey: 'short' });
    } catch (error) {
      expect((error as Error).message).not.toContain('short');
    }
  });
});
