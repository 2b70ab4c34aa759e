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

/**
 * Exit codes a script can tell apart: 0 success, 1 a failure (the model or its server, the audit
 * log, the tenant, passphrase or data directory), 2 a usage error (unknown flag, bad or missing
 * arguments), 3 a call refused by governance (a stage blocked it, a budget, a kill switch), and
 * 128 + signal for an interruption (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP, 141 closed output).
 */
export const FAILURE_EXIT = 1;
export const USAGE_EXIT = 2;
export const REFUSED_EXIT = 3;

/** 128 + SIGPIPE: what a shell reports for a command whose reader went away (`… | head`). */
export const CLOSED_PIPE_EXIT = 141;
