/** Builds real tenant logs (encrypted WAL SQLite, Ed25519, AES-GCM) for integration tests. */
import type { Database } from 'better-sqlite3';
import { AuditLog, type OpenAuditLogOptions } from '../../../main/audit/log.ts';
import { recomputePipelineHash, REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
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

/** Appends a mix of ordinary events, gateway calls, and (optionally) a signing-key rotation. */
export async function fill(log: AuditLog, count: number, options: { rotateKeyAt?: number } = {}): Promise<void> {
  // Queued together so they group-commit (in order) rather than paying one fsync each.
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    if (i === options.rotateKeyAt) pending.push(log.rotateSigningKey(makeSigner(), 'admin@acme'));
    if (i % 5 === 4) {
      // Shaped as stage 10 records a call: its verdicts in the payload, their hash in the entry.
      const verdicts = REQUIRED_GATEWAY_STAGES.map((stage) => ({ stage, outcome: 'pass', detail: { n: i }, ms: 0.25 }));
      pending.push(log.recordGatewayCall({
        actor: 'agent:triage',
        subject: `call-${i}`,
        outcome: 'ok',
        pipelineHash: recomputePipelineHash(verdicts),
        stages: [...REQUIRED_GATEWAY_STAGES],
        fields: { verdicts: verdicts.map((v) => v.outcome).join(',') },
        payload: JSON.stringify({ callId: `call-${i}`, verdicts }),
      }));
    } else {
      pending.push(log.append({ actor: `user${i % 3}@acme`, action: 'record.view', subject: `patient/${i}`, outcome: i % 7 === 0 ? 'denied' : 'ok', payload: `payload ${i}` }));
    }
  }
  await Promise.all(pending);
}
