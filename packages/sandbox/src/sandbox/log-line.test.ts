import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-line.js';

describe('formatLogLine', () => {
  it('prints method, path, status, duration, outcome and faults', () => {
    expect(
      formatLogLine({
        method: 'POST',
        path: '/api/ad-injection/start/',
        status: 200,
        durationMs: 3.4,
        outcome: 'ok "Acme Analytics"',
        faults: [],
      }),
    ).toBe('POST /api/ad-injection/start/ 200 3ms ok "Acme Analytics"');
    expect(
      formatLogLine({
        method: 'POST',
        path: '/api/ad-injection/acknowledge/',
        status: undefined,
        durationMs: 250,
        outcome: 'fault',
        faults: ['latency=250', 'hang'],
      }),
    ).toBe('POST /api/ad-injection/acknowledge/ --- 250ms fault [latency=250 hang]');
  });
});
