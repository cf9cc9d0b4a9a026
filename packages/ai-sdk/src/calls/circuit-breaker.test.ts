import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CircuitBreakerOptions } from '../options/middleware-options.js';
import type { CircuitCause } from '../options/outcome-event.js';
import { type CircuitState, createCircuitBreaker } from './circuit-breaker.js';

describe('createCircuitBreaker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function breakerWith(options: CircuitBreakerOptions, startBudgetMs = 3_000) {
    let now = 0;
    const changes: Array<[CircuitState, CircuitCause]> = [];
    let opened = 0;
    const breaker = createCircuitBreaker({
      options,
      startBudgetMs,
      onChange: (state, cause) => changes.push([state, cause]),
      now: () => now,
    });
    breaker.onOpen(() => opened++);
    const advance = (ms: number) => {
      now += ms;
    };
    return { breaker, changes, advance, opens: () => opened };
  }

  it('opens after N consecutive failures, half-opens after the cool-down, closes on a good probe', () => {
    const { breaker, changes, advance, opens } = breakerWith({
      failureThreshold: 3,
      coolDownMs: 1_000,
    });
    const call = (verdict: 'success' | 'failure') => {
      const permit = breaker.tryAcquire();
      if (verdict === 'success') permit?.recordSuccess(5);
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
    expect(opens()).toBe(1);
    expect(breaker.tryAcquire()).toBeUndefined();
    advance(999);
    expect(breaker.tryAcquire()).toBeUndefined();
    advance(1);
    const probe = breaker.tryAcquire();
    expect(probe?.probe).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBeUndefined();
    probe?.recordSuccess(5);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([
      ['open', 'start-failures'],
      ['half-open', 'cool-down-elapsed'],
      ['closed', 'probe-succeeded'],
    ]);
  });

  it('re-opens when the probe fails, and opens at once on an acknowledge failure', () => {
    const { breaker, advance } = breakerWith({ failureThreshold: 1, coolDownMs: 10 });
    breaker.recordAcknowledgeFailure();
    expect(breaker.state).toBe('open');
    advance(10);
    breaker.tryAcquire()?.recordFailure();
    expect(breaker.state).toBe('open');
    advance(5);
    expect(breaker.tryAcquire()).toBeUndefined();
  });

  it('hands a released probe to the next call, and ignores reports after the first', () => {
    const { breaker, advance } = breakerWith({ failureThreshold: 1, coolDownMs: 10 });
    breaker.tryAcquire()?.recordFailure();
    advance(10);
    const first = breaker.tryAcquire();
    expect(breaker.tryAcquire()).toBeUndefined();
    first?.release();
    first?.recordFailure();
    expect(breaker.state).toBe('half-open');
    const second = breaker.tryAcquire();
    expect(second).toBeDefined();
    second?.recordSuccess(5);
    second?.release();
    expect(breaker.state).toBe('closed');
  });

  it('lets no stale probe close a circuit that an acknowledge failure re-opened', () => {
    const { breaker, advance } = breakerWith({ failureThreshold: 1, coolDownMs: 10 });
    breaker.recordAcknowledgeFailure();
    advance(10);
    const probe = breaker.tryAcquire();
    breaker.recordAcknowledgeFailure();
    probe?.recordSuccess(5, 'ad-1');
    breaker.recordAcknowledgeSuccess('ad-1');
    expect(breaker.state).toBe('open');
  });

  describe('after an acknowledge outage', () => {
    it('closes on the probe ad’s acknowledge, not on its start', () => {
      const { breaker, changes, advance } = breakerWith({ coolDownMs: 10 });
      breaker.recordAcknowledgeFailure();
      advance(10);
      const probe = breaker.tryAcquire();
      probe?.recordSuccess(5, 'probe-ad');
      expect(breaker.state).toBe('half-open');
      // No second ad while the probe's acknowledge is still to come.
      expect(breaker.tryAcquire()).toBeUndefined();
      breaker.recordAcknowledgeSuccess('another-ad');
      expect(breaker.state).toBe('half-open');
      breaker.recordAcknowledgeSuccess('probe-ad');
      expect(breaker.state).toBe('closed');
      expect(changes.map(([, cause]) => cause)).toEqual([
        'acknowledge-failed',
        'cool-down-elapsed',
        'probe-acknowledged',
      ]);
    });

    it('re-opens for another cool-down when the probe ad’s acknowledge fails too', () => {
      const { breaker, advance } = breakerWith({ coolDownMs: 10 });
      breaker.recordAcknowledgeFailure();
      advance(10);
      breaker.tryAcquire()?.recordSuccess(5, 'probe-ad');
      breaker.recordAcknowledgeFailure();
      expect(breaker.state).toBe('open');
      advance(9);
      expect(breaker.tryAcquire()).toBeUndefined();
      advance(1);
      expect(breaker.tryAcquire()?.probe).toBe(true);
    });

    it('hands the probe on when its start brought no ad to acknowledge', () => {
      const { breaker, advance } = breakerWith({ coolDownMs: 10 });
      breaker.recordAcknowledgeFailure();
      advance(10);
      breaker.tryAcquire()?.recordSuccess(5);
      expect(breaker.state).toBe('half-open');
      expect(breaker.tryAcquire()?.probe).toBe(true);
    });
  });

  describe('slow calls', () => {
    it('counts starts still in flight at the threshold, while they wait, and opens once', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { breaker, changes, opens } = breakerWith({ failureThreshold: 5 });
      // 200 calls at once into a hang: none answers.
      const permits = Array.from({ length: 200 }, () => breaker.tryAcquire());
      expect(permits.every((permit) => permit !== undefined)).toBe(true);
      // Before any healthy latency is known, the threshold is half the 3 000 ms budget.
      vi.advanceTimersByTime(1_499);
      expect(breaker.state).toBe('closed');
      vi.advanceTimersByTime(1);
      expect(breaker.state).toBe('open');
      expect(opens()).toBe(1);
      expect(changes).toEqual([['open', 'start-failures']]);
      // Their real ends count no second time.
      for (const permit of permits) permit?.recordFailure();
      expect(changes).toHaveLength(1);
    });

    it('derives the threshold from the recent healthy latency: 3 × p95, at least 250 ms', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { breaker } = breakerWith({ failureThreshold: 1 });
      for (let index = 0; index < 20; index++) breaker.tryAcquire()?.recordSuccess(2);
      breaker.tryAcquire();
      vi.advanceTimersByTime(249);
      expect(breaker.state).toBe('closed');
      vi.advanceTimersByTime(1);
      expect(breaker.state).toBe('open');

      const slowService = breakerWith({ failureThreshold: 1 }).breaker;
      for (let index = 0; index < 20; index++) slowService.tryAcquire()?.recordSuccess(200);
      slowService.tryAcquire();
      vi.advanceTimersByTime(599);
      expect(slowService.state).toBe('closed');
      vi.advanceTimersByTime(1);
      expect(slowService.state).toBe('open');
    });

    it('never waits longer than the start budget, and follows slowCallMs when set', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { breaker } = breakerWith({ failureThreshold: 1 }, 3_000);
      // A healthy but slow Adstract (2 s): the derived 6 s is capped at the 3 s budget.
      for (let index = 0; index < 20; index++) breaker.tryAcquire()?.recordSuccess(2_000);
      breaker.tryAcquire();
      vi.advanceTimersByTime(2_999);
      expect(breaker.state).toBe('closed');
      vi.advanceTimersByTime(1);
      expect(breaker.state).toBe('open');

      const fixed = breakerWith({ failureThreshold: 1, slowCallMs: 100 }).breaker;
      fixed.tryAcquire();
      vi.advanceTimersByTime(100);
      expect(fixed.state).toBe('open');
    });

    it('re-opens at the threshold when the probe itself hangs, releasing its caller', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { breaker, advance, opens } = breakerWith({
        failureThreshold: 1,
        coolDownMs: 1_000,
        slowCallMs: 300,
      });
      breaker.tryAcquire()?.recordFailure();
      advance(1_000);
      const probe = breaker.tryAcquire();
      expect(breaker.state).toBe('half-open');
      vi.advanceTimersByTime(300);
      expect(breaker.state).toBe('open');
      expect(opens()).toBe(2);
      // A late success of that probe opens nothing and closes nothing: the next probe decides.
      probe?.recordSuccess(2_500);
      expect(breaker.state).toBe('open');
    });

    it('counts nothing for a start that answered before the threshold', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { breaker } = breakerWith({ failureThreshold: 1, slowCallMs: 300 });
      breaker.tryAcquire()?.recordSuccess(10);
      breaker.tryAcquire()?.release();
      vi.advanceTimersByTime(10_000);
      expect(breaker.state).toBe('closed');
    });
  });
});
