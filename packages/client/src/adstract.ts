import { interpretAcknowledgeResponse } from './acknowledge-response.js';
import { redactAdResponseIds } from './ad-response-ids.js';
import { validateApiKey } from './api-key.js';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';
import { validateBaseURL } from './base-url.js';
import { readEnvironment } from './environment.js';
import { AdSDKError } from './errors/ad-sdk-error.js';
import { NetworkError } from './errors/network-error.js';
import { ValidationError } from './errors/validation-error.js';
import { type HeaderValue, headerValue } from './header-value.js';
import { INPUT_LIMITS } from './internal/input-limits.js';
import { parseIpAddress } from './internal/ip-address.js';
import {
  checkLength,
  isNonEmptyString,
  isRecord,
  MAX_TIMER_MS,
  validateNumber,
} from './internal/option-checks.js';
import { type PrivateValues, redactPrivateValues } from './private-values.js';
import { redact } from './redact.js';
import { withRedactedCause } from './redacted-copy.js';
import type { ScreenedResponse } from './response-body.js';
import { interpretStartResponse } from './start-response.js';
import { createTransport } from './transport.js';
import type {
  AcknowledgmentResult,
  AdResponse,
  OptionalContext,
  RequestContext,
  SdkIdentity,
  WrappingType,
} from './types.js';
import {
  validateOptionalContext,
  validatePrompt,
  validateRequestContext,
  validateWrappingType,
} from './validation.js';
import { SDK_NAME, VERSION } from './version.js';

/** Options of {@link Adstract}. */
export interface AdstractOptions {
  /** API key. Default `ADSTRACT_API_KEY`. 10 to 1 024 characters of printable ASCII, no whitespace. */
  apiKey?: string;
  /** Default `ADSTRACT_BASE_URL`, then `https://api.adstract.ai`. No credentials, query or fragment. */
  baseURL?: string;
  /** Time limit of each attempt, in whole ms (1 to 2^31 − 1). Default 100 000 (as the Python SDK). */
  timeoutMs?: number;
  /** Retries of start on 429, 5xx and network failures (0..5). Default 0. */
  retries?: number;
  /** Backoff base, in ms: attempt n waits a random time up to min(base × 2^n, maxBackoffMs). Default 500. */
  backoffFactorMs?: number;
  /** Backoff cap, and the longest `Retry-After` that is waited for, in ms. Default 8 000. */
  maxBackoffMs?: number;
  /** How the LLM is told to wrap ad content. Default `xml`. */
  wrappingType?: WrappingType;
  /** Fetch implementation (edge runtimes, tests). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** SDK identity sent in headers and diagnostics. Default `@adstract/client` and its version. */
  sdk?: SdkIdentity;
}

/** Arguments of {@link Adstract.requestAd}. */
export interface RequestAdParams {
  /** The end user's original prompt (non-empty, at most 32 768 UTF-16 code units). */
  prompt: string;
  /** Required context: `sessionId`, `userAgent`, `userIp` (see {@link RequestContext} for the rules). */
  context: RequestContext;
  /** Optional targeting context, validated before sending. */
  optionalContext?: OptionalContext;
  /** Overrides the client's `wrappingType` for this call. */
  wrappingType?: WrappingType;
  /** Default true. `false` never throws: the original prompt comes back with `error` set. */
  raiseException?: boolean;
  /** Aborts the call, including a backoff wait (`NetworkError` with reason `aborted`). */
  signal?: AbortSignal;
  /** Time limit of each attempt for this call, in whole ms. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * Time limit of the whole call, retries and backoff included, in whole ms: each attempt gets at
   * most what is left, and a backoff that would end past it is not waited (the last failure is
   * returned or thrown instead). Default: none, so each attempt has the full `timeoutMs`.
   */
  totalTimeoutMs?: number;
}

/** What {@link Adstract.requestAd} gives: the prompt to send to the LLM, and why. */
export interface EnhancementResult {
  /** The enhanced prompt on success, otherwise the original prompt. */
  prompt: string;
  /** True only for a 200 with status `ok`: then acknowledge after the LLM answered. */
  success: boolean;
  /** The `sessionId` of the request context (empty when it was missing). */
  sessionId: string;
  /** The parsed start answer, when a 200, 201 or 202 came back. */
  adResponse: AdResponse | undefined;
  /** Why there is no enhanced prompt (fallback mode, and 201 / 202); `undefined` on success. */
  error: AdSDKError | undefined;
}

/** Arguments of {@link Adstract.acknowledge}: exactly one of `enhancementResult` and `adResponseId`. */
export interface AcknowledgeParams {
  /** The result of {@link Adstract.requestAd}; nothing is sent unless it succeeded. */
  enhancementResult?: EnhancementResult;
  /** The `adResponseId` of a successful enhancement, when the result itself is not at hand. */
  adResponseId?: string;
  /** The full final text the end user received (may be empty when nothing was produced). */
  llmResponse: string;
  /** Default true. `false` never throws: failures resolve `undefined`. */
  raiseException?: boolean;
  /** Aborts the call (`NetworkError` with reason `aborted`). */
  signal?: AbortSignal;
  /** Time limit of the request, in whole ms. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
}

const DEFAULT_BASE_URL = 'https://api.adstract.ai';
const START_PATH = '/api/ad-injection/start/';
const ACKNOWLEDGE_PATH = '/api/ad-injection/acknowledge/';
/** Whole milliseconds that timers accept: a fraction throws in `AbortSignal.timeout`, and more than 2^31 − 1 fires at once. */
const TIMEOUT_RULE = { integer: true, min: 1, max: MAX_TIMER_MS };
const CONTENT_TYPE = headerValue('application/json', 'Content-Type', 'Content-Type');

/**
 * Typed client of the Adstract REST API: `requestAd` (start) and `acknowledge`.
 *
 * @example
 * const adstract = new Adstract(); // key from ADSTRACT_API_KEY
 * const result = await adstract.requestAd({ prompt, context: { sessionId, userAgent, userIp } });
 * const answer = await llm(result.prompt);
 * await adstract.acknowledge({ enhancementResult: result, llmResponse: answer });
 */
export class Adstract {
  readonly #apiKey: HeaderValue;
  readonly #baseURL: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: { backoffFactorMs: number; maxBackoffMs: number };
  readonly #wrappingType: WrappingType;
  readonly #sdk: { name: HeaderValue; version: HeaderValue };
  readonly #post: ReturnType<typeof createTransport>;

  /**
   * @throws {ValidationError} when `options` is not an object, the API key is missing, shorter
   * than 10 characters or holds whitespace, a control or a non-ASCII character, the base URL is
   * not http(s) or carries credentials, a query or a fragment, `wrappingType` is unknown, `sdk`
   * is not header-safe, or a number option is out of range. Messages never quote the key.
   */
  constructor(options: AdstractOptions = {}) {
    if (!isRecord(options as unknown)) {
      throw new ValidationError({
        message: 'options must be an object (AdstractOptions) or undefined',
        field: 'options',
      });
    }
    const passedKey: unknown = options.apiKey;
    this.#apiKey =
      passedKey === undefined || passedKey === null
        ? validateApiKey(readEnvironment('ADSTRACT_API_KEY'), 'environment')
        : validateApiKey(passedKey, 'option');
    this.#baseURL = validateBaseURL(
      options.baseURL ?? readEnvironment('ADSTRACT_BASE_URL') ?? DEFAULT_BASE_URL,
    );
    this.#timeoutMs = validateNumber(options.timeoutMs, 'timeoutMs', TIMEOUT_RULE) ?? 100_000;
    this.#retries =
      validateNumber(options.retries, 'retries', { integer: true, min: 0, max: 5 }) ?? 0;
    this.#backoff = {
      backoffFactorMs:
        validateNumber(options.backoffFactorMs, 'backoffFactorMs', { min: 0 }) ?? 500,
      maxBackoffMs:
        validateNumber(options.maxBackoffMs, 'maxBackoffMs', { min: 0, max: TIMEOUT_RULE.max }) ??
        8_000,
    };
    this.#wrappingType = validateWrappingType(options.wrappingType ?? 'xml');
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new ValidationError({ message: 'fetch must be a function', field: 'fetch' });
    }
    this.#sdk = validateSdkIdentity(options.sdk ?? { name: SDK_NAME, version: VERSION });
    this.#post = createTransport(options.fetch);
  }

  /**
   * Asks Adstract for an ad-enhanced prompt. 200 → `success: true` and the enhanced prompt;
   * 201 → `PromptRejectedError`, 202 → `NoFillError`, failures → typed errors: thrown, or with
   * `raiseException: false` returned in `error` beside the original prompt. Input is validated
   * before anything is sent; `params` that are not an object reject with `ValidationError` (there
   * is no `raiseException` to read then).
   */
  async requestAd(params: RequestAdParams): Promise<EnhancementResult> {
    // Without a params object there is no `raiseException` to honour: reject, typed.
    if (!isRecord(params as unknown)) throw paramsError('requestAd', 'RequestAdParams');
    const raise = params.raiseException ?? true;
    const original = typeof params.prompt === 'string' ? params.prompt : '';
    const context: unknown = params.context;
    const sessionId =
      isRecord(context) && typeof context.sessionId === 'string' ? context.sessionId : '';
    const privateValues = this.#privateValuesOf(context);
    try {
      const { adResponse, error } = await this.#start(params, privateValues);
      if (error !== undefined) {
        const redacted = redactCause(error, privateValues);
        if (raise) throw redacted;
        return { prompt: original, success: false, sessionId, adResponse, error: redacted };
      }
      return {
        prompt: adResponse.enhancedPrompt ?? original,
        success: true,
        sessionId,
        adResponse,
        error: undefined,
      };
    } catch (thrown) {
      const error = redactCause(toAdSDKError(thrown), privateValues);
      if (raise) throw error;
      return { prompt: original, success: false, sessionId, adResponse: undefined, error };
    }
  }

  /**
   * Reports the LLM's final answer for a successful enhancement; call it exactly once per 200.
   * Resolves `undefined` without a request when the enhancement did not succeed. Never retried:
   * after a 5xx the outcome is unknown, and 4xx answers are final. `params` that are not an object
   * reject with `ValidationError`.
   */
  async acknowledge(params: AcknowledgeParams): Promise<AcknowledgmentResult | undefined> {
    if (!isRecord(params as unknown)) throw paramsError('acknowledge', 'AcknowledgeParams');
    const raise = params.raiseException ?? true;
    let adResponseId: string | undefined;
    try {
      adResponseId = resolveAdResponseId(params);
      if (adResponseId === undefined) return undefined;
      if (typeof params.llmResponse !== 'string') {
        throw new ValidationError({
          message: 'llmResponse must be a string',
          field: 'llmResponse',
        });
      }
      const timeoutMs =
        validateNumber(params.timeoutMs, 'timeoutMs', TIMEOUT_RULE) ?? this.#timeoutMs;
      const response = await this.#send(
        ACKNOWLEDGE_PATH,
        { ad_response_id: adResponseId, llm_response: params.llmResponse },
        {
          timeoutMs,
          signal: params.signal,
          privateValues: this.#privateValuesOf(undefined, adResponseId),
        },
      );
      const result = interpretAcknowledgeResponse(response);
      if (AdSDKError.isInstance(result)) throw result;
      return result;
    } catch (thrown) {
      if (!raise) return undefined;
      throw redactCause(toAdSDKError(thrown), this.#privateValuesOf(undefined, adResponseId));
    }
  }

  /**
   * What errors of a call must not print: the key always; for `start`, the session id and every
   * spelling of the end user's IP, read leniently here, before validation, so that a call that
   * fails validation is covered too; for `acknowledge`, the ad's id.
   */
  #privateValuesOf(context: unknown, adResponseId?: string): PrivateValues {
    const strings: string[] = [this.#apiKey];
    if (adResponseId !== undefined && adResponseId !== '') strings.push(adResponseId);
    let ipAddress: PrivateValues['ipAddress'];
    if (isRecord(context)) {
      if (isNonEmptyString(context.sessionId)) strings.push(context.sessionId);
      if (typeof context.userIp === 'string') {
        ipAddress = parseIpAddress(context.userIp.trim(), { leadingZeros: true });
      }
    }
    return { strings, ipAddress };
  }

  async #start(
    params: RequestAdParams,
    privateValues: PrivateValues,
  ): Promise<{ adResponse: AdResponse; error: AdSDKError | undefined }> {
    const prompt = validatePrompt(params.prompt);
    const context = validateRequestContext(params.context);
    const optionalContext = validateOptionalContext(params.optionalContext);
    const wrappingType =
      params.wrappingType === undefined
        ? this.#wrappingType
        : validateWrappingType(params.wrappingType);
    const timeoutMs =
      validateNumber(params.timeoutMs, 'timeoutMs', TIMEOUT_RULE) ?? this.#timeoutMs;
    const totalTimeoutMs = validateNumber(params.totalTimeoutMs, 'totalTimeoutMs', TIMEOUT_RULE);
    const deadline = totalTimeoutMs === undefined ? undefined : Date.now() + totalTimeoutMs;
    const body: Record<string, unknown> = {
      prompt,
      request_context: {
        session_id: context.sessionId,
        user_agent: context.userAgent,
        user_ip: context.userIp,
      },
      request_configuration: { wrapping_type: wrappingType },
    };
    if (optionalContext !== undefined && Object.keys(optionalContext).length > 0)
      body.optional_context = optionalContext;

    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let failure: AdSDKError;
      try {
        const attemptTimeoutMs =
          deadline === undefined
            ? timeoutMs
            : Math.max(1, Math.min(timeoutMs, deadline - Date.now()));
        const response = await this.#send(START_PATH, body, {
          timeoutMs: attemptTimeoutMs,
          signal: params.signal,
          privateValues,
        });
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const outcome = interpretStartResponse(response, retryAfterMs);
        if (outcome.kind === 'response') return outcome;
        if (!outcome.retryable) throw outcome.error;
        failure = outcome.error;
      } catch (thrown) {
        const error = toAdSDKError(thrown);
        const retryableNetwork = NetworkError.isInstance(error) && error.reason === 'network';
        if (!retryableNetwork) throw error;
        failure = error;
      }
      if (attempt >= this.#retries) throw failure;
      if (retryAfterMs !== undefined && retryAfterMs > this.#backoff.maxBackoffMs) throw failure;
      const delay = retryAfterMs ?? backoffDelay(attempt, this.#backoff);
      // Waiting past the deadline could only end in a timed-out attempt: report the real failure.
      if (deadline !== undefined && Date.now() + delay >= deadline) throw failure;
      try {
        await sleep(delay, params.signal);
      } catch (reason) {
        throw new NetworkError({
          message: 'The request to Adstract was aborted by the caller',
          reason: 'aborted',
          cause: reason,
        });
      }
    }
  }

  /**
   * POSTs one request. The answer comes back with the API key redacted from its body, and with a
   * `safeText` copy (made on first use: successful answers never need it) that also has the
   * session id, every spelling of the end user's IP and the ad ids redacted: the only body text
   * errors may quote. Those are not redacted from the text that is parsed, since a short value could also
   * occur in a legitimate answer (in the enhanced prompt, say) and would corrupt it.
   */
  async #send(
    path: string,
    payload: Record<string, unknown>,
    options: {
      timeoutMs: number;
      signal: AbortSignal | undefined;
      privateValues: PrivateValues;
    },
  ): Promise<ScreenedResponse> {
    const response = await this.#post({
      url: `${this.#baseURL}${path}`,
      headers: {
        'Content-Type': CONTENT_TYPE,
        Accept: CONTENT_TYPE,
        'X-Adstract-API-Key': this.#apiKey,
        'X-Adstract-SDK': this.#sdk.name,
        'X-Adstract-SDK-Version': this.#sdk.version,
      },
      body: {
        ...payload,
        diagnostics: { type: 'sdk', name: this.#sdk.name, version: this.#sdk.version },
      },
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    // An answer may echo the key (a 400 about its format, say) or the IP: neither may reach an error.
    const text = redact(response.text, [this.#apiKey]);
    let safeText: string | undefined;
    return {
      ...response,
      text,
      get safeText() {
        safeText ??= redactPrivateValues(redactAdResponseIds(text), options.privateValues);
        return safeText;
      },
    };
  }
}

function resolveAdResponseId(params: AcknowledgeParams): string | undefined {
  const { enhancementResult, adResponseId } = params;
  if ((enhancementResult === undefined) === (adResponseId === undefined)) {
    throw new ValidationError({
      message: 'pass exactly one of enhancementResult and adResponseId',
      field: 'adResponseId',
    });
  }
  if (enhancementResult !== undefined) return enhancedResponseId(enhancementResult);
  if (!isNonEmptyString(adResponseId)) {
    throw new ValidationError({
      message: 'adResponseId must be a non-empty string',
      field: 'adResponseId',
    });
  }
  return adResponseId;
}

/** The ad response id of a successful enhancement result; undefined when it did not succeed. */
function enhancedResponseId(enhancementResult: unknown): string | undefined {
  if (!isRecord(enhancementResult)) {
    throw new ValidationError({
      message: 'enhancementResult must be the object requestAd returned',
      field: 'enhancementResult',
    });
  }
  const adResponse = enhancementResult.adResponse;
  if (enhancementResult.success !== true || adResponse === undefined) return undefined;
  if (!isRecord(adResponse) || !isNonEmptyString(adResponse.adResponseId)) {
    throw new ValidationError({
      message: 'enhancementResult.adResponse.adResponseId must be a non-empty string',
      field: 'enhancementResult',
    });
  }
  return adResponse.adResponseId;
}

function paramsError(method: string, type: string): ValidationError {
  return new ValidationError({
    message: `${method} expects a params object (${type})`,
    field: 'params',
  });
}

/** The SDK identity, checked header-safe: it is sent as `X-Adstract-SDK` and `X-Adstract-SDK-Version`. */
function validateSdkIdentity(sdk: unknown): { name: HeaderValue; version: HeaderValue } {
  if (!isRecord(sdk) || !isNonEmptyString(sdk.name) || !isNonEmptyString(sdk.version)) {
    throw new ValidationError({
      message: 'sdk.name and sdk.version must be non-empty strings',
      field: 'sdk',
    });
  }
  checkLength(sdk.name, 'sdk.name', INPUT_LIMITS.sdkIdentity);
  checkLength(sdk.version, 'sdk.version', INPUT_LIMITS.sdkIdentity);
  return {
    name: headerValue(sdk.name, 'sdk.name', 'X-Adstract-SDK'),
    version: headerValue(sdk.version, 'sdk.version', 'X-Adstract-SDK-Version'),
  };
}

/** The error with its cause chain redacted of the call's private values. */
function redactCause(error: AdSDKError, privateValues: PrivateValues): AdSDKError {
  return withRedactedCause(error, (text) => redactPrivateValues(text, privateValues));
}

function toAdSDKError(error: unknown): AdSDKError {
  if (AdSDKError.isInstance(error)) return error;
  return new AdSDKError({ message: 'Unexpected failure in the Adstract client', cause: error });
}
