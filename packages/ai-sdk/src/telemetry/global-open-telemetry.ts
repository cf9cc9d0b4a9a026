import type {
  OpenTelemetryContextManager,
  OpenTelemetryMeter,
  OpenTelemetryTracer,
} from './open-telemetry-types.js';

/**
 * Where every copy of `@opentelemetry/api` 1.x keeps what the app registered (tracer and meter
 * providers, the context manager), shared by all copies of the API in the process: the app's SDK
 * registers through its copy, and every library reads the same objects.
 */
const REGISTRY_KEY = Symbol.for('opentelemetry.js.api.1');

/** The key under which every copy of the API keeps a context's span (`trace.setSpan`). */
export const SPAN_KEY: symbol = Symbol.for('OpenTelemetry Context Key SPAN');

interface TracerProvider {
  getTracer(name: string, version: string): OpenTelemetryTracer;
}

interface MeterProvider {
  getMeter(name: string, version: string): OpenTelemetryMeter;
}

interface Registry {
  trace?: unknown;
  metrics?: unknown;
  context?: unknown;
}

const hasFunction = (value: unknown, name: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === 'function';

function registry(): Registry | undefined {
  const value = (globalThis as Record<symbol, unknown>)[REGISTRY_KEY];
  return typeof value === 'object' && value !== null ? (value as Registry) : undefined;
}

/**
 * The OpenTelemetry the app registered globally, read on each call (an SDK may be registered after
 * the middleware is made). This reads the API's own registry instead of importing
 * `@opentelemetry/api`: no import that a bundler must resolve (it is an optional peer), nothing to
 * load asynchronously before the first call can be traced, the same objects whichever copy of the
 * API registered them, and nothing at all when no SDK is registered.
 */
export interface GlobalOpenTelemetry {
  /** The registered tracer provider's tracer of this package, or undefined. */
  tracer(): OpenTelemetryTracer | undefined;
  /** The registered meter provider's meter of this package, or undefined. */
  meter(): OpenTelemetryMeter | undefined;
  /** The registered context manager (`AsyncLocalStorage` on Node), or undefined. */
  contextManager(): OpenTelemetryContextManager | undefined;
}

/** Creates a reader of the global registry that asks each provider once for its tracer or meter. */
export function createGlobalOpenTelemetry(scope: {
  name: string;
  version: string;
}): GlobalOpenTelemetry {
  let tracerProvider: unknown;
  let tracer: OpenTelemetryTracer | undefined;
  let meterProvider: unknown;
  let meter: OpenTelemetryMeter | undefined;
  return {
    tracer() {
      const provider = registry()?.trace;
      if (provider !== tracerProvider) {
        tracerProvider = provider;
        tracer = hasFunction(provider, 'getTracer')
          ? (provider as unknown as TracerProvider).getTracer(scope.name, scope.version)
          : undefined;
      }
      return tracer;
    },
    meter() {
      const provider = registry()?.metrics;
      if (provider !== meterProvider) {
        meterProvider = provider;
        meter = hasFunction(provider, 'getMeter')
          ? (provider as unknown as MeterProvider).getMeter(scope.name, scope.version)
          : undefined;
      }
      return meter;
    },
    contextManager() {
      const manager = registry()?.context;
      return hasFunction(manager, 'active') && hasFunction(manager, 'with')
        ? (manager as unknown as OpenTelemetryContextManager)
        : undefined;
    },
  };
}
