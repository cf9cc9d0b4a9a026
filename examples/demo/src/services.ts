import {
  type ModelStandIn,
  type Sandbox,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';
import { type RealTarget, resolveTargets } from './resolve-targets.js';

/** One service the demo talks to: where, with which key, and whether it is the local stand-in. */
export interface ServiceEndpoint {
  baseURL: string;
  apiKey: string;
  /** What the banner shows. */
  label: string;
  /** True for the local sandbox or model stand-in, false for the real service. */
  local: boolean;
}

/** Where the demo sends its Adstract and model traffic. */
export interface Services {
  adstract: ServiceEndpoint;
  openai: ServiceEndpoint;
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

export const SANDBOX_KEY = 'adpk_sandbox_demo_key';

/** Default base URLs of the real services (used when the `*_BASE_URL` variable is unset or empty). */
export const ADSTRACT_DEFAULT_BASE_URL = 'https://api.adstract.ai';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Pause between the model stand-in's streamed words: long enough to see the answer stream,
 * short enough to keep the whole demo to a few seconds.
 */
export const STAND_IN_CHUNK_DELAY_MS = 20;

/**
 * Starts the local sandbox and model stand-in on free ports, each unless real credentials are set:
 * `ADSTRACT_API_KEY` (+ optional `ADSTRACT_BASE_URL`) and `OPENAI_API_KEY` (+ optional
 * `OPENAI_BASE_URL`) replace them independently. Empty variables count as unset.
 */
export async function startServices(environment: NodeJS.ProcessEnv): Promise<Services> {
  const targets = resolveTargets(environment);
  let sandbox: Sandbox | undefined;
  let standIn: ModelStandIn | undefined;
  try {
    let adstract: ServiceEndpoint;
    if (targets.adstract.kind === 'real') {
      adstract = realEndpoint(targets.adstract, ADSTRACT_DEFAULT_BASE_URL);
    } else {
      sandbox = await startSandbox({ logger: false });
      adstract = {
        baseURL: sandbox.url,
        apiKey: SANDBOX_KEY,
        label: `local sandbox at ${sandbox.url}`,
        local: true,
      };
    }
    let openai: ServiceEndpoint;
    if (targets.openai.kind === 'real') {
      openai = realEndpoint(targets.openai, OPENAI_DEFAULT_BASE_URL);
    } else {
      standIn = await startModelStandIn({ chunkDelayMs: STAND_IN_CHUNK_DELAY_MS });
      openai = {
        baseURL: standIn.url,
        apiKey: 'stand-in',
        label: `local model stand-in at ${standIn.url}`,
        local: true,
      };
    }
    return {
      adstract,
      openai,
      sandbox,
      async close() {
        await Promise.all([sandbox?.close(), standIn?.close()]);
      },
    };
  } catch (error) {
    await Promise.all([sandbox?.close(), standIn?.close()]);
    throw error;
  }
}

function realEndpoint(target: RealTarget, defaultBaseURL: string): ServiceEndpoint {
  const baseURL = target.baseURL ?? defaultBaseURL;
  return { baseURL, apiKey: target.apiKey, label: baseURL, local: false };
}
