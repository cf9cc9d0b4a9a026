import { streamText, wrapLanguageModel } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdstractMiddleware } from './adstract-middleware.js';
import { adstractMiddleware } from './adstract-middleware.js';
import { createFakeAdstract, emptyReply, filledReply } from './testing/fake-adstract.js';
import { MockLanguageModel, streamResult, textParts } from './testing/mock-model.js';
import { setupMiddleware, TEST_API_KEY, TEST_CONTEXT } from './testing/test-middleware.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ANSWER = ['Try ', 'Acme Analytics.'];

async function ask(middleware: AdstractMiddleware, prompt: string, sessionId = 'session-1') {
  const model = new MockLanguageModel({ doStream: async () => streamResult(textParts(ANSWER)) });
  const result = streamText({
    model: wrapLanguageModel({ model, middleware }),
    prompt,
    providerOptions: { adstract: { ...TEST_CONTEXT, sessionId } },
  });
  return result.text;
}

const onWorkers = () => vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });

describe('a runtime that freezes after the response, without waitUntil', () => {
  it('reports it once per middleware, at the first ad, and the ads work as before', async () => {
    onWorkers();
    const { fake, middleware, errors, events } = setupMiddleware();
    // Creating the middleware (module scope on Workers, no request yet) reports nothing.
    expect(errors).toEqual([]);

    expect(await ask(middleware, 'How can I improve user retention?', 's-1')).toBe(ANSWER.join(''));
    expect(await ask(middleware, 'Plan a trip to Lisbon', 's-2')).toBe(ANSWER.join(''));
    await middleware.flush();

    expect(errors.map((error) => error.message)).toEqual([
      expect.stringContaining('adstractMiddleware has no waitUntil on Cloudflare Workers'),
    ]);
    expect(errors[0]?.name).toBe('AdSDKError');
    expect(errors[0]?.message).toContain("Pass `waitUntil` imported from 'cloudflare:workers'");
    // Nothing else changed: both ads started, filled and acknowledged with the answer's text.
    expect(fake.starts).toHaveLength(2);
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      ANSWER.join(''),
      ANSWER.join(''),
    ]);
    expect(events.filter((event) => event.type === 'acknowledged')).toHaveLength(2);
  });

  it('waits for a call that has an ad: calls without one report nothing', async () => {
    onWorkers();
    let fill = false;
    const fake = createFakeAdstract({
      onStart: (body) => (fill ? filledReply(String(body.prompt)) : emptyReply(202)),
    });
    const { middleware, errors } = setupMiddleware(fake);
    await ask(middleware, 'How can I improve user retention?', 's-1');
    expect(errors).toEqual([]);
    fill = true;
    await ask(middleware, 'Plan a trip to Lisbon', 's-2');
    expect(errors).toHaveLength(1);
    await middleware.flush();
  });

  it('reports once for each middleware instance', async () => {
    onWorkers();
    const first = setupMiddleware();
    const second = setupMiddleware();
    await ask(first.middleware, 'How can I improve user retention?', 's-1');
    await ask(second.middleware, 'How can I improve user retention?', 's-2');
    await Promise.all([first.middleware.flush(), second.middleware.flush()]);
    expect(first.errors).toHaveLength(1);
    expect(second.errors).toHaveLength(1);
  });

  it('names the Next.js and Vercel fixes on an edge runtime', async () => {
    vi.stubGlobal('EdgeRuntime', 'edge-runtime');
    const { middleware, errors } = setupMiddleware();
    await ask(middleware, 'How can I improve user retention?');
    await middleware.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('edge runtime');
    expect(errors[0]?.message).toContain("`after` from 'next/server'");
  });

  it('goes to the default onError: one console.warn line', async () => {
    onWorkers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fake = createFakeAdstract();
    const middleware = adstractMiddleware({
      apiKey: TEST_API_KEY,
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
    });
    await ask(middleware, 'How can I improve user retention?', 's-1');
    await ask(middleware, 'Plan a trip to Lisbon', 's-2');
    await middleware.flush();
    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^\[adstract\] AdSDKError: adstractMiddleware has no waitUntil on Cloudflare Workers/,
        ),
      ],
    ]);
  });
});

describe('no report', () => {
  it('with waitUntil on Workers: each ad hands it a promise', async () => {
    onWorkers();
    const handed: Promise<unknown>[] = [];
    const { middleware, errors } = setupMiddleware(undefined, {
      waitUntil: (promise) => handed.push(promise),
    });
    await ask(middleware, 'How can I improve user retention?');
    await middleware.flush();
    expect(errors).toEqual([]);
    expect(handed).toHaveLength(1);
  });

  it('on Node, which does not freeze', async () => {
    const { middleware, errors, fake } = setupMiddleware();
    await ask(middleware, 'How can I improve user retention?');
    await middleware.flush();
    expect(errors).toEqual([]);
    expect(fake.acknowledgements).toHaveLength(1);
  });
});
