import { generateText, wrapLanguageModel } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from '../adstract-middleware.js';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import {
  createDeferred,
  createFakeAdstract,
  type FakeStartReply,
  filledReply,
} from '../testing/fake-adstract.js';
import { MockLanguageModel, textResult } from '../testing/mock-model.js';
import { setupMiddleware } from '../testing/test-middleware.js';
import { type CircuitState, createCircuitBreaker } from './circuit-breaker.js';

const context = { sessionId: 's', userAgent: 'ua', userIp: '192.0.2.1' };

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down, closes on a good probe', () => {
    let now = 0;
    const changes: CircuitState[] = [];
    const breaker = createCircuitBreaker(
      { failureThreshold: 3, coolDownMs: 1_000 },
      (state) => changes.push(state),
      () => now,
    );
    const call = (verdict: 'success' | 'failure') => {
      const permit = breaker.tryAcquire();
      if (verdict === 'success') permit?.recordSuccess();
      else permit?.recordFailure();
    };
    call('failure');
    call('failure');
    call('success');
    call('failure');
    call('failure');
    expect(breaker.state).toBe('closed');
    call('failure');
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBeUndefined();
    now = 999;
    expect(breaker.tryAcquire()).toBeUndefined();
    now = 1_000;
    const probe = breaker.tryAcquire();
    expect(probe).toBeDefined();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBeUndefined();
    probe?.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the probe fails, and opens at once on an acknowledge 5xx', () => {
    let now = 0;
    const breaker = createCircuitBreaker(
      { failureThreshold: 1, coolDownMs: 10 },
      () => {},
      () => now,
    );
    breaker.recordAcknowledgeServerError();
    expect(breaker.state).toBe('open');
    now = 10;
    breaker.tryAcquire()?.recordFailure();
    expect(breaker.state).toBe('open');
    now = 15;
    expect(breaker.tryAcquire()).toBeUndefined();
  });

  it('hands a released probe to the next call, and ignores reports after the first', () => {
    let now = 0;
    const breaker = createCircuitBreaker(
      { failureThreshold: 1, coolDownMs: 10 },
      () => {},
      () => now,
    );
    breaker.tryAcquire()?.recordFailure();
    now = 10;
    const first = breaker.tryAcquire();
    expect(breaker.tryAcquire()).toBeUndefined();
    first?.release();
    first?.recordFailure();
    expect(breaker.state).toBe('half-open');
    const second = breaker.tryAcquire();
    expect(second).toBeDefined();
    second?.recordSuccess();
    second?.release();
    expect(breaker.state).toBe('closed');
  });

  it('lets no stale probe close a circuit that an acknowledge 5xx re-opened', () => {
    let now = 0;
    const breaker = createCircuitBreaker(
      { failureThreshold: 1, coolDownMs: 10 },
      () => {},
      () => now,
    );
    breaker.recordAcknowledgeServerError();
    now = 10;
    const probe = breaker.tryAcquire();
    breaker.recordAcknowledgeServerError();
    probe?.recordSuccess();
    expect(breaker.state).toBe('open');
  });
});

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
      cause: 'acknowledge-server-error',
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
    ['the time budget', { status: 200, delayMs: 1_000 }, { timeoutMs: 20 }],
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

  it('hands the probe back when the caller aborts it, so the next call probes again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const replies: FakeStartReply[] = [
      { status: 503, body: {} },
      { ...filledReply('held'), holdUntil: new Promise(() => {}) },
      filledReply('Question 3'),
    ];
    const { fake, ask, circuitStates, middleware } = setup(
      () => replies.shift() ?? filledReply(''),
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

    const third = await ask('Question 3');
    expect(fake.starts).toHaveLength(3);
    expect(third.providerMetadata?.adstract).toMatchObject({ status: 'filled' });
    expect(circuitStates()).toEqual(['open', 'half-open', 'closed']);
    await middleware.flush();
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
});
