import { describe, expect, it } from 'vitest';
import { createAnswerPrinter } from './terminal-renderer.js';

/** Streams `deltas` through a printer and returns everything it wrote. */
function print(deltas: string[]): string {
  let out = '';
  const printer = createAnswerPrinter((text) => {
    out += text;
  });
  for (const delta of deltas) printer.push(delta);
  printer.end();
  return out;
}

describe('createAnswerPrinter (no colour)', () => {
  it('labels the sponsored segment and keeps all of its text, even with tags split across deltas', () => {
    const out = print([
      'Try cohorts. <A',
      'DS>Acme Analytics: see',
      ' why users churn.</AD',
      'S> Good luck!',
    ]);
    expect(out).toBe('Try cohorts. [Sponsored] Acme Analytics: see why users churn. Good luck!\n');
  });

  it('prints plain answers unchanged', () => {
    expect(print(['2 + 2 ', 'is 4.'])).toBe('2 + 2 is 4.\n');
  });

  it('shows a half-written tag as text once the answer ends without completing it', () => {
    expect(print(['a <AD'])).toBe('a <AD\n');
  });
});
