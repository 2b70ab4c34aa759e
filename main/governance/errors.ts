/**
 * Typed errors of the governance layer, one class per failure family. Messages say what was refused
 * or what failed and what to do next; none holds a passphrase, a key or stored content.
 */
import type { KillScope } from './kill-switch-scope.ts';

export abstract class GovernanceError extends Error {
  /** Stable machine-readable code for the UI, the IPC contract and audit outcomes. */
  abstract readonly code: string;
}

/** A governed action was refused (role, separation of duties, policy). Thrown by `enforce()`. */
export class GovernanceDenied extends GovernanceError {
  readonly code = 'GOVERNANCE_DENIED';
  constructor(
    readonly actor: string,
    readonly action: string,
    readonly reason: string,
  ) {
    super(`${actor} may not ${action}: ${reason}`);
    this.name = 'GovernanceDenied';
  }
}

/** A kill switch covers the team, agent or whole tenant this work belongs to. */
export class KillSwitchEngaged extends GovernanceError {
  readonly code = 'KILL_SWITCH_ENGAGED';
  /** Seq of the `governance.kill.refused` entry that recorded this refusal, once it is recorded. */
  readonly auditSeq?: number;
  constructor(
    readonly scope: KillScope,
    readonly target: string,
    readonly engagedBy: string,
    readonly engagedAt: string,
    options?: ErrorOptions & { readonly auditSeq?: number },
  ) {
    super(
      `Refused: the ${scope} kill switch${scope === 'tenant' ? '' : ` for ${scope} "${target}"`} was engaged by ${engagedBy} at ${engagedAt}. ` +
        'No model or tool call runs under it until two different approvers release it with `airlock kill release`.',
      options,
    );
    this.name = 'KillSwitchEngaged';
    if (options?.auditSeq !== undefined) this.auditSeq = options.auditSeq;
  }
}

/** The passphrase given for a step-up re-authentication did not verify. */
export class StepUpFailed extends GovernanceError {
  readonly code = 'STEP_UP_FAILED';
  constructor(
    readonly user: string,
    readonly action: string,
  ) {
    super(`Re-authentication of "${user}" for ${action} failed: the passphrase is not correct. Nothing was changed; enter your own passphrase again.`);
    this.name = 'StepUpFailed';
  }
}

/** Too many failed step-up re-authentications in a row: further attempts wait. */
export class StepUpBackoff extends GovernanceError {
  readonly code = 'STEP_UP_BACKOFF';
  constructor(
    readonly user: string,
    readonly retryAfterMs: number,
  ) {
    super(`Too many failed re-authentications for "${user}". Wait ${Math.ceil(retryAfterMs / 1000)} s before trying again; each further failure doubles the wait.`);
    this.name = 'StepUpBackoff';
  }
}

/** A policy value or dimension the cascade does not know. */
export class PolicyValueError extends GovernanceError {
  readonly code = 'POLICY_VALUE';
  constructor(detail: string) {
    super(`${detail}. Nothing was changed; run \`airlock policy show\` to see the dimensions and their allowed values.`);
    this.name = 'PolicyValueError';
  }
}

/** GDPR: a record about a data subject was offered for processing without recorded consent. */
export class ConsentMissingError extends GovernanceError {
  readonly code = 'CONSENT_MISSING';
  constructor(
    readonly subjectId: string,
    readonly purpose: string,
    detail: string,
  ) {
    super(
      `Refused to process the record of data subject "${subjectId}" for "${purpose}": ${detail}. ` +
        'The GDPR pack requires recorded consent; record it with the subject, or exclude this record.',
    );
    this.name = 'ConsentMissingError';
  }
}

/** GDPR: the subject was erased by crypto-shredding; their content can never be read again. */
export class SubjectErasedError extends GovernanceError {
  readonly code = 'SUBJECT_ERASED';
  constructor(
    readonly subjectId: string,
    readonly erasedAt: string,
  ) {
    super(`Data subject "${subjectId}" was erased at ${erasedAt}: their data keys were destroyed, so the content cannot be read. The audit log keeps only digests.`);
    this.name = 'SubjectErasedError';
  }
}

/** HIPAA minimum-necessary: an export without a declared, known purpose. */
export class ExportPurposeError extends GovernanceError {
  readonly code = 'EXPORT_PURPOSE';
  constructor(purpose: string, known: readonly string[]) {
    super(`"${purpose}" is not a known export purpose under the HIPAA pack. Declare one of: ${known.join(', ')}. Nothing was exported.`);
    this.name = 'ExportPurposeError';
  }
}

/**
 * The kill switch IS engaged and in-flight work was aborted, but the audit log did not take the
 * record. The switch stays engaged (fail safe); fix the audit log, then engage again to record it.
 */
export class KillSwitchNotRecordedError extends GovernanceError {
  readonly code = 'KILL_SWITCH_NOT_RECORDED';
  constructor(scope: KillScope, target: string, options?: ErrorOptions) {
    super(
      `The ${scope} kill switch${scope === 'tenant' ? '' : ` for "${target}"`} is engaged and work was stopped, but the audit log could not record it. ` +
        'Run `airlock audit verify`, then engage it again so the engagement is on record.',
      options,
    );
    this.name = 'KillSwitchNotRecordedError';
  }
}
