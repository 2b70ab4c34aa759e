import type { Command } from 'commander';
import { exportBundle, BundleExportError, BundleTargetError } from '../../audit/bundle/export.ts';
import { formatBundleReport } from '../../audit/bundle/verify.ts';
import { logFailureAdvice } from '../../audit/failure-advice.ts';
import { AuditIntegrityError, AuditWriteError } from '../../audit/log.ts';
import type { VerificationResult } from '../../audit/stream-verifier.ts';
import { withUnlockedTenant, type UnlockFlags } from '../unlocked-tenant.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { dataCommand } from './init.ts';

export function formatVerification(r: VerificationResult): string {
  const lines = [
    r.ok ? 'AUDIT LOG VERIFIED' : 'AUDIT LOG FAILED VERIFICATION',
    `  log:           ${r.origin}`,
    `  entries:       ${r.entriesVerified} verified (chain, canonical encoding, sequence)`,
    `  tree:          size ${r.treeSize}, RFC 6962 root ${r.root}`,
    `  checkpoints:   ${r.checkpointsVerified} signatures verified`,
    `  MACs:          ${r.macsVerified} verified`,
    `  gateway calls: ${r.gatewayCallsVerified} with all 10 pipeline stages in order; ${r.pipelineHashesRecomputed} pipeline hashes recomputed from their stage verdicts`,
    `  fingerprint:   ${r.fingerprint ?? '(none)'}`,
  ];
  if (r.failure) {
    lines.push(`  FIRST BAD SEQ: ${r.failure.seq} (${r.failure.kind}): ${r.failure.message}`);
    lines.push(`  WHAT TO DO:    ${logFailureAdvice(r.failure.seq)}`);
  }
  for (const n of r.notes) lines.push(`  note:          ${n}`);
  return `${lines.join('\n')}\n`;
}

function wrapAuditErrors(error: unknown): never {
  if (error instanceof BundleTargetError || error instanceof BundleExportError || error instanceof AuditIntegrityError || error instanceof AuditWriteError) {
    throw new UserFacingError(error.message, 1, { cause: error });
  }
  throw error;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('verify and export the tamper-evident audit log');
  const unlockOptions = (c: Command): Command =>
    c
      .requiredOption('--data <dir>', 'appliance directory')
      .requiredOption('--tenant <name>', 'tenant name')
      .requiredOption('--user <name>', 'user whose passphrase unlocks the tenant')
      .option('--passphrase-stdin', 'read the passphrase as one line from standard input');

  unlockOptions(audit.command('verify').description('recompute chain, tree, MACs and checkpoint signatures; name the first bad seq'))
    .option('--json', 'print as JSON')
    .action((flags: UnlockFlags & { json?: boolean }) =>
      dataCommand(() =>
        withUnlockedTenant(flags, async (tenant) => {
          const result = await tenant.verifyAudit();
          process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result));
          if (!result.ok) throw new UserFacingError(`audit log verification FAILED at seq ${result.failure?.seq} (${result.failure?.kind})`, 1);
        }),
      ).catch(wrapAuditErrors),
    );

  unlockOptions(audit.command('export').description('write a signed, self-verifying audit bundle to removable media'))
    .requiredOption('--out <path>', 'bundle folder to create (must be absent or empty)')
    .option('--since <checkpoint>', 'tree size, or path of a checkpoint note, to prove consistency from')
    .option('--with-payloads', 'include payload contents (auditor role; explicit until roles land)')
    .action((flags: UnlockFlags & { out: string; since?: string; withPayloads?: boolean }) =>
      dataCommand(() =>
        withUnlockedTenant(flags, async (tenant) => {
          const log = tenant.audit;
          const since = flags.since === undefined ? undefined : /^\d+$/.test(flags.since) ? Number(flags.since) : flags.since;
          let shown = -1;
          const result = await exportBundle(log, {
            out: flags.out,
            ...(since !== undefined ? { since } : {}),
            withPayloads: Boolean(flags.withPayloads),
            actor: flags.user,
            onProgress: (p) => {
              const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
              if (pct !== shown || p.phase === 'done') {
                shown = pct;
                process.stderr.write(`\r${p.phase.padEnd(10)} ${String(pct).padStart(3)}%`);
              }
            },
          });
          process.stderr.write('\n');
          process.stdout.write(formatBundleReport(result.report));
          process.stdout.write(`Give the auditor this fingerprint (through a separate channel): ${result.fingerprint}\n`);
        }),
      ).catch(wrapAuditErrors),
    );
}
