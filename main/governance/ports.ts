/**
 * The governance layer's dependencies, as ports. The audit layer's AuditLog satisfies AuditSink and
 * PayloadShredder; the data layer's key slots satisfy StepUpVerifier (see step-up.ts).
 */
import type { AuditEvent } from '../audit/log.ts';

/** Durable when the promise resolves; a rejection means the governed action must not happen. */
export interface AuditSink {
  append(event: AuditEvent): Promise<{ readonly seq: number }>;
}

/** Drops one audit payload for good while its leaf keeps the digest (GDPR erasure). */
export interface PayloadShredder {
  shredPayload(seq: number, actor: string): Promise<{ readonly seq: number }>;
}

/** Step-up re-authentication: the user types their passphrase again for one privileged action. */
export interface StepUpVerifier {
  verify(user: string, passphrase: string): Promise<boolean>;
}

/** Milliseconds since the Unix epoch; injected so tests can move time. */
export type Clock = () => number;
