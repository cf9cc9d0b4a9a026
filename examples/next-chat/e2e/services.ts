import { existsSync, mkdirSync } from 'node:fs';
import {
  type ModelStandIn,
  type Sandbox,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';
import { type Browser, chromium } from 'playwright-core';
import { type NextServer, startNext } from './next-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots go here (`examples/next-chat/test-results/`). */
export const ARTIFACTS = new URL('../test-results/', import.meta.url);

/** The sandbox, the model stand-in, `next start` against both, and Debian's Chromium. */
export interface Services {
  sandbox: Sandbox;
  standIn: ModelStandIn;
  next: NextServer;
  browser: Browser;
  /** The acknowledges and starts the sandbox received since its last reset. */
  acknowledgements(): Sandbox['requests'];
  starts(): Sandbox['requests'];
  stop(): Promise<void>;
}

/** The environment `scripts/with-local-services.mjs` gives Next.js, pointed at these stand-ins. */
export function nextEnvironment(sandbox: Sandbox, standIn: ModelStandIn): Record<string, string> {
  return {
    ADSTRACT_BASE_URL: sandbox.url,
    ADSTRACT_API_KEY: 'adpk_sandbox_e2e_key',
    LOCAL_ADSTRACT_SANDBOX: '1',
    OPENAI_BASE_URL: standIn.url,
    OPENAI_API_KEY: 'stand-in',
    LOCAL_MODEL_STAND_IN: '1',
    // Chromium reaches the server from 127.0.0.1, which Adstract refuses as an end user's IP:
    // a documentation address stands in for the end user. See lib/ip-source.ts.
    CLIENT_IP_SOURCE: 'ip:198.51.100.20',
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium); .ci/run does this.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function startServices(): Promise<Services> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const started: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const close of started.reverse()) await close().catch(() => {});
  };
  try {
    const sandbox = await startSandbox({ logger: false });
    started.push(() => sandbox.close());
    const standIn = await startModelStandIn({ chunkDelayMs: 10 });
    started.push(() => standIn.close());
    const next = await startNext(nextEnvironment(sandbox, standIn));
    started.push(() => next.stop());
    const browser = await launchChromium();
    started.push(() => browser.close());
    const byPath = (part: string) => () =>
      sandbox.requests.filter((request) => request.path.includes(part));
    return {
      sandbox,
      standIn,
      next,
      browser,
      acknowledgements: byPath('/acknowledge'),
      starts: byPath('/start'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
