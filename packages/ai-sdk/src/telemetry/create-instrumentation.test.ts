import {
  DuplicateAdRequestError,
  NetworkError,
  ServerError,
  UnsuccessfulAdResponseError,
} from '@adstract/client';
import { context, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilledOutcome, TimedOutcome } from '../calls/start-outcome.js';
import { startTestOpenTelemetry, type TestOpenTelemetry } from '../testing/test-open-telemetry.js';
import { createInstrumentation } from './create-instrumentation.js';
import type { Instrumentation } from './instrumentation.js';

const filled = (adResponseId = 'resp_1'): FilledOutcome & TimedOutcome => ({
  status: 'filled',
  adResponseId,
  enhancedPrompt: 'enhanced',
  productName: 'Acme Analytics',
  durationMs: 42,
});

let otel: TestOpenTelemetry;
let instrumentation: Instrumentation;

beforeEach(() => {
  otel = startTestOpenTelemetry();
  instrumentation = createInstrumentation({ telemetry: undefined, maxRetries: 1 });
});

afterEach(async () => {
  await otel.shutdown();
});

/** Sends an ad's start and acknowledge through the instrumentation, as the cycle does. */
function startAndAcknowledge(ad = filled()) {
  const recording = instrumentation.startSent('closed', false);
  recording.settled(ad);
  const acknowledge = instrumentation.acknowledgeSent(ad, 'finished', 27);
  acknowledge.acknowledged('ok');
}

describe('spans', () => {
  it('records a filled start and its acknowledge, linked, with the product and no ad id', () => {
    startAndAcknowledge();
    const [start] = otel.spansNamed('adstract.start');
    const [acknowledge] = otel.spansNamed('adstract.acknowledge');
    expect(start?.attributes).toEqual({
      'adstract.circuit.state': 'closed',
      'adstract.start.max_retries': 1,
      'adstract.outcome': 'filled',
      'adstract.wait.end': 'answered',
      'adstract.product_name': 'Acme Analytics',
    });
    expect(start?.kind).toBe(0);
    expect(start?.status.code).toBe(0);
    expect(acknowledge?.attributes).toEqual({
      'adstract.outcome': 'filled',
      'adstract.answer.ending': 'finished',
      'adstract.answer.length': 27,
      'adstract.acknowledge.status': 'ok',
    });
    expect(acknowledge?.links.map((link) => link.context.spanId)).toEqual([
      start?.spanContext().spanId,
    ]);
  });

  it('records the ad id on both spans only with recordAdResponseId: true', () => {
    instrumentation = createInstrumentation({
      telemetry: { recordAdResponseId: true },
      maxRetries: 1,
    });
    startAndAcknowledge(filled('resp_joined'));
    expect(
      otel.spans().map((span) => [span.name, span.attributes['adstract.ad_response_id']]),
    ).toEqual([
      ['adstract.start', 'resp_joined'],
      ['adstract.acknowledge', 'resp_joined'],
    ]);
    const json = JSON.stringify(otel.spans().map((span) => span.attributes));
    instrumentation = createInstrumentation({
      telemetry: { recordAdResponseId: false },
      maxRetries: 1,
    });
    startAndAcknowledge(filled('resp_hidden'));
    expect(JSON.stringify(otel.spans().map((span) => span.attributes))).not.toContain(
      'resp_hidden',
    );
    expect(json).toContain('resp_joined');
  });

  it('nests the start under the active span, and the acknowledge beside it, linked to it', async () => {
    const tracer = trace.getTracer('app');
    const parent = tracer.startSpan('ai.streamText.doStream');
    const ad = filled();
    await context.with(trace.setSpan(context.active(), parent), async () => {
      instrumentation.startSent('closed', false).settled(ad);
    });
    parent.end();
    // Later, in another context (a timer, flush()): the acknowledge still goes beside its start.
    const other = tracer.startSpan('unrelated');
    context.with(trace.setSpan(context.active(), other), () => {
      instrumentation.acknowledgeSent(ad, 'timeout', 3).acknowledged('no_ad_used');
    });
    other.end();
    const [start] = otel.spansNamed('adstract.start');
    const [acknowledge] = otel.spansNamed('adstract.acknowledge');
    expect(start?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(start?.spanContext().traceId).toBe(parent.spanContext().traceId);
    // Sent later, from whatever context: recorded beside its start, never under that context.
    expect(acknowledge?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(acknowledge?.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(acknowledge?.spanContext().traceId).not.toBe(other.spanContext().traceId);
    expect(acknowledge?.links.map((link) => link.context)).toEqual([start?.spanContext()]);
    expect(acknowledge?.attributes['adstract.acknowledge.status']).toBe('no_ad_used');
  });

  it('runs the start request in its span, and the acknowledge request where its start ran', () => {
    const tracer = trace.getTracer('app');
    const modelCall = tracer.startSpan('ai.streamText.doStream');
    const ad = filled();
    const recording = context.with(trace.setSpan(context.active(), modelCall), () =>
      instrumentation.startSent(undefined, false),
    );
    const inStart = recording.run(() => trace.getActiveSpan()?.spanContext().spanId);
    recording.settled(ad);
    modelCall.end();
    const acknowledge = instrumentation.acknowledgeSent(ad, 'finished', 1);
    const inAcknowledge = acknowledge.run(() => trace.getActiveSpan()?.spanContext().spanId);
    acknowledge.acknowledged('ok');
    // An HTTP client span nests under the start span, and beside the acknowledge span.
    expect(inStart).toBe(otel.spansNamed('adstract.start')[0]?.spanContext().spanId);
    expect(inAcknowledge).toBe(modelCall.spanContext().spanId);
    expect(otel.spansNamed('adstract.acknowledge')[0]?.parentSpanContext?.spanId).toBe(
      modelCall.spanContext().spanId,
    );
  });

  it('ends the start span when its call goes on without the ad; a late 200 is a late fill', async () => {
    const ad = filled('resp_late');
    const recording = instrumentation.startSent('closed', false);
    recording.proceeded('budget');
    expect(otel.spansNamed('adstract.start')).toHaveLength(1);
    recording.settled(ad);
    instrumentation.acknowledgeSent(ad, 'finished', 12).acknowledged('ok');
    const [start] = otel.spansNamed('adstract.start');
    const [acknowledge] = otel.spansNamed('adstract.acknowledge');
    expect(start?.attributes).toMatchObject({
      'adstract.outcome': 'failed',
      'adstract.wait.end': 'budget',
      'error.type': 'timeout',
    });
    expect(start?.attributes['adstract.ad_response_id']).toBeUndefined();
    expect(acknowledge?.attributes).toMatchObject({ 'adstract.outcome': 'late-fill' });
    expect(JSON.stringify(otel.spans().map((span) => span.attributes))).not.toContain('resp_late');
    expect(acknowledge?.links[0]?.context).toEqual(start?.spanContext());
    expect((await otel.collect()).get('adstract.start.count')?.points).toEqual([
      { attributes: { 'adstract.outcome': 'late-fill' }, value: 1 },
    ]);
  });

  it.each([
    [
      'no fill',
      { status: 'no-fill', durationMs: 5 },
      undefined,
      { 'adstract.outcome': 'no-fill', 'adstract.wait.end': 'answered' },
    ],
    [
      'a rejection',
      { status: 'rejected', durationMs: 5 },
      undefined,
      { 'adstract.outcome': 'rejected', 'adstract.wait.end': 'answered' },
    ],
    [
      'a 5xx',
      {
        status: 'failed',
        reason: 'unavailable',
        durationMs: 5,
        error: new ServerError({ message: 'x' }),
      },
      undefined,
      {
        'adstract.outcome': 'failed',
        'adstract.failure.reason': 'unavailable',
        'error.type': 'ServerError',
        'adstract.wait.end': 'answered',
      },
    ],
    [
      'a 409',
      {
        status: 'failed',
        reason: 'duplicate',
        durationMs: 5,
        error: new DuplicateAdRequestError({ message: 'x' }),
      },
      undefined,
      {
        'adstract.outcome': 'failed',
        'adstract.failure.reason': 'duplicate',
        'error.type': 'DuplicateAdRequestError',
        'adstract.wait.end': 'answered',
      },
    ],
    [
      'the budget running out, then a no-fill',
      { status: 'no-fill', durationMs: 4000 },
      'budget',
      {
        'adstract.outcome': 'failed',
        'adstract.failure.reason': 'unavailable',
        'error.type': 'timeout',
        'adstract.wait.end': 'budget',
      },
    ],
    [
      'the circuit releasing the call',
      { status: 'failed', reason: 'unavailable', durationMs: 30_000 },
      'released',
      { 'adstract.outcome': 'released', 'adstract.wait.end': 'released' },
    ],
    [
      'the caller aborting',
      { status: 'no-fill', durationMs: 10 },
      'aborted',
      {
        'adstract.outcome': 'failed',
        'adstract.failure.reason': 'aborted',
        'adstract.wait.end': 'aborted',
      },
    ],
    [
      'a 200 after the budget (the span ended when the call went on)',
      filled('resp_late'),
      'budget',
      {
        'adstract.outcome': 'failed',
        'adstract.failure.reason': 'unavailable',
        'error.type': 'timeout',
        'adstract.wait.end': 'budget',
      },
    ],
  ] as const)('describes %s', (_, outcome, proceeded, expected) => {
    const recording = instrumentation.startSent('closed', false);
    if (proceeded !== undefined) recording.proceeded(proceeded);
    recording.settled(outcome as TimedOutcome);
    const [span] = otel.spansNamed('adstract.start');
    expect(span?.attributes).toEqual({
      'adstract.circuit.state': 'closed',
      'adstract.start.max_retries': 1,
      ...expected,
    });
    const isError = 'error.type' in expected;
    expect(span?.status.code).toBe(isError ? 2 : 0);
    expect(span?.status.message).toBeUndefined();
    expect(span?.events).toEqual([]);
  });

  it('marks a half-open probe', () => {
    instrumentation.startSent('half-open', true).settled({ status: 'no-fill', durationMs: 1 });
    expect(otel.spansNamed('adstract.start')[0]?.attributes).toMatchObject({
      'adstract.circuit.state': 'half-open',
      'adstract.circuit.probe': true,
    });
  });

  it('ends each span once, whatever is reported after', () => {
    const recording = instrumentation.startSent('closed', false);
    recording.settled({ status: 'no-fill', durationMs: 1 });
    recording.settled(filled());
    const acknowledge = instrumentation.acknowledgeSent(filled(), 'finished', 1);
    acknowledge.failed(new ServerError({ message: 'x' }));
    acknowledge.acknowledged('ok');
    expect(otel.spansNamed('adstract.start')).toHaveLength(1);
    expect(otel.spansNamed('adstract.start')[0]?.attributes['adstract.outcome']).toBe('no-fill');
    expect(otel.spansNamed('adstract.acknowledge')).toHaveLength(1);
  });

  it('records a failed acknowledge with its reason and class, never its message', () => {
    const ad = filled();
    instrumentation.startSent('closed', false).settled(ad);
    instrumentation
      .acknowledgeSent(ad, 'aborted', 0)
      .failed(new UnsuccessfulAdResponseError({ message: 'secret detail resp_1' }));
    const [span] = otel.spansNamed('adstract.acknowledge');
    expect(span?.attributes).toMatchObject({
      'adstract.acknowledge.status': 'failed',
      'adstract.failure.reason': 'invalid',
      'error.type': 'UnsuccessfulAdResponseError',
    });
    expect(span?.status).toEqual({ code: 2 });
    expect(JSON.stringify(span?.events)).not.toContain('secret detail');
  });
});

describe('metrics', () => {
  it('counts starts by outcome, their duration in seconds, and failures by reason', async () => {
    instrumentation.startSent('closed', false).settled(filled());
    instrumentation.startSent('closed', false).settled(filled('resp_2'));
    instrumentation.startSent('closed', false).settled({ status: 'no-fill', durationMs: 8 });
    const timedOut = instrumentation.startSent('closed', false);
    timedOut.proceeded('budget');
    timedOut.settled({
      status: 'failed',
      reason: 'unavailable',
      durationMs: 30_000,
      error: new NetworkError({ message: 'x', reason: 'timeout' }),
    });
    const recorded = await otel.collect();

    expect(recorded.get('adstract.start.count')?.points).toEqual(
      expect.arrayContaining([
        { attributes: { 'adstract.outcome': 'filled' }, value: 2 },
        { attributes: { 'adstract.outcome': 'no-fill' }, value: 1 },
        { attributes: { 'adstract.outcome': 'failed' }, value: 1 },
      ]),
    );
    expect(recorded.get('adstract.start.count')?.points).toHaveLength(3);
    const duration = recorded.get('adstract.start.duration');
    expect(duration?.unit).toBe('s');
    expect(duration?.points).toEqual(
      expect.arrayContaining([
        { attributes: { 'adstract.outcome': 'filled' }, count: 2, sum: 0.084 },
        { attributes: { 'adstract.outcome': 'failed' }, count: 1, sum: 30 },
      ]),
    );
    expect(recorded.get('adstract.failure.count')?.points).toEqual([
      {
        attributes: {
          'adstract.operation': 'start',
          'adstract.failure.reason': 'unavailable',
          'error.type': 'timeout',
        },
        value: 1,
      },
    ]);
  });

  it('counts acknowledges by status and ending, and their failures', async () => {
    startAndAcknowledge(filled('resp_a'));
    startAndAcknowledge(filled('resp_b'));
    instrumentation
      .acknowledgeSent(filled('resp_c'), 'aborted', 1)
      .failed(new ServerError({ message: 'x' }));
    const recorded = await otel.collect();
    expect(recorded.get('adstract.acknowledge.count')?.points).toEqual(
      expect.arrayContaining([
        {
          attributes: { 'adstract.acknowledge.status': 'ok', 'adstract.answer.ending': 'finished' },
          value: 2,
        },
        {
          attributes: {
            'adstract.acknowledge.status': 'failed',
            'adstract.answer.ending': 'aborted',
          },
          value: 1,
        },
      ]),
    );
    expect(recorded.get('adstract.acknowledge.duration')?.unit).toBe('s');
    expect(recorded.get('adstract.failure.count')?.points).toEqual([
      {
        attributes: {
          'adstract.operation': 'acknowledge',
          'adstract.failure.reason': 'unavailable',
          'error.type': 'ServerError',
        },
        value: 1,
      },
    ]);
  });

  it('counts skips by reason (and pacing rule) and circuit transitions, from the outcome events', async () => {
    instrumentation.outcome({ type: 'skipped', reason: 'circuit-open' });
    instrumentation.outcome({ type: 'skipped', reason: 'circuit-open' });
    instrumentation.outcome({
      type: 'skipped',
      reason: 'paced',
      rule: 'min-turns-between-ads',
      turn: 3,
    });
    instrumentation.outcome({ type: 'circuit', state: 'open', cause: 'start-failures' });
    instrumentation.outcome({ type: 'requested', sessionId: 'session-1' });
    const recorded = await otel.collect();
    expect(recorded.get('adstract.skip.count')?.points).toEqual(
      expect.arrayContaining([
        { attributes: { 'adstract.skip.reason': 'circuit-open' }, value: 2 },
        {
          attributes: {
            'adstract.skip.reason': 'paced',
            'adstract.pacing.rule': 'min-turns-between-ads',
          },
          value: 1,
        },
      ]),
    );
    expect(recorded.get('adstract.circuit.transition.count')?.points).toEqual([
      {
        attributes: {
          'adstract.circuit.state': 'open',
          'adstract.circuit.cause': 'start-failures',
        },
        value: 1,
      },
    ]);
    expect(JSON.stringify([...recorded.values()])).not.toContain('session-1');
  });
});

describe('choosing where telemetry goes', () => {
  it('records nothing with telemetry: false, even with an SDK registered', async () => {
    instrumentation = createInstrumentation({ telemetry: false, maxRetries: 0 });
    startAndAcknowledge();
    instrumentation.outcome({ type: 'skipped', reason: 'disabled' });
    expect(otel.spans()).toEqual([]);
    expect((await otel.collect()).size).toBe(0);
  });

  it('turns spans or metrics off one at a time', async () => {
    instrumentation = createInstrumentation({ telemetry: { tracer: false }, maxRetries: 0 });
    startAndAcknowledge();
    expect(otel.spans()).toEqual([]);
    expect((await otel.collect()).get('adstract.start.count')?.points).toHaveLength(1);
    instrumentation = createInstrumentation({ telemetry: { meter: false }, maxRetries: 0 });
    const before = (await otel.collect()).get('adstract.acknowledge.count')?.points[0]?.value;
    startAndAcknowledge();
    expect(otel.spans()).toHaveLength(2);
    expect((await otel.collect()).get('adstract.acknowledge.count')?.points[0]?.value).toBe(before);
  });

  it('uses a tracer and meter given explicitly, with no global SDK', async () => {
    await otel.shutdown();
    const own = startTestOpenTelemetry({ register: false });
    try {
      instrumentation = createInstrumentation({
        telemetry: {
          tracer: own.tracerProvider.getTracer('mine'),
          meter: own.meterProvider.getMeter('mine'),
        },
        maxRetries: undefined,
      });
      startAndAcknowledge();
      expect(own.spans().map((span) => span.name)).toEqual([
        'adstract.start',
        'adstract.acknowledge',
      ]);
      expect(own.spans()[0]?.attributes['adstract.start.max_retries']).toBeUndefined();
      expect((await own.collect()).get('adstract.start.count')?.points).toHaveLength(1);
    } finally {
      await own.shutdown();
      otel = startTestOpenTelemetry();
    }
  });

  it('records nothing and throws nothing without a registered SDK, and picks one up later', async () => {
    await otel.shutdown();
    startAndAcknowledge();
    instrumentation.outcome({ type: 'skipped', reason: 'disabled' });
    otel = startTestOpenTelemetry();
    startAndAcknowledge(filled('resp_after'));
    expect(
      otel.spans().map((span) => [span.name, span.attributes['adstract.answer.length']]),
    ).toEqual([
      ['adstract.start', undefined],
      ['adstract.acknowledge', 27],
    ]);
  });

  it('survives a tracer and a meter that throw: the request is still sent, once', () => {
    const broken = () => {
      throw new Error('broken exporter');
    };
    instrumentation = createInstrumentation({
      telemetry: {
        tracer: { startSpan: broken },
        meter: { createCounter: broken, createHistogram: broken },
      },
      maxRetries: 0,
    });
    let sent = 0;
    const recording = instrumentation.startSent('closed', false);
    expect(recording.run(() => ++sent)).toBe(1);
    expect(() => recording.proceeded('budget')).not.toThrow();
    expect(() => recording.settled(filled())).not.toThrow();
    const acknowledge = instrumentation.acknowledgeSent(filled(), 'finished', 1);
    expect(acknowledge.run(() => ++sent)).toBe(2);
    expect(() => acknowledge.acknowledged('ok')).not.toThrow();
    expect(() => instrumentation.outcome({ type: 'skipped', reason: 'disabled' })).not.toThrow();
  });
});
