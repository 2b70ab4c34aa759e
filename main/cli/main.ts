import { CommanderError } from 'commander';
import { buildProgram } from './program.ts';
import { UserFacingError } from './user-facing-error.ts';

/** Runs the CLI and returns the process exit code; never lets a stack trace reach the user. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserFacingError) {
      process.stderr.write(`airlock: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`airlock: unexpected failure: ${message}\n` +
      'This is a bug in Airlock; please report it with the command you ran.\n');
    return 70;
  }
}
