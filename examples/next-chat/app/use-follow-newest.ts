'use client';

import { type RefObject, useCallback, useEffect, useRef } from 'react';

/** Closer to the bottom than this (in CSS pixels) counts as at the bottom. */
const AT_BOTTOM_PX = 16;

const distanceFromBottom = () => {
  const page = document.documentElement;
  return page.scrollHeight - (window.scrollY + window.innerHeight);
};
const scrollToBottom = () =>
  window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });

/**
 * Keeps the newest message in view while the conversation grows, as long as the reader is at the
 * bottom of the page: whoever scrolled up to read stays where they are until they scroll back
 * down (or send a message, which calls the returned `follow`).
 */
export function useFollowNewest(content: RefObject<HTMLElement | null>): () => void {
  const following = useRef(true);

  useEffect(() => {
    const element = content.current;
    if (element === null) return;
    // Only scrolling changes `following`, and only scrolling up stops it: the scroll event of
    // our own scroll to the bottom can arrive after more text made the page taller again.
    let lastY = window.scrollY;
    const onScroll = () => {
      const y = window.scrollY;
      if (distanceFromBottom() <= AT_BOTTOM_PX) following.current = true;
      else if (y < lastY) following.current = false;
      lastY = y;
    };
    const observer = new ResizeObserver(() => {
      if (following.current && distanceFromBottom() > 0) scrollToBottom();
    });
    window.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    return () => {
      window.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [content]);

  return useCallback(() => {
    following.current = true;
    scrollToBottom();
  }, []);
}
