import { type Command, CommanderError } from 'commander';
import { buildProgram } from './program.ts';
import { CLOSED_PIPE_EXIT, USAGE_EXIT, UserFacingError } from './user-facing-error.ts';


let stderrClosed = false;

/**
 * A failed write to stderr (`2>&1 | head`, a hung-up terminal: EPIPE, EIO) must not crash a
 * command half-way, e.g. an `ask` recording its call; the messages have nowhere to go, so the
 * failure is kept for the exit code instead.
 */
function onStderrError(): void {
  stderrClosed = true;
}

/**
 * Runs the CLI and returns the process exit code; never lets a stack trace reach the user. A command
 * that succeeded but could not write its messages (stderr closed) exits 141, as a closed stdout does;
 * a failure keeps its own code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  if (!process.stderr.listeners('error').includes(onStderrError)) process.stderr.on('error', onStderrError);
  const code = await run(argv);
  return code === 0 && stderrClosed ? CLOSED_PIPE_EXIT : code;
}

async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  // Every command, not just the root: a subcommand's usage error must reach the mapping below.
  const override = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) override(sub);
  };
  override(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // Help and --version end with 0; any other word from commander is a usage error (unknown flag, missing argument).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
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
