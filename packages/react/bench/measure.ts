import { createAdSegmentParser, splitAdSegments } from '@adstract/client';
import { SponsoredText } from '@adstract/react';
import { Window } from 'happy-dom';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

/** Milliseconds to run `body` once. */
function time(body: () => void): number {
  const started = performance.now();
  body();
  return performance.now() - started;
}

/** How often the parser parses the answer per sample: once takes too little time to read. */
const PARSER_REPEATS = 20;

/**
 * The incremental parser: one `push` and one `segments()` per delta, as a UI would call it.
 * Milliseconds per answer, averaged over {@link PARSER_REPEATS} answers.
 */
export function parserCost(deltas: readonly string[]): number {
  const total = time(() => {
    for (let repeat = 0; repeat < PARSER_REPEATS; repeat++) {
      const parser = createAdSegmentParser();
      for (const delta of deltas) {
        parser.push(delta);
        parser.segments();
      }
      parser.segments({ final: true });
    }
  });
  return total / PARSER_REPEATS;
}

/** Re-splitting the whole text on every delta: what the incremental parser avoids. */
export function resplitCost(deltas: readonly string[]): number {
  return time(() => {
    let text = '';
    for (const delta of deltas) {
      text += delta;
      splitAdSegments(text);
    }
  });
}

const window = new Window();
Object.assign(globalThis, { window, document: window.document });

/** The floor: the same renders of the bare text in a `<span>`, with no parsing at all. */
export function bareCost(deltas: readonly string[]): number {
  return renderCost(deltas, (text) => createElement('span', null, text), false);
}

/**
 * SponsoredText rendered into a (happy-dom) DOM with react-dom, one synchronous render per
 * delta with the text grown by string concatenation, as an app's message state grows.
 */
export function componentCost(deltas: readonly string[]): number {
  return renderCost(
    deltas,
    (text, streaming) => createElement(SponsoredText, { text, productName: 'Acme', streaming }),
    true,
  );
}

function renderCost(
  deltas: readonly string[],
  element: (text: string, streaming: boolean) => ReturnType<typeof createElement>,
  sponsored: boolean,
): number {
  const container = window.document.createElement('div');
  window.document.body.append(container);
  const root = createRoot(container as unknown as Element);
  const cost = time(() => {
    let text = '';
    for (const delta of deltas) {
      text += delta;
      flushSync(() => root.render(element(text, true)));
    }
    flushSync(() => root.render(element(text, false)));
  });
  if (sponsored && container.querySelectorAll('[role="note"]').length !== 1) {
    throw new Error('the benchmark answer did not render exactly one sponsored element');
  }
  root.unmount();
  container.remove();
  return cost;
}
