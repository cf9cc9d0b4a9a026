import { APICallError, RetryError } from 'ai';
import type { ServiceEndpoint } from './services.js';

/** What the demo makes of a failed model call. */
export interface ModelFailure {
  /** True when every further turn would fail the same way, so the demo stops. */
  fatal: boolean;
  /** One line: no stack trace, never the API key. */
  message: string;
}

const USE_STAND_IN = 'or unset OPENAI_API_KEY to use the local model stand-in.';

/**
 * Turns a model error (as `streamText` reports it, possibly wrapped in a `RetryError`) into one
 * clear line. An unreachable model, a rejected key or an unknown endpoint are fatal set-up
 * problems that name the variable to fix; anything else fails only its own turn.
 */
export function describeModelFailure(
  error: unknown,
  openai: Pick<ServiceEndpoint, 'label' | 'local'>,
): ModelFailure {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  const where = openai.local ? `the local model stand-in at ${openai.label}` : openai.label;
  const fix = (check: string) =>
    openai.local ? 'This is a bug in the demo.' : `${check}, ${USE_STAND_IN}`;
  if (APICallError.isInstance(last)) {
    const status = last.statusCode;
    if (status === undefined) {
      return {
        fatal: true,
        message: `cannot reach the model at ${where} (${deepestMessage(last)}). ${fix('Check OPENAI_BASE_URL and that the service is running')}`,
      };
    }
    if (status === 401 || status === 403) {
      return {
        fatal: true,
        message: `the model API at ${where} rejected OPENAI_API_KEY (HTTP ${status}). ${fix('Set OPENAI_API_KEY to a valid key')}`,
      };
    }
    if (status === 404) {
      return {
        fatal: true,
        message: `the model API at ${where} answered HTTP 404 (${oneLine(last.message)}). ${fix('Check OPENAI_BASE_URL')}`,
      };
    }
    return { fatal: false, message: `model error: HTTP ${status}: ${oneLine(last.message)}` };
  }
  const name = last instanceof Error ? last.name : 'Error';
  const message = last instanceof Error ? last.message : String(last);
  return { fatal: false, message: `model error: ${name}: ${oneLine(message)}` };
}

/** The message of the innermost `cause` (e.g. `connect ECONNREFUSED 127.0.0.1:4799`). */
function deepestMessage(error: Error): string {
  let current: unknown = error;
  let message = error.message;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    if (current.message !== '') message = current.message;
    current = current.cause;
  }
  return oneLine(message);
}

function oneLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
