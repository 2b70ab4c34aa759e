import { InvalidArgumentError, type Command } from 'commander';
import { runDoctor, type DoctorOptions, type DoctorReport } from '../../doctor/doctor.ts';
import { renderTable } from '../table.ts';

/** What `airlock doctor` prints: the report on stdout, the remedies of failed checks on stderr. */
export function formatDoctorReport(report: DoctorReport, json: boolean): { stdout: string; stderr: string } {
  if (json) return { stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  const rows = report.checks.map((check) => [check.name, check.status.toUpperCase(), check.detail]);
  const remedies = report.checks.filter((check) => check.status === 'fail' && check.remedy).map((check) => `${check.name}: ${check.remedy}\n`);
  return { stdout: `${renderTable(['check', 'status', 'detail'], rows)}\n`, stderr: remedies.join('') };
}

function milliseconds(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('give a whole number of milliseconds, e.g. 3000.');
  return Number(value);
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check that this machine can run Airlock: Node, encrypted SQLite, the model manifest, the local model "default" routes to, ' +
        'each model server in the manifest\'s routing (egress guard, API key file, price, reachable and serving its model), Chromium',
    )
    .option('--json', 'print the report as JSON')
    .option('--manifest <file>', 'model manifest to check instead of models/manifest.json')
    .option('--server-timeout <ms>', 'how long each model server check waits for DNS, a connection and /models (default 3000)', milliseconds)
    .action(async (options: { json?: boolean; manifest?: string; serverTimeout?: number }) => {
      const doctorOptions: DoctorOptions = {
        ...(options.manifest !== undefined && { manifestPath: options.manifest }),
        ...(options.serverTimeout !== undefined && { serverTimeoutMs: options.serverTimeout }),
      };
      const report = await runDoctor(doctorOptions);
      const { stdout, stderr } = formatDoctorReport(report, options.json === true);
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      if (!report.ok) {
        process.stderr.write('airlock doctor: some checks failed; fix them as described above and run it again.\n');
        process.exitCode = 1;
      }
    });
}
