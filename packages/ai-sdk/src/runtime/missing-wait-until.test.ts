import { AdSDKError } from '@adstract/client';
import { describe, expect, it } from 'vitest';
import type { Hooks } from '../options/hooks.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { detectFreezingRuntime } from './freezing-runtime.js';
import { reportMissingWaitUntil } from './missing-wait-until.js';

const WORKERS = detectFreezingRuntime({ navigator: { userAgent: 'Cloudflare-Workers' } });

function recordingHooks() {
  const errors: AdSDKError[] = [];
  const events: AdstractOutcomeEvent[] = [];
  const hooks: Hooks = {
    error: (error) => errors.push(error),
    outcome: (event) => events.push(event),
  };
  return { hooks, errors, events };
}

const filled = (adResponseId: string): AdstractOutcomeEvent => ({
  type: 'filled',
  sessionId: 's',
  adResponseId,
  productName: 'Acme Analytics',
  durationMs: 1,
});

describe('reportMissingWaitUntil', () => {
  it('reports once, at the first filled ad, and passes every event on', () => {
    const { hooks, errors, events } = recordingHooks();
    const reporting = reportMissingWaitUntil(hooks, undefined, WORKERS);
    reporting.outcome({ type: 'requested', sessionId: 's' });
    reporting.outcome({ type: 'no-fill', sessionId: 's', durationMs: 1 });
    expect(errors).toEqual([]);
    reporting.outcome(filled('ad-1'));
    reporting.outcome(filled('ad-2'));
    expect(errors).toHaveLength(1);
    expect(AdSDKError.isInstance(errors[0])).toBe(true);
    expect(errors[0]?.message).toContain('no waitUntil on Cloudflare Workers');
    expect(errors[0]?.message).toContain("`waitUntil` imported from 'cloudflare:workers'");
    // No ad id in the message: it goes to logs.
    expect(errors[0]?.message).not.toContain('ad-1');
    expect(events.map((event) => event.type)).toEqual(['requested', 'no-fill', 'filled', 'filled']);
  });

  it('forwards errors unchanged', () => {
    const { hooks, errors } = recordingHooks();
    const failure = new AdSDKError({ message: 'start failed' });
    reportMissingWaitUntil(hooks, undefined, WORKERS).error(failure);
    expect(errors).toEqual([failure]);
  });

  it('changes nothing when waitUntil is given, or on a runtime that does not freeze', () => {
    const { hooks } = recordingHooks();
    expect(reportMissingWaitUntil(hooks, () => {}, WORKERS)).toBe(hooks);
    expect(reportMissingWaitUntil(hooks, undefined, undefined)).toBe(hooks);
  });

  it('detects the runtime itself by default (Node: nothing to report)', () => {
    const { hooks } = recordingHooks();
    expect(reportMissingWaitUntil(hooks, undefined)).toBe(hooks);
  });
});
