import { Command } from 'commander';
import { registerDoctor } from './commands/doctor.ts';
import { registerDesktop } from './commands/desktop.ts';
import { registerInit } from './commands/init.ts';
import { registerTenant } from './commands/tenant.ts';
import { registerUser } from './commands/user.ts';
import { registerKeys } from './commands/keys.ts';
import { registerRecover } from './commands/recover.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBundle } from './commands/bundle.ts';
import { registerPolicy } from './commands/policy.ts';
import { registerKill } from './commands/kill.ts';
import { registerRole } from './commands/role.ts';
import { registerAsk } from './commands/ask.ts';

/** The `airlock` command tree. Each command lives in `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('airlock')
    .description('Airlock: governed, offline AI agents with a signed, hash-chained audit log.')
    .version('0.1.0')
    .showHelpAfterError();
  registerDoctor(program);
  registerDesktop(program);
  registerInit(program);
  registerTenant(program);
  registerUser(program);
  registerKeys(program);
  registerRecover(program);
  registerAudit(program);
  registerBundle(program);
  registerPolicy(program);
  registerKill(program);
  registerRole(program);
  registerAsk(program);
  return program;
}
