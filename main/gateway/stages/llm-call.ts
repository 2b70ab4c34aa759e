/**
 * Stage 6: the model sees the redacted messages only. The call's signal (caller abort or kill
 * switch) goes to the provider; streamed text goes to the call's output stream, never straight to
 * the caller. An aborted or failed generation blocks the call, and stages 7–10 still run so the
 * tokens are billed and the call recorded. Token counts are the provider's word (a server's
 * `usage`): counts that are not whole numbers ≥ 0, more completion tokens than maxTokens, or more
 * prompt tokens than any tokenizer and template could make of the prompt (promptTokenLimit), are
 * not billed from; the call is charged its whole reservation, recorded with its usage invalid, and
 * blocked with ModelUsageInvalid (accounting that cannot be trusted fails closed). A provider
 * that fails after streaming leaves the text so far as a partial generation (see keepPartial).
 */
import { KillSwitchEngaged } from '../../governance/errors.ts';
import { ProviderError, type GenerateRequest, type GenerateResult, type ProviderErrorCode } from '../../providers/provider.ts';
import { promptTokenUpperBound } from '../budget.ts';
import type { CallContext } from '../context.ts';
import { causeName, GatewayCallAborted, ModelCallFailed, ModelUsageInvalid } from '../errors.ts';
import { describeHops, routeOf, type CallRoute } from '../ports.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

/**
 * Provider failures that are refusals before any work: the request never reached the model (a
 * prompt longer than the context, a wrong key, an unknown model, a server busy, loading or behind
 * an open breaker). Anything else (a timeout, a broken connection, invalid output) may have
 * evaluated tokens, and is charged its reservation.
 */
const REFUSED_UNRUN: ReadonlySet<ProviderErrorCode> = new Set(['bad-request', 'unauthorized', 'model-not-found', 'rate-limited', 'unavailable']);

/**
 * The most prompt tokens an honest server reports for a prompt the gateway bounded at `upper`
 * tokens is taken to be PROMPT_LIMIT_FACTOR × upper + PROMPT_LIMIT_SLACK_TOKENS. The bound itself
 * is already one token per UTF-8 byte (no tokenizer makes more of text; byte-fallback ones make at
 * most that) plus allowances per message, per prompt and for the function definitions and their
 * template; the factor covers a chat template that wraps each message (or each tool) in several
 * times the allowance, and the constant a server-side system prompt or tool-use preamble the
 * gateway never sees (the largest common ones are a few thousand tokens). So a different tokenizer
 * or template never crosses it, while a count like 9e12 for a two-word prompt does: it is no usage
 * to bill from (the call is charged its reservation, as for any invalid count).
 */
const PROMPT_LIMIT_FACTOR = 4;
const PROMPT_LIMIT_SLACK_TOKENS = 8_192;

/** The most prompt tokens stage 6 takes as a count to bill from (see PROMPT_LIMIT_FACTOR). */
export function promptTokenLimit(ctx: CallContext): number {
  // The larger of stage 1's bound (the request's messages) and the bound of what the model was
  // sent (the redacted messages, whose PII tokens may be longer than the values they replace).
  const sent = promptTokenUpperBound((ctx.redacted ?? ctx.request.messages).map((m) => m.content), ctx.modelFunctions ?? ctx.request.functions ?? []);
  const upper = Math.max(ctx.promptTokenEstimate ?? 0, sent);
  return PROMPT_LIMIT_FACTOR * upper + PROMPT_LIMIT_SLACK_TOKENS;
}

export const llmCall: Stage = {
  name: 'llm-call',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.blocked) return verdict(this.name, 'not-run', { reason: ctx.blocked.code }, started);
    if (ctx.redacted === undefined || ctx.preCallSeq === undefined) throw new TypeError('the model call needs redaction and the pre-call audit entry first');
    const { request, modelSchema, modelFunctions } = ctx;
    // The schema and functions as stage 3 redacted them, never the request's own (fail closed).
    if ((request.jsonSchema !== undefined && modelSchema === undefined) || (request.functions !== undefined && modelFunctions === undefined)) {
      throw new TypeError('the model call needs the redacted output schema and function definitions first');
    }
    const stream = ctx.stream;
    // What the model streamed so far (tokens, not values): kept if the provider fails mid-way.
    let streamed = '';
    const generateRequest: GenerateRequest = {
      messages: ctx.redacted,
      maxTokens: request.maxTokens,
      signal: ctx.signal,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(modelSchema !== undefined ? { jsonSchema: modelSchema } : {}),
      ...(modelFunctions !== undefined ? { functions: modelFunctions } : {}),
      ...(stream !== undefined
        ? {
            onToken: (text: string) => {
              streamed += text;
              stream.push(text);
            },
          }
        : {}),
      ...(ctx.reuseKey !== undefined ? { reuseKey: ctx.reuseKey } : {}),
    };
    let result;
    try {
      result = await ctx.provider.generate(generateRequest);
    } catch (error) {
      const providerCode = error instanceof ProviderError ? error.code : undefined;
      // A routed call's route now ends at the model whose failure this is: the refusal and the record name it.
      const route = routeOf(ctx.provider);
      ctx.blocked = ctx.signal.aborted ? abortError(ctx) : new ModelCallFailed(this.name, routeDetail(ctx).model, causeName(error), providerCode);
      const partial = stream !== undefined && streamed !== '' ? keepPartial(ctx, stream, streamed) : {};
      // Every model the router sent the call to must have refused: one that ran before a fallback may have done work.
      const attempts = route?.attempts ?? [providerCode];
      if (!ctx.signal.aborted && streamed === '' && attempts.every((code) => code !== undefined && REFUSED_UNRUN.has(code))) ctx.refusedUnrun = true;
      return verdict(
        this.name,
        'block',
        { error: ctx.blocked.code, cause: causeName(error), ...(providerCode !== undefined && { providerError: providerCode }), ...routeDetail(ctx), ...partial },
        started,
      );
    }
    // A server that honours maxTokens never reports more: such a count is no usage to bill from;
    // nor is a prompt count past what any tokenizer and template could make of the prompt.
    const promptLimit = promptTokenLimit(ctx);
    const promptPastLimit = isTokenCount(result.promptTokens) && result.promptTokens > promptLimit;
    const counted =
      isTokenCount(result.promptTokens) &&
      !promptPastLimit &&
      isTokenCount(result.tokens) &&
      result.tokens <= request.maxTokens &&
      (result.cachedPromptTokens === undefined || isTokenCount(result.cachedPromptTokens));
    ctx.generation = counted ? result : withoutCounts(result);
    // A model the router tried first may have evaluated the prompt before it failed: its usage is unknown.
    const ranBefore = (routeOf(ctx.provider)?.attempts ?? []).some((code) => code === undefined || !REFUSED_UNRUN.has(code));
    ctx.usage = !counted ? 'invalid' : ranBefore ? 'fallback-after-work' : 'reported';
    const detail = {
      ...routeDetail(ctx),
      ...(counted && ranBefore && { usage: 'fallback-after-work' }),
      ...(counted
        ? {
            promptTokens: result.promptTokens,
            ...(result.cachedPromptTokens !== undefined && result.cachedPromptTokens > 0 ? { cachedPromptTokens: result.cachedPromptTokens } : {}),
            completionTokens: result.tokens,
          }
        : {
            usage: 'invalid',
            // What the server claimed, beside the limit it passed (the counts are not billed from).
            ...(promptPastLimit && { reportedPromptTokens: result.promptTokens, promptTokensLimit: promptLimit }),
          }),
      stopReason: result.stopReason,
      functionCalls: result.functionCalls?.length ?? 0,
    };
    // A kill switch engaged while the model ran stops the call even when the provider finished
    // anyway (the last token and the switch crossed): its output is not the caller's.
    if (result.stopReason === 'aborted' || ctx.killSignal.aborted) {
      ctx.blocked = abortError(ctx);
      return verdict(this.name, 'block', { ...detail, error: ctx.blocked.code }, started);
    }
    if (!counted) {
      ctx.blocked = new ModelUsageInvalid(this.name, routeDetail(ctx).model);
      return verdict(this.name, 'block', { ...detail, error: ctx.blocked.code }, started);
    }
    return verdict(this.name, 'pass', detail, started);
  },
};

/**
 * The provider failed after streaming text, some of which the caller may hold already (released
 * on the fly): nothing more is released, and the text so far becomes the generation, marked
 * partial, so stages 7 and 8 check it and stage 10 records it like any output. Its token counts
 * are unknown: the call is charged its whole reservation.
 */
function keepPartial(ctx: CallContext, stream: NonNullable<CallContext['stream']>, streamed: string): Record<string, string | number | boolean> {
  stream.finish(false, '');
  ctx.generation = { text: streamed, tokens: 0, promptTokens: 0, stopReason: 'aborted' };
  ctx.usage = 'partial';
  return { partial: true, partialChars: streamed.length, releasedChars: stream.released.length };
}

/** A token count the gateway can bill from: a whole number ≥ 0 (a server may send anything). */
export function isTokenCount(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

/** The generation with its counts set to 0: they are unknown, and never reach a record or a price. */
function withoutCounts(result: GenerateResult): GenerateResult {
  return {
    text: result.text,
    tokens: 0,
    promptTokens: 0,
    stopReason: result.stopReason,
    ...(result.functionCalls !== undefined && { functionCalls: result.functionCalls }),
  };
}

/**
 * Which model served the call and, when the router re-routed it (a deprecated model to its
 * successor, a failing one to its fallback), from where and why: the verdict says so.
 */
export function routeDetail(ctx: CallContext): { model: string; requestedModel?: string; routedFrom?: string; routeReason?: string; route?: string } {
  const route: CallRoute | undefined = routeOf(ctx.provider);
  if (route === undefined) return { model: ctx.provider.modelId };
  return {
    requestedModel: route.requested,
    model: route.model,
    ...(route.routedFrom !== undefined && { routedFrom: route.routedFrom }),
    ...(route.reason !== undefined && { routeReason: route.reason }),
    ...(route.hops.length > 0 && { route: describeHops(route.hops) }),
  };
}

export function abortError(ctx: CallContext): KillSwitchEngaged | GatewayCallAborted {
  const reason: unknown = ctx.killSignal.reason;
  if (ctx.killSignal.aborted && reason instanceof KillSwitchEngaged) return reason;
  return new GatewayCallAborted('llm-call');
}
