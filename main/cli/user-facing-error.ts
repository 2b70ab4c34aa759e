/**
 * An error whose message is written for the person at the terminal: it says what happened and
 * what to do. Any typed domain error may be wrapped in one; its message must never hold a secret.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** 128 + SIGPIPE: what a shell reports for a command whose reader went away (`… | head`). */
export const CLOSED_PIPE_EXIT = 141;
