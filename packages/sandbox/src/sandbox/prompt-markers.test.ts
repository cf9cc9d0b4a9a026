import { describe, expect, it } from 'vitest';
import { readPromptMarkers, stripPromptMarkers } from './prompt-markers.js';

describe('readPromptMarkers', () => {
  it('finds nothing in an ordinary prompt', () => {
    expect(readPromptMarkers('How can I improve user retention?')).toEqual({
      outcome: undefined,
      faults: [],
      unknown: [],
    });
  });

  it('reads outcome markers (first wins) and fault lists, case-insensitively', () => {
    expect(
      readPromptMarkers(
        'Hi [sandbox:NO_FILL] [sandbox:fill] [sandbox:fault=latency=50,server-error] [Sandbox:fault=ack=500]',
      ),
    ).toEqual({ outcome: 'no_fill', faults: ['latency=50,server-error', 'ack=500'], unknown: [] });
    expect(readPromptMarkers('[sandbox:no-fill]').outcome).toBe('no_fill');
    expect(readPromptMarkers('[sandbox:rejected]').outcome).toBe('rejected');
  });

  it('reports unknown markers', () => {
    expect(readPromptMarkers('[sandbox:fil] [sandbox:]').unknown).toEqual([
      '[sandbox:fil]',
      '[sandbox:]',
    ]);
  });
});

describe('stripPromptMarkers', () => {
  it('removes the markers, leaving tidy text', () => {
    expect(stripPromptMarkers('What [sandbox:fill] is 2 + 2?')).toBe('What is 2 + 2?');
    expect(stripPromptMarkers('What[sandbox:fill]is')).toBe('What is');
    expect(stripPromptMarkers('[SANDBOX:fill] Hi [sandbox:fault=hang]  [sandbox:no_fill]')).toBe(
      'Hi',
    );
    expect(stripPromptMarkers('Line one [sandbox:fill]\nLine two')).toBe('Line one\nLine two');
    expect(stripPromptMarkers('No markers here.  ')).toBe('No markers here.  ');
  });
});
