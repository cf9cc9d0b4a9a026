const marker = Symbol.for('adstract.error.AdSDKError');

/** Options every Adstract error takes. */
export interface AdSDKErrorOptions {
  message: string;
  /** HTTP status of the answer that caused the error, when there was one. */
  statusCode?: number;
  /** A short snippet (at most 500 characters) of the answer's body. */
  responseBody?: string;
  cause?: unknown;
}

const SNIPPET_LENGTH = 500;

/** True when `value` carries the given error marker (works across duplicate installs). */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && symbol in value;
}

/**
 * Base class of every error of the Adstract SDK. `isInstance` works across duplicate installs
 * of the package (it checks a `Symbol.for` marker, not the prototype chain).
 */
export class AdSDKError extends Error {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'AdSDKError';
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;

  constructor({ message, statusCode, responseBody, cause }: AdSDKErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.statusCode = statusCode;
    this.responseBody =
      responseBody === undefined || responseBody.length <= SNIPPET_LENGTH
        ? responseBody
        : `${responseBody.slice(0, SNIPPET_LENGTH)}…`;
  }

  /** True when `error` is an `AdSDKError`, from this or any other copy of this package. */
  static isInstance(error: unknown): error is AdSDKError {
    return hasMarker(error, marker);
  }
}
