// The client's error classes, so an app handles every Adstract failure with one import. They are
// the same classes (not copies): `instanceof` and `isInstance` agree across both packages.
export {
  AdAcknowledgmentError,
  AdEnhancementError,
  AdResponseNotFoundError,
  AdSDKError,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  DuplicateAdRequestError,
  MissingParameterError,
  NetworkError,
  type NetworkErrorReason,
  NoFillError,
  PromptRejectedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnsuccessfulAdResponseError,
  ValidationError,
} from '@adstract/client';
