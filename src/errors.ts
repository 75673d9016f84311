/**
 * The base of every error pressroom throws on purpose; anything else is a bug. Each class carries its HTTP status and
 * its CLI exit code, which the two translators (`cli/main.ts` and the server's `onError`) read instead of testing classes.
 * An unclassified `PressroomError` is our failure, not the user's: 500 and exit 1.
 */
export class PressroomError extends Error {
  override name = 'PressroomError';
  readonly status: 400 | 404 | 429 | 500 | 503 = 500;
  readonly exitCode: 1 | 2 = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A query the user can fix: the message says what to write instead. CLI exit 2, HTTP 400. */
export class BadQueryError extends PressroomError {
  override name = 'BadQueryError';
  override readonly status = 400;
  override readonly exitCode = 2;
}

/** A command line or request parameter the user can fix. CLI exit 2, HTTP 400. */
export class UsageError extends PressroomError {
  override name = 'UsageError';
  override readonly status = 400;
  override readonly exitCode = 2;
}

/** An id or name that is not in the archive. CLI exit 1, HTTP 404. */
export class NotFoundError extends PressroomError {
  override name = 'NotFoundError';
  override readonly status = 404;
}

/** A file at `--db` that pressroom must not use or replace as it is: not an archive it made, or damaged. CLI exit 1, HTTP 503. */
export class ArchiveFileError extends PressroomError {
  override name = 'ArchiveFileError';
  override readonly status = 503;
}

/** What the machine will not give: a folder that does not exist, a read-only file, a port in use. CLI exit 1, HTTP 503. */
export class EnvironmentError extends PressroomError {
  override name = 'EnvironmentError';
  override readonly status = 503;
}

/** An ingest that would remove much of the archive, refused until the operator says they mean it. CLI exit 1, HTTP 400. */
export class RefusedError extends PressroomError {
  override name = 'RefusedError';
  override readonly status = 400;
}

/** A request to try again in `retryAfter` seconds (the `Retry-After` header): nothing to change but the moment. */
export abstract class RetryLaterError extends PressroomError {
  constructor(
    message: string,
    readonly retryAfter = 1,
  ) {
    super(message);
  }
}

/** The server has more work than it can take now, or a request ran out of time: HTTP 503 with `Retry-After`. */
export class OverloadedError extends RetryLaterError {
  override name = 'OverloadedError';
  override readonly status = 503;
}

/** One client already has as many exports or trends running as it may: HTTP 429 with `Retry-After`. */
export class TooManyRequestsError extends RetryLaterError {
  override name = 'TooManyRequestsError';
  override readonly status = 429;
}
