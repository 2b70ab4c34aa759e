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
