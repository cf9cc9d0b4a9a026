/**
 * One request the sandbox received, kept in memory for assertions (never logged). Recorded as
 * soon as its body has arrived; `status` and `responseBody` are filled in when it is answered.
 */
export interface RecordedRequest {
  /** 1, 2, 3… in arrival order, for the life of the sandbox. */
  id: number;
  method: string;
  /** The path without the query string, e.g. `/api/ad-injection/start/`. */
  path: string;
  /** Request headers, lower-case names, as received (the API key included). */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
  /**
   * The HTTP status of the answer the client took. Undefined while in flight, for a hang, when the
   * client left first, or when it reset the connection without reading the answer (its timeout
   * fired first; `outcome` then starts with `unread`).
   */
  status: number | undefined;
  /** The JSON body answered, or the raw text of a `malformed` answer. */
  responseBody: unknown;
  /**
   * What happened, in a word or two: `ok "Acme Analytics"`, `no_fill`, `duplicate`, `fault`…;
   * `unsent 200: …` when the request was processed but the client left before the answer (a
   * `slow` fault), `unread 200: …` when it reset the connection with the answer unread.
   */
  outcome: string | undefined;
  /** The faults applied, in the fault grammar (`latency=120`, `server-error=500`…). */
  faults: string[];
  /** Time from arrival to answer, in ms. */
  durationMs: number | undefined;
}
