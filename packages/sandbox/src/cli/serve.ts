import { type ModelStandIn, startModelStandIn } from '../model/start-model-stand-in.js';
import { ACKNOWLEDGE_PATH, START_PATH } from '../sandbox/handle-request.js';
import { type Sandbox, startSandbox } from '../sandbox/start-sandbox.js';
import type { CliOptions } from './parse-arguments.js';
import {
  MODEL_SERVICE,
  SANDBOX_SERVICE,
  type ServiceIdentity,
  ServiceStartError,
} from './service-start-error.js';

/** The services the CLI runs. */
export interface Served {
  sandbox: Sandbox;
  standIn: ModelStandIn | undefined;
  close(): Promise<void>;
}

const time = () => new Date().toISOString().slice(11, 23);

/**
 * Starts the sandbox (and the model stand-in when asked), printing a banner and then one line
 * per request through `write`. Rejects with a `ServiceStartError` (which service, and Node's error
 * such as `EADDRINUSE` as its `cause`) when a port cannot be used; nothing is left running then.
 */
export async function serve(options: CliOptions, write: (line: string) => void): Promise<Served> {
  const logger = (source: string) =>
    options.quiet ? false : (line: string) => write(`${time()} ${source} ${line}`);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: options.port,
      host: options.host,
      logger: logger('adstract'),
      faults: options.faults,
      random: options.seed === undefined ? undefined : { seed: options.seed },
    });
  } catch (error) {
    throw listenFailure(SANDBOX_SERVICE, error);
  }
  let standIn: ModelStandIn | undefined;
  try {
    if (options.modelPort !== undefined) {
      standIn = await startModelStandIn({
        port: options.modelPort,
        host: options.host,
        chunkDelayMs: options.chunkDelayMs,
        logger: logger('model'),
      });
    }
  } catch (error) {
    await sandbox.close();
    throw listenFailure(MODEL_SERVICE, error);
  }
  write(`Adstract sandbox listening on ${sandbox.url}`);
  write(`  start:       POST ${sandbox.url}${START_PATH}`);
  write(`  acknowledge: POST ${sandbox.url}${ACKNOWLEDGE_PATH}`);
  if (options.seed !== undefined) write(`  random faults: seed ${options.seed}, default rates`);
  if (options.faults.length > 0) write(`  faults for every request: ${options.faults.join(', ')}`);
  if (standIn !== undefined) write(`Model stand-in listening on ${standIn.url}`);
  write('Press Ctrl+C to stop.');
  return {
    sandbox,
    standIn,
    async close() {
      await Promise.all([sandbox.close(), standIn?.close()]);
    },
  };
}

/** Node's listen errors carry a `code` (`EADDRINUSE`…); anything else (a bad fault list) passes. */
function listenFailure(service: ServiceIdentity, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? new ServiceStartError(service, error) : error;
}
