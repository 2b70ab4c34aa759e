/**
 * The request an agent or a user hands the gateway, and the per-call context the stages share.
 * A context lives for one call: its PII redaction session (the token ↔ value map) is created for
 * this call only, so concurrent calls can never see each other's values.
 */
import type { InjectionSource } from './injection/index.ts';
import { structuredText } from './moderation/index.ts';
import type { OutputPolicy } from './output/index.ts';
import type { RedactionSession } from './pii/index.ts';
import type { ChatMessage, FunctionCall, FunctionDefinition, GenerateResult, ModelProvider } from '../providers/provider.ts';
import type { GatewayPackSettings } from '../governance/packs.ts';
import type { EnforcementMode } from '../governance/policy/dimensions.ts';
import type { BudgetLedger, BudgetLimits, Reservation, ReserveRequest, SettledCharge } from './budget.ts';
import type { CallRefusal } from './errors.ts';
import type { GatewayAudit, GatewayGovernance, Price, PriceResolver } from './ports.ts';
import type { StageVerdict } from './verdict.ts';
import type { OutputStream } from './output-stream.ts';

/** A tool call the model made in an earlier turn; its arguments are scanned like text. */
export interface GatewayToolCall {
  readonly name: string;
  /** JSON text as the model produced it. */
  readonly arguments: string;
}

/** A tool or function name read as words (`how_to_make-a.thing` → `how to make a thing`): the input checks read what a name says. */
export function nameWords(name: string): string {
  return name.replace(/[_.\-/:]+/g, ' ');
}

/**
 * What a function definition says, as the input checks read it: its name as words, its description,
 * and every key and string of its parameters (descriptions, enums, defaults), one per line. A
 * definition reaches the model like a message (a tool server writes it: tool poisoning).
 */
export function definitionText(definition: FunctionDefinition): string {
  return [nameWords(definition.name), definition.description ?? '', structuredText(definition.parameters ?? {}).text].join('\n');
}

/** A tool call as the model sees it, on its own line after the message content (stage 3 renders it so). */
export function toolCallText(call: GatewayToolCall): string {
  return `\n${JSON.stringify({ tool_call: { name: call.name, arguments: call.arguments } })}`;
}

export interface GatewayMessage {
  readonly role: ChatMessage['role'];
  readonly content: string;
  /**
   * Where the content came from. Defaults to 'user' for user messages. Mark tool outputs and
   * retrieved documents so the injection check treats them as indirect (stricter thresholds).
   * Unmarked system messages come from the governed agent definition and are not injection-checked;
   * a system message marked with a source is checked like any other untrusted content.
   */
  readonly source?: InjectionSource;
  /** Tool calls of an earlier assistant turn (rendered to the model as JSON after the content). */
  readonly toolCalls?: readonly GatewayToolCall[];
}

export interface GatewayRequest {
  /** The user or agent identity making the call (goes on the audit log). */
  readonly actor: string;
  readonly team?: string;
  readonly agent?: string;
  /** Executor session id, for the per-session budget. */
  readonly session?: string;
  /** The task the call serves: a routed resolver picks the task's model aliases first. */
  readonly task?: string;
  /** Model alias ('default', 'fast', …); 'default' when omitted. */
  readonly model?: string;
  readonly messages: readonly GatewayMessage[];
  readonly maxTokens: number;
  readonly temperature?: number;
  readonly seed?: number;
  /** Structured output: grammar-constrained where the provider can, and validated in stage 7. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  readonly functions?: readonly FunctionDefinition[];
  readonly outputPolicy?: OutputPolicy;
  /**
   * Whether stage 9 restores PII values into the response. True (the default) when the response
   * goes back to the caller whose data it is; an executor passes false when the output feeds
   * another agent or a tool, which then sees tokens only.
   */
  readonly restorePii?: boolean;
  /** The caller's own cancellation. */
  readonly signal?: AbortSignal;
}

export interface CallPolicy {
  readonly mode: EnforcementMode;
  readonly packs: GatewayPackSettings;
  readonly limits: BudgetLimits;
}

/** Everything the stages read and write during one call. */
export interface CallContext {
  readonly callId: string;
  readonly request: GatewayRequest;
  readonly policy: CallPolicy;
  readonly audit: GatewayAudit;
  readonly ledger: BudgetLedger;
  readonly provider: ModelProvider;
  /**
   * The price the budget is estimated and reserved at: the highest among the models that may
   * serve the call (the route's model and its fallbacks), so a fallback cannot outrun it.
   */
  readonly price: Price;
  /** Prices per model id: stage 10 charges at the price of the model that actually served. */
  readonly pricing: PriceResolver;
  /** Fresh per call: the token ↔ value map of this request only. */
  readonly pii: RedactionSession;
  /** Aborted by the caller's signal or by a kill switch covering the call. */
  readonly signal: AbortSignal;
  readonly killSignal: AbortSignal;
  /** Governance's kill switches, read at stage 10's commit (another process may have engaged one). */
  readonly kills: Pick<GatewayGovernance['kills'], 'covering'>;
  /**
   * The log's last seq when the call registered for kills (before its admission check), when the
   * audit sink is a log (`lastSeq`). A switch engaged and logged before then refused the call at
   * admission (engaging writes the switch before it logs it), so the log after this position holds
   * every kill that can precede the call's record. Absent: a kill at the record blocks (fail closed).
   */
  readonly logSeqAtStart?: number;
  /** Present for gateway.stream(): stage 6 pushes model text into it as it arrives. */
  readonly stream?: OutputStream;
  /**
   * For calls that name a session: a digest of tenant, actor, team, agent and session, handed to
   * the provider so the same conversation may reuse its evaluated prompt prefix and nothing else can.
   */
  readonly reuseKey?: string;
  /** The verdicts so far and the hash over them; maintained by the pipeline. */
  readonly trace: PipelineTrace;
  readonly startedMs: number;

  /** Messages as the model will see them (PII replaced by tokens), set by stage 3. */
  redacted?: ChatMessage[];
  /**
   * The function definitions and the output schema as the model will be sent them (PII in their
   * descriptions, enums, defaults and keys replaced by tokens), set by stage 3. Stage 6 sends these,
   * never the request's own; stage 7 checks the output against the schema the model was given.
   */
  modelFunctions?: readonly FunctionDefinition[];
  modelSchema?: Readonly<Record<string, unknown>>;
  /** What to reserve: checked by stage 1, reserved by stage 5 in the pre-call entry's commit. */
  budgetRequest?: ReserveRequest;
  /** Set by stage 5 once the reservation and the pre-call entry have committed together. */
  reservation?: Reservation;
  promptTokenEstimate?: number;
  /** Seq of the pre-call audit entry (stage 5). */
  preCallSeq?: number;
  /** Model output as generated (tokens, not values), set by stage 6. */
  generation?: GenerateResult;
  /**
   * Whether stage 10 may price the generation's token counts, set with it by stage 6: 'reported'
   * (whole numbers ≥ 0 from the provider, within maxTokens), 'invalid' (they were not: they read
   * 0 here, the call is charged its whole reservation and blocked), or 'partial' (the provider
   * failed after streaming: the generation is the text streamed so far, its counts unknown), or
   * 'fallback-after-work' (a fallback served the call after an earlier model on its route failed
   * other than by refusing before any work: that model's usage is unknown, and the counts are the
   * fallback's alone). Stage 10 sets 'implausible' when the counts were below the floor the text gives, and billed that floor.
   */
  usage?: GenerationUsage;
  /**
   * Set by stage 6 when the provider refused the request before generating anything (a prompt
   * longer than the context, a wrong API key, an unknown model, a busy or loading server): no
   * token was evaluated, so stage 10 charges nothing.
   */
  refusedUnrun?: boolean;
  /** Output after stage 7's sanitizing (secrets and forbidden terms replaced). */
  output?: string;
  functionCalls?: readonly FunctionCall[];
  structuredValue?: unknown;
  /** The response for the caller (stage 9). */
  finalText?: string;
  finalFunctionCalls?: readonly FunctionCall[];
  charge?: SettledCharge;
  /** The token counts stage 10 billed (the provider's, or the floor it raised them to), when it billed from counts. */
  billedTokens?: { readonly promptTokens: number; readonly completionTokens: number };
  auditSeq?: number;
  /** Agent-facing warnings (warn mode findings). */
  readonly warnings: string[];
  /** Stages that recorded a security-relevant finding without blocking. */
  readonly findings: Set<string>;
  /** The refusal, once a stage blocked; later stages see it. */
  blocked?: CallRefusal;
}

export type GenerationUsage = 'reported' | 'invalid' | 'partial' | 'implausible' | 'fallback-after-work';

export interface PipelineTrace {
  readonly verdicts: readonly StageVerdict[];
  /** Hex hash over the verdicts so far (h_0 when none). */
  readonly hash: string;
  /** The hash after appending `next`, without appending it (stage 10 commits it to the log). */
  preview(next: StageVerdict): string;
}

/** The request's scope names as audit fields (team, agent, session, task), those it gives. */
export function scopeFields(request: GatewayRequest): Record<string, string> {
  return {
    ...(request.team !== undefined && { team: request.team }),
    ...(request.agent !== undefined && { agent: request.agent }),
    ...(request.session !== undefined && { session: request.session }),
    ...(request.task !== undefined && { task: request.task }),
  };
}
