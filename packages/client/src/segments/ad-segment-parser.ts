import type { WrappingType } from '../types.js';
import {
  isWordBoundary,
  matchMarkdownOpen,
  matchMarker,
  PLAIN_CLOSE,
  PLAIN_OPEN,
  XML_CLOSE,
  XML_OPEN,
} from './ad-markers.js';
import type { AdMarker, AdSegment, AdSegmentOptions, SponsoredSegment } from './ad-segment.js';

/**
 * Splits a growing answer into segments, one delta at a time: each delta is read once, so a whole
 * answer costs O(n) however many deltas it arrives in.
 */
export interface AdSegmentParser {
  /** Appends the next piece of the answer. */
  push(delta: string): void;
  /**
   * The segments of everything pushed so far. A marker that may still be completing at the end is
   * held back (neither shown nor dropped) unless `final` is set. Calling this does not change the
   * parser: more text can be pushed afterwards. Returns new arrays and objects each time.
   */
  segments(options?: AdSegmentOptions): AdSegment[];
}

type SponsoredDraft = {
  type: 'sponsored';
  text: string;
  wrapping: WrappingType;
  markers: AdMarker[];
};
type Draft = { type: 'text'; text: string } | SponsoredDraft;

interface ParserState {
  /** Finished segments; never changed again. */
  done: AdSegment[];
  /** The segment being written, if any. */
  current: Draft | undefined;
  /** Text not resolved yet: a marker that may be completing, at the end of what was pushed. */
  pending: string;
  /** The last character resolved ('' at the start): decides line starts and word boundaries. */
  previous: string;
  /** An opening marker just ended: one space right after it belongs to the marker. */
  absorbSpace: boolean;
}

/**
 * Creates an incremental parser that recognises the markers of all three wrapping types (`xml`,
 * `plain`, `markdown`; see `docs/ad-markers.md`) at once, since a UI does not know which one the
 * server asked for. Only marker characters are taken out of the text, and each is kept in its
 * segment's `markers`; an unknown or malformed marker is left as text.
 *
 * @example
 * const parser = createAdSegmentParser();
 * for await (const delta of stream) {
 *   parser.push(delta);
 *   render(parser.segments());
 * }
 * render(parser.segments({ final: true }));
 */
export function createAdSegmentParser(): AdSegmentParser {
  const state: ParserState = {
    done: [],
    current: undefined,
    pending: '',
    previous: '',
    absorbSpace: false,
  };
  return {
    push(delta) {
      if (delta !== '') scan(state, state.pending + delta, false);
    },
    segments(options = {}) {
      if (!options.final) return [...state.done, ...snapshot(state.current)];
      const copy: ParserState = {
        ...state,
        done: [...state.done],
        current: copyDraft(state.current),
      };
      scan(copy, copy.pending, true);
      if (copy.current?.type === 'sponsored' && copy.current.wrapping === 'markdown') {
        close(copy, ''); // a quote ends with the text
      }
      return [...copy.done, ...snapshot(copy.current)];
    },
  };
}

/** Reads `input` (the pending text followed by new text) and leaves what is unresolved pending. */
function scan(state: ParserState, input: string, atEnd: boolean): void {
  state.pending = '';
  let index = 0;
  let run = 0; // start of the prose not yet appended
  const flush = (end: number) => {
    if (end > run) append(state, input.slice(run, end));
    run = end;
  };
  const hold = (from: number) => {
    flush(from);
    state.pending = input.slice(from);
    index = input.length;
    run = input.length;
  };
  const previousAt = (position: number) => (position > 0 ? input[position - 1]! : state.previous);

  while (index < input.length) {
    if (state.absorbSpace) {
      state.absorbSpace = false;
      if (input[index] === ' ') {
        const markers = (state.current as SponsoredDraft).markers;
        markers[markers.length - 1]!.text += ' ';
        run = ++index;
        continue;
      }
    }
    const character = input[index]!;
    const current = state.current;
    if (current?.type !== 'sponsored') {
      let opening: { wrapping: WrappingType; length: number } | undefined;
      let partial = false;
      if (character === '<') {
        const match = matchMarker(input, index, XML_OPEN, true);
        if (match === 'full') opening = { wrapping: 'xml', length: XML_OPEN.length };
        partial = match === 'partial';
      } else if (character === 'S' && isWordBoundary(previousAt(index))) {
        const match = matchMarker(input, index, PLAIN_OPEN);
        if (match === 'full') opening = { wrapping: 'plain', length: PLAIN_OPEN.length };
        partial = match === 'partial';
      } else if (character === '>' && (previousAt(index) === '' || previousAt(index) === '\n')) {
        const { match, length } = matchMarkdownOpen(input, index);
        if (match === 'full') opening = { wrapping: 'markdown', length };
        partial = match === 'partial';
      }
      if (opening) {
        flush(index);
        open(state, opening.wrapping, input.slice(index, index + opening.length));
        state.absorbSpace = opening.wrapping !== 'xml';
        index += opening.length;
        run = index;
      } else if (partial && !atEnd) {
        hold(index);
      } else {
        index++;
      }
      continue;
    }
    if (current.wrapping === 'xml') {
      const match = character === '<' ? matchMarker(input, index, XML_CLOSE, true) : 'none';
      if (match === 'full') {
        flush(index);
        close(state, input.slice(index, index + XML_CLOSE.length));
        run = index += XML_CLOSE.length;
      } else if (match === 'partial' && !atEnd) {
        hold(index);
      } else {
        index++;
      }
    } else if (current.wrapping === 'plain') {
      if (character === PLAIN_CLOSE || (character === ' ' && input[index + 1] === PLAIN_CLOSE)) {
        const length = character === ' ' ? 2 : 1;
        flush(index);
        close(state, input.slice(index, index + length));
        run = index += length;
      } else if (character === ' ' && index === input.length - 1 && !atEnd) {
        hold(index);
      } else {
        index++;
      }
    } else if (character === '\n') {
      const next = input[index + 1];
      if (next === '>') {
        // The quote goes on: the line break is prose, the `>` (and a space) is a marker.
        flush(index + 1);
        current.markers.push({ at: current.text.length, text: '>' });
        state.absorbSpace = true;
        run = index += 2;
      } else if (next === undefined && !atEnd) {
        hold(index);
      } else {
        flush(index);
        close(state, ''); // the line break and what follows are outside the quote
      }
    } else {
      index++;
    }
  }
  flush(index);
  const resolved = input.length - state.pending.length;
  if (resolved > 0) state.previous = input[resolved - 1]!;
}

function append(state: ParserState, text: string): void {
  if (state.current === undefined) state.current = { type: 'text', text };
  else state.current.text += text;
}

function open(state: ParserState, wrapping: WrappingType, marker: string): void {
  if (state.current !== undefined) state.done.push({ ...state.current });
  state.current = { type: 'sponsored', text: '', wrapping, markers: [{ at: 0, text: marker }] };
}

function close(state: ParserState, marker: string): void {
  const current = state.current as SponsoredDraft;
  if (marker !== '') current.markers.push({ at: current.text.length, text: marker });
  state.done.push({ ...current, markers: current.markers.slice() });
  state.current = undefined;
}

function copyDraft(draft: Draft | undefined): Draft | undefined {
  if (draft?.type !== 'sponsored') return draft && { ...draft };
  return { ...draft, markers: draft.markers.map((marker) => ({ ...marker })) };
}

function snapshot(draft: Draft | undefined): AdSegment[] {
  if (draft === undefined) return [];
  if (draft.type === 'text') return [{ type: 'text', text: draft.text }];
  const segment: SponsoredSegment = {
    type: 'sponsored',
    text: draft.text,
    wrapping: draft.wrapping,
    markers: draft.markers.map((marker) => ({ ...marker })),
    open: true,
  };
  return [segment];
}
