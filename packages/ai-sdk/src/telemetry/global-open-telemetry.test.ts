import { context, createContextKey, metrics, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestOpenTelemetry, type TestOpenTelemetry } from '../testing/test-open-telemetry.js';
import { createGlobalOpenTelemetry, SPAN_KEY } from './global-open-telemetry.js';
import type { OpenTelemetryMeter, OpenTelemetryTracer } from './open-telemetry-types.js';

const scope = { name: '@adstract/ai-sdk', version: '1.2.3' };
let otel: TestOpenTelemetry | undefined;

afterEach(async () => {
  await otel?.shutdown();
  otel = undefined;
});

describe('createGlobalOpenTelemetry', () => {
  it('finds nothing when no SDK is registered', () => {
    const global = createGlobalOpenTelemetry(scope);
    expect(global.tracer()).toBeUndefined();
    expect(global.meter()).toBeUndefined();
    expect(global.contextManager()).toBeUndefined();
  });

  it('reads what @opentelemetry/api registered: the tracer of this package, the meter, the context', () => {
    otel = startTestOpenTelemetry();
    const global = createGlobalOpenTelemetry(scope);
    const span = global.tracer()?.startSpan('probe');
    span?.end();
    const [recorded] = otel.spans();
    expect(recorded?.instrumentationScope).toMatchObject(scope);
    expect(global.tracer()).toBe(global.tracer());
    expect(global.meter()).toBeDefined();

    const parent = trace.getTracer('app').startSpan('parent');
    const active = context.with(trace.setSpan(context.active(), parent), () =>
      global.contextManager()?.active(),
    );
    expect(active?.getValue(SPAN_KEY)).toBe(parent);
    parent.end();
  });

  it('follows a provider registered after it was made, and one that replaces it', async () => {
    const global = createGlobalOpenTelemetry(scope);
    expect(global.tracer()).toBeUndefined();
    otel = startTestOpenTelemetry();
    global.tracer()?.startSpan('first').end();
    expect(otel.spans().map((span) => span.name)).toEqual(['first']);
    await otel.shutdown();
    expect(global.tracer()).toBeUndefined();
    otel = startTestOpenTelemetry();
    global.tracer()?.startSpan('second').end();
    expect(otel.spans().map((span) => span.name)).toEqual(['second']);
  });

  it('uses the span key every copy of the API uses', () => {
    expect(SPAN_KEY).toBe(createContextKey('OpenTelemetry Context Key SPAN'));
    const span = trace.wrapSpanContext({
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      traceFlags: 1,
    });
    expect(trace.getSpan(ROOT_CONTEXT.setValue(SPAN_KEY, span))).toBe(span);
  });

  it('ignores a registry entry that is not a provider', () => {
    const key = Symbol.for('opentelemetry.js.api.1');
    const globals = globalThis as Record<symbol, unknown>;
    globals[key] = { version: '1.9.0', trace: 'not a provider', metrics: {}, context: 42 };
    try {
      const global = createGlobalOpenTelemetry(scope);
      expect(global.tracer()).toBeUndefined();
      expect(global.meter()).toBeUndefined();
      expect(global.contextManager()).toBeUndefined();
    } finally {
      delete globals[key];
    }
  });

  it('takes the API’s own Tracer and Meter for the telemetry option (checked by tsc)', () => {
    const tracer: OpenTelemetryTracer = trace.getTracer('app');
    const meter: OpenTelemetryMeter = metrics.getMeter('app');
    expect(typeof tracer.startSpan).toBe('function');
    expect(typeof meter.createHistogram).toBe('function');
  });
});
