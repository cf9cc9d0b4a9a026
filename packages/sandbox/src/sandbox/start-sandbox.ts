import { createServer } from 'node:http';
import { closeServer } from '../http/close-server.js';
import { trackConnections } from '../http/connection-tracker.js';
import { baseUrl, listen } from '../http/listen.js';
import { type LoggerOption, resolveLogger } from '../http/logger.js';
import { createAdLedger } from './ad-ledger.js';
import { parseFaultSpec, type SandboxFaultSpec } from './fault.js';
import { handleRequest, type SandboxState } from './handle-request.js';
import {
  type AdLedgerSummary,
  type IssuedAd,
  listIssuedAds,
  summarizeIssuedAds,
} from './issued-ads.js';
import { type RandomFaultOptions, resolveRandomRates } from './random-faults.js';
import type { RecordedRequest } from './recorded-request.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on. Default 0: a free port. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** `true` (default) logs one line per request to stdout, `false` is silent, or pass a function. */
  logger?: LoggerOption;
  /** Faults for every request: `'latency=200'`, `['server-error', 'ack=500']`… (see the README). */
  faults?: SandboxFaultSpec;
  /** Seeded random faults, drawn per request. */
  random?: RandomFaultOptions;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL to pass as the client's `baseURL`, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Every request received since start (or the last `reset()`), in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** TCP connections accepted since start (keep-alive reuse shows as a small number). */
  readonly connections: number;
  /** TCP connections open right now. */
  readonly openConnections: number;
  /** True while the sandbox accepts connections (false after `refuseConnections()` or `close()`). */
  readonly listening: boolean;
  /** Replaces the server-wide faults (`undefined` clears them). Throws for a bad fault list. */
  setFaults(faults: SandboxFaultSpec | undefined): void;
  /**
   * Every ad the sandbox issued since start (or the last `reset()`): each start it answered 200,
   * or decided to, with whether the client got it and how often it was acknowledged. Copies.
   */
  ads(): IssuedAd[];
  /** The issued ads added up: `issued − acknowledged = orphaned.length`. */
  ledgerSummary(): AdLedgerSummary;
  /**
   * Simulates an outage: stops listening and destroys every connection, so clients get
   * `ECONNREFUSED` until `acceptConnections()`. Requests in progress end unanswered.
   */
  refuseConnections(): Promise<void>;
  /** Listens again on the same host and port after `refuseConnections()`. */
  acceptConnections(): Promise<void>;
  /** Forgets recorded requests and every ad, message and acknowledge (faults are kept). */
  reset(): void;
  /** Stops the server and destroys every connection, hung ones included. */
  close(): Promise<void>;
}

/**
 * Starts a local Adstract server that follows the public contract (`start` and `acknowledge`),
 * with deterministic outcomes and faults on demand.
 *
 * @example
 * const sandbox = await startSandbox({ logger: false });
 * const adstract = new Adstract({ apiKey: 'adpk_sandbox_key', baseURL: sandbox.url });
 * // …
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const random =
    options.random === undefined
      ? undefined
      : { seed: options.random.seed, rates: resolveRandomRates(options.random) };
  let closing = false;
  let refusing = false;
  let nextId = 0;
  const state: SandboxState = {
    ledger: createAdLedger(),
    requests: [],
    serverFaults: parseFaultSpec(options.faults),
    random,
    log: resolveLogger(options.logger, true, '[adstract-sandbox]'),
    active: new Set(),
    isClosing: () => closing || refusing,
    nextId: () => ++nextId,
  };

  const server = createServer((request, response) => {
    handleRequest(state, request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({ detail: 'Sandbox internal error.', code: 'sandbox_internal_error' }),
        );
      }
      state.log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const tracker = trackConnections(server);
  const port = await listen(server, options.port ?? 0, host);
  let closed: Promise<void> | undefined;
  // Outage switches run one after the other, so a quick refuse + accept cannot interleave.
  let switching: Promise<void> = Promise.resolve();
  const switchTo = (accepting: boolean) => {
    const next = switching.then(async () => {
      if (closing) throw new Error('The sandbox is closed.');
      if (accepting) {
        if (!server.listening) await listen(server, port, host);
        refusing = false;
      } else {
        refusing = true;
        for (const controller of state.active) controller.abort();
        await closeServer(server, tracker);
      }
    });
    switching = next.catch(() => undefined);
    return next;
  };

  return {
    url: baseUrl(host, port),
    port,
    host,
    get requests() {
      return state.requests;
    },
    get connections() {
      return tracker.accepted;
    },
    get openConnections() {
      return tracker.open;
    },
    get listening() {
      return server.listening;
    },
    setFaults(faults) {
      state.serverFaults = parseFaultSpec(faults);
    },
    ads: () => listIssuedAds(state.ledger),
    ledgerSummary: () => summarizeIssuedAds(listIssuedAds(state.ledger)),
    refuseConnections: () => switchTo(false),
    acceptConnections: () => switchTo(true),
    reset() {
      state.requests.length = 0;
      state.ledger.clear();
    },
    close() {
      closing = true;
      for (const controller of state.active) controller.abort();
      closed ??= closeServer(server, tracker);
      return closed;
    },
  };
}
