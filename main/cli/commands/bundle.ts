import type { Command } from 'commander';
import { formatBundleReport, verifyBundle } from '../../audit/bundle/verify.ts';
import { UserFacingError } from '../user-facing-error.ts';

/** `airlock bundle verify PATH --fingerprint HEX`: offline, no passphrase, no appliance. */
export function registerBundle(program: Command): void {
  const bundle = program.command('bundle').description('work with exported audit bundles (offline)');
  bundle
    .command('verify')
    .description('verify an audit bundle against the SHA-256 fingerprint of the tenant\'s first signing key')
    .argument('<path>', 'the bundle folder')
    .requiredOption('--fingerprint <hex>', 'full SHA-256 hex fingerprint of the tenant\'s first public key (the trust anchor)')
    .option('--json', 'print the report as JSON')
    .action((dir: string, options: { fingerprint: string; json?: boolean }) => {
      if (!/^[0-9a-fA-F]{64}$/.test(options.fingerprint.trim())) {
        throw new UserFacingError('--fingerprint must be the 64-character SHA-256 hex fingerprint you were given for this tenant (`airlock tenant show`).', 2);
      }
      let lastShown = 0;
      const report = verifyBundle(dir, options.fingerprint, {
        onProgress: (done) => {
          if (!options.json && process.stderr.isTTY && done - lastShown >= 100_000) {
            lastShown = done;
            process.stderr.write(`\rverified ${done} entries…`);
          }
        },
      });
      if (!options.json && process.stderr.isTTY && lastShown > 0) process.stderr.write('\n');
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatBundleReport(report));
      if (!report.ok) {
        const where = report.failure ? `first bad seq ${report.failure.seq} (${report.failure.kind})` : report.problems[0] ?? 'see the report';
        throw new UserFacingError(`bundle verification FAILED: ${where}`, 1);
      }
    });
}
