import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishAnswersOnShutdown } from './finish-answers-on-shutdown';

afterEach(() => {
  vi.useRealTimers();
});

const signals = () => new EventEmitter() as EventEmitter & Pick<NodeJS.Process, 'once'>;

describe('finishAnswersOnShutdown', () => {
  it('lets answers end on their own, then acknowledges the rest after graceMs', () => {
    vi.useFakeTimers();
    const emitter = signals();
    const adstract = { flush: vi.fn(async () => {}) };
    finishAnswersOnShutdown(adstract, { graceMs: 5_000, process: emitter });
    emitter.emit('SIGTERM');
    // Something keeps the process running meanwhile: Next.js ends it with process.exit.
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(4_999);
    expect(adstract.flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(adstract.flush).toHaveBeenCalledTimes(1);
  });

  it('does nothing before a signal, once per shutdown, and registers once per process', () => {
    vi.useFakeTimers();
    const emitter = signals();
    const first = { flush: vi.fn(async () => {}) };
    const second = { flush: vi.fn(async () => {}) };
    finishAnswersOnShutdown(first, { graceMs: 10, process: emitter });
    finishAnswersOnShutdown(second, { graceMs: 10, process: emitter });
    vi.advanceTimersByTime(100);
    expect(vi.getTimerCount()).toBe(0);
    emitter.emit('SIGINT');
    emitter.emit('SIGTERM');
    vi.advanceTimersByTime(100);
    expect(first.flush).toHaveBeenCalledTimes(1);
    expect(second.flush).not.toHaveBeenCalled();
  });
});
