/** Builds real tenant logs (encrypted WAL SQLite, Ed25519, AES-GCM) for integration tests. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AuditLog, type AppendOptions, type AppendResult, type OpenAuditLogOptions } from '../../../main/audit/log.ts';
import { PRE_CALL_ACTION, PRE_CALL_STAGES, recomputePipelineHash, REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { makeSigner, openEncryptedDb, tenantParts, type TenantParts } from '../../unit/audit/fixtures.ts';

export const TENANT = 'acme-clinic';

export interface OpenedLog {
  parts: TenantParts;
  db: Database;
  log: AuditLog;
  /** A copy of the epoch-0 key kept for the verifier (the log zeroes the one it was given). */
  epochZeroKey: Uint8Array;
}

export function openLog(extra: Partial<OpenAuditLogOptions> = {}, parts = tenantParts()): OpenedLog {
  const db = openEncryptedDb(parts.file, parts.dbKeyHex);
  const epochZeroKey = new Uint8Array(parts.epochZeroKey);
  const log = AuditLog.open({ db, tenant: TENANT, signer: parts.signer, sealer: parts.sealer, epochZeroKey: new Uint8Array(parts.epochZeroKey), ...extra });
  return { parts, db, log, epochZeroKey };
}

/** Verdicts shaped as pipeline.ts records them (stage, outcome, detail, ms), every stage passing. */
export function passingVerdicts(detail: Record<string, string | number | boolean> = {}): { stage: string; outcome: string; detail: Record<string, string | number | boolean>; ms: number }[] {
  return REQUIRED_GATEWAY_STAGES.map((stage) => ({ stage, outcome: 'pass', detail: { ...detail }, ms: 0.25 }));
}

/**
 * Writes a call's pre-call entry as stage 5 writes it: outcome pending, the stages before
 * pre-call-audit, the hash of `verdicts`' first ones and (when its verdict has them) stage 5's
 * inputDigest and model (pre-call-audit.ts), by `actor` (the one
 * the call's record names: the verifier requires the same). Returns its seq.
 */
export async function appendPreCall(
  log: Pick<AuditLog, 'append'>,
  callId: string,
  verdicts: readonly unknown[],
  { actor = 'agent:triage', ...options }: AppendOptions & { actor?: string } = {},
): Promise<number> {
  // A real call's stage-5 verdict carries the entry's inputDigest and model: the entry has them too.
  const stage5 = (verdicts[PRE_CALL_STAGES.length] as { detail?: Record<string, unknown> } | undefined)?.detail ?? {};
  const copied = Object.fromEntries(['inputDigest', 'model'].flatMap((k) => (typeof stage5[k] === 'string' ? [[k, stage5[k]]] : [])));
  const { seq } = await log.append(
    { actor, action: PRE_CALL_ACTION, subject: callId, outcome: 'pending', fields: { pipelineHash: recomputePipelineHash(verdicts.slice(0, PRE_CALL_STAGES.length)), stages: PRE_CALL_STAGES.join(','), ...copied } },
    options,
  );
  return seq;
}

/**
 * `verdicts` with the pre-call-audit verdict naming pre-call entry `preSeq` (its detail's seq), as
 * stage 5 returns it once it has written that entry: the verifier requires a record's stage-5
 * verdict to name the record's pre-call entry.
 */
export function withPreCallSeq<V extends { readonly stage: string; readonly detail?: Record<string, string | number | boolean> }>(verdicts: readonly V[], preSeq: number): V[] {
  return verdicts.map((v, i) => (i === PRE_CALL_STAGES.length ? { ...v, detail: { ...v.detail, seq: preSeq } } : v));
}

/**
 * Records a complete call as the gateway does: its pre-call entry (stage 5), then its record
 * (stage 10) naming it, with the verdicts in the payload and their hash in the entry.
 */
export async function recordCall(
  log: Pick<AuditLog, 'append' | 'recordGatewayCall'>,
  callId: string,
  given: readonly { stage: string; outcome: string; detail?: Record<string, string | number | boolean> }[] = passingVerdicts(),
  options: AppendOptions = {},
): Promise<AppendResult & { preSeq: number }> {
  const preSeq = await appendPreCall(log, callId, given);
  const verdicts = withPreCallSeq(given, preSeq);
  const result = await log.recordGatewayCall(
    {
      actor: 'agent:triage',
      subject: callId,
      outcome: verdicts.some((v) => v.outcome === 'block') ? 'blocked' : 'ok',
      pipelineHash: recomputePipelineHash(verdicts),
      stages: [...REQUIRED_GATEWAY_STAGES],
      fields: { verdicts: verdicts.map((v) => v.outcome).join(','), preCallSeq: String(preSeq) },
      payload: JSON.stringify({ callId, verdicts }),
    },
    options,
  );
  return { ...result, preSeq };
}

/**
 * Appends a mix of ordinary events, gateway calls, and (optionally) a signing-key rotation. Each
 * gateway call is shaped as the gateway writes it: its pre-call entry (stage 5) one entry before
 * its record (stage 10), which names it by seq. Call ids are unique across calls to fill, as the
 * gateway's (UUIDs) are: the verifier refuses a second record for one call.
 */
export async function fill(log: AuditLog, count: number, options: { rotateKeyAt?: number } = {}): Promise<void> {
  // Queued together so they group-commit (in order) rather than paying one fsync each.
  const pending: Promise<unknown>[] = [];
  const run = randomUUID();
  const verdictsOf = (i: number) => passingVerdicts({ n: i });
  let preSeq: number | undefined;
  for (let i = 0; i < count; i++) {
    if (i === options.rotateKeyAt) pending.push(log.rotateSigningKey(makeSigner(), 'admin@acme'));
    if (i % 5 === 3 && i + 1 < count) {
      // Awaited for its seq (the record names it): the entries queued before it commit with it, in order.
      preSeq = await appendPreCall(log, `call-${run}-${i + 1}`, verdictsOf(i + 1));
    } else if (i % 5 === 4 && preSeq !== undefined) {
      // Shaped as stage 10 records a call: its verdicts in the payload, their hash in the entry.
      const verdicts = withPreCallSeq(verdictsOf(i), preSeq);
      pending.push(log.recordGatewayCall({
        actor: 'agent:triage',
        subject: `call-${run}-${i}`,
        outcome: 'ok',
        pipelineHash: recomputePipelineHash(verdicts),
        stages: [...REQUIRED_GATEWAY_STAGES],
        fields: { verdicts: verdicts.map((v) => v.outcome).join(','), preCallSeq: String(preSeq) },
        payload: JSON.stringify({ callId: `call-${run}-${i}`, verdicts }),
      }));
      preSeq = undefined;
    } else {
      pending.push(log.append({ actor: `user${i % 3}@acme`, action: 'record.view', subject: `patient/${i}`, outcome: i % 7 === 0 ? 'denied' : 'ok', payload: `payload ${i}` }));
    }
  }
  await Promise.all(pending);
}
