import { FaultSyntaxError } from '../sandbox/fault.js';
import { CliUsageError } from './parse-arguments.js';
import { type ServiceIdentity, ServiceStartError } from './service-start-error.js';

/**
 * A one-line explanation of why the CLI could not start (never a stack trace). For a
 * `ServiceStartError` it names the service whose port failed and the flag that sets that port.
 */
export function describeStartupError(error: unknown, host: string): string {
  if (error instanceof CliUsageError || error instanceof FaultSyntaxError) {
    return `${error.message}. Run adstract-sandbox --help for usage.`;
  }
  const service: ServiceIdentity | undefined =
    error instanceof ServiceStartError ? error.service : undefined;
  const cause: unknown = error instanceof ServiceStartError ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  const port = (cause as { port?: unknown } | null)?.port;
  const portOnHost = typeof port === 'number' ? `port ${port} on ${host}` : `the port on ${host}`;
  const where = service === undefined ? portOnHost : `the ${service.name}'s ${portOnHost}`;
  const flag = service?.portFlag ?? '--port';
  if (code === 'EADDRINUSE') {
    return `${where} is already in use. Stop what uses it, or pick another with ${flag} (0 picks a free one).`;
  }
  if (code === 'EACCES') {
    return `no permission to listen on ${where}. Use a port above 1023 with ${flag}.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `cannot listen on ${host}: no such local address. Try --host 127.0.0.1.`;
  }
  if (error instanceof ServiceStartError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
