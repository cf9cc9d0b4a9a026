import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Enough pending connections for a thousand concurrent clients without SYN retries. */
const BACKLOG = 2048;

/**
 * Starts listening and resolves the bound port (useful with port 0). Rejects with Node's own
 * error, such as `EADDRINUSE`, when the port cannot be used.
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, backlog: BACKLOG });
  });
}

/** The URL clients use to reach `host:port` (a wildcard host is reached through loopback). */
export function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return reachable.includes(':') ? `http://[${reachable}]:${port}` : `http://${reachable}:${port}`;
}
