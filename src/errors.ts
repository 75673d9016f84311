/** The base of every error pressroom throws on purpose; anything else is a bug. */
export class PressroomError extends Error {
  override name = 'PressroomError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A query the user can fix: the message says what to write instead. CLI exit 2, HTTP 400. */
export class BadQueryError extends PressroomError {
  override name = 'BadQueryError';
}

/** A command line or request parameter the user can fix. CLI exit 2, HTTP 400. */
export class UsageError extends PressroomError {
  override name = 'UsageError';
}

/** An id or name that is not in the archive. CLI exit 1, HTTP 404. */
export class NotFoundError extends PressroomError {
  override name = 'NotFoundError';
}
