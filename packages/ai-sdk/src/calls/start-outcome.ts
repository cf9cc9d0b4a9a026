import type { AdSDKError } from '@adstract/client';
import type { StartFailureReason } from '../options/outcome-event.js';

/** What the start call gave for one user message. */
export type StartOutcome =
  | { status: 'filled'; adResponseId: string; enhancedPrompt: string; productName: string | null }
  | { status: 'no-fill' | 'rejected' }
  | { status: 'failed'; reason?: StartFailureReason };

/** A start outcome that carries an ad. */
export type FilledOutcome = Extract<StartOutcome, { status: 'filled' }>;

/** A start outcome with how long Adstract took, and the error of a failed one. */
export type TimedOutcome = StartOutcome & { durationMs: number; error?: AdSDKError };
