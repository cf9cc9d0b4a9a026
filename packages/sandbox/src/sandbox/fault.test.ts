import { describe, expect, it } from 'vitest';
import { describeFault, FaultSyntaxError, parseFaultSpec, parseFaults } from './fault.js';

describe('parseFaults', () => {
  it('parses every fault of the grammar', () => {
    expect(
      parseFaults(
        'latency=250, server-error server-error=503,503 rate-limit rate-limit=7 429 malformed shape hang 404',
        'start',
      ).map((item) => item.fault),
    ).toEqual([
      { type: 'latency', ms: 250 },
      { type: 'status', status: 500 },
      { type: 'status', status: 503 },
      { type: 'status', status: 503 },
      { type: 'rate-limit', retryAfterSeconds: 1 },
      { type: 'rate-limit', retryAfterSeconds: 7 },
      { type: 'rate-limit', retryAfterSeconds: 1 },
      { type: 'malformed' },
      { type: 'shape' },
      { type: 'hang' },
      { type: 'status', status: 404 },
    ]);
  });

  it('parses the outage faults: slow answers and connection resets', () => {
    expect(parseFaults('slow=1500, reset, ack=reset, ack=slow=20', 'start')).toEqual([
      { target: 'start', fault: { type: 'slow', ms: 1500 } },
      { target: 'start', fault: { type: 'reset' } },
      { target: 'acknowledge', fault: { type: 'reset' } },
      { target: 'acknowledge', fault: { type: 'slow', ms: 20 } },
    ]);
  });

  it('targets ack= items at the acknowledge and plain items at the given call', () => {
    expect(parseFaults('hang, ack=500, ACK=latency=20, ack=201', 'start')).toEqual([
      { target: 'start', fault: { type: 'hang' } },
      { target: 'acknowledge', fault: { type: 'status', status: 500 } },
      { target: 'acknowledge', fault: { type: 'latency', ms: 20 } },
      { target: 'acknowledge', fault: { type: 'recoverable-error' } },
    ]);
    expect(parseFaults('recoverable-error', 'acknowledge')).toEqual([
      { target: 'acknowledge', fault: { type: 'recoverable-error' } },
    ]);
  });

  it.each([
    ['explode', 'unknown fault'],
    ['latency', 'latency in ms'],
    ['latency=-5', 'latency in ms'],
    ['latency=fast', 'latency in ms'],
    ['server-error=404', 'from 500 to 599'],
    ['200', 'from 400 to 599'],
    ['hang=5', 'takes no value'],
    ['reset=1', 'takes no value'],
    ['slow', 'delay in ms'],
    ['recoverable-error', 'only applies to acknowledge'],
    ['ack=ack=500', 'cannot be nested'],
    ['latency=1=2', 'too many'],
  ])('rejects %j', (text, message) => {
    expect(() => parseFaults(text, 'start')).toThrow(FaultSyntaxError);
    expect(() => parseFaults(text, 'start')).toThrow(message);
  });

  it('parses server-wide specs as start faults', () => {
    expect(parseFaultSpec(['latency=5', 'ack=hang'])).toEqual([
      { target: 'start', fault: { type: 'latency', ms: 5 } },
      { target: 'acknowledge', fault: { type: 'hang' } },
    ]);
    expect(parseFaultSpec(undefined)).toEqual([]);
  });
});

describe('describeFault', () => {
  it('round-trips through the grammar', () => {
    for (const text of [
      'latency=20',
      'slow=40',
      'server-error=502',
      'status=404',
      'rate-limit=3',
      'hang',
      'reset',
    ]) {
      const [parsed] = parseFaults(text, 'start');
      expect(describeFault(parsed!.fault)).toBe(text);
    }
  });
});
