// The entry of everything that runs React hooks; the build starts it with 'use client' so React
// Server Components can render these while importing the rest of the package as plain code.
export type { AdstractMessageInfo } from './message/adstract-message-metadata.js';
export { useAdstractMessage } from './message/use-adstract-message.js';
export { SponsoredText, type SponsoredTextProps } from './text/sponsored-text.js';
