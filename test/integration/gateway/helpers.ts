/**
 * Gateway test parts: a real governed tenant (helpers of the governance tests) with the gateway on
 * top, and a deterministic echo provider (a neighbour double implementing ModelProvider) that
 * answers with the text it was sent, i.e. the redacted prompt's tokens.
 */
import { openGateway, type Gateway, type GatewayOptions } from '../../../main/gateway/index.ts';
import type { FunctionCall, GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, governedTenant, type GovernedTenant } from '../governance/helpers.ts';

export { PASS, entries, verify } from '../governance/helpers.ts';

/** One cost unit per 1,000 tokens either way (0.001 a token), so budgets read as thousands of tokens. */
export const UNIT_PRICE = { input: 1, output: 1 };
/** Micro-units (the ledger's integer unit) charged per token at UNIT_PRICE. */
export const MICRO_PER_TOKEN = 1_000;

export interface EchoOptions {
  /** Text to answer with instead of the last message (may contain tokens like [EMAIL_1]). */
  readonly answer?: (lastMessage: string) => string;
  /** Wait this long between streamed words (lets a test act mid-stream). */
  readonly delayMs?: number;
}

export class EchoProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'echo';
  calls = 0;
  /** Every message content the model was sent (to prove it never saw a raw value). */
  readonly seen: string[] = [];

  constructor(private readonly options: EchoOptions = {}) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    const messages = request.messages ?? [];
    for (const m of messages) this.seen.push(m.content);
    const last = messages.at(-1)?.content ?? request.prompt ?? '';
    const answer = this.options.answer ? this.options.answer(last) : last;
    const words = answer.split(/(?<=\s)/);
    const promptTokens = messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0);
    let text = '';
    let tokens = 0;
    for (const word of words) {
      if (tokens >= request.maxTokens) return { text, tokens, promptTokens, stopReason: 'maxTokens' };
      if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
      else await Promise.resolve();
      if (request.signal?.aborted) return { text, tokens, promptTokens, stopReason: 'aborted' };
      text += word;
      tokens++;
      request.onToken?.(word);
    }
    return { text, tokens, promptTokens, stopReason: 'eos' };
  }

  async dispose(): Promise<void> {}
}

/**
 * A server that reports more prompt tokens than the gateway reserved for (a chat template that
 * wrapped the prompt in far more): each record of its calls is an overrun. Answers "The answer is
 * 42." in two pieces after `delayMs`, 4 completion tokens.
 */
export class OverReportingProvider implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  readonly modelId = 'over-reporting';
  constructor(
    readonly promptTokens: number,
    readonly delayMs = 0,
  ) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    request.onToken?.('The answer ');
    request.onToken?.('is 42.');
    return { text: 'The answer is 42.', tokens: 4, promptTokens: this.promptTokens, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

/**
 * A scripted (or hostile) model: answers `answer`, and `functionCalls` when set, streamed word by
 * word, reporting 8 tokens each way; keeps every message content it was sent in `seen`.
 */
export class ScriptedProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'scripted';
  functionCalls: FunctionCall[] | undefined;
  readonly seen: string[] = [];

  constructor(public answer = '') {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    for (const m of request.messages ?? []) this.seen.push(m.content);
    for (const word of this.answer.split(/(?<= )/)) request.onToken?.(word);
    return { text: this.answer, tokens: 8, promptTokens: 8, stopReason: 'eos', ...(this.functionCalls !== undefined && { functionCalls: this.functionCalls }) };
  }

  async dispose(): Promise<void> {}
}

export interface GatewayFixture<P extends ModelProvider = EchoProvider> extends GovernedTenant {
  gateway: Gateway;
  provider: P;
}

export async function gatewayFixture<P extends ModelProvider = EchoProvider>(
  provider: P = new EchoProvider() as unknown as P,
  options: Partial<GatewayOptions> = {},
  existing?: GovernedTenant,
): Promise<GatewayFixture<P>> {
  const t = existing ?? (await governedTenant());
  const gateway = await openGateway({
    tenant: t.tenant,
    audit: t.tenant.audit,
    governance: t.governance,
    providers: async () => provider,
    pricing: () => UNIT_PRICE,
    ...options,
  });
  return { ...t, gateway, provider };
}

export { close };
