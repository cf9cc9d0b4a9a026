/**
 * One log line for a failed model call: the error's name, its HTTP status when it has one (or
 * the last attempt's, after the AI SDK's retries), and the first line of its message, cut at 200
 * characters. No stack trace (a failing provider would print one per request), and no request or
 * response bodies: those carry the conversation.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown: ${typeof error}`;
  const status = statusOf(error) ?? statusOf('lastError' in error ? error.lastError : undefined);
  const [firstLine = ''] = error.message.split('\n', 1);
  const message = firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
  return `${error.name}${status === undefined ? '' : ` ${status}`}: ${message}`;
}

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' &&
  error !== null &&
  'statusCode' in error &&
  typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined;
