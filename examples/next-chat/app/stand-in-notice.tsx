import type { StandIns } from '../lib/stand-ins';

/** Says which local stand-ins answer, so their scripted answers are not taken for a bug. */
export function StandInNotice({ standIns }: { standIns: StandIns }) {
  if (!standIns.model && !standIns.adstract) return null;
  return (
    <p className="notice" data-testid="stand-in-notice">
      <strong>Local stand-ins.</strong>{' '}
      {standIns.model &&
        'A scripted model answers, not an LLM: its answers only echo your question. '}
      {standIns.adstract && 'Ads come from the local Adstract sandbox. '}
      Set{' '}
      {[standIns.model && 'OPENAI_API_KEY', standIns.adstract && 'ADSTRACT_API_KEY']
        .filter(Boolean)
        .join(' and ')}{' '}
      to use the real services.
    </p>
  );
}
