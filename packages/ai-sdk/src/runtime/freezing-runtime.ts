/**
 * A runtime that freezes or ends an invocation once its response is done: work left floating (not
 * handed to `waitUntil`), such as the acknowledge sent after an answer, is lost there.
 */
export interface FreezingRuntime {
  /** The runtime's name, as a report says it. */
  readonly name: string;
  /** What to pass as the middleware's `waitUntil` there, as a sentence. */
  readonly fix: string;
}

/** The globals read, each optional: any object can stand in for `globalThis`. */
interface RuntimeSignals {
  navigator?: { userAgent?: unknown };
  EdgeRuntime?: unknown;
}

const CLOUDFLARE_WORKERS: FreezingRuntime = {
  name: 'Cloudflare Workers',
  fix: "Pass `waitUntil` imported from 'cloudflare:workers' (it works at module scope), or `(promise) => ctx.waitUntil(promise)` (a bare `ctx.waitUntil` loses its `this` and throws).",
};

const EDGE_RUNTIME: FreezingRuntime = {
  name: "an edge runtime (Vercel Edge, or Next.js with `runtime = 'edge'`)",
  fix: "Pass `after` from 'next/server', or `waitUntil` from '@vercel/functions'.",
};

/**
 * Tells whether the code runs on a runtime known to freeze work left floating after the response,
 * from documented globals only (no Node API, so it runs on the edge itself):
 *
 * - Cloudflare Workers: `navigator.userAgent === 'Cloudflare-Workers'` (workerd, with the
 *   `global_navigator` flag every compatibility date since 2022-03-21 has). Checked first: with
 *   `nodejs_compat` a Worker also has `process.versions.node`.
 * - Vercel Edge and the Next.js edge runtime: a string `EdgeRuntime` global.
 *
 * Returns `undefined` elsewhere, including on hosts that freeze but expose no such signal.
 */
export function detectFreezingRuntime(scope: object = globalThis): FreezingRuntime | undefined {
  const signals = scope as RuntimeSignals;
  if (signals.navigator?.userAgent === 'Cloudflare-Workers') return CLOUDFLARE_WORKERS;
  if (typeof signals.EdgeRuntime === 'string') return EDGE_RUNTIME;
  return undefined;
}
