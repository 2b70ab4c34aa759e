/**
 * Typed provider failures. Every message says what failed and what to do, and never carries an
 * API key, a request header or a credential-bearing URL.
 */

export type ProviderErrorCode =
  | 'runtime-unavailable'
  | 'model-load-failed'
  | 'model-not-found'
  | 'context-failed'
  | 'generation-failed'
  | 'bad-request'
  | 'unauthorized'
  | 'rate-limited'
  | 'server-error'
  | 'connection-failed'
  | 'invalid-response'
  | 'invalid-output'
  | 'timeout'
  | 'unavailable';

// Failures that say the provider (not the request) is unwell: these count towards the router's breaker.
const PROVIDER_FAULTS: ReadonlySet<ProviderErrorCode> = new Set([
  'runtime-unavailable',
  'model-load-failed',
  'context-failed',
  'generation-failed',
  'rate-limited',
  'server-error',
  'connection-failed',
  'invalid-response',
  'timeout',
  'unavailable',
]);

// Failures of this provider's setup for this model (a wrong key, a model it does not serve): not
// the request's fault and not the provider's health, so another model may serve the call, but the
// breaker does not count them.
const MODEL_SETUP_FAULTS: ReadonlySet<ProviderErrorCode> = new Set(['model-not-found', 'unauthorized']);

export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    options?: ErrorOptions & { readonly status?: number },
  ) {
    super(message, options);
    this.name = 'ProviderError';
    if (options?.status !== undefined) this.status = options.status;
  }

  /** The HTTP status, for failures an HTTP server reported. */
  readonly status?: number;

  /** True when the failure is the provider's (down, overloaded, broken), not the request's. */
  get providerFault(): boolean {
    return PROVIDER_FAULTS.has(this.code);
  }

  /** True when this provider cannot serve this model as set up (unknown model, refused key): a fallback may. */
  get modelSetupFault(): boolean {
    return MODEL_SETUP_FAULTS.has(this.code);
  }
}

export type TimeoutPhase = 'connect' | 'idle' | 'overall';

/** The model server did not connect, went silent, or took too long overall. */
export class ProviderTimeoutError extends ProviderError {
  constructor(
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super('timeout', message, options);
    this.name = 'ProviderTimeoutError';
  }
}
