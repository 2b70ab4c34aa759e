/**
 * The in-process model provider: node-llama-cpp running a GGUF resolved (and sha256-checked)
 * through the model manifest. One Llama instance per process, one context per opened model.
 */
import {
  getLlama,
  InsufficientMemoryError,
  LlamaLogLevel,
  NoBinaryFoundError,
  resolveChatWrapper,
} from 'node-llama-cpp';
import { LlamaGrammarEvaluationState } from 'node-llama-cpp';
import type { ChatHistoryItem, ChatWrapper, GbnfJsonSchema, Llama, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token } from 'node-llama-cpp';
import { ModelNotFoundError, resolvePinnedModel } from '../../models/manifest.ts';
import type { ResolvedModel } from '../../models/manifest.ts';
import { ProviderError } from './errors.ts';
import { callFormatSchema, functionCallRequest, parseCallFormat, withCallInstructions } from './function-calls.ts';
import type { FunctionCallRequest } from './function-calls.ts';
import { SCHEMA_KEYWORDS } from './json-schema.ts';
import type { ChatMessage, FunctionCall, GenerateRequest, GenerateResult, ModelProvider, StopReason } from './provider.ts';

export { ProviderError } from './errors.ts';
export type { ProviderErrorCode } from './errors.ts';

export interface LlamaLogEntry {
  readonly level: 'fatal' | 'error' | 'warn';
  readonly message: string;
}

// llama.cpp logs through one process-wide callback, so the capture is process-wide too. Bounded:
// a long-running appliance must not grow this forever.
const MAX_LOG_ENTRIES = 500;
const logEntries: LlamaLogEntry[] = [];
let loggedTotal = 0; // counts past the bound, so a caller can still find "entries since X"

function captureLog(level: LlamaLogLevel, message: string): void {
  if (level !== LlamaLogLevel.warn && level !== LlamaLogLevel.error && level !== LlamaLogLevel.fatal) return;
  const text = message.trim();
  if (text === '') return;
  logEntries.push({ level, message: text });
  loggedTotal++;
  if (logEntries.length > MAX_LOG_ENTRIES) logEntries.splice(0, logEntries.length - MAX_LOG_ENTRIES);
}

/** Warnings and errors llama.cpp / node-llama-cpp logged in this process, oldest first. */
/**
 * llama.cpp's log lines reach JavaScript asynchronously, so a warning printed while a model loads
 * can arrive after `loadModel` resolves. Wait until no new line has arrived for a short quiet
 * window (bounded), so the warnings of this load are attributed to it.
 */
async function settleNativeLogs(quietMs = 20, maxMs = 500): Promise<void> {
  const deadline = performance.now() + maxMs;
  let seen: number;
  do {
    seen = loggedTotal;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  } while (seen !== loggedTotal && performance.now() < deadline);
}

export function llamaCppLog(): readonly LlamaLogEntry[] {
  return [...logEntries];
}

let sharedLlama: Promise<Llama> | undefined;

/** The one Llama per process: CPU only and never compiling, because the appliance is offline. */
function getSharedLlama(): Promise<Llama> {
  sharedLlama ??= getLlama({
    gpu: false,
    build: 'never',
    logLevel: LlamaLogLevel.warn,
    logger: captureLog,
    progressLogs: false,
  }).catch((cause: unknown) => {
    sharedLlama = undefined; // let a later call retry instead of caching the failure
    const detail = cause instanceof NoBinaryFoundError
      ? 'no prebuilt llama.cpp binary matches this machine'
      : (cause as Error).message;
    throw new ProviderError(
      'runtime-unavailable',
      `The local model runtime (node-llama-cpp) could not start: ${detail}. ` +
        'Reinstall Airlock for this platform; building llama.cpp on the appliance is disabled.',
      { cause },
    );
  });
  return sharedLlama;
}

export interface LlamaCppOpenOptions {
  readonly alias: string;
  readonly manifestPath?: string;
  readonly modelsDir?: string;
  /** Defaults to the manifest's contextSize for the model. */
  readonly contextSize?: number;
  /** Evaluation threads; defaults to {@link defaultThreads}. */
  readonly threads?: number;
}

// Below this size a forward pass is microseconds of maths, so thread sync is all that's left to pay.
const SINGLE_THREAD_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * llama.cpp's own default oversubscribes small machines (64 tokens: 15 s instead of 78 ms on 2
 * cores), so use the math cores. Tiny models get one thread: ggml's spinning barrier turns any
 * CPU contention into a stall per op (measured: 17 ms with 1 thread, 17 s with 2, on a busy 2-core box).
 */
export function defaultThreads(cpuMathCores: number, modelBytes: number): number {
  return modelBytes < SINGLE_THREAD_MODEL_BYTES ? 1 : Math.max(1, cpuMathCores);
}

export type { ChatMessage, GenerateRequest, GenerateResult, StopReason } from './provider.ts';

// A UTF-8 character is at most 4 bytes, so at most 4 byte-tokens can be pending mid-character.
const MAX_PENDING_TOKENS = 4;

// Grammars compile in native code; a conversation asking for the same schema again reuses it.
const MAX_CACHED_GRAMMARS = 32;

/** JSON Schema keywords the grammar cannot express at all: refused rather than silently dropped. */
const UNSUPPORTED_KEYWORDS = ['allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'dependentRequired', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames'];
/**
 * Value constraints the grammar cannot enforce: left out of the grammar, enforced after generation
 * (function-call arguments against their parameters here, a response schema by the gateway's stage 7).
 */
const CHECKED_AFTER = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'pattern', 'uniqueItems', 'minContains', 'maxContains']);

/**
 * Keywords node-llama-cpp writes as a GBNF repetition `(…){min,max}` (GbnfRepetition: array items,
 * string characters, object properties). llama.cpp's grammar parser (src/llama-grammar.cpp,
 * MAX_REPETITION_THRESHOLD = 2000) refuses a minimum over 2,000, and a repetition whose count times
 * the rules of its group exceeds 2,000; a maximum over 2,000 it reads as no maximum. A refused
 * grammar is printed whole, the caller's enum values and descriptions included, to the process's
 * stderr by fprintf, past the log capture. So the counts are settled here, before the grammar is
 * built: a minimum over MAX_GRAMMAR_REPETITIONS is refused, a maximum over it is left out of the
 * grammar (as llama.cpp would) and enforced after generation, like CHECKED_AFTER. Half the
 * threshold, because the groups node-llama-cpp repeats hold up to two rules.
 */
const REPETITION_MINIMUMS = new Set(['minItems', 'minLength', 'minProperties']);
const REPETITION_MAXIMUMS = new Set(['maxItems', 'maxLength', 'maxProperties']);
export const MAX_GRAMMAR_REPETITIONS = 1_000;


function keywordStep(where: string, key: string): string {
  return `${where}/${SCHEMA_KEYWORDS.has(key) ? key : '…'}`;
}

/** The top-level `$defs` and `definitions` entries a `$ref` may name. */
interface RefTargets {
  readonly $defs: ReadonlySet<string>;
  readonly definitions: ReadonlySet<string>;
}

function namedSchemas(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function refusedRef(where: string, problem: string): ProviderError {
  return new ProviderError(
    'bad-request',
    `The JSON schema's $ref at ${where} ${problem}. The local model's grammar follows only "#/$defs/<name>" or "#/definitions/<name>" ` +
      'to an entry of the schema\'s top-level $defs or definitions; point the $ref at one of those.',
  );
}

/**
 * node-llama-cpp reads only `#/$defs/<name>`, taking `<name>` literally; for any other reference it
 * prints the reference (the caller's text) through console.warn and puts "any JSON" in its place.
 * So a reference to a top-level `$defs` or `definitions` entry is rewritten to `#/$defs/<name>`
 * with the pointer decoded (percent-encoding, then `~1` and `~0`), and every other one is refused.
 */
function grammarRef(ref: unknown, where: string, targets: RefTargets): string {
  if (typeof ref !== 'string') throw refusedRef(where, 'is not a string');
  if (!ref.startsWith('#')) throw refusedRef(where, 'points outside this schema (another document or an $id)');
  if (ref === '#') throw refusedRef(where, 'points at the whole schema');
  if (!ref.startsWith('#/')) throw refusedRef(where, 'names an anchor or $id, not a JSON pointer');
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    throw refusedRef(where, 'is not a valid URI fragment (bad percent-encoding)');
  }
  const raw = pointer.slice(1).split('/');
  if (raw.some((part) => /~(?![01])/.test(part))) throw refusedRef(where, 'is not a valid JSON pointer (a "~" not followed by 0 or 1)');
  const parts = raw.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [keyword, name] = parts;
  if (parts.length !== 2 || (keyword !== '$defs' && keyword !== 'definitions') || name === undefined) {
    throw refusedRef(where, 'points inside the schema somewhere other than a top-level $defs or definitions entry');
  }
  if (!targets[keyword].has(name)) throw refusedRef(where, `points at a ${keyword} entry the schema's top level does not have`);
  return `#/$defs/${name}`;
}

/**
 * The schema the grammar is built from: node-llama-cpp's subset. anyOf becomes oneOf (a grammar
 * cannot enforce "exactly one" either way; without this, node-llama-cpp turns anyOf into null, so
 * no answer could ever match); keywords it cannot express structurally are refused; draft-07
 * `definitions` are carried under `$defs` and every `$ref` rewritten to, or refused unless it
 * resolves to, `#/$defs/<name>` (see grammarRef).
 */
export function grammarSchema(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return toGrammar(schema, '(root)', 'schema', { $defs: new Set(), definitions: new Set() }, true, false);
  }
  const root = schema as Record<string, unknown>;
  const defs = namedSchemas(root.$defs);
  const definitions = namedSchemas(root.definitions);
  if (Object.keys(definitions).some((name) => Object.hasOwn(defs, name))) {
    throw new ProviderError(
      'bad-request',
      'The JSON schema has "$defs" and "definitions" entries of the same name at schema, which the local model\'s grammar would have to merge into one. Keep each definition in one of them, under its own name.',
    );
  }
  const targets: RefTargets = { $defs: new Set(Object.keys(defs)), definitions: new Set(Object.keys(definitions)) };
  const out = toGrammar(root, '(root)', 'schema', targets, true, false) as Record<string, unknown>;
  if (Object.keys(definitions).length > 0) {
    delete out.definitions;
    out.$defs = {
      ...namedSchemas(out.$defs),
      ...Object.fromEntries(Object.entries(definitions).map(([name, sub]) => [name, toGrammar(sub, `(root).definitions.${name}`, 'schema/definitions/…', targets, false, false)])),
    };
  }
  return out;
}

/**
 * One node of grammarSchema. `path` is the historical dotted path of the unsupported-keyword
 * message; `where` is the keyword-only path (`schema/properties/…/$ref`) of the newer ones.
 * `underId`: a non-root `$id` above changes what a `$ref` resolves against, so it is refused.
 */
function toGrammar(schema: unknown, path: string, where: string, targets: RefTargets, root: boolean, underId: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((item, i) => toGrammar(item, `${path}[${i}]`, `${where}/${i}`, targets, false, underId));
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as Record<string, unknown>;
  const id = node.$id;
  const ownId = underId || (!root && typeof id === 'string' && !id.startsWith('#'));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (UNSUPPORTED_KEYWORDS.includes(key)) {
      throw new ProviderError('bad-request', `The JSON schema uses "${key}" at ${path}, which the local model's grammar cannot express. Rewrite it with type, properties, items, enum, const, oneOf/anyOf or $defs/$ref.`);
    }
    if (key === '$dynamicRef' || key === '$recursiveRef') {
      throw new ProviderError('bad-request', `The JSON schema uses "${key}" at ${where}, which the local model's grammar cannot follow. Use "$ref": "#/$defs/<name>" instead.`);
    }
    if (key === '$ref') {
      if (ownId) throw refusedRef(`${where}/$ref`, 'sits under a subschema with its own $id, so it resolves against that, not this schema');
      out.$ref = grammarRef(value, `${where}/$ref`, targets);
      continue;
    }
    if (CHECKED_AFTER.has(key)) continue;
    if (REPETITION_MINIMUMS.has(key) || REPETITION_MAXIMUMS.has(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ProviderError('bad-request', `The JSON schema's "${key}" is not a count (a whole number of 0 or more).`);
      }
      if (value <= MAX_GRAMMAR_REPETITIONS) out[key] = value;
      else if (REPETITION_MINIMUMS.has(key)) {
        throw new ProviderError('bad-request', `The JSON schema holds a "${key}" over ${MAX_GRAMMAR_REPETITIONS}, more repetitions than the local model's grammar can hold. Ask for fewer, or check the count in your own code.`);
      }
      continue;
    }
    // Only the top-level $defs/definitions can be referenced (grammarRef), so nested ones are left
    // out: node-llama-cpp would let a nested entry shadow a top-level one of the same name.
    if (key === '$defs' || key === 'definitions') {
      if (!root || key === 'definitions') continue; // top-level definitions: carried under $defs by grammarSchema
    }
    // enum, const, default and examples hold values, not schemas; properties, $defs and dependencies hold schemas under names.
    if (key === 'enum' || key === 'const' || key === 'required' || key === 'default' || key === 'examples') out[key] = value;
    else if ((key === 'properties' || key === '$defs' || key === 'dependencies') && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toGrammar(sub, `${path}.${key}.${name}`, `${where}/${key}/…`, targets, false, ownId)]));
    } else out[key === 'anyOf' ? 'oneOf' : key] = toGrammar(value, `${path}.${key}`, keywordStep(where, key), targets, false, ownId);
  }
  settleCounts(out);
  return out;
}

/**
 * Counts node-llama-cpp would correct with a console.warn (maxLength under minLength, maxItems
 * under the prefixItems, maxProperties under the properties it always writes): corrected here the
 * same way, silently. Such a schema cannot be met as written; stage 7 checks the answer against it.
 */
function settleCounts(out: Record<string, unknown>): void {
  const { minLength, maxLength, maxItems, prefixItems, maxProperties, properties } = out;
  const least = typeof minLength === 'number' ? Math.max(0, minLength) : 0;
  if (typeof maxLength === 'number' && maxLength < least) out.maxLength = least;
  if (typeof maxItems === 'number' && Array.isArray(prefixItems) && maxItems < prefixItems.length) out.maxItems = prefixItems.length;
  if (typeof maxProperties === 'number' && properties !== null && typeof properties === 'object') {
    const count = Object.keys(properties).length;
    if (maxProperties < count) out.maxProperties = count;
  }
}

/**
 * node-llama-cpp builds the grammar of a JSON schema synchronously (createGrammarForJsonSchema has
 * no await before it) and reports what it could not read through console.warn, quoting the schema.
 * grammarSchema leaves it nothing to warn about; should it still warn, the warning is kept off the
 * process's log and the grammar refused, since the part it warned about would be unconstrained.
 */
async function withoutConsoleWarnings(create: () => Promise<LlamaGrammar>): Promise<LlamaGrammar> {
  const warn = console.warn;
  let warned = 0;
  let pending: Promise<LlamaGrammar>;
  console.warn = () => {
    warned++;
  };
  try {
    pending = create();
  } finally {
    console.warn = warn;
  }
  const grammar = await pending;
  if (warned > 0) {
    throw new ProviderError('bad-request', "The local model's grammar library could not read part of the JSON schema and would have left it unconstrained. Use the supported subset (type, properties, items, enum, const, oneOf, $defs/$ref, string formats).");
  }
  return grammar;
}

/**
 * The in-process provider. One context and one context sequence per opened model, reused for
 * every request, and requests run one at a time. The sequence's evaluated state (KV cache) is kept
 * only for the next request with the same `reuseKey` (the same conversation), which then evaluates
 * only the part of its prompt that differs; any other request erases it first, so one caller's
 * prompt can never speed up, and so reveal itself to, another's.
 */
export class LlamaCppProvider implements ModelProvider {
  readonly kind = 'llama-cpp';
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles when an aborted evaluation has really finished with the sequence. */
  private sequenceFree: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** The reuseKey of the request whose complete state the sequence holds (undefined: erase before use). */
  #stateKey: string | undefined;
  /**
   * Resolved once, when the model opens: resolveChatWrapper() matches the model's Jinja template
   * against every known wrapper, ≈ 170–260 ms on tiny-test, which had been paid before every answer.
   */
  readonly #chatWrapper: ChatWrapper;

  private constructor(
    readonly model: ResolvedModel,
    /** Warnings node-llama-cpp raised while loading this model (e.g. a tokenizer round-trip failure). */
    readonly warnings: readonly string[],
    private readonly llama: Llama,
    private readonly llamaModel: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
  ) {
    this.#chatWrapper = resolveChatWrapper(llamaModel);
  }

  /**
   * Resolves the alias through the manifest and loads the very bytes whose sha256 was checked: the
   * file is hashed through an open descriptor, loaded through it without mmap (so a later write to
   * the file cannot change the weights in use), and refused if it was written to in between.
   */
  static async open(options: LlamaCppOpenOptions): Promise<LlamaCppProvider> {
    const resolved = await resolvePinnedModel(options.alias, {
      ...(options.manifestPath !== undefined && { manifestPath: options.manifestPath }),
      ...(options.modelsDir !== undefined && { modelsDir: options.modelsDir }),
    }).catch((cause: unknown) => {
      // Same failure family as a server that does not serve the model; the integrity error stays its own.
      if (cause instanceof ModelNotFoundError) throw new ProviderError('model-not-found', cause.message, { cause });
      throw cause;
    });
    let model: LlamaModel;
    const loggedBefore = loggedTotal;
    let llama: Llama;
    try {
      llama = await getSharedLlama();
      model = await llama.loadModel({ modelPath: resolved.loadPath, useMmap: false });
    } catch (cause) {
      await resolved.close();
      if (cause instanceof ProviderError) throw cause;
      throw new ProviderError(
        'model-load-failed',
        `llama.cpp could not load model "${resolved.id}" from ${resolved.path}: ${(cause as Error).message}. ` +
          'The file passed its sha256 check, so it is the expected file but not one this llama.cpp can run ' +
          '(unsupported architecture or format); import a GGUF model built for a recent llama.cpp.',
        { cause },
      );
    }
    try {
      await resolved.assertUnchanged();
    } catch (error) {
      await model.dispose();
      throw error;
    } finally {
      await resolved.close();
    }
    await settleNativeLogs();
    const loggedDuringLoad = logEntries.slice(logEntries.length - Math.min(logEntries.length, loggedTotal - loggedBefore));
    const warnings = new Set([...model.getWarnings(), ...loggedDuringLoad.map((e) => e.message)]);
    let context: LlamaContext;
    try {
      context = await model.createContext({
        contextSize: options.contextSize ?? resolved.entry.contextSize,
        threads: options.threads ?? defaultThreads(llama.cpuMathCores, model.size),
      });
    } catch (cause) {
      await model.dispose();
      const hint = cause instanceof InsufficientMemoryError
        ? 'Not enough memory for this context size; choose a smaller contextSize or a smaller model.'
        : 'Check the model\'s contextSize in the manifest.';
      throw new ProviderError('context-failed', `Could not create a context for "${resolved.id}": ${(cause as Error).message}. ${hint}`, { cause });
    }
    const { alias, id, path, sha256, entry, generated } = resolved;
    return new LlamaCppProvider({ alias, id, path, sha256, entry, generated }, [...warnings], llama, model, context, context.getSequence());
  }

  /** The manifest id of the loaded model. */
  get modelId(): string {
    return this.model.id;
  }

  /** Tokens the context holds, prompt and answer together (llama.cpp may round the requested size up). */
  get contextSize(): number {
    return this.context.contextSize;
  }

  tokenize(text: string): Token[] {
    return this.llamaModel.tokenize(text, false);
  }

  detokenize(tokens: readonly Token[]): string {
    return this.llamaModel.detokenize(tokens, false);
  }

  /**
   * Generations on one provider run one at a time: they share a single context sequence. A call
   * aborted while it waits its turn settles at once (it would start only to stop); once started,
   * the generation itself handles the abort (and reports the tokens it used).
   */
  generate(request: GenerateRequest): Promise<GenerateResult> {
    let started = false;
    const run = this.queue.then(() => {
      started = true;
      return this.generateNow(request);
    });
    this.queue = run.catch(() => undefined);
    const { signal } = request;
    if (signal === undefined) return run;
    return new Promise<GenerateResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (!started) resolve({ text: '', tokens: 0, promptTokens: 0, stopReason: 'aborted' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Compiled grammars are cached per conversation (reuseKey) and schema: a cache shared by every
   * caller would answer faster for a schema someone else used, telling the caller that they did
   * (function definitions included). Without a reuseKey nothing is cached.
   */
  private grammarFor(schema: Readonly<Record<string, unknown>>, reuseKey: string | undefined): Promise<LlamaGrammar> {
    const key = reuseKey === undefined ? undefined : JSON.stringify([reuseKey, schema]);
    if (key === undefined) return this.#compileGrammar(schema);
    let grammar = this.grammars.get(key);
    if (grammar === undefined) {
      grammar = this.#compileGrammar(schema);
      grammar.catch(() => this.grammars.delete(key));
      this.grammars.set(key, grammar);
      if (this.grammars.size > MAX_CACHED_GRAMMARS) this.grammars.delete(this.grammars.keys().next().value ?? key);
    } else {
      this.grammars.delete(key); // most recently used last
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  #compileGrammar(schema: Readonly<Record<string, unknown>>): Promise<LlamaGrammar> {
    // The schema is only known at run time, so the call is typed loosely rather than by inference.
    const create = this.llama.createGrammarForJsonSchema.bind(this.llama) as (s: GbnfJsonSchema) => Promise<LlamaGrammar>;
    return Promise.resolve()
      .then(() => withoutConsoleWarnings(() => create(grammarSchema(schema) as GbnfJsonSchema)))
      .catch((cause: unknown) => {
        if (cause instanceof ProviderError) throw cause;
        throw new ProviderError(
          'bad-request',
          `The JSON schema cannot be turned into a grammar for the local model: ${(cause as Error).message}. ` +
            'Use the supported subset (type, properties, items, enum, const, oneOf, $defs/$ref, string formats).',
          { cause },
        );
      });
  }

  private promptTokens(request: GenerateRequest, messages: readonly ChatMessage[] | undefined): Token[] {
    if (request.prompt !== undefined) {
      const tokens = this.llamaModel.tokenize(request.prompt, false);
      const bos = this.llamaModel.tokens.bos;
      if (bos !== null && (this.llamaModel.tokens.shouldPrependBosToken || tokens.length === 0)) tokens.unshift(bos);
      if (tokens.length === 0) throw new ProviderError('bad-request', 'The prompt is empty and the model has no BOS token to start from.');
      return tokens;
    }
    const history: ChatHistoryItem[] = (messages ?? []).map((m) =>
      m.role === 'assistant' ? { type: 'model', response: [m.content] } : { type: m.role, text: m.content },
    );
    history.push({ type: 'model', response: [] }); // an open model turn renders the generation prompt
    const { contextText } = this.#chatWrapper.generateContextState({ chatHistory: history });
    return contextText.tokenize(this.llamaModel.tokenizer);
  }

  /**
   * Readies the sequence for `input`: keeps the evaluated prefix it shares with the previous
   * request when both carry the same reuseKey, erases everything otherwise. Returns how many
   * leading tokens of `input` need no evaluation (always leaving at least one to evaluate, whose
   * logits give the first generated token).
   */
  async #prepareSequence(input: readonly Token[], reuseKey: string | undefined): Promise<number> {
    // With sliding-window attention (stateCellsStartIndex > 0) erasing a tail does not leave a usable prefix.
    if (reuseKey === undefined || reuseKey !== this.#stateKey || this.sequence.stateCellsStartIndex > 0) {
      await this.sequence.clearHistory();
      return 0;
    }
    const shared = Math.min(this.sequence.compareContextTokens([...input]).firstDifferentIndex, input.length - 1);
    if (shared <= 0) {
      await this.sequence.clearHistory();
      return 0;
    }
    if (shared < this.sequence.nextTokenIndex) await this.sequence.eraseContextTokenRanges([{ start: shared, end: this.sequence.nextTokenIndex }]);
    return shared;
  }

  private async generateNow(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw new ProviderError('bad-request', `The provider for "${this.model.id}" has been disposed.`);
    if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) {
      throw new ProviderError('bad-request', `maxTokens must be a positive integer, got ${request.maxTokens}.`);
    }
    if ((request.prompt === undefined) === (request.messages === undefined)) {
      throw new ProviderError('bad-request', 'Give exactly one of `prompt` or `messages`.');
    }
    const calls: FunctionCallRequest | undefined = functionCallRequest(request);
    const messages = calls !== undefined && request.messages !== undefined ? withCallInstructions(request.messages, calls) : request.messages;
    const input = this.promptTokens(request, messages);
    const { signal } = request;
    if (signal?.aborted) return { text: '', tokens: 0, promptTokens: input.length, stopReason: 'aborted' };
    // A prompt longer than the context would be cut from the front (the system prompt and the
    // function instructions first); the answer gets at most the room that is left.
    const room = this.context.contextSize - input.length;
    if (room < 1) {
      throw new ProviderError(
        'bad-request',
        `The prompt is ${input.length} tokens; the context of "${this.model.id}" holds ${this.context.contextSize}. Shorten the conversation, or use a model with a larger contextSize.`,
      );
    }
    const maxTokens = Math.min(request.maxTokens, room);
    const schema = calls !== undefined ? callFormatSchema(calls) : request.jsonSchema;
    const grammar = schema === undefined ? undefined : await this.grammarFor(schema, request.reuseKey);
    // A function call is only meaningful once complete, so it is parsed at the end, not streamed.
    const onToken = calls === undefined ? request.onToken : undefined;

    // Racing each step against the abort lets us stop at once instead of after the token in flight.
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      // An abort that came while the grammar was prepared has already fired: a listener added now never would.
      if (signal?.aborted === true) onAbort();
    });

    const generated: Token[] = [];
    let pending: Token[] = [];
    let stopReason: StopReason = 'maxTokens';
    // A JSON grammar lets the model pad the finished document with whitespace; as node-llama-cpp
    // does, stop at four newlines and drop trailing whitespace (held back, so the stream agrees).
    const trimTail = grammar?.trimWhitespaceSuffix === true;
    let heldWhitespace = '';
    let paddingStop = false;
    const deliver = (text: string): void => {
      if (!trimTail) {
        if (text !== '') onToken?.(text);
        return;
      }
      const combined = heldWhitespace + text;
      const body = combined.trimEnd();
      heldWhitespace = combined.slice(body.length);
      if (body !== '') onToken?.(body);
      if (heldWhitespace.includes('\n\n\n\n')) paddingStop = true;
    };
    const emit = (final: boolean): void => {
      if (pending.length === 0) return;
      const text = this.llamaModel.detokenize(pending, false, generated.slice(-(pending.length + 8), -pending.length));
      // Hold back a split multi-byte character until the rest of it arrives.
      if (!final && text.endsWith('\uFFFD') && pending.length < MAX_PENDING_TOKENS) return;
      pending = [];
      deliver(text);
    };

    await this.sequenceFree;
    const cached = await this.#prepareSequence(input, request.reuseKey);
    // Until this generation completes, the sequence holds no state anyone may reuse.
    this.#stateKey = undefined;
    const evaluation = this.sequence.evaluate(input.slice(cached), {
      temperature: request.temperature ?? 0,
      ...(request.seed !== undefined && { seed: request.seed }),
      ...(grammar !== undefined && { grammarEvaluationState: new LlamaGrammarEvaluationState({ model: this.llamaModel, grammar }) }),
    });
    const iterator = evaluation[Symbol.asyncIterator]();
    try {
      while (generated.length < maxTokens) {
        const step = await Promise.race([iterator.next(), aborted]);
        if (step === 'aborted') {
          stopReason = 'aborted';
          break;
        }
        if (step.done === true) {
          stopReason = 'eos';
          break;
        }
        generated.push(step.value);
        pending.push(step.value);
        emit(false);
        if (paddingStop) {
          stopReason = 'eos';
          break;
        }
      }
      if (stopReason !== 'aborted') emit(true);
    } catch (cause) {
      throw new ProviderError(
        'generation-failed',
        `Generation with "${this.model.id}" failed after ${generated.length} tokens: ${(cause as Error).message}`,
        { cause },
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Not awaited on abort: the step in flight (possibly a long prompt) finishes in the
      // background, and the next generation waits for it before touching the sequence.
      const closing = iterator.return?.(undefined);
      // The caller already has its aborted result; a late failure of the abandoned step only
      // needs to free the sequence, which clearHistory() resets anyway.
      if (stopReason === 'aborted') this.sequenceFree = Promise.resolve(closing).catch(() => undefined);
      else await closing;
    }
    // A complete generation leaves prompt + answer in the sequence: the same conversation may reuse it.
    if (stopReason !== 'aborted') this.#stateKey = request.reuseKey;
    const fullText = this.llamaModel.detokenize(generated, false);
    const text = trimTail ? fullText.trimEnd() : fullText;
    const result = { tokens: generated.length, promptTokens: input.length, ...(cached > 0 && { cachedPromptTokens: cached }), stopReason };
    if (calls === undefined || stopReason === 'aborted') return { ...result, text: calls === undefined ? text : '' };
    const answer: { text: string; functionCalls: FunctionCall[] } = parseCallFormat(text, calls);
    if (answer.text !== '') request.onToken?.(answer.text);
    return { ...result, text: answer.text, ...(answer.functionCalls.length > 0 && { functionCalls: answer.functionCalls }) };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    await this.sequenceFree;
    this.grammars.clear();
    await this.context.dispose();
    await this.llamaModel.dispose();
  }
}

export interface LocalModelProbe {
  readonly alias: string;
  readonly tokens: number;
  readonly ms: number;
  readonly streamedChunks: number;
}

/** `airlock doctor`: node-llama-cpp loads the model (sha256-checked) and streams tokens from it. */
export async function probeLocalModel(alias = 'tiny-test', options: Omit<LlamaCppOpenOptions, 'alias'> = {}): Promise<LocalModelProbe> {
  const started = performance.now();
  const provider = await LlamaCppProvider.open({ ...options, alias });
  try {
    let streamedChunks = 0;
    const result = await provider.generate({
      prompt: 'The appliance is',
      maxTokens: 16,
      onToken: () => {
        streamedChunks++;
      },
    });
    if (result.tokens === 0 || streamedChunks === 0) {
      throw new ProviderError('generation-failed', `Model "${alias}" loaded but streamed no tokens (stop reason: ${result.stopReason}).`);
    }
    return { alias, tokens: result.tokens, ms: Math.round(performance.now() - started), streamedChunks };
  } finally {
    await provider.dispose();
  }
}
