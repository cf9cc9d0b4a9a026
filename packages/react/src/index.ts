// Server-safe: the markdown plugin and helpers are plain code, usable from React Server
// Components; the components and hooks come from './client.js', which starts with 'use client'.
export {
  type AdstractMessageInfo,
  SponsoredText,
  type SponsoredTextProps,
  useAdstractMessage,
} from './client.js';
export { joinSponsoredBlocks } from './markdown/join-sponsored-blocks.js';
export { keepSponsoredAttributes } from './markdown/keep-sponsored-attributes.js';
export { type RemarkAdstractOptions, remarkAdstract } from './markdown/remark-adstract.js';
export type {
  AdstractMessageMetadata,
  AdstractMetadata,
  AdstractStatus,
} from './message/adstract-message-metadata.js';
export { readAdstractMetadata } from './message/read-adstract-metadata.js';
