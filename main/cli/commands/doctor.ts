import type { Command } from 'commander';
import { runDoctor } from '../../doctor/doctor.ts';
import { renderTable } from '../table.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check that this machine can run Airlock: Node, encrypted SQLite, the local model, Chromium')
    .option('--json', 'print the report as JSON')
    .option('--manifest <file>', 'model manifest to check instead of models/manifest.json')
    .action(async (options: { json?: boolean; manifest?: string }) => {
      const report = await runDoctor(options.manifest ? { manifestPath: options.manifest } : {});
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const rows = report.checks.map((check) => [check.name, check.status.toUpperCase(), check.detail]);
        process.stdout.write(`${renderTable(['check', 'status', 'detail'], rows)}\n`);
        for (const check of report.checks) {
          if (check.status === 'fail' && check.remedy) process.stderr.write(`${check.name}: ${check.remedy}\n`);
        }
      }
      if (!report.ok) {
        process.stderr.write('airlock doctor: some checks failed; fix them as described above and run it again.\n');
        process.exitCode = 1;
      }
    });
}
