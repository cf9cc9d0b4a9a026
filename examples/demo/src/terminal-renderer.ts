import { splitAdSegments } from '@adstract/ai-sdk';

// Colour on a terminal (or with FORCE_COLOR); never with NO_COLOR (https://no-color.org).
const useColour =
  process.env.NO_COLOR === undefined &&
  (process.stdout.isTTY === true || process.env.FORCE_COLOR !== undefined);
const paint = (code: string, text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Styles for the demo's output. */
export const style = {
  sponsored: (text: string) => paint('30;43', text),
  label: (text: string) => paint('1;33', text),
  dim: (text: string) => paint('2', text),
  bold: (text: string) => paint('1', text),
  good: (text: string) => paint('32', text),
  bad: (text: string) => paint('31', text),
};

/**
 * Prints a streamed answer as it grows, with the sponsored segment highlighted and labelled.
 * Nothing is removed: only the `<ADS>` markup becomes styling.
 */
export function createAnswerPrinter(write: (text: string) => void) {
  let text = '';
  let printed: string[] = [];
  const render = (final: boolean) => {
    const pieces: string[] = [];
    for (const segment of splitAdSegments(text, { final })) {
      if (segment.type === 'text') {
        pieces.push(...Array.from(segment.text));
      } else {
        pieces.push(style.label('[Sponsored] '));
        for (const character of segment.text) pieces.push(style.sponsored(character));
      }
    }
    write(pieces.slice(printed.length).join(''));
    printed = pieces;
  };
  return {
    push(delta: string) {
      text += delta;
      render(false);
    },
    end() {
      render(true);
      write('\n');
    },
  };
}
