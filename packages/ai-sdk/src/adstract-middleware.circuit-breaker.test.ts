import { generateText, wrapLanguageModel } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import type { AdstractMiddlewareOptions } from './options/middleware-options.js';
import type { AdstractOutcomeEvent } from './options/outcome-event.js';
import {
  createDeferred,
  createFakeAdstract,
  type FakeStartReply,
  filledReply,
} from './testing/fake-adstract.js';
import { MockLanguageModel, textResult } from './testing/mock-model.js';
import { setupMiddleware } from './testing/test-middleware.js';

const context = { sessionId: 's', userAgent: 'ua', userIp: '192.0.2.1' };

describe('circuit breaker in the middleware', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(
    onStart: (body: Record<string, unknown>) => FakeStartReply,
    extra: Partial<AdstractMiddlewareOptions> = {},
  ) {
    const { fake, events, middleware } = setupMiddleware(createFakeAdstract({ onStart }), {
      circuitBreaker: { failureThreshold: 1, coolDownMs: 1_000 },
      ...extra,
    });
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const wrapped = wrapLanguageModel({ model, middleware });
    const ask = (prompt: string, abortSignal?: AbortSignal) =>
      generateText({
        model: wrapped,
        prompt,
        abortSignal,
        providerOptions: { adstract: context },
      });
    const circuitStates = () =>
      events.flatMap((event) => (event.type === 'circuit' ? [event.state] : []));
    return { fake, events, middleware, ask, circuitStates };
  }

  it('stops calling Adstract after an acknowledge 5xx, then lets one probe through', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let ackStatus = 500;
    const fake = createFakeAdstract({
      onStart: (body) => filledReply(String(body.prompt)),
      onAcknowledge: () => ({
        status: ackStatus,
        body: { ad_ack_id: 'ack', status: 'ok', success: true },
      }),
    });
    const events: AdstractOutcomeEvent[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {},
      onOutcome: (event) => events.push(event),
      circuitBreaker: { coolDownMs: 60_000 },
    });
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const wrapped = wrapLanguageModel({ model, middleware });
    const ask = async (index: number) => {
      const result = await generateText({
        model: wrapped,
        prompt: `Question ${index}`,
        providerOptions: { adstract: context },
      });
      await middleware.flush();
      return result;
    };

    await ask(1);
    expect(events).toContainEqual({
      type: 'circuit',
      state: 'open',
      cause: 'acknowledge-failed',
    });
    const second = await ask(2);
    expect(fake.starts).toHaveLength(1);
    expect(second.providerMetadata?.adstract).toEqual({ status: 'skipped' });
    expect(events).toContainEqual({ type: 'skipped', reason: 'circuit-open' });

    ackStatus = 200;
    vi.setSystemTime(Date.now() + 60_000);
    await ask(3);
    expect(fake.starts).toHaveLength(2);
    expect(events.filter((event) => event.type === 'circuit').map((event) => event.state)).toEqual([
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('opens after consecutive start failures and serves original prompts meanwhile', async () => {
    const { fake, ask } = setup(() => ({ status: 503, body: {} }), {
      circuitBreaker: { failureThreshold: 2, coolDownMs: 60_000 },
    });
    for (let index = 0; index < 5; index++) {
      const result = await ask(`Question ${index}`);
      expect(result.text).toBe('answer');
    }
    expect(fake.starts).toHaveLength(2);
  });

  const unhealthy: Array<[string, FakeStartReply, Partial<AdstractMiddlewareOptions>]> = [
    ['a 500', { status: 500, body: {} }, {}],
    ['a 503', { status: 503, body: {} }, {}],
    ['a 429', { status: 429, body: {} }, {}],
    ['a network failure', { status: 0, networkError: true }, {}],
  ];

  it.each(unhealthy)('counts %s as a failure', async (_label, reply, extra) => {
    const { fake, ask, events, circuitStates } = setup(() => reply, extra);
    await ask('Question 1');
    await ask('Question 2');
    expect(fake.starts).toHaveLength(1);
    expect(circuitStates()).toEqual(['open']);
    expect(events.find((event) => event.type === 'failed')).toMatchObject({
      reason: 'unavailable',
    });
  });

  const harmless: Array<[string, FakeStartReply, string]> = [
    ['a 409', { status: 409, body: { detail: 'duplicate' } }, 'duplicate'],
    ['a 401', { status: 401, body: { detail: 'no key' } }, 'invalid'],
    ['a 400', { status: 400, body: { detail: 'bad' } }, 'invalid'],
    ['a 403', { status: 403, body: { detail: 'revoked' } }, 'invalid'],
    ['invalid JSON', { status: 200, text: '{not json' }, 'invalid'],
    ['a wrong shape', { status: 200, body: { status: 'ok' } }, 'invalid'],
  ];

  it.each(harmless)('does not count %s as a failure', async (_label, reply, reason) => {
    const { fake, ask, events, circuitStates } = setup(() => reply);
    for (let index = 0; index < 3; index++) await ask(`Question ${index}`);
    expect(fake.starts).toHaveLength(3);
    expect(circuitStates()).toEqual([]);
    const failures = events.filter((event) => event.type === 'failed');
    expect(failures.map((event) => event.reason)).toEqual([reason, reason, reason]);
  });

  it('does not count a caller abort as a failure', async () => {
    const { fake, ask, circuitStates } = setup(() => ({
      ...filledReply('x'),
      holdUntil: new Promise(() => {}),
    }));
    for (let index = 0; index < 2; index++) {
      const controller = new AbortController();
      const call = ask(`Question ${index}`, controller.signal).catch(() => undefined);
      await vi.waitFor(() => expect(fake.starts).toHaveLength(index + 1));
      controller.abort();
      await call;
    }
    expect(fake.starts).toHaveLength(2);
    expect(circuitStates()).toEqual([]);
  });

  it('counts a start still unanswered at the slow-call threshold, and releases its caller', async () => {
    const late = createDeferred();
    const { fake, ask, events, circuitStates, middleware } = setup(
      (body) => ({ ...filledReply(String(body.prompt)), holdUntil: late.promise }),
      { timeoutMs: 1_000, circuitBreaker: { failureThreshold: 1, slowCallMs: 30 } },
    );
    const started = performance.now();
    const result = await ask('Question 1');
    // Released when the circuit opened at 30 ms, long before the 1 000 ms budget.
    expect(performance.now() - started).toBeLessThan(900);
    expect(result.text).toBe('answer');
    expect(circuitStates()).toEqual(['open']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'released' }));
    await ask('Question 2');
    expect(fake.starts).toHaveLength(1);
    // The start answers after all: its 200 is acknowledged with the answer given without the ad.
    late.resolve();
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['answer']);
  });

  it('lets a probe whose caller aborted still decide: its late 200 closes the circuit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const held = createDeferred();
    const replies: FakeStartReply[] = [
      { status: 503, body: {} },
      { ...filledReply('held'), holdUntil: held.promise },
      filledReply('Question 3'),
    ];
    const { fake, ask, circuitStates, middleware } = setup(
      () => replies.shift() ?? filledReply(''),
      { circuitBreaker: { failureThreshold: 1, coolDownMs: 1_000, slowCallMs: 60_000 } },
    );
    await ask('Question 1');
    expect(circuitStates()).toEqual(['open']);
    vi.setSystemTime(Date.now() + 1_000);

    const controller = new AbortController();
    const probe = ask('Question 2', controller.signal).catch(() => undefined);
    await vi.waitFor(() => expect(fake.starts).toHaveLength(2));
    controller.abort();
    await probe;
    expect(circuitStates()).toEqual(['open', 'half-open']);
    // The probe is still out: nobody else calls Adstract meanwhile.
    await ask('Question skipped');
    expect(fake.starts).toHaveLength(2);

    held.resolve();
    await vi.waitFor(() => expect(circuitStates()).toEqual(['open', 'half-open', 'closed']));
    const third = await ask('Question 3');
    expect(fake.starts).toHaveLength(3);
    expect(third.providerMetadata?.adstract).toMatchObject({ status: 'filled' });
    await middleware.flush();
    // The aborted probe's 200 is acknowledged once, with the empty answer its caller received.
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['', 'answer']);
  });

  it('re-opens when the probe fails, for another full cool-down', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { fake, ask, events, circuitStates } = setup(() => ({ status: 502, body: {} }));
    await ask('Question 1');
    vi.setSystemTime(Date.now() + 1_000);
    await ask('Question 2');
    expect(fake.starts).toHaveLength(2);
    expect(circuitStates()).toEqual(['open', 'half-open', 'open']);
    expect(events).toContainEqual({ type: 'circuit', state: 'open', cause: 'probe-failed' });

    vi.setSystemTime(Date.now() + 999);
    await ask('Question 3');
    expect(fake.starts).toHaveLength(2);
    vi.setSystemTime(Date.now() + 1);
    await ask('Question 4');
    expect(fake.starts).toHaveLength(3);
  });

  it('lets exactly one probe through when calls arrive together in half-open', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const release = createDeferred();
    const replies: FakeStartReply[] = [{ status: 500, body: {} }];
    const { fake, ask, events, circuitStates, middleware } = setup(
      (body) =>
        replies.shift() ?? { ...filledReply(String(body.prompt)), holdUntil: release.promise },
    );
    await ask('Question 0');
    vi.setSystemTime(Date.now() + 1_000);

    const calls = [1, 2, 3, 4].map((index) => ask(`Question ${index}`));
    await vi.waitFor(() =>
      expect(
        events.filter((event) => event.type === 'skipped' && event.reason === 'circuit-open'),
      ).toHaveLength(3),
    );
    expect(fake.starts).toHaveLength(2);
    release.resolve();
    const results = await Promise.all(calls);
    expect(
      results.filter((result) => result.providerMetadata?.adstract?.status === 'filled'),
    ).toHaveLength(1);
    expect(circuitStates()).toEqual(['open', 'half-open', 'closed']);
    await middleware.flush();
  });

  it('stops traffic through an acknowledge outage: a minute at 10 req/s serves one ad per cool-down', {
    timeout: 60_000,
  }, async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'performance'] });
    const fake = createFakeAdstract({
      onStart: (body) => filledReply(String(body.prompt)),
      onAcknowledge: () => ({ status: 500, body: { detail: 'acknowledge is down' } }),
    });
    const filledAt: number[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {},
      onOutcome: (event) => {
        if (event.type === 'filled') filledAt.push(Date.now());
      },
    });
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const wrapped = wrapLanguageModel({ model, middleware });
    const started = Date.now();
    for (let index = 0; index < 600; index++) {
      const result = await generateText({
        model: wrapped,
        prompt: `Question ${index}`,
        providerOptions: { adstract: { ...context, sessionId: `s${index}` } },
      });
      expect(result.text).toBe('answer');
      await vi.advanceTimersByTimeAsync(100);
    }
    await middleware.flush();
    // The default cool-down is 3 s: at most one ad in each, the first before the outage was seen.
    expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(filledAt.length).toBeGreaterThan(1);
    expect(filledAt.length).toBeLessThanOrEqual(1 + 60_000 / 3_000);
    for (let index = 1; index < filledAt.length; index++) {
      expect(filledAt[index]! - filledAt[index - 1]!).toBeGreaterThanOrEqual(3_000);
    }
    expect(fake.starts).toHaveLength(filledAt.length);
    expect(fake.acknowledgements).toHaveLength(filledAt.length);
  });
});
