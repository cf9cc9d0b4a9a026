import { context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { summariseTrace, wantsTrace } from './trace-summary.js';

describe('wantsTrace', () => {
  it('is on with --trace or a non-empty DEMO_TRACE, off otherwise', () => {
    expect(wantsTrace(['node', 'main.js', '--trace'], {})).toBe(true);
    expect(wantsTrace(['node', 'main.js'], { DEMO_TRACE: '1' })).toBe(true);
    expect(wantsTrace(['node', 'main.js'], { DEMO_TRACE: '' })).toBe(false);
    expect(wantsTrace(['node', 'main.js'], {})).toBe(false);
  });
});

describe('summariseTrace', () => {
  it('prints the path to the ad spans, then each ad span with its outcome', () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    }).getTracer('test');
    const root = tracer.startSpan('invoke_agent m');
    const call = tracer.startSpan('chat m', {}, trace.setSpan(context.active(), root));
    const inCall = trace.setSpan(context.active(), call);
    const start = tracer.startSpan('adstract.start', {}, inCall);
    start.setAttributes({ 'adstract.outcome': 'filled', 'adstract.product_name': 'Acme' });
    start.end();
    const acknowledge = tracer.startSpan(
      'adstract.acknowledge',
      { links: [{ context: start.spanContext() }] },
      inCall,
    );
    acknowledge.setAttributes({
      'adstract.outcome': 'filled',
      'adstract.acknowledge.status': 'ok',
    });
    acknowledge.end();
    call.end();
    root.end();

    const lines = summariseTrace(exporter.getFinishedSpans()).split('\n');
    expect(lines[0]).toBe('  ↳ trace: invoke_agent m › chat m');
    expect(lines[1]).toMatch(/^ {6}adstract\.start \d+ ms · filled · Acme$/);
    expect(lines[2]).toMatch(/^ {6}adstract\.acknowledge \d+ ms · ok · links to adstract\.start$/);
    expect(lines).toHaveLength(3);
  });

  it('says so when a turn has no ad span', () => {
    expect(summariseTrace([])).toBe('  ↳ trace: no ad spans');
  });
});
