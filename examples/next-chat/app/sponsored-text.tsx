import { splitAdSegments } from '@adstract/ai-sdk';

/**
 * Renders answer text with its sponsored segment labelled. Nothing is removed: only the
 * `<ADS>` markup becomes a styled, badged span (Adstract forbids hiding ad content).
 */
export function SponsoredText({
  text,
  productName,
  streaming,
}: {
  text: string;
  productName: string | undefined;
  streaming: boolean;
}) {
  return (
    <>
      {splitAdSegments(text, { final: !streaming }).map((segment, index) =>
        segment.type === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and append-only.
          <span key={index}>{segment.text}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and append-only.
          <span key={index} className="sponsored" data-testid="sponsored">
            <span className="badge" data-testid="sponsored-badge">
              Sponsored{productName ? ` · ${productName}` : ''}
            </span>
            {segment.text}
          </span>
        ),
      )}
    </>
  );
}
