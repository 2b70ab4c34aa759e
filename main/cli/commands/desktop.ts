import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UserFacingError } from '../user-facing-error.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Finds Electron's binary the way the `electron` package does; undefined when it is absent. */
export function locateElectron(): string | undefined {
  try {
    // The package exports the binary path, and throws when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function registerDesktop(program: Command): void {
  program
    .command('desktop')
    .description('build and launch the desktop app (needs Electron\'s binary)')
    .action(async () => {
      const electron = locateElectron();
      if (!electron) {
        throw new UserFacingError(
          "Electron's binary is not installed on this machine (it cannot be downloaded offline), so the desktop " +
            'app cannot start. Point ELECTRON_OVERRIDE_DIST_PATH at a folder holding an Electron 45 build and run ' +
            '`npm start` again, or use the headless `airlock` CLI (`npx airlock --help`, e.g. `npx airlock doctor`).',
        );
      }
      const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (build.status !== 0) throw new UserFacingError('building the app failed; see the output above.');
      const child = spawn(electron, [root], { stdio: 'inherit' });
      process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    });
}
