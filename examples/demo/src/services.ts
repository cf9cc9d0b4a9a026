import {
  type ModelStandIn,
  type Sandbox,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';

/** Where the demo sends its Adstract and model traffic. */
export interface Services {
  adstract: { baseURL: string | undefined; apiKey: string; label: string };
  openai: { baseURL: string | undefined; apiKey: string; label: string };
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

export const SANDBOX_KEY = 'adpk_sandbox_demo_key';

/**
 * Starts the local sandbox and model stand-in on free ports, each unless real credentials are set:
 * `ADSTRACT_API_KEY` (+ optional `ADSTRACT_BASE_URL`) and `OPENAI_API_KEY` replace them independently.
 */
export async function startServices(environment: NodeJS.ProcessEnv): Promise<Services> {
  let sandbox: Sandbox | undefined;
  let standIn: ModelStandIn | undefined;
  try {
    const realAdstractKey = environment.ADSTRACT_API_KEY;
    if (realAdstractKey === undefined) sandbox = await startSandbox({ logger: false });
    const realOpenAIKey = environment.OPENAI_API_KEY;
    if (realOpenAIKey === undefined) standIn = await startModelStandIn();
    return {
      adstract: sandbox
        ? { baseURL: sandbox.url, apiKey: SANDBOX_KEY, label: `local sandbox at ${sandbox.url}` }
        : {
            baseURL: environment.ADSTRACT_BASE_URL,
            apiKey: realAdstractKey ?? '',
            label: environment.ADSTRACT_BASE_URL ?? 'api.adstract.ai',
          },
      openai: standIn
        ? {
            baseURL: standIn.url,
            apiKey: 'stand-in',
            label: `local model stand-in at ${standIn.url}`,
          }
        : { baseURL: undefined, apiKey: realOpenAIKey ?? '', label: 'OpenAI' },
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
