import {
  AdResponseNotFoundError,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  NetworkError,
  ServerError,
  UnsuccessfulAdResponseError,
} from '@adstract/client';
import { expect, it } from 'vitest';
import { acknowledgeFailureReason } from './acknowledge-recording.js';

it.each([
  ['a 5xx (outcome unknown)', new ServerError({ message: 'x' }), 'unavailable'],
  ['no answer in time', new NetworkError({ message: 'x', reason: 'timeout' }), 'unavailable'],
  ['a transport failure', new NetworkError({ message: 'x', reason: 'network' }), 'unavailable'],
  ['an abort', new NetworkError({ message: 'x', reason: 'aborted' }), 'aborted'],
  ['a 409', new DuplicateAcknowledgmentError({ message: 'x' }), 'duplicate'],
  ['a 404', new AdResponseNotFoundError({ message: 'x' }), 'invalid'],
  ['a 406', new UnsuccessfulAdResponseError({ message: 'x' }), 'invalid'],
  ['a 401', new AuthenticationError({ message: 'x' }), 'invalid'],
])('sorts %s as %s', (_, error, reason) => {
  expect(acknowledgeFailureReason(error)).toBe(reason);
});
