import type { IncomingMessage } from 'node:http';

/** Thrown by {@link readBody} when a body is larger than its limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads a request body as UTF-8 text, up to `limitBytes`. Rejects with `BodyTooLargeError` past
 * the limit (the rest is drained), and with an error when the client goes away mid-body.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.once('end', () => {
      if (tooLarge) reject(new BodyTooLargeError(`body larger than ${limitBytes} bytes`));
      else
        resolve(
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks).toString('utf8'),
        );
    });
    request.once('error', reject);
    request.once('close', () => {
      if (!request.complete) reject(new Error('the client closed the connection mid-body'));
    });
  });
}
