'use client';

import {
  joinSponsoredBlocks,
  keepSponsoredAttributes,
  remarkAdstract,
  useAdstractMessage,
} from '@adstract/react';
import { memo, useMemo } from 'react';
import {
  defaultRehypePlugins,
  defaultRemarkPlugins,
  parseMarkdownIntoBlocks,
  Streamdown,
} from 'streamdown';
import type { ChatMessage } from '../lib/chat-message';

type Pluggable = (typeof defaultRemarkPlugins)[string];

// Defined once, outside the render, so Streamdown's per-block memos hold while the answer grows.
// A mention that spans blocks (`<ADS>Acme:`, a list, `</ADS>`) stays in one block.
const parseBlocks = (markdown: string) => joinSponsoredBlocks(parseMarkdownIntoBlocks(markdown));
// Streamdown's sanitizer, told to keep the sponsored element's role, name and classes.
const rehypePlugins = keepSponsoredAttributes(Object.values(defaultRehypePlugins));
// Links stay links: Streamdown's confirmation dialog is styled for Tailwind, which this app lacks.
const linkSafety = { enabled: false };

/**
 * An assistant answer as markdown, its sponsored mention labelled (never removed): the text is
 * the model's, markers included, exactly what the middleware acknowledges.
 */
export const AssistantAnswer = memo(function AssistantAnswer(props: {
  message: ChatMessage;
  text: string;
  streaming: boolean;
}) {
  const { message, text, streaming } = props;
  // Known from the answer's first text part (adstractMessageMetadata), so the label never moves.
  const { productName } = useAdstractMessage(message);
  const remarkPlugins = useMemo(
    (): Pluggable[] => [
      ...Object.values(defaultRemarkPlugins),
      [remarkAdstract, { productName, streaming }],
    ],
    [productName, streaming],
  );
  return (
    <Streamdown
      className="answer"
      isAnimating={streaming}
      linkSafety={linkSafety}
      parseMarkdownIntoBlocksFn={parseBlocks}
      rehypePlugins={rehypePlugins}
      remarkPlugins={remarkPlugins}
    >
      {text}
    </Streamdown>
  );
});
