import { expect, it } from 'vitest';
import { createHooks } from '../options/hooks.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { type Instrumentation, NO_INSTRUMENTATION } from './instrumentation.js';
import { instrumentHooks } from './instrumented-hooks.js';

const event: AdstractOutcomeEvent = { type: 'skipped', reason: 'circuit-open' };

it('hands each outcome event to the instrumentation, then to onOutcome, even one that throws', () => {
  const order: string[] = [];
  const instrumentation: Instrumentation = {
    ...NO_INSTRUMENTATION,
    outcome: (received) => order.push(`instrumentation ${received.type}`),
  };
  const hooks = instrumentHooks(
    createHooks({
      onOutcome: (received) => {
        order.push(`onOutcome ${received.type}`);
        throw new Error('app hook failed');
      },
    }),
    instrumentation,
  );
  hooks.outcome(event);
  hooks.outcome(event);
  expect(order).toEqual([
    'instrumentation skipped',
    'onOutcome skipped',
    'instrumentation skipped',
    'onOutcome skipped',
  ]);
});

it('adds nothing to the hooks when telemetry is off', () => {
  const hooks = createHooks({});
  expect(instrumentHooks(hooks, NO_INSTRUMENTATION)).toBe(hooks);
});
