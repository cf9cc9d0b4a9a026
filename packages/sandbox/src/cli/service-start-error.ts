/** Which of the CLI's services failed to start, and the flag that sets its port. */
export interface ServiceIdentity {
  /** How the CLI names the service in messages, e.g. `sandbox` or `model stand-in`. */
  name: string;
  /** The option that chooses its port, e.g. `--port` or `--model-port`. */
  portFlag: string;
}

/** The sandbox, started by every CLI run. */
export const SANDBOX_SERVICE: ServiceIdentity = { name: 'sandbox', portFlag: '--port' };

/** The model stand-in, started with `--model-port`. */
export const MODEL_SERVICE: ServiceIdentity = { name: 'model stand-in', portFlag: '--model-port' };

/**
 * A service of the CLI could not start (a port in use, no permission, no such address): wraps
 * Node's error (`cause`, with its `code` and `port`) with which service it was, so the message can
 * name the right flag.
 */
export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
  readonly service: ServiceIdentity;

  constructor(service: ServiceIdentity, cause: unknown) {
    super(`${service.name}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.service = service;
  }
}
