/**
 * The one interface every model provider implements (node-llama-cpp in-process, an on-prem
 * OpenAI-compatible server). Only the gateway holds providers; nothing else calls a model.
 */

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A function the model may call; `parameters` is a JSON Schema object. */
export interface FunctionDefinition {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface FunctionCall {
  readonly name: string;
  /** Arguments as the model produced them, parsed from JSON. */
  readonly arguments: unknown;
}

export interface GenerateRequest {
  /** Raw completion text; give either this or `messages`. */
  readonly prompt?: string;
  /** Rendered through the model's own chat template. */
  readonly messages?: readonly ChatMessage[];
  readonly maxTokens: number;
  /** 0 (the default) is greedy, so the same prompt always gives the same text. */
  readonly temperature?: number;
  /** Sampling seed; only matters when temperature > 0. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Called with each new piece of text as it is generated. */
  readonly onToken?: (text: string) => void;
  /** Constrain the output to JSON matching this JSON Schema (grammar-constrained where supported). */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  /** Functions the model may call instead of (or before) answering. Needs `messages`; not with `jsonSchema`. */
  readonly functions?: readonly FunctionDefinition[];
  /** With `functions`: 'auto' (default) lets the model answer or call; 'required' makes it call one. */
  readonly functionCall?: 'auto' | 'required';
  /**
   * Opaque key of a conversation. When the provider still holds the evaluated state of the previous
   * request with the same key, the prompt prefix the two share is not evaluated again; a request
   * with another key (or none) never sees that state. The gateway derives it from tenant, actor,
   * agent and session, so only the same conversation reuses it.
   */
  readonly reuseKey?: string;
}

export { ProviderError, ProviderTimeoutError } from './errors.ts';
export type { ProviderErrorCode, TimeoutPhase } from './errors.ts';

export type StopReason = 'eos' | 'maxTokens' | 'aborted';

export interface GenerateResult {
  readonly text: string;
  /** Tokens generated (not counting the prompt). */
  readonly tokens: number;
  readonly promptTokens: number;
  /** Prompt tokens whose evaluated state was reused from the previous request with the same reuseKey. */
  readonly cachedPromptTokens?: number;
  readonly stopReason: StopReason;
  readonly functionCalls?: readonly FunctionCall[];
}

export interface ModelProvider {
  readonly kind: 'llama-cpp' | 'openai-compatible';
  /** The model this provider serves (manifest id, or the server's model name). */
  readonly modelId: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
}
