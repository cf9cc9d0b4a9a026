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

/**
 * What `make` returns for the provider `read` finds, asked again only when the registered provider
 * changes (an SDK registered, or replaced, after the middleware was made).
 */
function perProvider<Made>(
  read: () => unknown,
  method: string,
  make: (provider: unknown) => Made,
): () => Made | undefined {
  let provider: unknown;
  let made: Made | undefined;
  return () => {
    const current = read();
    if (current !== provider) {
      provider = current;
      made = hasFunction(current, method) ? make(current) : undefined;
    }
    return made;
  };
}

/** Creates a reader of the global registry that asks each provider once for its tracer or meter. */
export function createGlobalOpenTelemetry(scope: {
  name: string;
  version: string;
}): GlobalOpenTelemetry {
  return {
    tracer: perProvider(
      () => registry()?.trace,
      'getTracer',
      (provider) => (provider as TracerProvider).getTracer(scope.name, scope.version),
    ),
    meter: perProvider(
      () => registry()?.metrics,
      'getMeter',
      (provider) => (provider as MeterProvider).getMeter(scope.name, scope.version),
    ),
    contextManager() {
      const manager = registry()?.context;
      return hasFunction(manager, 'active') && hasFunction(manager, 'with')
        ? (manager as unknown as OpenTelemetryContextManager)
        : undefined;
    },
  };
}
