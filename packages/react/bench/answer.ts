/**
 * The deltas of an answer of `tokens` tokens (about 5 characters each, as words), with the
 * sandbox's `xml` mention a third of the way in, split over several deltas like a real stream:
 * `<AD`, `S>`, the mention's words, `</`, `ADS>`.
 */
export function answerDeltas(tokens: number): string[] {
  const words = [
    'the',
    ' retention',
    ' of',
    ' users',
    ' grows',
    ' when',
    ' onboarding',
    ' is',
    ' short.',
  ];
  const mention = [
    '<AD',
    'S>',
    'Acme',
    ' Analytics:',
    ' see',
    ' why',
    ' users',
    ' churn.',
    '</',
    'ADS>',
  ];
  const deltas: string[] = [];
  const adAt = Math.floor(tokens / 3);
  for (let index = 0; deltas.length < tokens; index++) {
    if (deltas.length === adAt) deltas.push(' ', ...mention, ' ');
    deltas.push(words[index % words.length]!);
    if (index % 40 === 39) deltas.push('\n\n');
  }
  return deltas.slice(0, tokens);
}
