import type { OutcomeMarker } from './choose-outcome.js';

/** What the `[sandbox:…]` markers in a prompt ask for. */
export interface PromptMarkers {
  /** The first outcome marker: `[sandbox:fill]`, `[sandbox:no_fill]` or `[sandbox:rejected]`. */
  outcome: OutcomeMarker | undefined;
  /** The fault lists of `[sandbox:fault=…]` markers, in order, unparsed. */
  faults: string[];
  /** Markers the sandbox does not know (answered 400, so typos do not go unnoticed). */
  unknown: string[];
}

const MARKER = /\[sandbox:([^\]\n]*)\]/gi;

const OUTCOMES: Record<string, OutcomeMarker> = {
  fill: 'fill',
  no_fill: 'no_fill',
  'no-fill': 'no_fill',
  rejected: 'rejected',
};

/** Reads the sandbox markers of a prompt. */
export function readPromptMarkers(prompt: string): PromptMarkers {
  const markers: PromptMarkers = { outcome: undefined, faults: [], unknown: [] };
  for (const match of prompt.matchAll(MARKER)) {
    const content = (match[1] ?? '').trim();
    const outcome = OUTCOMES[content.toLowerCase()];
    if (outcome !== undefined) {
      markers.outcome ??= outcome;
    } else if (/^fault\s*=/i.test(content)) {
      markers.faults.push(content.replace(/^fault\s*=/i, ''));
    } else {
      markers.unknown.push(match[0]);
    }
  }
  return markers;
}

/** A run of markers with the spaces and tabs around it. */
const MARKER_RUN = /[ \t]*(?:\[sandbox:[^\]\n]*\][ \t]*)+/gi;

/**
 * The prompt without its sandbox markers: what the outcome rules look at and what the enhanced
 * prompt is built from. A run of markers inside a line becomes one space; at the start or end of
 * a line it goes away with the spaces around it.
 */
export function stripPromptMarkers(prompt: string): string {
  return prompt.replace(MARKER_RUN, (run: string, offset: number) => {
    const end = offset + run.length;
    const atLineStart = offset === 0 || prompt[offset - 1] === '\n';
    const atLineEnd = end === prompt.length || prompt[end] === '\n';
    return atLineStart || atLineEnd ? '' : ' ';
  });
}
