/**
 * A failure that no further turn can fix (a rejected key, an unreachable service): its message is
 * already the complete, one-line instruction the user needs, so the demo prints it as is and stops.
 */
export class SetupError extends Error {
  override name = 'SetupError';
}
