import type { AdstractOutcomeEvent } from '@adstract/ai-sdk';
import { style } from './terminal-renderer.js';

/**
 * The line printed after each turn: outcome, product, time spent in start and the acknowledge
 * status, from the middleware's `onOutcome` events of that turn.
 */
export function summariseTurn(events: readonly AdstractOutcomeEvent[]): string {
  const parts: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'filled':
        parts.push(
          style.good(`ad filled: ${event.productName ?? 'unnamed product'}`),
          `start ${event.durationMs.toFixed(0)} ms`,
        );
        break;
      case 'no-fill':
      case 'rejected':
        parts.push(
          `${event.type} (original prompt)`,
          `start ${event.durationMs.toFixed(0)} ms`,
          'no acknowledge needed',
        );
        break;
      case 'failed':
        parts.push(
          style.bad(`start failed: ${event.error.name}`),
          `start ${event.durationMs.toFixed(0)} ms`,
        );
        break;
      case 'acknowledged':
        parts.push(style.good(`acknowledged: ${event.status}`), `${event.textLength} chars`);
        break;
      case 'acknowledge-failed':
        parts.push(style.bad(`acknowledge failed: ${event.error.name}`));
        break;
      case 'skipped':
        parts.push(`skipped (${event.reason})`);
        break;
      default:
        break;
    }
  }
  return style.dim(`  ↳ ${parts.join(' · ')}`);
}
