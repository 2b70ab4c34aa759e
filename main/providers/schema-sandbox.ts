/**
 * The schema sandbox: JSON Schema work (json-schema-engine.ts) on a worker thread that the main
 * thread waits for synchronously, with a deadline. A caller's schema and a model's value can cost
 * without bound (catastrophic backtracking, errors that double per level of recursion); here they
 * cost at most the deadline, and a heap limit turns an exhausted heap into a dead worker instead
 * of an aborted appliance. A worker that overruns is terminated and the next job starts a new one.
 *
 * Synchronous because its callers are: stage 7 and the providers' function-call checks return
 * their verdicts directly. The wait is `Atomics.wait` on a shared counter the worker bumps after
 * each reply; the reply itself is read with `receiveMessageOnPort`. (synckit does the same, but a
 * job that times out there keeps its worker busy for every later job, and it sets no heap limit.)
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface SandboxLimits {
  /** Time for a new worker to load the engine. */
  readonly startupMs: number;
  /** Time to compile one schema. */
  readonly compileMs: number;
  /** Time to check one value. */
  readonly checkMs: number;
  /** The worker's heap (old generation), MiB. */
  readonly heapMb: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { startupMs: 30_000, compileMs: 2_000, checkMs: 250, heapMb: 256 };

type Schema = Readonly<Record<string, unknown>>;

type Job =
  | { readonly seq: number; readonly kind: 'compile'; readonly id: number; readonly schema: Schema }
  | { readonly seq: number; readonly kind: 'check'; readonly id: number; readonly schema: Schema; readonly value: unknown };

type Reply =
  | { readonly seq: number; readonly kind: 'compiled' }
  | { readonly seq: number; readonly kind: 'issues'; readonly issues: readonly string[] }
  | { readonly seq: number; readonly kind: 'uncheckable'; readonly reason: string }
  | { readonly seq: number; readonly kind: 'failed'; readonly reason: string };

/** Shared counters: the worker's state, and how many replies it has posted. */
const STATE = 0;
const REPLIES = 1;
const STARTING = 0;
const READY = 1;
const BROKEN = 2;

/** Compiled checks a worker keeps; older ones are compiled again from the schema each job carries. */
const WORKER_CACHE_SIZE = 128;

const WORKER_ENTRY = new URL('./schema-worker.mjs', import.meta.url);

interface Running {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly shared: Int32Array;
  replies: number;
  /** Why it could not start, when its thread failed before the entry could say (a missing file). */
  failure?: string;
}

/** An asynchronous job the worker holds: its reply, once read by either path, is kept in `reply`. */
interface InFlight {
  readonly seq: number;
  readonly running: Running;
  readonly until: number;
  reply?: Reply;
}

/** After a worker fails to start, jobs are refused at once for this long rather than each trying again. */
const RETRY_START_AFTER_MS = 30_000;

export type CompileResult = { readonly ok: true; readonly id: number } | { readonly ok: false; readonly reason: string };

export class SchemaSandbox {
  readonly #limits: SandboxLimits;
  #running: Running | undefined;
  /** The last failed start: its reason, and when. */
  #failedStart: { readonly reason: string; readonly at: number } | undefined;
  #seq = 0;
  #ids = 0;
  #compiles = 0;
  #compilesDone = 0;
  /** Settles when the last asynchronous job queued so far has its reply (or none will come). */
  #asyncQueue: Promise<void> = Promise.resolve();
  /** The asynchronous job the worker holds now, if any: its reply, once read by either path, is kept in `reply`. */
  #inFlight: InFlight | undefined;

  readonly #entry: URL;

  /** `entry`: the worker's script; another only in tests of a worker that cannot start. */
  constructor(limits: Partial<SandboxLimits> = {}, entry: URL = WORKER_ENTRY) {
    this.#limits = { ...DEFAULT_SANDBOX_LIMITS, ...limits };
    this.#entry = entry;
  }

  /** Compiles `schema`; the id names it in later checks. Throws when no worker can be started. */
  compile(schema: Schema): CompileResult {
    const id = ++this.#ids;
    const reply = this.#run({ seq: 0, kind: 'compile', id, schema }, this.#limits.compileMs);
    this.#compilesDone++;
    return this.#compileResult(reply, id);
  }

  /**
   * Compiles `schema` as {@link compile} does, without holding the thread: the job goes to the
   * same worker (so later checks of `id` find it compiled there), and the reply is awaited with
   * `Atomics.waitAsync`, under the same deadline. Jobs of this kind run one at a time, in order;
   * a synchronous job that arrives while one runs waits for it first (see #run). Rejects when no
   * worker can be started.
   */
  compileAsync(schema: Schema): Promise<CompileResult> {
    const id = ++this.#ids;
    const turn = this.#asyncQueue.then(async () => {
      await this.ready();
      const reply = await this.#runAsync({ seq: 0, kind: 'compile', id, schema }, this.#limits.compileMs);
      this.#compilesDone++;
      return this.#compileResult(reply, id);
    });
    this.#asyncQueue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * Compile jobs this sandbox has sent to a worker (synchronous and asynchronous), and how many of
   * them have ended (answered, refused or overrun): for tests, which count compiles and see one in
   * progress while the thread serves others.
   */
  get compiles(): { readonly sent: number; readonly ended: number } {
    return { sent: this.#compiles, ended: this.#compilesDone };
  }

  #compileResult(reply: Reply | 'timed-out' | 'not-data' | 'too-deep', id: number): CompileResult {
    if (reply === 'not-data') return { ok: false, reason: 'is not JSON data (a function, a symbol or a class instance inside it)' };
    if (reply === 'too-deep') return { ok: false, reason: 'nests too deeply' };
    if (reply === 'timed-out') {
      return { ok: false, reason: `could not be compiled within ${this.#limits.compileMs} ms or ${this.#limits.heapMb} MiB; make it smaller or less deeply nested` };
    }
    if (reply.kind === 'compiled') return { ok: true, id };
    if (reply.kind === 'uncheckable') return { ok: false, reason: reply.reason };
    throw new Error(`The JSON Schema checker failed while compiling a schema (${reply.kind === 'failed' ? reply.reason : reply.kind}).`);
  }

  /** The issues of `value` against the schema compiled as `id` (`schema` is sent again in case the worker is new). */
  check(id: number, schema: Schema, value: unknown): readonly string[] {
    const reply = this.#run({ seq: 0, kind: 'check', id, schema, value }, this.#limits.checkMs);
    if (reply === 'not-data') return ['(root): is not JSON data'];
    if (reply === 'too-deep') return ['(root): nested too deeply to check'];
    if (reply === 'timed-out') {
      return [`(root): could not be checked within ${this.#limits.checkMs} ms or ${this.#limits.heapMb} MiB (the schema's patterns, recursion or uniqueItems cost too much on this value); simplify the schema`];
    }
    if (reply.kind === 'issues') return reply.issues;
    throw new Error(`The JSON Schema checker failed while checking a value (${reply.kind === 'failed' || reply.kind === 'uncheckable' ? reply.reason : reply.kind}).`);
  }

  /**
   * Resolves once a worker is ready, starting one if none runs, without holding the thread: a
   * caller that can wait asynchronously (the gateway, before a call with a schema) lets the worker
   * load (≈ 0.3–1 s) while other calls go on, where the first synchronous job would block for it.
   * Never rejects; a worker that cannot start is reported by the job that needs it.
   */
  async ready(): Promise<void> {
    let running: Running;
    try {
      running = this.#running ?? this.#start();
    } catch {
      return;
    }
    const waiting = Atomics.waitAsync(running.shared, STATE, STARTING, this.#limits.startupMs);
    if (waiting.async) await waiting.value;
  }

  /** Ends the worker, if one runs; the next job starts another. */
  close(): void {
    const running = this.#running;
    this.#running = undefined;
    if (running === undefined) return;
    // An asynchronous job's waiter finds its worker gone now, not at its deadline.
    Atomics.notify(running.shared, REPLIES);
    running.port.close();
    void running.worker.terminate();
  }

  /** Ends the worker after a job overran, and starts the next one loading while the caller goes on. */
  #restart(): void {
    this.close();
    try {
      this.#start();
    } catch {
      // Reported by the next job, which needs it.
    }
  }

  /**
   * Reads every reply the worker has posted: the asynchronous job's is kept for its waiter, and
   * `seq`'s returned; any other is a reply nobody waits for any more (its job overran) and dropped.
   */
  #drain(running: Running, seq: number | undefined): Reply | undefined {
    running.replies = Atomics.load(running.shared, REPLIES);
    let found: Reply | undefined;
    for (let received = receiveMessageOnPort(running.port); received !== undefined; received = receiveMessageOnPort(running.port)) {
      const reply = received.message as Reply;
      if (reply.seq === seq) found = reply;
      else if (this.#inFlight !== undefined && reply.seq === this.#inFlight.seq) this.#inFlight.reply = reply;
    }
    return found;
  }

  /**
   * A synchronous job cannot be answered while the worker holds an asynchronous one (one job at a
   * time): it waits, synchronously, for that job's reply, under that job's own deadline; past it,
   * the worker is replaced (that job is told it timed out) and this job goes to the new one.
   */
  #awaitInFlight(): void {
    const inFlight = this.#inFlight;
    if (inFlight === undefined || inFlight.reply !== undefined || inFlight.running !== this.#running) return;
    const { running, until } = inFlight;
    while (inFlight.reply === undefined) {
      const left = until - performance.now();
      if (left <= 0 || Atomics.wait(running.shared, REPLIES, running.replies, left) === 'timed-out') {
        this.#restart();
        // Wakes its waiter, which finds its worker gone.
        Atomics.notify(running.shared, REPLIES);
        return;
      }
      this.#drain(running, undefined);
    }
  }

  async #runAsync(job: Job, deadlineMs: number): Promise<Reply | 'timed-out' | 'not-data' | 'too-deep'> {
    this.#awaitInFlight();
    const running = this.#ready();
    const seq = ++this.#seq;
    const until = performance.now() + deadlineMs;
    try {
      if (job.kind === 'compile') this.#compiles++;
      running.port.postMessage({ ...job, seq });
    } catch (error) {
      if ((error as Error).name === 'DataCloneError') return 'not-data';
      if (error instanceof RangeError) return 'too-deep';
      throw error;
    }
    const inFlight: InFlight = { seq, running, until };
    this.#inFlight = inFlight;
    try {
      for (;;) {
        if (inFlight.reply !== undefined) return inFlight.reply;
        // Replaced while this job ran (a synchronous job found it overran): its work went with it.
        if (this.#running !== running) return 'timed-out';
        const left = until - performance.now();
        const waiting = left > 0 ? Atomics.waitAsync(running.shared, REPLIES, running.replies, left) : undefined;
        const woke = waiting === undefined ? 'timed-out' : waiting.async ? await waiting.value : waiting.value;
        if (inFlight.reply !== undefined) return inFlight.reply;
        if (this.#running !== running) return 'timed-out';
        if (woke === 'timed-out') {
          this.#restart();
          return 'timed-out';
        }
        this.#drain(running, undefined);
      }
    } finally {
      if (this.#inFlight === inFlight) this.#inFlight = undefined;
    }
  }

  #run(job: Job, deadlineMs: number): Reply | 'timed-out' | 'not-data' | 'too-deep' {
    this.#awaitInFlight();
    const running = this.#ready();
    const seq = ++this.#seq;
    if (job.kind === 'compile') this.#compiles++;
    // Sending is part of the job: a value too large to copy in time does not get the worker's time too.
    const until = performance.now() + deadlineMs;
    try {
      running.port.postMessage({ ...job, seq });
    } catch (error) {
      if ((error as Error).name === 'DataCloneError') return 'not-data';
      // Nested past the serializer's stack (JSON.parse reads 40,000 levels): not checkable here.
      if (error instanceof RangeError) return 'too-deep';
      throw error;
    }
    for (;;) {
      const left = until - performance.now();
      if (left <= 0 || Atomics.wait(running.shared, REPLIES, running.replies, left) === 'timed-out') {
        // Overran (or died of its heap limit): its work is abandoned with it, and a new worker
        // starts loading now, while the caller goes on, rather than at the next job.
        this.#restart();
        return 'timed-out';
      }
      const reply = this.#drain(running, seq);
      if (reply !== undefined) return reply;
    }
  }

  /** The running worker, started if there is none, once it is ready. */
  #ready(): Running {
    const failed = this.#failedStart;
    if (this.#running === undefined && failed !== undefined && performance.now() - failed.at < RETRY_START_AFTER_MS) throw this.#startError(failed.reason);
    const running = this.#running ?? this.#start();
    const { shared, port } = running;
    if (Atomics.wait(shared, STATE, STARTING, this.#limits.startupMs) === 'timed-out' && Atomics.load(shared, STATE) === STARTING) {
      this.close();
      throw new Error(`The JSON Schema checker did not start within ${this.#limits.startupMs} ms; the machine may be overloaded. Try again.`);
    }
    if (Atomics.load(shared, STATE) === BROKEN) {
      const told = receiveMessageOnPort(port)?.message as Reply | undefined;
      const reason = running.failure ?? (told?.kind === 'failed' ? told.reason : 'no reason given');
      this.close();
      this.#failedStart = { reason, at: performance.now() };
      throw this.#startError(reason);
    }
    this.#failedStart = undefined;
    return running;
  }

  #startError(reason: string): Error {
    return new Error(`The JSON Schema checker could not start (${reason}). Reinstall with \`npm install\`, then run \`airlock doctor\`.`);
  }

  #start(): Running {
    const shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    // A missing entry would otherwise fail only in the worker's thread, seen after the start deadline.
    const entry = fileURLToPath(this.#entry);
    if (!existsSync(entry)) {
      const reason = `its entry ${entry} is missing`;
      this.#failedStart = { reason, at: performance.now() };
      throw this.#startError(reason);
    }
    const { port1, port2 } = new MessageChannel();
    const worker: Worker = new Worker(this.#entry, {
      workerData: { port: port2, shared, cacheSize: WORKER_CACHE_SIZE },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: this.#limits.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // Neither keeps the process alive, and a worker that dies (its heap limit) is noticed by the
    // next job's deadline, never as an uncaught 'error'.
    worker.unref();
    port1.unref();
    const running: Running = { worker, port: port1, shared, replies: 0 };
    // A thread that fails before the entry runs (or dies starting) is reported as a failed start
    // at once, not at the end of the start deadline; once started, the next job's deadline notices.
    const brokenWhileStarting = (reason: string): void => {
      if (Atomics.compareExchange(shared, STATE, STARTING, BROKEN) !== STARTING) return;
      running.failure = reason;
      Atomics.notify(shared, STATE);
    };
    worker.on('error', (error: Error) => brokenWhileStarting(error.message));
    worker.on('exit', (code) => brokenWhileStarting(`its thread exited with code ${code}`));
    // Nothing it prints may reach the appliance's own output (the CLI's answer is on stdout).
    worker.stdout.resume();
    worker.stderr.resume();
    this.#running = running;
    return running;
  }
}

/** Shared-state values, for the worker (schema-worker.ts). */
export const SANDBOX_STATE = { STATE, REPLIES, READY, BROKEN } as const;
export type { Job as SandboxJob, Reply as SandboxReply };
