/**
 * Typed errors of the gateway, one class per failure family. Every message is written for the
 * agent or the person at the keyboard: what was refused, why in fixed words, and what to do. None
 * carries prompt text, model output, PII values or secrets; causes are kept by class name only.
 */
import type { KillSwitchEngaged } from '../governance/errors.ts';
import type { ProviderErrorCode } from '../providers/errors.ts';
import type { GatewayStageName, StageVerdict } from './verdict.ts';

/** What the audit log holds about a refused call, attached once the refusal is recorded. */
export interface GatewayCallRecordRef {
  readonly callId: string;
  readonly verdicts: readonly StageVerdict[];
  readonly pipelineHash: string;
  /** Seq of the audit entry recording the call (gateway.call or gateway.call.blocked). */
  readonly auditSeq: number;
}

export abstract class GatewayError extends Error {
  /** Stable machine-readable code (UI, IPC, audit outcome field). */
  abstract readonly code: string;
  /** The HTTP-like status an agent runtime maps this to (429 for budgets, as in reference 002). */
  abstract readonly status: number;
  /** The stage that refused, or 'admission' for refusals before stage 1. */
  readonly stage: GatewayStageName | 'admission';
  constructor(stage: GatewayStageName | 'admission', message: string) {
    super(message);
    this.stage = stage;
  }
}

export type BudgetScope = 'call' | 'session' | 'agent' | 'tenant';

const SCOPE_WORDS: Readonly<Record<BudgetScope, string>> = {
  call: 'per-call budget',
  session: 'per-session budget',
  agent: 'per-agent daily budget',
  tenant: 'per-tenant daily budget',
};
const DIMENSION_OF: Readonly<Record<BudgetScope, string>> = {
  call: 'budget.perCall',
  session: 'budget.perSession',
  agent: 'budget.perAgent',
  tenant: 'budget.perTenant',
};

/**
 * The call would exceed a budget (the 429 of reference 002): refused by stage 1 or 5, nothing
 * reached the model. Or, with `overBy`, stage 10 found the call's reported usage, beyond its
 * reservation, took a scope past its limit: the charge stands and the output is withheld.
 */
export class BudgetExceeded extends GatewayError {
  readonly code = 'BUDGET_EXCEEDED';
  readonly status = 429;
  constructor(
    readonly scope: BudgetScope,
    /** Cost units. */
    readonly limit: number,
    /** Cost units committed (settled plus reserved) in the scope's period: before this call, or with its charge when `overBy` is given. */
    readonly committed: number,
    /** Cost units this call would reserve (prompt estimate + maxTokens), or was charged when `overBy` is given. */
    readonly requested: number,
    /** The policy level that set the limit (governance provenance). */
    readonly decidedBy: string,
    /** Cost units past the limit once the call was charged: the model ran, and its usage outgrew the reservation. */
    readonly overBy?: number,
  ) {
    const left = Math.max(0, limit - committed);
    super(
      overBy === undefined ? 'budget' : 'billing-post-call-audit',
      (overBy === undefined
        ? `Budget exceeded (429): this call would reserve up to ${fmt(requested)} cost units, but the ${SCOPE_WORDS[scope]} ` +
          `(${fmt(limit)}, set at the ${decidedBy} level) has ${fmt(left)} left. The call was not sent to the model. `
        : `Budget exceeded (429): the model reported more usage than this call reserved; its charge of ${fmt(requested)} cost units ` +
          `took the ${SCOPE_WORDS[scope]} (${fmt(limit)}, set at the ${decidedBy} level) ${fmt(overBy)} past its limit. ` +
          'The charge stands and was recorded; the response was withheld. ') +
        (scope === 'call'
          ? `Lower maxTokens or shorten the prompt${overBy === undefined ? '' : ' and its function definitions'}, `
          : scope === 'session'
            ? 'Start a new session, '
            : 'Wait for the period to reset (00:00 UTC), ') +
        `or ask an approver to raise ${DIMENSION_OF[scope]} (\`airlock policy set\`).`,
    );
    this.name = 'BudgetExceeded';
  }
}

function fmt(units: number): string {
  return Number(units.toPrecision(6)).toString();
}

/** A stage decided to refuse the call (injection, moderation, output policy). */
export class GatewayBlocked extends GatewayError {
  readonly status = 403;
  constructor(
    stage: GatewayStageName,
    readonly code: string,
    /** Sanitized, built from constants and class names only. */
    agentMessage: string,
  ) {
    super(stage, agentMessage);
    this.name = 'GatewayBlocked';
  }
}

/** A stage threw: the call is blocked (fail closed). The cause is named by class only. */
export class GatewayStageError extends GatewayError {
  readonly code = 'GATEWAY_STAGE_FAILED';
  readonly status = 500;
  constructor(
    stage: GatewayStageName,
    readonly causeName: string,
  ) {
    super(
      stage,
      `The gateway's ${stage} stage failed (${causeName}), so the call was blocked: every stage fails closed. ` +
        'The refusal is on the audit log. Retry; if it persists, run `airlock doctor` and report the audit seq.',
    );
    this.name = 'GatewayStageError';
  }
}

/** The audit log did not take a gateway record: the call must not proceed or be returned. */
export class GatewayAuditError extends GatewayError {
  readonly code = 'GATEWAY_AUDIT_FAILED';
  readonly status = 503;
  constructor(stage: GatewayStageName | 'admission', causeName: string) {
    super(
      stage,
      `The audit log could not record this gateway call (${causeName}), so the call was refused (fail closed)` +
        (stage === 'billing-post-call-audit' ? ' and its output withheld' : '') +
        '. Run `airlock audit verify` and check free disk space, then retry.',
    );
    this.name = 'GatewayAuditError';
  }
}

/**
 * Stage 10 found the call's budget reservation already settled: the call outlived the stale
 * reservation age and a sweep (another process, or a restart) charged it in full. Recording it
 * again would charge it twice, so the call fails and its output is withheld.
 */
export class GatewayReservationSwept extends GatewayError {
  readonly code = 'GATEWAY_RESERVATION_SWEPT';
  readonly status = 409;
  constructor() {
    super(
      'billing-post-call-audit',
      'This call ran longer than the stale-reservation age, so its budget reservation was swept and charged in full ' +
        'while it ran (see the gateway.budget.swept audit entry); its output is withheld rather than charged twice. ' +
        'Retry the call; if calls this long are expected, raise the gateway\'s staleReservationMs.',
    );
    this.name = 'GatewayReservationSwept';
  }
}

/** What to do about a provider failure, by its code (a fixed word, never the provider's text). */
const PROVIDER_HINTS: Readonly<Partial<Record<ProviderErrorCode, string>>> = {
  'bad-request':
    'the model refused the request as given: for a local model, the prompt plus maxTokens must fit its context, and an output schema or ' +
    "function parameters may use only what its grammar can express (type, properties, items, enum, const, oneOf/anyOf, $defs/$ref; not allOf, not, if/then/else or patternProperties; a minItems, minLength or minProperties of at most 1,000). " +
    'Shorten the prompt, lower maxTokens or simplify the schema',
  unauthorized: 'the model server refused the API key: fix the file routing.servers.<name>.apiKeyFile names in the model manifest',
  'model-not-found': 'the model is not served: check the model manifest and `airlock doctor`',
  'rate-limited': 'the model server is busy: retry later',
  unavailable: 'the model is not ready or its circuit breaker is open: retry shortly, and check `airlock doctor` if it persists',
  timeout: 'the model did not answer in time: check `airlock doctor`, or retry with a lower maxTokens',
  'invalid-output': 'the model\'s output did not match the requested format: ask again, or simplify the schema or the function parameters',
};

/** The model provider failed or could not be resolved. */
export class ModelCallFailed extends GatewayError {
  readonly code = 'MODEL_CALL_FAILED';
  readonly status = 502;
  constructor(
    stage: GatewayStageName | 'admission',
    readonly model: string,
    readonly causeName: string,
    /** The provider's failure code, when it gave one. */
    readonly providerCode?: ProviderErrorCode,
  ) {
    const hint = providerCode === undefined ? undefined : PROVIDER_HINTS[providerCode];
    super(
      stage,
      `The model "${model}" could not ${stage === 'admission' ? 'be opened' : 'complete the call'} (${providerCode ?? causeName}): ` +
        `${hint ?? 'check `airlock doctor` and the model manifest'}. The call was recorded.`,
    );
    this.name = 'ModelCallFailed';
  }
}

/**
 * The model's provider reported token counts the gateway cannot bill from (not whole numbers ≥ 0,
 * more completion tokens than were allowed, or a cost past any charge): the call was charged its
 * whole reservation, recorded, and its output withheld, since its accounting cannot be trusted.
 */
export class ModelUsageInvalid extends GatewayError {
  readonly code = 'MODEL_USAGE_INVALID';
  readonly status = 502;
  constructor(
    stage: GatewayStageName,
    readonly model: string,
  ) {
    super(
      stage,
      `The model "${model}" reported token usage the gateway cannot bill from, so the call was charged its whole ` +
        'budget reservation and its output withheld; the call was recorded. Check the model server (its version and its ' +
        '`usage` reporting) with `airlock doctor`, then retry.',
    );
    this.name = 'ModelUsageInvalid';
  }
}

/** The caller aborted the call (its own AbortSignal). */
export class GatewayCallAborted extends GatewayError {
  readonly code = 'GATEWAY_CALL_ABORTED';
  readonly status = 499;
  /** `beforeModel`: cancelled at a stage boundary before the model ran (nothing charged). */
  constructor(stage: GatewayStageName, beforeModel = false) {
    super(
      stage,
      beforeModel
        ? 'The call was cancelled by its caller before the model ran; nothing was charged, and the call is recorded as cancelled.'
        : 'The call was cancelled by its caller; the tokens generated so far were billed and the call recorded.',
    );
    this.name = 'GatewayCallAborted';
  }
}

/** The request itself is malformed (no messages, bad maxTokens, …). Nothing was recorded. */
export class GatewayRequestError extends GatewayError {
  readonly code = 'GATEWAY_BAD_REQUEST';
  readonly status = 400;
  constructor(detail: string) {
    super('admission', `The gateway request is not valid: ${detail}.`);
    this.name = 'GatewayRequestError';
  }
}

/** What a call can be refused with: a gateway error, or governance's kill switch. */
export type CallRefusal = GatewayError | KillSwitchEngaged;

/** The kind of event a refused call is on the audit log: a budget's, a security control's, or a failure. */
export function refusalEvent(refusal: CallRefusal): 'billing' | 'security' | 'failure' {
  if (refusal instanceof BudgetExceeded) return 'billing';
  if (refusal.code === 'PROMPT_INJECTION' || refusal.code.endsWith('_MODERATION') || refusal.code === 'KILL_SWITCH_ENGAGED') return 'security';
  return 'failure';
}

const records = new WeakMap<Error, GatewayCallRecordRef>();

/** Notes where a refusal is on the audit log (the gateway does this before throwing it). */
export function attachRecord(error: CallRefusal, record: GatewayCallRecordRef): void {
  records.set(error, record);
}

/** The audit record of a refused gateway call (verdicts, pipeline hash, seq), when there is one. */
export function gatewayRecordOf(error: unknown): GatewayCallRecordRef | undefined {
  return error instanceof Error ? records.get(error) : undefined;
}

/** Class name of a thrown value, for records and messages (never its message, which may hold text). */
export function causeName(error: unknown): string {
  if (error instanceof Error) return /^[A-Za-z0-9_]{1,64}$/.test(error.name) ? error.name : 'Error';
  return typeof error;
}
