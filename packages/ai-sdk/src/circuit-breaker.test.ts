import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import { type CircuitState, createCircuitBreaker } from './circuit-breaker.js';
import type { AdstractOutcomeEvent } from './options.js';
import { createFakeAdstract, filledReply } from './testing/fake-adstract.js';
import { textResult } from './testing/mock-model.js';

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down, closes on a good probe', () => {
    let now = 0;
    const changes: CircuitState[] = [];
    const breaker = createCircuitBreaker(
      { failureThreshold: 3, coolDownMs: 1_000 },
      (state) => changes.push(state),
      () => now,
    );
    breaker.recordStartFailure();
    breaker.recordStartFailure();
    breaker.recordStartSuccess();
    breaker.recordStartFailure();
    breaker.recordStartFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordStartFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.allowRequest()).toBe(false);
    now = 999;
    expect(breaker.allowRequest()).toBe(false);
    now = 1_000;
    expect(breaker.allowRequest()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allowRequest()).toBe(false);
    breaker.recordStartSuccess();
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
    expect(breaker.allowRequest()).toBe(true);
    breaker.recordStartFailure();
    expect(breaker.state).toBe('open');
    now = 15;
    expect(breaker.allowRequest()).toBe(false);
  });
});

describe('circuit breaker in the middleware', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

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
    const model = new MockLanguageModelV4({ doGenerate: textResult('answer') });
    const wrapped = wrapLanguageModel({ model, middleware });
    const ask = async (index: number) => {
      const result = await generateText({
        model: wrapped,
        prompt: `Question ${index}`,
        providerOptions: { adstract: { sessionId: 's', userAgent: 'ua', userIp: '192.0.2.1' } },
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
    const fake = createFakeAdstract({ onStart: () => ({ status: 503, body: {} }) });
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {},
      circuitBreaker: { failureThreshold: 2, coolDownMs: 60_000 },
    });
    const model = new MockLanguageModelV4({ doGenerate: textResult('answer') });
    const wrapped = wrapLanguageModel({ model, middleware });
    for (let index = 0; index < 5; index++) {
      const result = await generateText({
        model: wrapped,
        prompt: `Question ${index}`,
        providerOptions: { adstract: { sessionId: 's', userAgent: 'ua', userIp: '192.0.2.1' } },
      });
      expect(result.text).toBe('answer');
    }
    expect(fake.starts).toHaveLength(2);
  });
});
