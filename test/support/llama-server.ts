/**
 * A real OpenAI-compatible server for the provider conformance tests: llama.cpp's `llama-server`,
 * built from the llama.cpp source that node-llama-cpp ships (`llama/gitRelease.bundle`), serving
 * the generated tiny model on 127.0.0.1.
 *
 * The build (~10 min on 2 cores) is cached outside the repo in
 * `${AIRLOCK_CACHE_DIR:-~/.cache/airlock}/llama-server-<tag>/`, keyed by the bundle's commit, and
 * guarded by a lock file so parallel test files (and parallel test runs) build it once.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { access, chmod, copyFile, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { constants, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveModel } from '../../models/manifest.ts';

const CMAKE_FLAGS = [
  '-DCMAKE_BUILD_TYPE=Release',
  '-DLLAMA_CURL=OFF',
  '-DLLAMA_OPENSSL=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
  '-DGGML_NATIVE=OFF',
  '-DBUILD_SHARED_LIBS=OFF',
];

export interface LlamaServerBinary {
  readonly path: string;
  /** llama.cpp release tag node-llama-cpp pins (llama/llama.cpp.info.json). */
  readonly tag: string;
  /** Commit at the head of the shipped git bundle. */
  readonly commit: string;
  /** True when this call compiled it; false when the cache already had it. */
  readonly built: boolean;
  readonly buildSeconds?: number;
}

function log(line: string): void {
  process.stderr.write(`[llama-server] ${line}\n`);
}

/** node-llama-cpp's `llama/` folder; its package exports hide package.json, so search node_modules. */
function llamaSourceDir(): string {
  const require = createRequire(import.meta.url);
  for (const modules of require.resolve.paths('node-llama-cpp') ?? []) {
    const candidate = join(modules, 'node-llama-cpp', 'llama');
    if (existsSync(join(candidate, 'gitRelease.bundle'))) return candidate;
  }
  throw new Error('node-llama-cpp (with llama/gitRelease.bundle) is not installed; run `npm ci` first.');
}

export function llamaServerCacheRoot(): string {
  return process.env.AIRLOCK_CACHE_DIR ?? join(homedir(), '.cache', 'airlock');
}

/** Runs a command, streaming its output lines to `onLine`; rejects with the output tail on failure. */
function run(command: string, args: readonly string[], options: { cwd?: string; onLine?: (line: string) => void } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer): void => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        options.onLine?.(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(`\`${command}\` is not installed; it is needed to build llama-server (on Debian: apt-get install ${command}).`)
          : error,
      );
    });
    child.on('close', (code) => {
      if (partial !== '') tail.push(partial);
      if (code === 0) resolve(tail.join('\n'));
      else reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${code}:\n${tail.join('\n')}`));
    });
  });
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
async function withLock<T>(lockPath: string, ready: () => Promise<boolean>, work: () => Promise<T>, whenReady: () => Promise<T>): Promise<T> {
  let waitingSince: number | undefined;
  let lastWaitLog = 0;
  for (;;) {
    if (await ready()) return whenReady();
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      try {
        if (await ready()) return await whenReady(); // built by another process just before we locked
        return await work();
      } finally {
        await rm(lockPath, { force: true });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
        log(`removing stale build lock ${lockPath} (process ${holder} is gone)`);
        await rm(lockPath, { force: true });
        continue;
      }
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        lastWaitLog = waitingSince;
        log(`another process (${Number.isNaN(holder) ? 'starting' : holder}) is building llama-server; waiting for it`);
      } else if (Date.now() - lastWaitLog >= 60_000) {
        lastWaitLog = Date.now();
        log(`still waiting for the llama-server build (${Math.round((Date.now() - waitingSince) / 1000)} s)`);
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

/** The cached llama-server binary, building it from the shipped bundle first if needed. */
export async function ensureLlamaServer(): Promise<LlamaServerBinary> {
  const source = llamaSourceDir();
  const bundle = join(source, 'gitRelease.bundle');
  const info = JSON.parse(await readFile(join(source, 'llama.cpp.info.json'), 'utf8')) as { tag: string };
  const heads = await run('git', ['bundle', 'list-heads', bundle]);
  const commit = /^([0-9a-f]{40}) HEAD$/m.exec(heads)?.[1] ?? heads.split(/\s/)[0] ?? 'unknown';
  const dir = join(llamaServerCacheRoot(), `llama-server-${info.tag}`);
  const binary = join(dir, 'bin', 'llama-server');
  const stampPath = join(dir, 'stamp.json');
  await mkdir(dir, { recursive: true });

  const ready = async (): Promise<boolean> => {
    if (!(await fileExists(binary))) return false;
    const stamp = await readFile(stampPath, 'utf8').catch(() => '{}');
    return (JSON.parse(stamp) as { commit?: string }).commit === commit;
  };
  const cached = async (): Promise<LlamaServerBinary> => ({ path: binary, tag: info.tag, commit, built: false });

  return withLock(join(dir, 'build.lock'), ready, async () => {
    const started = performance.now();
    const work = join(dir, `work-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      log(`building llama-server ${info.tag} (${commit.slice(0, 12)}) from ${bundle} into ${dir}; this takes about 10-15 minutes once`);
      await run('git', ['clone', '--quiet', bundle, join(work, 'src')]);
      log('configuring with cmake');
      await run('cmake', ['-S', join(work, 'src'), '-B', join(work, 'build'), ...CMAKE_FLAGS]);
      log('compiling (progress below)');
      let lastPercent = -10;
      let lastAt = performance.now();
      await run('cmake', ['--build', join(work, 'build'), '--target', 'llama-server', '-j', '2'], {
        onLine: (line) => {
          const percent = Number(/^\[\s*(\d+)%\]/.exec(line)?.[1] ?? NaN);
          const now = performance.now();
          if (!Number.isNaN(percent) && (percent >= lastPercent + 5 || now - lastAt > 30_000)) {
            lastPercent = percent;
            lastAt = now;
            log(`${percent}% after ${Math.round((now - started) / 1000)} s`);
          }
        },
      });
      // Statically linked, so the binary alone is the build; publish it atomically.
      await mkdir(dirname(binary), { recursive: true });
      const temp = `${binary}.${process.pid}.tmp`;
      await copyFile(join(work, 'build', 'bin', 'llama-server'), temp);
      await chmod(temp, 0o755);
      await writeFile(stampPath, JSON.stringify({ tag: info.tag, commit, flags: CMAKE_FLAGS }, null, 2));
      await rename(temp, binary);
      const buildSeconds = Math.round((performance.now() - started) / 1000);
      log(`built in ${buildSeconds} s: ${binary}`);
      return { path: binary, tag: info.tag, commit, built: true, buildSeconds };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, cached);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningLlamaServer {
  /** e.g. http://127.0.0.1:41234 — without `/v1`. */
  readonly baseUrl: string;
  /** The name the server answers to (`--alias`). */
  readonly model: string;
  readonly binary: LlamaServerBinary;
  /** The server's recent log lines, for diagnosing a failed test. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface StartLlamaServerOptions {
  readonly alias?: string;
  readonly contextSize?: number;
  readonly extraArgs?: readonly string[];
}

/** Builds (once) and starts llama-server on 127.0.0.1 with the tiny model; resolves once /health is ok. */
export async function startLlamaServer(options: StartLlamaServerOptions = {}): Promise<RunningLlamaServer> {
  const binary = await ensureLlamaServer();
  const model = await resolveModel(options.alias ?? 'tiny-test');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(binary, model.path, model.id, port, options);
    } catch (error) {
      lastError = error; // most likely the port was taken between probing and binding; try another
    }
  }
  throw lastError;
}

async function launch(binary: LlamaServerBinary, modelPath: string, model: string, port: number, options: StartLlamaServerOptions): Promise<RunningLlamaServer> {
  const args = [
    '--model', modelPath,
    '--alias', model,
    '--host', '127.0.0.1',
    '--port', String(port),
    // A 0.5 MB model: more threads only oversubscribe a small shared machine.
    '--threads', '1',
    '--threads-batch', '1',
    '--threads-http', '2',
    '--parallel', '1',
    '--ctx-size', String(options.contextSize ?? 512),
    '--no-webui',
    // Lets a long generation run past the tiny context, as the abort and deadline tests need.
    '--context-shift',
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const take = (chunk: Buffer): void => {
    tail.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    if (tail.length > 60) tail.splice(0, tail.length - 60);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`llama-server exited during start-up:\n${tail.join('\n')}`);
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        return { baseUrl, model, binary, logTail: () => tail.join('\n'), stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`llama-server did not become healthy within 60 s:\n${tail.join('\n')}`);
}

// `node --import tsx test/support/llama-server.ts` builds (or finds) the binary and prints where.
if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await ensureLlamaServer();
  process.stdout.write(`${JSON.stringify(built)}\n`);
}
