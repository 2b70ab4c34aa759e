import { Command } from 'commander';
import { registerDoctor } from './commands/doctor.ts';
import { registerDesktop } from './commands/desktop.ts';

/** The `airlock` command tree. Each command lives in `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('airlock')
    .description('Airlock: governed, offline AI agents with a signed, hash-chained audit log.')
    .version('0.1.0')
    .showHelpAfterError();
  registerDoctor(program);
  registerDesktop(program);
  return program;
}
