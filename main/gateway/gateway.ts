/**
 * The gateway: the only path to a model. One call = admission (kill switch, policy, provider)
 * then the ten stages of reference 002 in order, each recording a verdict into the pipeline hash.
 *
 *   const gateway = await openGateway({ tenant, audit: tenant.audit, governance, providers: local.resolve });
 *   const result = await gateway.call({ actor: 'alice', messages: [{ role: 'user', content: '…' }], maxTokens: 128 });
 *   const streamed = await gateway.stream(request, (text) => ui.append(text)); // held until the verdict when a pack applies
 *
 * What goes on the audit log:
 *  - a call refused before the model (stages 1–5, or admission) → `gateway.call.blocked` with the
 *    stages that ran, their hash and the refusal code; a kill-switch refusal at admission is
 *    recorded by governance (`governance.kill.refused`);
 *  - every call that reached the model → `gateway.call.pre` (stage 5) and `gateway.call`
 *    (stage 10) with all ten stages and the final pipeline hash, whether it passed or was blocked
 *    at stage 6–8 (then outcome `blocked`);
 *  - a call that reached the model but whose `gateway.call` record was not written →
 *    `gateway.call.blocked` with what it was charged, settled in that entry's commit; if that
 *    entry cannot be written either, nothing is charged off the log: the reservation stays open
 *    for the sweep below;
 *  - a budget reservation left open by a process that died mid-call, once older than the stale
 *    age → `gateway.budget.swept`, settling it at its full amount (at open, and on
 *    `gateway.sweepStaleReservations()`).
 * A call is charged at the price of the model that served it (after any fallback); its budget is
 * reserved at the highest price among the models that may serve it.
 * A refusal throws a typed error (GatewayError subclasses, or governance's KillSwitchEngaged);
 * `gatewayRecordOf(error)` gives its verdicts, hash and audit seq.
 */
import { createHash, randomUUID } from 'node:crypto';
import { types as nodeTypes } from 'node:util';
import { BLOCKED_CALL_ACTION, encodeStages } from '../audit/gateway-stages.ts';
import type { Database } from '../data/sqlite.ts';
import { gatewayPackSettings } from '../governance/packs.ts';
import { scopeIdProblem } from '../governance/scope-id.ts';
import { FUNCTION_NAME, functionCallRequest } from '../providers/function-calls.ts';
import { MAX_SCHEMA_DEPTH, schemaCheckAsync, schemaCheckerReady, UncheckableSchemaError } from '../providers/json-schema.ts';
import { ProviderError, type FunctionCall, type StopReason } from '../providers/provider.ts';
import {
  BudgetLedger,
  ceilingPrice,
  limitsFromPolicy,
  microToUnits,
  migrateGateway,
  ReservationAlreadySettled,
  type Reservation,
  type SettledCharge,
} from './budget.ts';
import { scopeFields, type CallContext, type CallPolicy, type GatewayRequest } from './context.ts';
import {
  attachRecord,
  causeName,
  GatewayAuditError,
  GatewayError,
  GatewayRequestError,
  ModelCallFailed,
  refusalEvent,
  type CallRefusal,
} from './errors.ts';
import { manifestPricing } from './local-providers.ts';
import { refuseOversizedSchemas } from './schema-admission.ts';
import { OutputStream, type OutputStreamOptions } from './output-stream.ts';
import { createRedactionSession, type Restorer } from './pii/index.ts';
import { assertStageOrder, runPipeline, Trace } from './pipeline.ts';
import { candidatesOf, type GatewayAudit, type GatewayGovernance, type GatewayTenant, type PriceResolver, type ProviderResolver } from './ports.ts';
import { DEFAULT_STALE_RESERVATION_MS, sweepStaleReservations, validateStaleAge, type SweepReport } from './reservation-sweep.ts';
import type { Stage } from './stage.ts';
import type { StageVerdict } from './verdict.ts';
import { chargeOf } from './stages/billing-post-call-audit.ts';
import { GATEWAY_STAGE_MODULES } from './stages/index.ts';

/** The action of a blocked call's record; the audit verifier checks it (audit/gateway-stages.ts). */
export { BLOCKED_CALL_ACTION };
/** Upper bound on maxTokens per call; larger asks are a malformed request, not a budget matter. */
export const MAX_TOKENS_LIMIT = 32_768;

export interface GatewayOptions {
  readonly tenant: GatewayTenant;
  readonly audit: GatewayAudit;
  readonly governance: GatewayGovernance;
  readonly providers: ProviderResolver;
  /** Cost units per 1,000 tokens per model; defaults to the model manifest's pricePer1kTokens. */
  readonly pricing?: PriceResolver;
  /** ISO region for reading phone numbers without a country code (default 'US'). */
  readonly piiRegion?: string;
  readonly clock?: () => number;
  /** The ten stages; replaceable for tests (checked: same names, same order). */
  readonly stages?: readonly Stage[];
  /**
   * Age (ms) after which an open budget reservation is taken for a crashed call's and swept.
   * Must exceed the longest call in any process on this tenant. Default 15 minutes; at least 1 minute.
   */
  readonly staleReservationMs?: number;
}

export interface GatewayUsage {
  /**
   * The tokens the call was billed for (as the audit record says): the provider's counts, or the
   * floor stage 10 raised them to. After a fallback that followed a model that had already run
   * (fallback-after-work), `cost` is the larger of the whole reservation and these counts' price,
   * so it may exceed tokens × price: the first model's work left no counts.
   */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** What the provider reported, when the call was not billed from it (usageKnown false). */
  readonly reported?: { readonly promptTokens: number; readonly completionTokens: number };
  /** Cost units charged (settled). */
  readonly cost: number;
  /** Cost units reserved before the call. */
  readonly reserved: number;
  /** Reserved but unused, released at settlement. */
  readonly released: number;
  /**
   * False when the call was not billed from the provider's counts: counts that were not whole
   * numbers ≥ 0 (charged the whole reservation), or fewer tokens than the text itself shows (billed
   * at stage 10's floor; `reported` then says what the provider claimed).
   */
  readonly usageKnown: boolean;
}

export interface GatewayResult {
  readonly callId: string;
  /** The response for the caller: sanitized by stage 7, PII restored by stage 9 when authorised. */
  readonly text: string;
  /** Parsed structured output, when jsonSchema was given and the response matched. */
  readonly value?: unknown;
  readonly functionCalls: readonly FunctionCall[];
  readonly model: string;
  readonly stopReason: StopReason;
  readonly usage: GatewayUsage;
  readonly verdicts: readonly StageVerdict[];
  readonly pipelineHash: string;
  /** Seq of the `gateway.call` audit entry. */
  readonly auditSeq: number;
  /** Seq of the `gateway.call.pre` audit entry. */
  readonly preCallSeq: number;
  /** Agent-facing warnings (warn-mode findings). */
  readonly warnings: readonly string[];
  readonly latencyMs: number;
}

export interface StreamResult extends GatewayResult {
  /** An on-the-fly check stopped releasing text before the verdict (the rest came after it). */
  readonly heldOnTheFly: boolean;
  /** The released text is not a prefix of `text` (validation redacted inside it): show `text` instead. */
  readonly streamDiverged: boolean;
  /**
   * The caller's onText threw, or returned a promise that rejected: that error's name (never its
   * message). Nothing more was sent to onText; the call itself completed and was recorded, and
   * `streamDiverged` says whether the caller missed part of `text` (then show `text` instead).
   */
  readonly callbackFailed?: string;
}

export interface StreamOptions {
  /**
   * Release nothing before the call has settled (the whole answer arrives at once, after its
   * verdict and its record). When left out it is on if a governance pack (HIPAA, GDPR) applies to
   * the call's scope — a withheld answer there must never have been shown, as `airlock ask` holds
   * by default — and off otherwise (words stream as they pass the on-the-fly checks, provisional
   * until the call settles). Pass `false` to stream under a pack all the same.
   */
  readonly holdUntilVerdict?: OutputStreamOptions['holdUntilVerdict'];
}

const SCOPE_NAME_MAX = 128;
// A name goes into audit fields and routing tables: no control characters (C0, DEL, C1).
const CONTROL_CHARACTER = /\p{Cc}/u;
// Half of a UTF-16 pair on its own (with the u flag, \p{Cs} matches only a lone surrogate): not
// text, and the audit log's UTF-8 encoding refuses it.
const LONE_SURROGATE = /\p{Cs}/u;
// Invisible format characters (U+200B, U+202E, …) and line or paragraph separators make a name
// read as another one in the log and in the UI.
const SPOOFING_CHARACTER = /[\p{Cf}\p{Zl}\p{Zp}]/u;

/** Why `value` is not a name (text for the 400), or undefined when it is one. */
function nameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > SCOPE_NAME_MAX) return `it is missing, not text, blank or longer than ${SCOPE_NAME_MAX} characters`;
  if (CONTROL_CHARACTER.test(value)) return 'remove the control characters (line breaks, tabs and the like) from it';
  if (LONE_SURROGATE.test(value)) return 'it holds half of a UTF-16 surrogate pair on its own; send well-formed Unicode text';
  if (SPOOFING_CHARACTER.test(value)) return 'remove the invisible format characters (such as U+200B or U+202E) and line or paragraph separators from it';
  if (value.normalize('NFC') !== value) return "write it in NFC form (name.normalize('NFC')), so one name is always one key";
  return undefined;
}

/** team, agent, session and task: absent, or a name. */
function validateScopeName(field: 'team' | 'agent' | 'session' | 'task', value: unknown): void {
  if (value === undefined) return;
  // A team or agent is what kill switches, policy levels and budgets are keyed by: written as
  // governance writes them (`claims`), so `Claims`, `claims ` or a Cyrillic `сlaims` is no other team.
  if ((field === 'team' || field === 'agent') && typeof value === 'string' && value.length <= SCOPE_NAME_MAX) {
    const problem = scopeIdProblem(value);
    if (problem !== undefined) throw new GatewayRequestError(`${field} ${problem}, or left out`);
    return;
  }
  const problem = nameProblem(value);
  if (problem !== undefined) throw new GatewayRequestError(`${field} must be a name of 1 to ${SCOPE_NAME_MAX} printable characters, or left out: ${problem}`);
}

const SOURCES: readonly string[] = ['user', 'tool-output', 'retrieved-document'];
// An alias or model id as a manifest may spell it ("llama-3.1-8b@q4"): no spaces, no control characters.
const MODEL_NAME = /^[^\s\p{Cc}]{1,128}$/u;
// A tool's name: an identifier, with the separators MCP tool names use ("server.tool",
// "user-profile/update", "github:create_issue"); never free text.
const TOOL_NAME = /^[A-Za-z0-9_.\-/:]{1,128}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Runs `read` over caller-supplied values; whatever it throws (a getter, a proxy trap, a `length`
 * that throws, a revoked proxy) is the caller's 400 naming `field`, never the caller's own error,
 * whose message is the caller's text.
 */
function guarded<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GatewayRequestError) throw error;
    throw new GatewayRequestError(`${field} could not be read (reading it threw); pass the request as plain data`);
  }
}

/** Reads `key` once; a getter or proxy that throws is the caller's 400, naming the field. */
function readOnce(source: object, key: string, field: string, own: boolean): unknown {
  return guarded(field, () => {
    if (own && !Object.hasOwn(source, key)) return undefined;
    return (source as Record<string, unknown>)[key];
  });
}

/** A caller's list, read as a list: whether it is one and its length, each read guarded. */
function listLength(value: unknown, field: string): number | undefined {
  return guarded(field, () => (Array.isArray(value) ? (value as unknown[]).length : undefined));
}

/**
 * How many levels of objects and lists a copied schema, function list or output policy may hold.
 * Past it the copy (structuredClone) would overflow the stack; schemas themselves stop at
 * MAX_SCHEMA_DEPTH (json-schema.ts), well before.
 */
const MAX_DATA_DEPTH = 256;

const tooDeep = (field: string): GatewayRequestError =>
  new GatewayRequestError(
    `${field} is nested too deeply: it may hold at most ${MAX_DATA_DEPTH} levels of objects and lists` +
      (field === 'outputPolicy' ? '; flatten it' : ` (a schema at most ${MAX_SCHEMA_DEPTH}); flatten it, putting shared parts under $defs and reaching them with $ref`),
  );

/**
 * Checks that a clone (structuredClone's, so no getters or proxies are left) is plain data, and
 * freezes it all the way down. Iterative: a deep structure cannot overflow the stack here.
 * structuredClone keeps Date, RegExp, Map, Set, typed arrays, ArrayBuffers, boxed primitives and
 * errors as what they are: none is JSON data, and a typed array cannot even be frozen.
 */
function checkAndFreeze(clone: object, field: string): void {
  const stack: [object, number][] = [[clone, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [object, number];
    if (depth > MAX_DATA_DEPTH) throw tooDeep(field);
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== (Array.isArray(value) ? Array.prototype : Object.prototype)) {
      throw new GatewayRequestError(`${field} must be plain data (objects, lists, text, numbers, true or false, null): typed arrays, Map, Set, Date, RegExp and other objects of a kind are not; write them as lists, objects or text`);
    }
    // A hole reads as undefined: the functions' reader throws on it, and JSON writes it as null.
    if (Array.isArray(value) && hasHole(value)) {
      throw new GatewayRequestError(`${field} must be plain JSON data: a list in it has an empty slot (a hole, as in [, 1]); write every element`);
    }
    Object.freeze(value);
    for (const child of Object.values(value) as unknown[]) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
      else if (!isJsonScalar(child)) throw notJsonScalar(field);
    }
  }
}

function hasHole(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!Object.hasOwn(list, i)) return true;
  return false;
}

/**
 * A value JSON writes as itself. structuredClone copies a bigint (JSON.stringify throws on it, so a
 * later stage fails) and NaN or ±Infinity (JSON writes them as null, so the model reads another
 * schema than the caller's). undefined is left to validation, as JSON leaves the property out.
 */
function isJsonScalar(value: unknown): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : typeof value !== 'bigint';
}

const notJsonScalar = (field: string): GatewayRequestError =>
  new GatewayRequestError(`${field} must be plain JSON data: big integers (BigInt), NaN and Infinity are not; write a number JSON can hold, or text`);

/** A deep copy of data the caller hands in (a schema, functions, an output policy), frozen; 400 when it is not plain data. */
function dataCopy(value: unknown, field: string): unknown {
  if (value === undefined || value === null || typeof value !== 'object') {
    if (!isJsonScalar(value)) throw notJsonScalar(field);
    return value;
  }
  let copy: unknown;
  try {
    copy = structuredClone(value);
  } catch (error) {
    // The copy recursed past the stack (a structure thousands of levels deep), not a bad value.
    if (error instanceof RangeError) throw tooDeep(field);
    throw new GatewayRequestError(`${field} must be plain data (objects, lists, text, numbers, true or false, null), without functions, symbols or proxies`);
  }
  checkAndFreeze(copy as object, field);
  return copy;
}

/**
 * One message, each field read once and as the message's own property (a content inherited from a
 * prototype is no content). Values of the wrong type are copied as they are, for validate() to refuse.
 */
function messageCopy(m: unknown, i: number): unknown {
  const field = `message ${i}`;
  if (!guarded(field, () => isObject(m))) return m;
  const message = m as Record<string, unknown>;
  const role = readOnce(message, 'role', `${field}'s role`, true);
  const content = readOnce(message, 'content', `${field}'s content`, true);
  const source = readOnce(message, 'source', `${field}'s source`, true);
  const toolCalls = readOnce(message, 'toolCalls', `${field}'s toolCalls`, true);
  const copy: Record<string, unknown> = { role, content };
  if (source !== undefined) copy.source = source;
  const length = listLength(toolCalls, `${field}'s toolCalls`);
  if (length !== undefined) {
    const list = toolCalls as unknown[];
    const calls: unknown[] = [];
    for (let j = 0; j < length; j++) {
      const name = `${field}'s tool call ${j}`;
      const call = readOnce(list, String(j), name, true);
      calls.push(guarded(name, () => isObject(call)) ? Object.freeze({ name: readOnce(call as object, 'name', `${name} name`, true), arguments: readOnce(call as object, 'arguments', `${name} arguments`, true) }) : call);
    }
    copy.toolCalls = Object.freeze(calls);
  } else if (toolCalls !== undefined) copy.toolCalls = toolCalls;
  return Object.freeze(copy);
}

/**
 * The request as the gateway works on it: every field read from the caller's object exactly once,
 * into a fresh, deeply frozen plain object, before anything awaits. validate() checks this copy
 * and only it reaches the stages, the audit log and the stream: a getter that answers differently
 * on a later read, or a change to the caller's object while the call runs, changes nothing.
 * `signal` is kept as the caller's own AbortSignal. Throws GatewayRequestError (400) for a request
 * that cannot be read as data; every read of the caller's values is guarded (guarded, readOnce),
 * so no error of the caller's own (whose message is the caller's text) gets out.
 */
function snapshotOf(request: unknown): GatewayRequest {
  if (!guarded('the request', () => isObject(request))) throw new GatewayRequestError('give the request as an object');
  const live = request as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of ['actor', 'team', 'agent', 'session', 'task', 'model', 'maxTokens', 'temperature', 'seed', 'restorePii', 'signal'] as const) {
    const value = readOnce(live, key, key, false);
    if (value !== undefined) copy[key] = value;
  }
  const messages = readOnce(live, 'messages', 'messages', false);
  const length = listLength(messages, 'messages');
  if (length !== undefined) {
    const list = messages as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (!guarded(`message ${i}`, () => Object.hasOwn(list, i))) throw new GatewayRequestError(`message ${i} is missing (the messages list has a hole); give every message as an object with a role and content`);
      out.push(messageCopy(readOnce(list, String(i), `message ${i}`, false), i));
    }
    copy.messages = Object.freeze(out);
  } else if (messages !== undefined) copy.messages = messages;
  for (const key of ['jsonSchema', 'functions', 'outputPolicy'] as const) {
    const value = dataCopy(readOnce(live, key, key, false), key);
    if (value !== undefined) copy[key] = value;
  }
  return Object.freeze(copy) as unknown as GatewayRequest;
}

// AbortSignal's own `aborted` getter: called on a value, it checks the value's brand (a real
// AbortSignal), which `instanceof` does not (Object.create(AbortSignal.prototype) passes it).
const abortedGetter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get;

/** Whether `value` is a real AbortSignal: not a proxy, not an object made from its prototype. */
function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null || nodeTypes.isProxy(value) || abortedGetter === undefined) return false;
  try {
    abortedGetter.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The request's shape, before anything runs: each field the stages read is what they expect, so a
 * malformed request is a typed 400 that names the field, never a stage failure or a value of the
 * wrong kind in the audit log (an actor, model or source with free text in it). Checks the
 * snapshot (snapshotOf), never the caller's live object.
 */
async function validate(request: GatewayRequest): Promise<void> {
  if (!isObject(request)) throw new GatewayRequestError('give the request as an object');
  const actorProblem = nameProblem(request.actor);
  if (actorProblem !== undefined) {
    throw new GatewayRequestError(`name the actor (user or agent) making the call: 1 to ${SCOPE_NAME_MAX} printable characters; ${actorProblem}`);
  }
  for (const field of ['team', 'agent', 'session', 'task'] as const) validateScopeName(field, request[field]);
  // A model alias or id is echoed in errors and audit fields: a name, never free text.
  if (request.model !== undefined && (typeof request.model !== 'string' || !MODEL_NAME.test(request.model))) {
    throw new GatewayRequestError('model must be an alias or model id (no spaces, at most 128 characters), or left out');
  }
  if (!Array.isArray(request.messages) || request.messages.length === 0) throw new GatewayRequestError('give at least one message');
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1 || request.maxTokens > MAX_TOKENS_LIMIT) {
    throw new GatewayRequestError(`maxTokens must be a whole number from 1 to ${MAX_TOKENS_LIMIT}`);
  }
  if (request.temperature !== undefined && (typeof request.temperature !== 'number' || !Number.isFinite(request.temperature) || request.temperature < 0 || request.temperature > 2)) {
    throw new GatewayRequestError('temperature must be a number from 0 to 2, or left out');
  }
  // llama.cpp takes a 32-bit seed and reads 2^32 − 1 as "pick one at random": any other value would
  // be silently folded onto another seed, or be no seed at all.
  if (request.seed !== undefined && !(Number.isSafeInteger(request.seed) && request.seed >= 0 && request.seed < 0xffff_ffff)) {
    throw new GatewayRequestError('seed must be a whole number from 0 to 4294967294, or left out');
  }
  if (request.restorePii !== undefined && typeof request.restorePii !== 'boolean') {
    throw new GatewayRequestError('restorePii must be true or false (a boolean, not text such as "false"), or left out');
  }
  if (request.signal !== undefined && !isAbortSignal(request.signal)) {
    throw new GatewayRequestError("signal must be an AbortSignal (an AbortController's signal), or left out");
  }
  const terms: unknown = request.outputPolicy?.forbiddenTerms;
  if (request.outputPolicy !== undefined && (!isObject(request.outputPolicy) || (terms !== undefined && (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string'))))) {
    throw new GatewayRequestError('outputPolicy.forbiddenTerms must be a list of texts');
  }
  // A forbidden-terms list is project names and code words, not a corpus. The stream matches every
  // term against each new piece of the answer and a look-behind as long as the longest term, on the
  // thread every call shares: 1,000 terms of 1,000 characters held it 15 s over a 3,600-character
  // answer. 500 terms, each at most 200 characters and 20,000 in all, keep that to milliseconds
  // (RESULTS.md, session 14). Blank terms are kept: the stages skip them.
  const MAX_FORBIDDEN_TERMS = 500;
  const MAX_FORBIDDEN_TERM_LENGTH = 200;
  const MAX_FORBIDDEN_TERMS_TOTAL = 20_000;
  if (Array.isArray(terms)) {
    if (terms.length > MAX_FORBIDDEN_TERMS) {
      throw new GatewayRequestError(
        `outputPolicy.forbiddenTerms may hold at most ${MAX_FORBIDDEN_TERMS} terms, not ${terms.length}: keep the project names and code words that must not appear (a list, not a corpus)`,
      );
    }
    const long = (terms as string[]).findIndex((t) => t.length > MAX_FORBIDDEN_TERM_LENGTH);
    if (long >= 0) {
      throw new GatewayRequestError(
        `outputPolicy.forbiddenTerms[${long}] is longer than ${MAX_FORBIDDEN_TERM_LENGTH} characters: give the name or word that must not appear, not a passage of text`,
      );
    }
    const total = (terms as string[]).reduce((n, t) => n + t.length, 0);
    if (total > MAX_FORBIDDEN_TERMS_TOTAL) {
      throw new GatewayRequestError(
        `outputPolicy.forbiddenTerms hold ${total} characters in all, more than ${MAX_FORBIDDEN_TERMS_TOTAL}: keep the names and words that must not appear, not passages`,
      );
    }
  }
  await validateOutputShape(request);
  request.messages.forEach((m: unknown, i) => {
    if (!isObject(m)) throw new GatewayRequestError(`message ${i} is not an object with a role and content`);
    if (typeof m.role !== 'string' || !['system', 'user', 'assistant'].includes(m.role)) throw new GatewayRequestError('message roles are system, user or assistant (mark tool outputs with source)');
    if (typeof m.content !== 'string') throw new GatewayRequestError(`message content must be text: give message ${i} a content string of its own (not inherited from a prototype)`);
    if (m.source !== undefined && (typeof m.source !== 'string' || !SOURCES.includes(m.source))) {
      throw new GatewayRequestError(`message ${i}'s source must be one of ${SOURCES.join(', ')}, or left out`);
    }
    if (m.toolCalls === undefined) return;
    if (!Array.isArray(m.toolCalls)) throw new GatewayRequestError(`message ${i}'s toolCalls must be a list`);
    for (const call of m.toolCalls as unknown[]) {
      if (!isObject(call) || typeof call.name !== 'string' || !TOOL_NAME.test(call.name) || typeof call.arguments !== 'string') {
        throw new GatewayRequestError(`message ${i}'s tool calls need a name (letters, digits and _ . - / :, at most 128) and arguments as a JSON text`);
      }
    }
  });
}

/**
 * The longest regular expression a schema may hold (`pattern`, a `patternProperties` key). A format
 * pattern is tens of characters; at 33,000 the schema checker's reply to a failed check (which
 * quotes it) broke stage 7 after the model had run, and stage 3 reads each pattern's spellings.
 */
const MAX_PATTERN_LENGTH = 1_000;
/** All of one schema's regular expressions together: stage 3 reads each (tens of ms for a long one). */
const MAX_PATTERNS_TOTAL = 4_000;

/** A 400 for a schema (plain data, already copied) whose regular expressions are too long (MAX_PATTERN_LENGTH, MAX_PATTERNS_TOTAL). */
function refuseLongPatterns(schema: unknown, field: string): void {
  const stack: unknown[] = [schema];
  let total = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
      continue;
    }
    const node = value as Record<string, unknown>;
    const patterns = [typeof node.pattern === 'string' ? node.pattern : '', ...(isObject(node.patternProperties) ? Object.keys(node.patternProperties) : [])];
    if (patterns.some((p) => p.length > MAX_PATTERN_LENGTH)) {
      throw new GatewayRequestError(`${field} holds a regular expression (pattern) longer than ${MAX_PATTERN_LENGTH} characters; check the value's format with a shorter pattern, or check it in your own code`);
    }
    total += patterns.reduce((n, p) => n + p.length, 0);
    if (total > MAX_PATTERNS_TOTAL) {
      throw new GatewayRequestError(`${field} holds regular expressions (pattern) of more than ${MAX_PATTERNS_TOTAL} characters in all; use fewer or shorter patterns, or check the values in your own code`);
    }
    stack.push(...Object.values(node));
  }
}

/**
 * The requested output schema and functions, compiled before anything runs: a schema the appliance
 * cannot check is the caller's 400, not a block after the model ran and the budget was charged.
 * Compiled checks are cached, so stage 7 and the provider reuse them. The compiles are awaited
 * (schemaCheckAsync): a schema that takes the worker a second to compile holds this call, never the
 * thread every call shares; the synchronous checks below and in the stages then find them cached.
 */
async function validateOutputShape(request: GatewayRequest): Promise<void> {
  // Size first: every later reader (these checks, stages 2–4, the grammar) reads them whole.
  refuseOversizedSchemas(request.jsonSchema, request.functions);
  if (request.jsonSchema !== undefined) {
    if (!isObject(request.jsonSchema)) throw new GatewayRequestError('jsonSchema must be a JSON Schema object, or left out');
    refuseLongPatterns(request.jsonSchema, 'jsonSchema');
    try {
      await schemaCheckAsync(request.jsonSchema);
    } catch (error) {
      if (!(error instanceof UncheckableSchemaError)) throw error;
      throw new GatewayRequestError(`jsonSchema is not a JSON Schema the appliance can check (${error.message}); fix it so it compiles as draft 2020-12 or draft-07, with every $ref inside it`);
    }
  }
  if (request.functions === undefined) return;
  const functions: unknown = request.functions;
  const wellFormed = (f: unknown): boolean =>
    isObject(f) && typeof f.name === 'string' && FUNCTION_NAME.test(f.name) && (f.description === undefined || typeof f.description === 'string') && (f.parameters === undefined || isObject(f.parameters));
  if (!Array.isArray(functions) || !functions.every(wellFormed)) {
    throw new GatewayRequestError('functions must be a list of { name, description?, parameters? }: a name of letters, digits, _ or - (at most 64), parameters a JSON Schema object; or left out');
  }
  (functions as { parameters?: unknown }[]).forEach((f, i) => refuseLongPatterns(f.parameters, `functions[${i}].parameters`));
  const asRequestError = (error: unknown): GatewayRequestError => {
    if (!(error instanceof ProviderError) || error.code !== 'bad-request') throw error;
    return new GatewayRequestError(error.message.replace(/\.$/, ''));
  };
  // The list's own rules first (names, both jsonSchema and functions), without the parameters.
  try {
    functionCallRequest({ messages: [], maxTokens: 1, functions: request.functions.map((f) => ({ name: f.name })), ...(request.jsonSchema !== undefined && { jsonSchema: request.jsonSchema }) });
  } catch (error) {
    throw asRequestError(error);
  }
  // Then each function's parameters, compiled one after another without holding the thread. An
  // uncheckable one is refused here, in the words functionCallRequest uses: a failed compile is not
  // cached, so leaving it to functionCallRequest would compile it again, synchronously.
  for (const f of request.functions) {
    if (f.parameters === undefined) continue;
    try {
      await schemaCheckAsync(f.parameters);
    } catch (error) {
      if (!(error instanceof UncheckableSchemaError)) throw error;
      throw new GatewayRequestError(
        `The parameters of function "${f.name}" are not a JSON Schema the appliance can check (${error.message}); calls to it could not be verified. Fix the schema so it compiles as draft 2020-12 or draft-07 JSON Schema, with every $ref inside it`,
      );
    }
  }
}

export class Gateway {
  readonly ledger: BudgetLedger;
  readonly #options: GatewayOptions;
  readonly #pricing: PriceResolver;
  readonly #stages: readonly Stage[];
  readonly #clock: () => number;
  readonly #staleAfterMs: number;
  #lastSweep: SweepReport | undefined;

  constructor(options: GatewayOptions & { readonly pricing: PriceResolver }) {
    this.#options = options;
    this.#pricing = options.pricing;
    this.#stages = options.stages ?? GATEWAY_STAGE_MODULES;
    assertStageOrder(this.#stages);
    this.#clock = options.clock ?? Date.now;
    this.#staleAfterMs = options.staleReservationMs ?? DEFAULT_STALE_RESERVATION_MS;
    validateStaleAge(this.#staleAfterMs);
    this.ledger = new BudgetLedger(options.tenant.db, this.#clock);
  }

  /**
   * Settles every budget reservation left open longer than the stale age (a call whose process
   * died before stage 10) at its full amount, each recorded as `gateway.budget.swept` in the same
   * commit. Calls in flight through this gateway are never swept. Throws ReservationSweepError,
   * leaving those reservations open, when the audit log refuses an entry.
   */
  async sweepStaleReservations(): Promise<SweepReport> {
    const report = await sweepStaleReservations(this.ledger, this.#options.audit, this.#staleAfterMs, this.#clock());
    this.#lastSweep = report;
    return report;
  }

  /** What the latest sweep did (the one at open, or a later `sweepStaleReservations()`). */
  get lastSweep(): SweepReport | undefined {
    return this.#lastSweep;
  }

  /** One governed call. Resolves with the response, or throws a typed refusal (see gatewayRecordOf). */
  call(request: GatewayRequest): Promise<GatewayResult> {
    return this.#run(request, undefined);
  }

  /**
   * One governed call whose text is released to `onText` as it is generated (see output-stream.ts
   * for what is provisional). Resolves or throws exactly as `call` would.
   */
  async stream(request: GatewayRequest, onText: (text: string) => void, options: StreamOptions = {}): Promise<StreamResult> {
    let stream: OutputStream | undefined;
    // `checked` is the call's validated snapshot, never the caller's live object (see snapshotOf).
    const result = await this.#run(request, (restorer, packsApply, checked) => {
      const holdUntilVerdict = options.holdUntilVerdict ?? packsApply;
      // restoreView: the on-the-fly credential check also reads the words as the caller will see them.
      stream = new OutputStream(onText, restorer.createStreamRestorer(), { holdUntilVerdict, forbiddenTerms: checked.outputPolicy?.forbiddenTerms ?? [], restoreView: (text) => restorer.restore(text), ...(checked.signal !== undefined && { signal: checked.signal }) });
      return stream;
    });
    if (!stream) throw new TypeError('the output stream was not set up');
    return { ...result, heldOnTheFly: stream.heldOnTheFly, streamDiverged: stream.diverged, ...(stream.callbackFailed !== undefined && { callbackFailed: stream.callbackFailed }) };
  }

  async #run(live: GatewayRequest, makeStream: ((restorer: Restorer, packsApply: boolean, request: GatewayRequest) => OutputStream) | undefined): Promise<GatewayResult> {
    // Read once, before any await: from here on only this frozen copy is checked and used, so
    // what validate() passed is what every stage, the model and the audit log see.
    const request = snapshotOf(live);
    // Schemas are compiled in a worker (providers/schema-sandbox.ts); its start is waited for here,
    // asynchronously, rather than by the synchronous compile below holding every tenant's thread.
    if (request.jsonSchema !== undefined || request.functions !== undefined) await schemaCheckerReady();
    await validate(request);
    const { governance, providers, audit } = this.#options;
    const startedMs = performance.now();
    const callId = randomUUID();
    const scope = { team: request.team, agent: request.agent };
    // Registered before the admission check: a switch engaged from here on aborts this call's
    // signal, one engaged before is seen by the check. One lookup of the switches, not two.
    const registration = governance.kills.track(scope);
    // Where the log stands as the call starts: stage 10 looks after it for a kill's entry, to order its record against it.
    const logSeqAtStart = this.#options.audit.lastSeq?.();
    try {
      // Admission: governance refuses (and records) a call under an engaged kill switch.
      await governance.enforce(request.actor, 'gateway.call', scope);
      const resolved = governance.policyFor(scope);
      const packs = gatewayPackSettings(resolved);
      const policy: CallPolicy = { mode: resolved.enforcementMode.value, packs, limits: limitsFromPolicy(resolved) };
      const alias = request.model ?? 'default';
      let provider;
      try {
        provider = await providers(alias, { ...scope, task: request.task });
      } catch (error) {
        const refusal = new ModelCallFailed('admission', alias, causeName(error), error instanceof ProviderError ? error.code : undefined);
        await this.#recordBlocked(request, callId, refusal, new Trace(), alias);
        throw refusal;
      }
      const signal = request.signal ? AbortSignal.any([registration.signal, request.signal]) : registration.signal;
      const pii = createRedactionSession({ packs: packs.packs, region: this.#options.piiRegion ?? 'US' });
      const authorised = request.restorePii !== false;
      // Structured output is restored as data by stage 9, never spliced into streamed JSON text:
      // its stream carries the tokens, and the final text (restored) replaces it.
      const stream = makeStream?.(pii.restorer(authorised && request.jsonSchema === undefined), resolved.packs.value.length > 0, request);
      // A kill switch (or the caller's abort) stops the stream at once, whatever stage the call is
      // in; what the record then says (blocked, or done before the stop) decides the rest.
      if (stream !== undefined) signal.addEventListener('abort', () => stream.halt(), { once: true });
      const trace = new Trace();
      const ctx: CallContext & { trace: Trace } = {
        callId,
        request,
        policy,
        audit,
        ledger: this.ledger,
        provider,
        price: ceilingPrice(candidatesOf(provider).map((model) => this.#pricing(model))),
        pricing: this.#pricing,
        pii,
        signal,
        killSignal: registration.signal,
        kills: governance.kills,
        ...(logSeqAtStart !== undefined && { logSeqAtStart }),
        ...(stream ? { stream } : {}),
        ...(request.session !== undefined && { reuseKey: conversationKey(this.#options.tenant.tenantId, request) }),
        trace,
        startedMs,
        warnings: [],
        findings: new Set(),
      };
      const run = await runPipeline(this.#stages, ctx);
      if (!run.complete || ctx.auditSeq === undefined) {
        stream?.finish(false, '');
        const refusal = ctx.blocked ?? new GatewayAuditError('billing-post-call-audit', 'NoRecord');
        // Stopped before the model: release everything. Stage 10 did not record the call: the
        // blocked entry charges what is known, settled in its own commit.
        const reservation = ctx.reservation;
        const charge = reservation === undefined ? undefined : run.complete ? knownCharge(ctx, reservation) : { reservation, chargedMicro: 0, usageKnown: true };
        await this.#recordBlocked(request, callId, refusal, trace, provider.modelId, charge);
        throw refusal;
      }
      const pipelineHash = run.pipelineHash;
      if (ctx.blocked) {
        stream?.finish(false, '');
        attachRecord(ctx.blocked, { callId, verdicts: run.verdicts, pipelineHash, auditSeq: ctx.auditSeq });
        throw ctx.blocked;
      }
      const text = ctx.finalText ?? '';
      stream?.finish(true, text);
      const generation = ctx.generation;
      const charge = ctx.charge;
      if (!generation || !charge || ctx.preCallSeq === undefined) throw new TypeError('a complete unblocked call has a generation, a charge and a pre-call entry');
      return {
        callId,
        text,
        ...(ctx.structuredValue !== undefined ? { value: ctx.structuredValue } : {}),
        functionCalls: ctx.finalFunctionCalls ?? [],
        model: provider.modelId,
        stopReason: generation.stopReason,
        usage: {
          // What the record says was billed, not what the provider claimed (stage 10 may raise it to its floor).
          promptTokens: ctx.billedTokens?.promptTokens ?? generation.promptTokens,
          completionTokens: ctx.billedTokens?.completionTokens ?? generation.tokens,
          ...(ctx.usage !== 'reported' && { reported: { promptTokens: generation.promptTokens, completionTokens: generation.tokens } }),
          cost: microToUnits(charge.chargedMicro),
          reserved: microToUnits(charge.reservedMicro),
          released: microToUnits(charge.releasedMicro),
          usageKnown: ctx.usage === 'reported',
        },
        verdicts: run.verdicts,
        pipelineHash,
        auditSeq: ctx.auditSeq,
        preCallSeq: ctx.preCallSeq,
        warnings: [...ctx.warnings],
        latencyMs: Math.round((performance.now() - startedMs) * 1000) / 1000,
      };
    } finally {
      registration.release();
    }
  }

  /**
   * Records a call refused before (or without) a complete pipeline; attaches the record to the
   * refusal. A call that holds a reservation is settled at `charge` inside the entry's commit, and
   * the entry says what was charged. If the settlement cannot be made (it fails, or the reservation
   * was settled before, e.g. swept), the entry is written without it and says so; if the log takes
   * no entry, the reservation stays open and leaves this process's calls in flight, so the sweep
   * settles it at its full amount and records that (fail closed: nothing is charged off the log).
   */
  async #recordBlocked(request: GatewayRequest, callId: string, refusal: CallRefusal, trace: Trace, model: string, charge?: BlockedCharge): Promise<void> {
    const verdicts = trace.verdicts;
    let plan: BlockedSettlement | undefined = charge && { kind: 'settle', ...charge };
    let seq: number | undefined;
    while (seq === undefined) {
      const current = plan;
      // Set when the settlement, not the log, refused the commit: then the entry is retried without it.
      let instead: BlockedSettlement | undefined;
      let settledInCommit = false;
      const settle = (db: Database): void => {
        if (current?.kind !== 'settle') return;
        let settled: SettledCharge;
        try {
          settled = this.ledger.settleWithin(db, current.reservation, current.chargedMicro);
        } catch (error) {
          instead = { kind: 'left-for-sweep', reservation: current.reservation, cause: causeName(error) };
          throw error;
        }
        if (settled.alreadySettled === true) {
          instead = { kind: 'settled-before', reservation: current.reservation, chargedMicro: settled.chargedMicro };
          throw new ReservationAlreadySettled(current.reservation.id, settled.chargedMicro);
        }
        settledInCommit = true;
      };
      try {
        ({ seq } = await this.#options.audit.append(
          {
            actor: request.actor,
            action: BLOCKED_CALL_ACTION,
            subject: callId,
            outcome: 'blocked',
            fields: {
              code: refusal.code,
              blockedAt: refusal instanceof GatewayError ? refusal.stage : (verdicts.at(-1)?.stage ?? 'admission'),
              event: refusalEvent(refusal),
              model,
              pipelineHash: trace.hash,
              stages: encodeStages(verdicts.map((v) => v.stage)),
              verdicts: verdicts.map((v) => v.outcome).join(','),
              ...(current !== undefined && settlementFields(current)),
              ...scopeFields(request),
            },
            payload: JSON.stringify({ callId, verdicts }),
          },
          current?.kind === 'settle' ? { withinCommit: settle } : {},
        ));
      } catch (error) {
        if (instead !== undefined && current?.kind === 'settle') {
          plan = instead;
          continue;
        }
        if (current !== undefined) this.ledger.leaveForSweep(current.reservation);
        throw new GatewayAuditError(refusal instanceof GatewayError ? refusal.stage : 'admission', causeName(error));
      }
      // An audit port that ignored withinCommit wrote an entry for a settlement that did not happen: the sweep charges it.
      if (current?.kind === 'settle' && !settledInCommit) {
        this.ledger.leaveForSweep(current.reservation);
        throw new GatewayAuditError(refusal instanceof GatewayError ? refusal.stage : 'admission', 'SettlementNotCommitted');
      }
    }
    if (plan?.kind === 'left-for-sweep') this.ledger.leaveForSweep(plan.reservation);
    attachRecord(refusal, { callId, verdicts, pipelineHash: trace.hash, auditSeq: seq });
  }
}

/** What a call that reached stage 5 is charged when stage 10 did not record it. */
interface BlockedCharge {
  readonly reservation: Reservation;
  readonly chargedMicro: number;
  readonly usageKnown: boolean;
}

/** What the blocked entry does with the reservation: settles it, found it settled, or leaves it to the sweep. */
type BlockedSettlement =
  | ({ readonly kind: 'settle' } & BlockedCharge)
  | { readonly kind: 'settled-before'; readonly reservation: Reservation; readonly chargedMicro: number }
  | { readonly kind: 'left-for-sweep'; readonly reservation: Reservation; readonly cause: string };

/** The blocked entry's billing fields: what it charged, or why it charged nothing. */
function settlementFields(plan: BlockedSettlement): Record<string, string> {
  const reserved = plan.reservation.reservedMicro;
  switch (plan.kind) {
    case 'settle':
      return {
        cost: String(microToUnits(plan.chargedMicro)),
        reserved: String(microToUnits(reserved)),
        released: String(microToUnits(Math.max(0, reserved - plan.chargedMicro))),
        usageKnown: String(plan.usageKnown),
        ...(plan.chargedMicro > reserved && { overReservation: String(microToUnits(plan.chargedMicro - reserved)) }),
      };
    case 'settled-before':
      // Swept while the call ran: that settlement (and its own entry) is the charge.
      return { cost: String(microToUnits(plan.chargedMicro)), reserved: String(microToUnits(reserved)), settledBefore: 'true' };
    case 'left-for-sweep':
      return { reserved: String(microToUnits(reserved)), settlement: 'left-for-sweep', settlementFailure: plan.cause, reservation: plan.reservation.id };
  }
}

/**
 * The charge of a call stage 10 did not record: its usage when known and priced, else the whole
 * reservation, the only sound upper bound (a price that cannot be read must not make it free).
 */
function knownCharge(ctx: CallContext, reservation: Reservation): BlockedCharge {
  try {
    const { chargedMicro, usage } = chargeOf(ctx, reservation);
    return { reservation, chargedMicro, usageKnown: usage === 'reported' || usage === 'refused' };
  } catch {
    return { reservation, chargedMicro: reservation.reservedMicro, usageKnown: false };
  }
}

/** One conversation's key for the provider's prompt-state reuse: never shared across tenants, actors, teams, agents or sessions. */
export function conversationKey(tenantId: string, request: Pick<GatewayRequest, 'actor' | 'team' | 'agent' | 'session'>): string {
  const parts = [tenantId, request.actor, request.team ?? null, request.agent ?? null, request.session ?? null];
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/**
 * Applies the gateway's migrations (namespace `gateway`), builds the gateway and sweeps the budget
 * reservations that crashed calls left open (see `Gateway.sweepStaleReservations`; its report is
 * `gateway.lastSweep`). Rejects with ReservationSweepError if the audit log refuses a sweep.
 */
export async function openGateway(options: GatewayOptions): Promise<Gateway> {
  migrateGateway(options.tenant.db);
  const pricing = options.pricing ?? (await manifestPricing());
  const gateway = new Gateway({ ...options, pricing });
  await gateway.sweepStaleReservations();
  return gateway;
}
