import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { specV4 } from '../spec/v4.js';
import { finishReason, textParts, usage } from '../testing/mock-model.js';
import type { CallEnding } from './answer-ledger.js';
import { collectText } from './text-stage.js';

type Part = LanguageModelV4StreamPart;

const metadata = { adstract: { status: 'filled', productName: 'Acme' } };

function collector(
  source: ReadableStream<Part>,
  abortSignal?: AbortSignal,
  stallTimeoutMs?: number,
) {
  const texts: string[] = [];
  const endings: CallEnding[] = [];
  const { stream, cancel } = collectText(source, {
    spec: specV4,
    onText: (delta) => texts.push(delta),
    onEnd: (ending) => endings.push(ending),
    metadata,
    abortSignal,
    stallTimeoutMs,
  });
  return { stream, cancel, texts, endings };
}

/** A source the test feeds by hand, counting how often the stage pulled from it. */
function manualSource() {
  let controller!: ReadableStreamDefaultController<Part>;
  const counts = { pulls: 0, cancelReason: undefined as unknown, cancelled: false };
  const stream = new ReadableStream<Part>(
    {
      start(streamController) {
        controller = streamController;
      },
      pull() {
        counts.pulls++;
      },
      cancel(reason) {
        counts.cancelled = true;
        counts.cancelReason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, controller: () => controller, counts };
}

async function readAll(stream: ReadableStream<Part>): Promise<Part[]> {
  const reader = stream.getReader();
  const parts: Part[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    parts.push(read.value);
  }
  return parts;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('collectText', () => {
  it('passes every part through in order, adding metadata to the text start and the finish only', async () => {
    const parts = textParts(['Hello', ', ', 'world']);
    const { stream, texts, endings } = collector(convertArrayToReadableStream(parts));

    const received = await readAll(stream);

    // textParts: stream-start, text-start, three deltas, text-end, finish.
    expect(received[0]).toEqual(parts[0]);
    expect(received[1]).toEqual({ ...parts[1], providerMetadata: metadata });
    expect(received.slice(2, -1)).toEqual(parts.slice(2, -1));
    expect(received.at(-1)).toEqual({ ...parts.at(-1), providerMetadata: metadata });
    expect(texts).toEqual(['Hello', ', ', 'world']);
    expect(endings).toEqual(['finished']);
  });

  it('keeps the model’s own finish metadata beside its own', async () => {
    const parts = textParts(['x']);
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish part');
    parts[parts.length - 1] = { ...finish, providerMetadata: { openai: { responseId: 'r1' } } };

    const received = await readAll(collector(convertArrayToReadableStream(parts)).stream);

    expect(received.at(-1)).toMatchObject({
      providerMetadata: { openai: { responseId: 'r1' }, ...metadata },
    });
  });

  it('reports the end as soon as the last part is taken, without another read', async () => {
    const source = manualSource();
    const { stream, endings } = collector(source.stream);
    const reader = stream.getReader();
    const parts = textParts(['a']);
    for (const part of parts) source.controller().enqueue(part);
    source.controller().close();

    for (let index = 0; index < parts.length; index++) await reader.read();
    await settle();

    expect(endings).toEqual(['finished']);
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(endings).toEqual(['finished']);
  });

  it('reads at most one part ahead of its consumer', async () => {
    const source = manualSource();
    const { stream } = collector(source.stream);
    const reader = stream.getReader();
    await settle();
    for (const part of textParts(['a', 'b', 'c', 'd', 'e'])) source.controller().enqueue(part);

    await reader.read();
    await settle();

    // Of the 9 parts, one was delivered and one waits in the stage's queue: 7 stay in the source.
    expect(source.controller().desiredSize).toBe(-7);
  });

  it.each([
    ['tool-calls', 'tool-calls'],
    ['error', 'error'],
    ['interrupted', 'aborted'],
    ['length', 'finished'],
  ] as const)('a finish reason of %s ends as %s', async (reason, ending) => {
    const { stream, endings } = collector(convertArrayToReadableStream(textParts(['x'], reason)));
    await readAll(stream);
    expect(endings).toEqual([ending]);
  });

  it('an error part in the stream ends as error, and the part is still delivered', async () => {
    const errorPart: Part = { type: 'error', error: new Error('model overloaded') };
    const { stream, endings } = collector(convertArrayToReadableStream([errorPart]));
    expect(await readAll(stream)).toEqual([errorPart]);
    expect(endings).toEqual(['error']);
  });

  it('a failing source fails the stream with its own error and ends once as error', async () => {
    const source = manualSource();
    const { stream, texts, endings } = collector(source.stream);
    const reader = stream.getReader();
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'partial' });
    await reader.read();
    const failure = new Error('socket hang up');
    source.controller().error(failure);

    await expect(reader.read()).rejects.toBe(failure);
    expect(texts).toEqual(['partial']);
    expect(endings).toEqual(['error']);
  });

  it('a source failing with an AbortError ends as aborted', async () => {
    const source = manualSource();
    const { stream, endings } = collector(source.stream);
    const reader = stream.getReader();
    const failure = new DOMException('This operation was aborted', 'AbortError');
    source.controller().error(failure);
    await expect(reader.read()).rejects.toBe(failure);
    expect(endings).toEqual(['aborted']);
  });

  it('a consumer’s cancel ends once as cancelled and cancels the source with the reason', async () => {
    const source = manualSource();
    const { stream, endings } = collector(source.stream);
    const reader = stream.getReader();
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'a' });
    await reader.read();
    const pending = reader.read();

    await reader.cancel('tab closed');

    expect(await pending).toEqual({ done: true, value: undefined });
    await settle();
    expect(endings).toEqual(['cancelled']);
    expect(source.counts).toMatchObject({ cancelled: true, cancelReason: 'tab closed' });
  });

  it('a consumer’s cancel succeeds even when the source has already failed', async () => {
    const source = manualSource();
    const { stream, endings } = collector(source.stream);
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'a' });
    await settle();
    source.controller().error(new Error('socket hang up'));

    await expect(stream.cancel('tab closed')).resolves.toBeUndefined();
    expect(endings).toEqual(['cancelled']);
  });

  it('a cancel after the caller aborted ends as aborted', async () => {
    const controller = new AbortController();
    const source = manualSource();
    const { stream, endings } = collector(source.stream, controller.signal);
    controller.abort();
    await stream.cancel();
    expect(endings).toEqual(['aborted']);
  });

  it('a cancel after the normal end does not report a second ending', async () => {
    const { stream, endings } = collector(convertArrayToReadableStream(textParts(['x'])));
    const reader = stream.getReader();
    while (!(await reader.read()).done) {}
    await reader.cancel();
    expect(endings).toEqual(['finished']);
  });

  it('a caller’s abort ends the answer at once, and the parts read after it still pass', async () => {
    const controller = new AbortController();
    const source = manualSource();
    const { stream, texts, endings } = collector(source.stream, controller.signal);
    const reader = stream.getReader();
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'seen' });
    await reader.read();
    controller.abort();
    expect(endings).toEqual(['aborted']);
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'after' });
    expect(await reader.read()).toMatchObject({ value: { delta: 'after' } });
    expect(texts).toEqual(['seen']);
  });

  it('cancel() stops the model stream and closes the consumer’s side', async () => {
    const source = manualSource();
    const { stream, cancel, endings } = collector(source.stream);
    const reader = stream.getReader();
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'a' });
    await reader.read();
    cancel();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(source.counts.cancelled).toBe(true);
    // The owner reports the ending itself (flush, eviction): the stage reports none.
    expect(endings).toEqual([]);
  });
});

describe('collectText with a consumer that stops reading', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the rest of the model’s stream itself after stallTimeoutMs, and ends abandoned', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = manualSource();
    const { stream, texts, endings } = collector(source.stream, undefined, 3_000);
    const reader = stream.getReader();
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'one ' });
    await reader.read();
    // The consumer vanishes (a closed tab): it reads nothing more, and nothing cancels. The stage
    // has read one part ahead; the rest stays in the model's stream.
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'two ' });
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'three' });
    source.controller().enqueue({ type: 'finish', finishReason: finishReason('stop'), usage });
    source.controller().close();
    // Seen between 1 and 1.5 × stallTimeoutMs after the last read.
    await vi.advanceTimersByTimeAsync(2_999);
    expect(texts).toEqual(['one ', 'two ']);
    expect(endings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_501);
    expect(texts).toEqual(['one ', 'two ', 'three']);
    expect(endings).toEqual(['abandoned']);
  });

  it('never drains while the model itself is slow and the consumer waits for it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = manualSource();
    const { stream, endings } = collector(source.stream, undefined, 1_000);
    const reader = stream.getReader();
    const read = reader.read();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(endings).toEqual([]);
    source.controller().enqueue({ type: 'text-delta', id: '0', delta: 'late' });
    expect(await read).toMatchObject({ value: { delta: 'late' } });
    source.controller().close();
    expect(await reader.read()).toMatchObject({ done: true });
    expect(endings).toEqual(['finished']);
  });

  it('keeps the parts for a consumer that comes back, in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const parts = textParts(['a', 'b', 'c']);
    const { stream, endings } = collector(convertArrayToReadableStream(parts), undefined, 100);
    await vi.advanceTimersByTimeAsync(250);
    expect(endings).toEqual(['abandoned']);
    const received: Part[] = [];
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      received.push(read.value);
    }
    expect(received.map((part) => part.type)).toEqual(parts.map((part) => part.type));
  });
});
