/** Default start budget (`timeoutMs`): the answer's critical path. */
export const DEFAULT_TIMEOUT_MS = 3_000;
/** Default hard cap of a start finishing in the background (`startCapMs`). */
export const DEFAULT_START_CAP_MS = 30_000;
/** Default time limit of each acknowledge (`acknowledgeTimeoutMs`). */
export const DEFAULT_ACKNOWLEDGE_TIMEOUT_MS = 30_000;
/** Default wait for a next step or retry (`continuationTimeoutMs`). */
export const DEFAULT_CONTINUATION_TIMEOUT_MS = 30_000;
/** Default unread time before the middleware drains a stream itself (`stallTimeoutMs`). */
export const DEFAULT_STALL_TIMEOUT_MS = 3_000;
