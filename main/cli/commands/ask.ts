/**
 * `airlock ask`: one governed model call through the gateway's ten stages. Writes the answer to
 * stdout (streamed to a terminal, held for the output verdict otherwise; see holdUntilVerdict),
 * then prints the stage verdict table, tokens, cost and the audit seq on stderr.
 * A refused call prints its verdict table and the refusal (what to do) on stderr.
 * Exit codes: see ASK_EXIT_CODES (0 answered, 1 failed, 2 usage, 3 refused, 128 + signal).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import { KillSwitchEngaged } from '../../governance/errors.ts';
import type { StageVerdict, StreamResult } from '../../gateway/index.ts';
import { DEFAULT_MANIFEST_PATH, loadManifest, ManifestError, type ModelManifest } from '../../../models/manifest.ts';
import type { PriceResolver, ProviderResolver } from '../../gateway/ports.ts';
import type { PassphraseReader } from '../passphrase.ts';
import { renderTable } from '../table.ts';
import { CLOSED_PIPE_EXIT, FAILURE_EXIT, REFUSED_EXIT, USAGE_EXIT, UserFacingError } from '../user-facing-error.ts';
import { governanceCommand, governanceOptions, withGovernance, type GovernanceFlags } from './policy.ts';

interface AskFlags extends GovernanceFlags {
  model: string;
  team?: string;
  agent?: string;
  task?: string;
  maxTokens: string;
  hold?: boolean;
  stream?: boolean;
  json?: boolean;
  manifest?: string;
  promptFile?: string;
}

function detailText(v: StageVerdict): string {
  return Object.entries(v.detail)
    .map(([k, value]) => `${k}=${String(value)}`)
    .join(' ');
}

export function verdictTable(verdicts: readonly StageVerdict[]): string {
  return renderTable(
    ['#', 'stage', 'verdict', 'ms', 'detail'],
    verdicts.map((v, i) => [String(i + 1), v.stage, v.outcome, v.ms.toFixed(3), detailText(v)]),
  );
}

/** `ask --json`: what a script needs of the call; no secret, and no restored value beyond the text. */
export function askJson(result: StreamResult): Record<string, unknown> {
  const served = result.verdicts.find((v) => v.stage === 'llm-call')?.detail;
  return {
    text: result.text,
    verdicts: result.verdicts.map((v) => ({ stage: v.stage, outcome: v.outcome })),
    tokens: { prompt: result.usage.promptTokens, completion: result.usage.completionTokens },
    // False: the server's reported usage was not trusted; the tokens and cost are the gateway's own count.
    usageKnown: result.usage.usageKnown,
    cost: result.usage.cost,
    auditSeq: result.auditSeq,
    model: typeof served?.model === 'string' ? served.model : result.model,
  };
}

interface AskProviders {
  readonly resolve: ProviderResolver;
  readonly pricing?: PriceResolver;
  dispose(): Promise<void>;
}

/** What a manifest refusal asks the user to do. */
const FIX_MANIFEST = 'Fix it, or name another manifest with --manifest; `airlock doctor --manifest <path>` checks one.';

/** The manifest's routing when it has one (or a task is named); otherwise the local models by alias, as before. Opens no model yet. */
async function openProviders(flags: AskFlags, loaded: ModelManifest): Promise<AskProviders> {
  const manifest = flags.manifest !== undefined ? { manifestPath: flags.manifest } : {};
  if (flags.task !== undefined || loaded.routing !== undefined) {
    const { ModelServerConfigError, RouterConfigError, routedProviders } = await import('../../gateway/routed-providers.ts');
    try {
      return await routedProviders({ ...manifest, ...(flags.task !== undefined && { task: flags.task }) });
    } catch (error) {
      if (!(error instanceof RouterConfigError) && !(error instanceof ModelServerConfigError)) throw error;
      // The router names the bundled manifest; the one at fault is the one given.
      const problem = error instanceof RouterConfigError && error.issues !== undefined
        ? `The routing section of the model manifest ${resolvePath(flags.manifest ?? DEFAULT_MANIFEST_PATH)} is invalid: ${error.issues}.`
        : error.message.replace(/\.?$/, '.');
      throw new UserFacingError(`${problem} ${FIX_MANIFEST}`, 1, { cause: error });
    }
  }
  const { localProviders } = await import('../../gateway/index.ts');
  return localProviders(manifest);
}

interface PromptInput {
  readonly prompt: string;
  /** Set when stdin held the passphrase and then the prompt: the passphrase, already read. */
  readonly passphrases?: PassphraseReader;
}

/**
 * The largest prompt ask takes, in bytes: far above the largest model context (a few hundred KB of
 * text), small enough to hold in memory; counted while reading, so endless input is refused early.
 */
export const MAX_PROMPT_BYTES = 4 * 1024 * 1024;

const tooLarge = (where: string): UserFacingError =>
  new UserFacingError(`the prompt in ${where} is larger than ${MAX_PROMPT_BYTES / (1024 * 1024)} MiB, the most ask takes; shorten it (nothing was sent or billed)`);

/**
 * A prompt file's text: a regular file or a FIFO (a way to pass a prompt that never touches the
 * disk); a device or directory is refused, as it may never end. UTF-8, decoded once at the end.
 */
async function readPromptFile(path: string): Promise<string> {
  const unreadable = (cause: unknown): UserFacingError =>
    new UserFacingError(`cannot read the prompt file ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); give a readable file`, 1, { cause });
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw unreadable(cause);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() && !info.isFIFO()) throw new UserFacingError(`the prompt file ${path} is not a regular file or a pipe; give a file holding the prompt (or --prompt-file - for standard input)`);
    if (info.size > MAX_PROMPT_BYTES) throw tooLarge(path);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // A file growing while read, or a pipe that never ends.
      if (total > MAX_PROMPT_BYTES) throw tooLarge(path);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (cause) {
    if (cause instanceof UserFacingError) throw cause;
    throw unreadable(cause);
  } finally {
    await handle.close();
  }
}

/**
 * Standard input as bytes: the passphrase line, then the prompt. Split at the first newline byte
 * and decoded once, so a character split across two reads stays whole.
 */
async function readStdinPrompt(): Promise<{ passphrase: string; prompt: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let lineEnd = -1;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    if (lineEnd < 0) {
      const at = chunk.indexOf(0x0a);
      if (at >= 0) lineEnd = total + at;
    }
    chunks.push(chunk);
    total += chunk.length;
    if ((lineEnd < 0 ? total : total - lineEnd - 1) > MAX_PROMPT_BYTES) throw tooLarge('standard input');
  }
  if (lineEnd < 0) throw new UserFacingError('standard input ended before the prompt: give the passphrase line, then the prompt');
  const input = Buffer.concat(chunks);
  return { passphrase: input.subarray(0, lineEnd).toString('utf8').replace(/\r$/, ''), prompt: input.subarray(lineEnd + 1).toString('utf8') };
}

/**
 * The prompt: the argument, a file, or standard input (`--prompt-file -`). Prompts carry personal
 * data, and an argument is visible in `ps` and shell history; a file or stdin is not. On stdin the
 * passphrase line comes first (`--passphrase-stdin`), and everything after it is the prompt.
 */
async function readPrompt(argument: string | undefined, flags: AskFlags): Promise<PromptInput> {
  if (argument !== undefined && flags.promptFile !== undefined) throw new UserFacingError('give the prompt as an argument or with --prompt-file, not both', USAGE_EXIT);
  if (flags.promptFile === undefined) {
    if (argument === undefined) throw new UserFacingError('give a prompt: as an argument, or with --prompt-file PATH, or --prompt-file - to read it from standard input', USAGE_EXIT);
    if (Buffer.byteLength(argument) > MAX_PROMPT_BYTES) throw tooLarge('the argument');
    return { prompt: argument };
  }
  if (flags.promptFile !== '-') return { prompt: await readPromptFile(flags.promptFile) };
  if (!flags.passphraseStdin) {
    throw new UserFacingError('--prompt-file - reads the prompt from standard input, so the passphrase must come first on it: add --passphrase-stdin (or use --prompt-file PATH)', USAGE_EXIT);
  }
  if (process.stdin.isTTY) {
    // Typed at a terminal, the passphrase line would be shown as typed and kept in its scrollback.
    throw new UserFacingError(
      'standard input is a terminal, where --prompt-file - would show the passphrase as you type it: put the prompt in a file (--prompt-file PATH) ' +
        'and drop --passphrase-stdin to be asked for the passphrase without echo, or pipe the passphrase line and the prompt in',
      USAGE_EXIT,
    );
  }
  const { passphrase, prompt } = await readStdinPrompt();
  const once = [passphrase];
  const next = (): Promise<string> => {
    const line = once.shift();
    return line !== undefined ? Promise.resolve(line) : Promise.reject(new UserFacingError('ask reads one passphrase from standard input, before the prompt'));
  };
  return { prompt, passphrases: { existing: next, fresh: next, line: next, close: () => undefined } };
}

/** Runs `step`; a manifest it cannot use becomes a message saying which file and what to do. */
async function withManifest<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new UserFacingError(`${error.message.replace(/\.?$/, '.')} ${FIX_MANIFEST}`, 1, { cause: error });
  }
}

/**
 * Characters a terminal does not show but that change what it shows: bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069, U+061C, U+200E/U+200F) can reorder a line so the
 * text reads differently from what it is; zero-width and invisible characters (U+200B–U+200D,
 * U+2060–U+2064, U+FEFF), line and paragraph separators (U+2028/U+2029) and tags (U+E0000–U+E007F)
 * hide text or break lines unseen.
 */
const INVISIBLE_BMP = '\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_BMP}\\u{e0000}-\\u{e007f}]`, 'u');

/**
 * Model text made harmless for a terminal: C0 and C1 control characters other than newline and tab
 * are shown, not obeyed, so a model cannot erase a line, recolour, move the cursor, write the
 * clipboard (OSC 52) or forge the verdict table and the WITHDRAWN notice. ESC and the other C0
 * characters become their Unicode control pictures (␛, ␍, …), DEL ␡, C1 characters `\x9b`, and
 * the invisible and bidi format characters above as `\u{202e}`.
 */
export function terminalSafe(text: string): string {
  let safe = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x0a && code !== 0x09) safe += String.fromCodePoint(0x2400 + code);
    else if (code === 0x7f) safe += '\u2421';
    else if (code > 0x7f && code <= 0x9f) safe += `\\x${code.toString(16)}`;
    else if (INVISIBLE.test(char)) safe += `\\u{${code.toString(16)}}`;
    else safe += char;
  }
  return safe;
}

/**
 * `--json` for a terminal: JSON.stringify escapes only C0, so DEL, C1 and the invisible and bidi
 * characters are escaped here as `\uXXXX` (each UTF-16 unit); the result is the same JSON value.
 */
// DEL, C1 and the invisible characters above; a tag character is the surrogate pair U+DB40 U+DC00–DC7F.
const TERMINAL_UNSAFE_IN_JSON = new RegExp(`[\\u007f-\\u009f${INVISIBLE_BMP}]|\\udb40[\\udc00-\\udc7f]`, 'g');

export function terminalSafeJson(json: string): string {
  return json.replace(TERMINAL_UNSAFE_IN_JSON, (chars) =>
    Array.from({ length: chars.length }, (_, i) => `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

/**
 * Whether to release text only after stages 7–10 have passed it. Streamed text cannot be taken back:
 * a file or pipe keeps it, and under a governance pack (HIPAA, GDPR) a withheld answer must not
 * have been shown at all. A terminal without packs streams, with the WITHDRAWN notice as the remedy.
 */
export function holdUntilVerdict(flags: { readonly hold?: boolean; readonly stream?: boolean; readonly json?: boolean }, activePacks: readonly string[], stdoutIsTTY = Boolean(process.stdout.isTTY)): boolean {
  if (flags.hold || flags.json) return true;
  if (flags.stream) return false;
  return !stdoutIsTTY || activePacks.length > 0;
}

/** Exit codes of a call interrupted by a signal: 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;
const STOP_SIGNALS = Object.keys(SIGNAL_EXIT) as StopSignal[];
/**
 * A signal to the process group (Ctrl-C, a service manager) reaches both the `airlock.mjs` wrapper
 * and this process, and the wrapper passes it on too: the same signal again this soon is that echo,
 * not a second press.
 */
const SIGNAL_ECHO_MS = 500;

/** Why the caller stopped the call: a signal, or nobody reads the answer any more. */
type Interruption = { readonly kind: 'signal'; readonly signal: StopSignal } | { readonly kind: 'closed-output'; readonly code: string };

/**
 * Turns Ctrl-C, SIGTERM, SIGHUP and a closed standard output into an abort of the call, so the gateway
 * records it and bills what was used instead of the process dying with its reservation open. A
 * second signal exits at once.
 */
class CallInterrupts {
  readonly controller = new AbortController();
  #interruption: Interruption | undefined;
  #outputOpen = true;
  #signalledAt = 0;
  readonly #onSignal = (signal: StopSignal): void => {
    if (this.#interruption?.kind === 'signal') {
      if (performance.now() - this.#signalledAt < SIGNAL_ECHO_MS) return;
      process.exit(SIGNAL_EXIT[signal]);
    }
    this.#signalledAt = performance.now();
    this.#interruption = { kind: 'signal', signal };
    // A closed stderr does not stop this: main() swallows its write errors, so the call is still recorded.
    process.stderr.write('\nairlock ask: interrupted; recording the call… (press Ctrl-C again to quit at once)\n');
    this.controller.abort();
  };
  readonly #onOutputError = (error: NodeJS.ErrnoException): void => {
    // EPIPE (the reader is gone) or any other write failure: the answer cannot be delivered.
    this.#outputOpen = false;
    this.#interruption ??= { kind: 'closed-output', code: error.code ?? error.name };
    this.controller.abort();
  };

  constructor() {
    for (const signal of STOP_SIGNALS) process.on(signal, this.#onSignal);
    // Left attached: a write after the call may still fail on the closed pipe, and must not crash.
    process.stdout.on('error', this.#onOutputError);
  }

  get interruption(): Interruption | undefined {
    return this.#interruption;
  }

  /** Writes to standard output unless it has been closed. */
  write(text: string): void {
    if (this.#outputOpen) process.stdout.write(text);
  }

  /**
   * Whether everything written reached standard output, once the writes have settled. Then one
   * turn of the event loop, so a signal that came while the call was being recorded is seen too.
   */
  async delivered(): Promise<boolean> {
    if (this.#outputOpen) await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.#outputOpen;
  }

  /** The refusal the user sees for a call this side stopped, with its exit code. */
  refusal(message: string, cause: unknown): UserFacingError | undefined {
    const why = this.#interruption;
    if (why === undefined) return undefined;
    if (why.kind === 'signal') return new UserFacingError(`interrupted (${why.signal}): ${message}`, SIGNAL_EXIT[why.signal], { cause });
    return new UserFacingError(`standard output was closed (${why.code}), so the call was stopped: ${message}`, CLOSED_PIPE_EXIT, { cause });
  }

  dispose(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, this.#onSignal);
  }
}

/**
 * Before the call (reading the prompt and the passphrase, deriving the key, opening the tenant and
 * the gateway) a signal ends ask at once: nothing was sent, so there is nothing to record. Without
 * this the process would die of the signal, silently. Returns the way to stop listening.
 */
function interruptsBeforeCall(json: boolean): () => void {
  const onSignal = (signal: StopSignal): void => {
    process.stderr.write(`\nairlock ask: interrupted (${signal}) before the call; nothing was sent to the model or billed.\n`);
    if (json) writeJson({ error: { code: 'INTERRUPTED' } });
    process.exit(SIGNAL_EXIT[signal]);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
}

/** One JSON object on stdout (escaped for a terminal); a closed stdout must not crash the process. */
function writeJson(value: Record<string, unknown>): void {
  if (process.stdout.listenerCount('error') === 0) process.stdout.on('error', () => undefined);
  const json = JSON.stringify(value);
  process.stdout.write(`${process.stdout.isTTY ? terminalSafeJson(json) : json}\n`);
}

/**
 * `--json` of a call that did not answer, by the error ask ends with: what the refusal's audit
 * record holds (codes, verdicts, seq, call id; never values or the message). `null`: already
 * printed (a signal after the answer).
 */
const decidedJson = new WeakMap<Error, Record<string, unknown> | null>();

/** A failure's code for `--json`: the typed error's own code, or what kind of failure it was. */
function failureCode(error: unknown): string {
  const cause = error instanceof UserFacingError && error.cause !== undefined ? error.cause : error;
  const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return code;
  if (!(error instanceof UserFacingError)) return 'UNEXPECTED';
  if (error.exitCode === USAGE_EXIT) return 'USAGE_ERROR';
  return error.exitCode > 128 ? 'INTERRUPTED' : 'FAILED';
}

/** `--json` after a failed or refused ask: one object, unless stdout is closed or it was printed. */
function writeJsonFailure(error: unknown): void {
  if (error instanceof UserFacingError && error.exitCode === CLOSED_PIPE_EXIT) return;
  const known = error instanceof Error ? decidedJson.get(error) : undefined;
  if (known === null) return;
  writeJson(known ?? { error: { code: failureCode(error) } });
}

/**
 * The aliases and model ids a call may name under this manifest (every alias table: site, team,
 * agent, task); checked before unlocking, so a typo costs no key derivation and no audit entry.
 */
function checkModelName(flags: AskFlags, manifest: ModelManifest): void {
  const routing = manifest.routing;
  const site = { ...manifest.aliases, ...routing?.aliases };
  const tables = [site, ...[routing?.teams, routing?.agents, routing?.tasks].flatMap((scoped) => Object.values(scoped ?? {}).map((t) => t.aliases))];
  const models = [...Object.keys(manifest.models), ...Object.keys(routing?.models ?? {})];
  if (tables.some((table) => Object.hasOwn(table, flags.model)) || models.includes(flags.model)) return;
  const known = [...new Set([...Object.keys(site), ...models])];
  throw new UserFacingError(
    `unknown model "${flags.model}" (--model) in the model manifest ${resolvePath(flags.manifest ?? DEFAULT_MANIFEST_PATH)}; known: ${known.join(', ') || '(none)'}. ` +
      'Nothing was unlocked or sent.',
    USAGE_EXIT,
  );
}

/** `ask --help`: the exit codes and what --json prints when the call does not answer. */
const ASK_EXIT_CODES =
  '\nExit codes:\n' +
  '  0    the call answered\n' +
  '  1    failure: the model or its server, the audit log, the tenant, passphrase, data directory or manifest\n' +
  '  2    usage error: an unknown flag, a missing or invalid argument, an unknown --model\n' +
  '  3    refused by governance: a stage blocked the call (injection, moderation, output policy), a budget, a kill switch\n' +
  '  130/143/129  interrupted by Ctrl-C/SIGTERM/SIGHUP;  141  stdout was closed\n' +
  '\n--json prints one JSON object on stdout however the call ends (not when stdout is closed):\n' +
  '  answered: {"text", "verdicts": [{"stage", "outcome"}], "tokens": {"prompt", "completion"}, "usageKnown", "cost", "auditSeq", "model"}\n' +
  '  refused:  {"refused": {"code", "stage"}, "verdicts", "auditSeq", "callId"}\n' +
  '  failed:   {"error": {"code", "stage"?}, "verdicts"?, "auditSeq"?, "callId"?}  (code USAGE_ERROR, FAILED, INTERRUPTED or a typed code)\n' +
  'usageKnown false: the model server\'s reported usage was not trusted; the call was billed from the gateway\'s own count.\n';

/**
 * Whether `--json` is among ask's arguments (before a `--`), read from the parent's arguments
 * (`ask` and all that follows it): after an unknown flag commander parses no further options, so
 * the parsed flags may not show it.
 */
function jsonRequested(command: Command): boolean {
  const args = command.parent?.args ?? [];
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}

export function registerAsk(program: Command): void {
  const command = program.command('ask');
  // Commander's own usage errors (an unknown flag, an extra argument, a flag without its value) end
  // before the action runs: --json still promises one JSON object on stdout, as ask's own usage errors print.
  command.configureOutput({
    outputError: (message, write) => {
      write(message);
      if (jsonRequested(command)) writeJson({ error: { code: 'USAGE_ERROR' } });
    },
  });
  governanceOptions(command.description('send one prompt through the governed gateway (all ten stages) and print the answer'))
    .argument('[prompt]', 'the prompt (visible in `ps` and shell history: for regulated data use --prompt-file)')
    .option('--model <alias>', 'model alias from the manifest', 'default')
    .option('--team <id>', 'team the call is made for (policy, budgets, kill switches)')
    .option('--agent <id>', 'agent the call is made for')
    .option('--task <id>', "task the call serves (picks the task's model aliases in the manifest's routing)")
    .option('--max-tokens <n>', 'most tokens to generate', '128')
    .option('--hold', 'release no text before the final output verdict (the default when stdout is not a terminal or a governance pack applies)')
    .option('--stream', 'show text as it is generated even when it would be held; a later refusal prints a WITHDRAWN notice')
    .option('--json', 'print one JSON object on stdout once the call is decided: the answer (text, stage verdicts, tokens, cost, audit seq, model), or the refusal or failure (see below); nothing streamed')
    .option('--prompt-file <path>', 'read the prompt from a file, or from standard input with "-" (after the passphrase line: needs --passphrase-stdin)')
    .option('--manifest <path>', 'model manifest (default: the bundled models/manifest.json)')
    .addHelpText(
      'after',
      '\nCtrl-C or SIGTERM during the call stops it, records it and bills what it used (exit 130 or 143);\n' +
        'a second Ctrl-C quits at once. A reader that closes stdout (`| head`) stops it the same way (exit 141).\n' +
        'A signal that comes after the call was recorded leaves the answer as given and still exits 130/143/129;\n' +
        'an answer that could not be written (stdout closed) exits 141 naming its audit seq.\n' +
        `The prompt may be at most ${MAX_PROMPT_BYTES / (1024 * 1024)} MiB (UTF-8); --prompt-file takes a regular file or a pipe.\n` +
        'Ctrl-C before the call (at the passphrase, while unlocking) ends ask at once: nothing is sent (exit 130).\n' +
        ASK_EXIT_CODES,
    )
    .action((argument: string | undefined, flags: AskFlags) => {
      const stopEarly = interruptsBeforeCall(Boolean(flags.json));
      return governanceCommand(async () => {
        const maxTokens = Number(flags.maxTokens);
        if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new UserFacingError(`--max-tokens must be a positive whole number, not "${flags.maxTokens}"`, USAGE_EXIT);
        if (flags.stream && (flags.hold || flags.json)) throw new UserFacingError(`--stream contradicts ${flags.hold ? '--hold' : '--json'}; give one of them`, USAGE_EXIT);
        const { prompt, passphrases } = await readPrompt(argument, flags);
        if (prompt.trim() === '') throw new UserFacingError('the prompt is empty; give a non-empty prompt (nothing was sent or billed)', USAGE_EXIT);
        // Before the passphrase: a manifest that cannot be used (unreadable, or a routing section the
        // router refuses) is reported without unlocking anything. No model is opened until the call.
        const manifest = await withManifest(() => loadManifest(flags.manifest));
        checkModelName(flags, manifest);
        const providers = await withManifest(() => openProviders(flags, manifest));
        try {
          await callGoverned(flags, prompt, maxTokens, providers, passphrases, stopEarly);
        } finally {
          await providers.dispose();
        }
      })
        .catch((error: unknown) => {
          if (flags.json) writeJsonFailure(error);
          throw error;
        })
        .finally(stopEarly);
    });
}

/** Unlocks the tenant, makes the call, writes the answer and the record of the call. */
async function callGoverned(
  flags: AskFlags,
  prompt: string,
  maxTokens: number,
  providers: AskProviders,
  passphrases: PassphraseReader | undefined,
  stopEarly: () => void,
): Promise<void> {
  // The gateway brings the detectors (NLP lexicon) and the model runtime: loaded only when asking,
  // so every other command starts without them.
  const { BudgetExceeded, GatewayBlocked, GatewayCallAborted, GatewayError, gatewayRecordOf, openGateway, ReservationSweepError } = await import('../../gateway/index.ts');
  await withGovernance(flags, async ({ tenant, governance }) => {
    // A switch engaged by another process (`airlock kill engage`) must stop this call too: only
    // polling the database sees it. Only ask runs long enough to need the watcher.
    const stopWatchingKills = governance.kills.watch();
    let interrupts: CallInterrupts | undefined;
    try {
      const options = { tenant, audit: tenant.audit, governance, providers: providers.resolve, ...(providers.pricing !== undefined && { pricing: providers.pricing }) };
      const gateway = await openGateway(options).catch((error: unknown) => {
        // Its message says what to do (verify the log, free disk space); no call was made.
        if (error instanceof ReservationSweepError) throw new UserFacingError(error.message, 1, { cause: error });
        throw error;
      });
      const hold = holdUntilVerdict(flags, governance.policyFor({ team: flags.team, agent: flags.agent }).packs.value);
      // From here a signal aborts the call, which the gateway records.
      stopEarly();
      const calling = new CallInterrupts();
      interrupts = calling;
      const out = (text: string): void => calling.write(text);
      // Model text only; what Airlock itself writes around it may use the terminal as it likes.
      const answer = flags.json ? (): void => undefined : process.stdout.isTTY ? (text: string): void => out(terminalSafe(text)) : out;
      const request = {
        actor: flags.user,
        model: flags.model,
        maxTokens,
        messages: [{ role: 'user' as const, content: prompt }],
        signal: calling.controller.signal,
        ...(flags.team !== undefined ? { team: flags.team } : {}),
        ...(flags.agent !== undefined ? { agent: flags.agent } : {}),
        ...(flags.task !== undefined ? { task: flags.task } : {}),
      };
      let result;
      let shown = 0;
      try {
        result = await gateway.stream(
          request,
          (text) => {
            shown += text.length;
            answer(text);
          },
          { holdUntilVerdict: hold },
        );
      } catch (error) {
        // A terminal cannot take text back: end its line, and say that what was streamed was refused.
        if (shown > 0 && !flags.json) {
          out('\n');
          if (error instanceof GatewayCallAborted) {
            // The user's own Ctrl-C (or a closed pipe): nothing refused the text; it just stops short.
            process.stderr.write('[INTERRUPTED: the call was stopped, so the text above is incomplete; it was not checked by the output stages.]\n');
          } else {
            const code = error instanceof GatewayError || error instanceof KillSwitchEngaged ? error.code : 'an error';
            process.stderr.write(`[WITHDRAWN: the text above was refused after it was shown (${code}); do not use it. Use --hold to see only answers that pass.]\n`);
          }
        }
        const record = gatewayRecordOf(error);
        // Nobody reads a closed pipe's answer: say only the one line below.
        if (record && record.verdicts.length > 0 && calling.interruption?.kind !== 'closed-output') process.stderr.write(`${verdictTable(record.verdicts)}\n`);
        if (error instanceof GatewayError || error instanceof KillSwitchEngaged) {
          // A refusal at admission has no call record; a kill-switch refusal names its own entry.
          const seq = record?.auditSeq ?? (error instanceof KillSwitchEngaged ? error.auditSeq : undefined);
          const message = `${error.message}${seq !== undefined ? ` (audit seq ${seq})` : ''}`;
          // Governance said no (exit 3); anything else is a failure of the call (exit 1).
          const refused = error instanceof GatewayBlocked || error instanceof BudgetExceeded || error instanceof KillSwitchEngaged;
          const interrupted = calling.refusal(message, error);
          const ending = interrupted ?? new UserFacingError(message, refused ? REFUSED_EXIT : FAILURE_EXIT, { cause: error });
          const stage = error instanceof GatewayError ? error.stage : (record?.verdicts.find((v) => v.outcome === 'block')?.stage ?? 'admission');
          const verdicts = record?.verdicts.map((v) => ({ stage: v.stage, outcome: v.outcome }));
          decidedJson.set(ending, {
            ...(refused && interrupted === undefined ? { refused: { code: error.code, stage }, verdicts: verdicts ?? [] } : { error: { code: error.code, stage }, ...(verdicts && { verdicts }) }),
            ...(seq !== undefined && { auditSeq: seq }),
            ...(record !== undefined && { callId: record.callId }),
          });
          throw ending;
        }
        throw error;
      }
      if (flags.json) {
        const json = JSON.stringify(askJson(result));
        out(`${process.stdout.isTTY ? terminalSafeJson(json) : json}\n`);
      } else {
        if (result.streamDiverged) {
          process.stderr.write('\n[the final answer differs from the streamed text after output validation; it follows:]\n');
          out('\n');
          answer(result.text);
        }
        // stdout carries the answer alone (`ask … > answer.txt`); the record of the call goes to stderr.
        out('\n');
      }
      // The call is recorded as done whatever follows; what is left to say is whether the answer got out.
      if (!(await calling.delivered())) throw new UserFacingError(`standard output was closed; the answer was not delivered (audit seq ${result.auditSeq})`, CLOSED_PIPE_EXIT);
      const late = calling.interruption;
      if (late?.kind === 'signal') {
        // Too late to stop: the answer was recorded as given, so it stands (and was printed); the exit says the signal came.
        const ending = new UserFacingError(`interrupted (${late.signal}), but the call had already completed; recorded as audit seq ${result.auditSeq}`, SIGNAL_EXIT[late.signal]);
        decidedJson.set(ending, null);
        throw ending;
      }
      if (flags.json) return;
      process.stderr.write(`\n${verdictTable(result.verdicts)}\n\n`);
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      const served = result.verdicts.find((v) => v.stage === 'llm-call')?.detail;
      const route = typeof served?.route === 'string' ? ` (routed: ${served.route})` : '';
      process.stderr.write(
        `model ${typeof served?.model === 'string' ? served.model : result.model}${route}; tokens: ${result.usage.promptTokens} prompt + ${result.usage.completionTokens} completion; ` +
          `cost ${result.usage.cost} units (reserved ${result.usage.reserved}, released ${result.usage.released}); ` +
          `${result.latencyMs.toFixed(0)} ms; audit seq ${result.auditSeq} (pre-call ${result.preCallSeq}); pipeline ${result.pipelineHash}\n`,
      );
      if (!result.usage.usageKnown) {
        const claimed = result.usage.reported;
        process.stderr.write(
          'note: the model server\'s reported usage was not trusted' +
            (claimed !== undefined ? ` (it reported ${claimed.promptTokens} prompt + ${claimed.completionTokens} completion)` : '') +
            '; the call was billed from the gateway\'s own count (the tokens above).\n',
        );
      }
    } finally {
      interrupts?.dispose();
      stopWatchingKills();
    }
  }, passphrases);
}
