import { FaultSyntaxError } from '../sandbox/fault.js';
import { CliUsageError } from './parse-arguments.js';

/** A one-line explanation of why the CLI could not start (never a stack trace). */
export function describeStartupError(error: unknown, host: string): string {
  if (error instanceof CliUsageError || error instanceof FaultSyntaxError) {
    return `${error.message}. Run adstract-sandbox --help for usage.`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const port = (error as { port?: unknown } | null)?.port;
  const where = typeof port === 'number' ? `port ${port} on ${host}` : `the port on ${host}`;
  if (code === 'EADDRINUSE') {
    return `${where} is already in use. Stop what uses it, or pick another with --port (0 picks a free one).`;
  }
  if (code === 'EACCES') return `no permission to listen on ${where}. Use a port above 1023.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `cannot listen on ${host}: no such local address. Try --host 127.0.0.1.`;
  }
  return error instanceof Error ? error.message : String(error);
}
