/**
 * A model served by an on-prem OpenAI-compatible server (vLLM, llama.cpp's llama-server) on the
 * site's network. The base URL passes the egress guard once, at open; every request then connects
 * to the address that was checked (pinned), whatever DNS says later.
 *
 * Requests always stream (SSE), so tokens reach the caller as they are generated, an abort closes
 * the connection at once (which makes the server stop generating), and a silent server is noticed.
 */
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkEgress, redactUrl } from './egress-guard.ts';
import type { EgressTarget, HostResolver } from './egress-guard.ts';
import { ProviderError, ProviderTimeoutError } from './errors.ts';
import { redactSecret } from './redact-secret.ts';
import type { TimeoutPhase } from './errors.ts';
import type { FunctionCall, GenerateRequest, GenerateResult, ModelProvider, StopReason } from './provider.ts';
import { SseLimitError, SseParser } from './sse.ts';
import type { SseEvent } from './sse.ts';
import { checkCallArguments, functionCallRequest } from './function-calls.ts';

export interface OpenAICompatibleTimeouts {
  /** To establish the TCP (and TLS) connection. Default 5 s. */
  readonly connectMs?: number;
  /** Longest silence while waiting for the response or between streamed chunks. Default 60 s. */
  readonly idleMs?: number;
  /** Whole request, first byte sent to last byte received. Default 10 min. */
  readonly overallMs?: number;
}

export interface OpenAICompatibleOptions {
  /** Where the API lives, including the version segment: e.g. "http://10.0.0.5:8000/v1". */
  readonly baseUrl: string;
  /** The model name the server serves (vLLM's --served-model-name, llama-server's --alias). */
  readonly model: string;
  /** Sent as a bearer token; never logged or included in an error. */
  readonly apiKey?: string;
  readonly egress?: { readonly allow?: readonly string[]; readonly resolve?: HostResolver };
  readonly timeouts?: OpenAICompatibleTimeouts;
  /** Ask the server's /models at open whether it serves `model` (default true). */
  readonly verifyModel?: boolean;
  /**
   * 'isolated' (default): no request may use a prompt prefix the server cached for another. A
   * cached prefix makes a request measurably faster, which tells its sender that someone sent that
   * prefix — a timing side channel between the tenants and users of a shared server. Each request
   * carries `cache_prompt: false` (llama-server) and a `cache_salt` (vLLM's per-request cache
   * isolation) that only the same conversation (reuseKey) shares; servers ignore the one they do not
   * know. 'shared': the server's own default; only for a server with a single user.
   */
  readonly promptCache?: 'isolated' | 'shared';
}

const DEFAULT_TIMEOUTS: Required<OpenAICompatibleTimeouts> = { connectMs: 5_000, idleMs: 60_000, overallMs: 600_000 };
/** What is kept of an error answer's body for its message; the rest is not read (the connection is closed). */
const MAX_ERROR_BODY = 64 * 1024;
/** The largest /models answer read at open; a longer one is cut off (a model list is a few KiB). */
const MAX_MODELS_BODY = 1024 * 1024;
/**
 * How long an error answer's body may take after its headers. The status already says the call
 * failed; the body only adds detail to the message, so a server that drips it (each byte inside the
 * idle timeout) must not hold the connection, and the caller, until the overall timeout.
 */
const ERROR_BODY_MS = 5_000;
/**
 * The largest answer: a whole answer sent as one JSON document by a server that ignored
 * stream:true, and a streamed answer's text plus function-call names and arguments. A server that
 * keeps talking past it (broken or hostile) is cut off; every tenant's calls share this process.
 */
const MAX_ANSWER_BODY = 16 * 1024 * 1024;
/** Distinct function calls in one streamed answer (each a map entry, even an empty one). */
const MAX_FUNCTION_CALLS = 1024;

interface ChatChoiceDelta {
  readonly content?: string | null;
  readonly tool_calls?: readonly {
    readonly index?: number;
    readonly id?: string;
    readonly function?: { readonly name?: string; readonly arguments?: string };
  }[];
}

interface StreamChunk {
  readonly choices?: readonly {
    readonly text?: string;
    readonly delta?: ChatChoiceDelta;
    readonly message?: ChatChoiceDelta;
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: {
    readonly prompt_tokens?: number;
    readonly completion_tokens?: number;
    readonly prompt_tokens_details?: { readonly cached_tokens?: number } | null;
  } | null;
  readonly timings?: { readonly prompt_n?: number; readonly predicted_n?: number; readonly cache_n?: number };
  readonly error?: { readonly message?: string; readonly code?: number | string; readonly type?: string };
}

interface HttpOutcome {
  readonly status: number;
  readonly aborted: boolean;
}

/**
 * The stream's end marker. Servers pad it (`data: [DONE]   `, `data:  [DONE]`; the SSE parser
 * strips only one space after the colon): a whole answer must not fail as invalid JSON for that.
 * Case as the OpenAI spec writes it: `[done]` is not the marker.
 */
const isDone = (data: string): boolean => data.trim() === '[DONE]';

export class OpenAICompatibleProvider implements ModelProvider {
  readonly kind = 'openai-compatible';
  private readonly agent: HttpAgent;
  private readonly timeouts: Required<OpenAICompatibleTimeouts>;
  private readonly shownUrl: string;
  private disposed = false;

  private constructor(
    readonly modelId: string,
    /** The checked destination every request is pinned to. */
    readonly target: EgressTarget,
    private readonly apiKey: string | undefined,
    timeouts: OpenAICompatibleTimeouts | undefined,
    private readonly promptCache: 'isolated' | 'shared',
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
    const secure = target.url.protocol === 'https:';
    // No keep-alive: llama-server closes idle connections, and a reused dead socket fails a request for nothing.
    this.agent = secure ? new HttpsAgent({ keepAlive: false }) : new HttpAgent({ keepAlive: false });
    this.shownUrl = redactUrl(target.url).replace(/\/$/, '');
  }

  /** Checks the base URL with the egress guard (refusing public destinations) and, by default, that the server serves the model. */
  static async open(options: OpenAICompatibleOptions): Promise<OpenAICompatibleProvider> {
    if (options.model.trim() === '') throw new ProviderError('bad-request', 'Give the model name the server serves (e.g. its --served-model-name).');
    const target = await checkEgress(options.baseUrl, options.egress ?? {});
    // Request paths are resolved against the base URL: a query or fragment there would silently drop its last segment (/v1).
    if (target.url.search !== '' || target.url.hash !== '') {
      throw new ProviderError('bad-request', `The model server's base URL ${redactUrl(target.url)} has a query or fragment; give the API's base path only, e.g. http://10.0.0.5:8000/v1.`);
    }
    const provider = new OpenAICompatibleProvider(options.model, target, options.apiKey, options.timeouts, options.promptCache ?? 'isolated');
    if (options.verifyModel ?? true) {
      try {
        await provider.verifyModel();
      } catch (error) {
        await provider.dispose();
        throw error;
      }
    }
    return provider;
  }

  private async verifyModel(): Promise<void> {
    let body = '';
    /** Keeps an error body up to `max` for the message; at the cap the exchange ends (the rest is not read). */
    const keep = (text: string, max: number): 'done' | undefined => {
      body += text.slice(0, max - body.length);
      return body.length >= max ? 'done' : undefined;
    };
    const outcome = await this.exchange('GET', 'models', undefined, {
      onData: (text, status) => {
        if (status !== 200) return keep(text, MAX_ERROR_BODY);
        if (body.length + text.length > MAX_MODELS_BODY) {
          // Said by its size only, as the not-JSON case below: the body is the server's text.
          throw new ProviderError(
            'invalid-response',
            `The model server at ${this.shownUrl} answered /models with over ${MAX_MODELS_BODY / 1024 / 1024} MiB and was cut off; is the base URL right (it should end in /v1)?`,
          );
        }
        body += text;
        return undefined;
      },
    });
    if (outcome.status !== 200) throw this.httpError(outcome.status, body);
    let served: string[];
    try {
      const json = JSON.parse(body) as { data?: { id?: unknown; aliases?: unknown }[] };
      served = (json.data ?? []).flatMap((m) => [m.id, ...(Array.isArray(m.aliases) ? m.aliases : [])]).filter((x): x is string => typeof x === 'string');
    } catch (cause) {
      throw new ProviderError('invalid-response', `The model server at ${this.shownUrl} answered /models with something other than JSON; is the base URL right (it should end in /v1)?`, { cause });
    }
    if (!served.includes(this.modelId)) {
      throw new ProviderError(
        'model-not-found',
        `The model server at ${this.shownUrl} does not serve model "${this.modelId}"; it serves: ${served.join(', ') || '(nothing)'}. ` +
          'Set the provider\'s model to one of these, or start the server with that model.',
      );
    }
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw new ProviderError('bad-request', `The provider for "${this.modelId}" at ${this.shownUrl} has been disposed.`);
    const { path, body } = this.requestBody(request);
    if (request.signal?.aborted) return { text: '', tokens: 0, promptTokens: 0, stopReason: 'aborted' };

    const parser = new SseParser();
    let text = '';
    let contentEvents = 0;
    let finish: string | null | undefined;
    let usage: StreamChunk['usage'];
    let timings: StreamChunk['timings'];
    const toolCalls = new Map<number, { name: string; arguments: string }>();
    let nonStreamBody = '';
    let streaming = false;
    let doneSeen = false;
    let answerLength = 0;
    /** Counts what is about to be appended to the answer; only ever a string's length, so the total stays a finite count. */
    const grow = (piece: string): void => {
      answerLength += piece.length;
      if (answerLength > MAX_ANSWER_BODY) {
        throw new ProviderError(
          'invalid-response',
          `The model server at ${this.shownUrl} streamed an answer over ${MAX_ANSWER_BODY / 1024 / 1024} MiB (text and function-call arguments) and was cut off. ` +
            "Ask for fewer tokens (maxTokens), or check the server: it may be ignoring max_tokens or repeating itself.",
        );
      }
    };

    const notOfType = (field: string, type: string): ProviderError =>
      new ProviderError(
        'invalid-response',
        `The model server at ${this.shownUrl} sent ${field} that is not ${type}; the answer was cut off. Check the server: its output is not OpenAI-compatible.`,
      );
    /** A field appended to the answer: absent (undefined / null) or a string, never anything else. */
    const stringField = (value: unknown, field: string): string | undefined => {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw notOfType(field, 'a string');
      return value;
    };
    /** A part of the answer's JSON that must be an object when present (a null is read as absent). */
    const record = <T>(value: T | null | undefined, field: string): T | undefined => {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'object' || Array.isArray(value)) throw notOfType(field, 'an object');
      return value;
    };
    const list = <T>(value: readonly T[] | null | undefined, field: string): readonly T[] => {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) throw notOfType(field, 'a list');
      return value;
    };

    const consume = (event: StreamChunk): void => {
      const chunk: StreamChunk = record(event, 'an event') ?? {};
      const error: unknown = chunk.error;
      if (error !== undefined && error !== null) {
        const said = typeof error === 'string' ? error : typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : 'unknown error';
        throw new ProviderError('generation-failed', `The model server at ${this.shownUrl} failed mid-stream: ${this.scrub(said)}`);
      }
      if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage;
      if (chunk.timings !== undefined) timings = chunk.timings;
      for (const item of list(chunk.choices, 'choices')) {
        const choice: NonNullable<StreamChunk['choices']>[number] = record(item, 'choices[]') ?? {};
        const where = choice.delta !== undefined && choice.delta !== null ? 'delta' : 'message';
        const delta = record(choice.delta ?? choice.message, `choices[].${where}`);
        // The server's JSON is not trusted to match its types: a number or an object where text belongs
        // would otherwise slip past the answer's size cap (a NaN or negative running total).
        const piece = stringField(choice.text, 'choices[].text') ?? stringField(delta?.content, `choices[].${where}.content`) ?? '';
        if (piece !== '') {
          grow(piece);
          text += piece;
          contentEvents++;
          request.onToken?.(piece);
        }
        for (const item of list(delta?.tool_calls, `choices[].${where}.tool_calls`)) {
          const call: NonNullable<ChatChoiceDelta['tool_calls']>[number] = record(item, `choices[].${where}.tool_calls[]`) ?? {};
          const fn = record(call.function, `choices[].${where}.tool_calls[].function`);
          const given: unknown = call.index;
          if (given !== undefined && given !== null && !(Number.isInteger(given) && (given as number) >= 0)) {
            throw notOfType(`choices[].${where}.tool_calls[].index`, 'a whole number');
          }
          const index = call.index ?? toolCalls.size;
          const entry = toolCalls.get(index) ?? { name: '', arguments: '' };
          if (!toolCalls.has(index) && toolCalls.size >= MAX_FUNCTION_CALLS) {
            throw new ProviderError(
              'invalid-response',
              `The model server at ${this.shownUrl} streamed more than ${MAX_FUNCTION_CALLS} function calls in one answer. Check the server: its function-call output is broken.`,
            );
          }
          const name = stringField(fn?.name, `choices[].${where}.tool_calls[].function.name`) ?? '';
          const args = stringField(fn?.arguments, `choices[].${where}.tool_calls[].function.arguments`) ?? '';
          grow(name);
          grow(args);
          entry.name += name;
          entry.arguments += args;
          toolCalls.set(index, entry);
        }
        if (choice.finish_reason !== undefined && choice.finish_reason !== null) finish = choice.finish_reason;
      }
    };

    // Whatever onData throws (a bad event, the server's error event, the caller's own onToken error)
    // ends the exchange at once: the connection is closed, so the server stops generating.
    const outcome = await this.exchange('POST', path, body, {
      signal: request.signal,
      onResponse: (response) => {
        streaming = /text\/event-stream/i.test(response.headers['content-type'] ?? '');
      },
      onData: (chunk, status) => {
        if (status !== 200) {
          // Kept up to its cap for the message; at the cap the exchange ends, so an endless error
          // body neither holds the connection nor is read on until the overall timeout.
          nonStreamBody += chunk.slice(0, MAX_ERROR_BODY - nonStreamBody.length);
          return nonStreamBody.length >= MAX_ERROR_BODY ? 'done' : undefined;
        }
        if (!streaming) {
          nonStreamBody += chunk;
          if (nonStreamBody.length > MAX_ANSWER_BODY) {
            throw new ProviderError('invalid-response', `The model server at ${this.shownUrl} answered with a JSON document over ${MAX_ANSWER_BODY / 1024 / 1024} MiB. Ask for fewer tokens, or let the server stream (stream: true).`);
          }
          return;
        }
        for (const event of this.events(() => parser.push(chunk))) {
          if (isDone(event.data)) {
            // The answer is whole: end the exchange now, so a server that keeps the connection open
            // (silent, or still writing) can neither time the finished answer out nor be read on.
            doneSeen = true;
            return 'done';
          }
          consume(this.parseEvent(event.data));
        }
        return undefined;
      },
    });
    if (outcome.status !== 200) throw this.httpError(outcome.status, nonStreamBody);
    if (!outcome.aborted) {
      if (streaming) {
        // After [DONE] the exchange ended at once; whatever the parser still holds came after it.
        if (!doneSeen) {
          for (const event of this.events(() => parser.end())) {
            if (!isDone(event.data)) consume(this.parseEvent(event.data));
          }
        }
        // A connection closed mid-answer (no chunked framing to show the cut) must not pass for a whole answer.
        if (!doneSeen && finish === undefined) {
          throw new ProviderError(
            'connection-failed',
            `The model server at ${this.shownUrl} ended the stream before the answer was finished (no finish_reason, no [DONE]); it may be cut off. Check the server's log.`,
          );
        }
      } else {
        // A server that ignored stream:true and answered in one JSON document.
        let answer: StreamChunk;
        try {
          answer = JSON.parse(nonStreamBody) as StreamChunk;
        } catch {
          throw new ProviderError('invalid-response', `The model server at ${this.shownUrl} answered with neither an event stream nor JSON (${nonStreamBody.length} characters). Check the base URL and the server's log.`);
        }
        consume(answer);
      }
    }

    const stopReason: StopReason = outcome.aborted ? 'aborted' : finish === 'length' ? 'maxTokens' : 'eos';
    const functionCalls = stopReason === 'aborted' ? [] : this.parseToolCalls(toolCalls, request);
    const cached = usage?.prompt_tokens_details?.cached_tokens ?? timings?.cache_n ?? 0;
    return {
      text,
      tokens: usage?.completion_tokens ?? timings?.predicted_n ?? contentEvents,
      promptTokens: usage?.prompt_tokens ?? timings?.prompt_n ?? 0,
      ...(cached > 0 && { cachedPromptTokens: cached }),
      stopReason,
      ...(functionCalls.length > 0 && { functionCalls }),
    };
  }

  private requestBody(request: GenerateRequest): { path: string; body: Record<string, unknown> } {
    if ((request.prompt === undefined) === (request.messages === undefined)) {
      throw new ProviderError('bad-request', 'Give exactly one of `prompt` or `messages`.');
    }
    if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) {
      throw new ProviderError('bad-request', `maxTokens must be a positive integer, got ${request.maxTokens}.`);
    }
    const common: Record<string, unknown> = {
      model: this.modelId,
      max_tokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      ...(request.seed !== undefined && { seed: request.seed }),
      stream: true,
      stream_options: { include_usage: true },
      ...(this.promptCache === 'isolated' && { cache_prompt: false, cache_salt: request.reuseKey ?? randomUUID() }),
    };
    const calls = functionCallRequest(request);
    if (request.prompt !== undefined) {
      const schema = request.jsonSchema;
      return {
        path: 'completions',
        body: {
          ...common,
          prompt: request.prompt,
          // llama-server reads json_schema on /completions; vLLM reads response_format.
          ...(schema !== undefined && { json_schema: schema, response_format: { type: 'json_schema', json_schema: { name: 'output', schema } } }),
        },
      };
    }
    return {
      path: 'chat/completions',
      body: {
        ...common,
        messages: request.messages,
        ...(request.jsonSchema !== undefined && {
          response_format: { type: 'json_schema', json_schema: { name: 'output', schema: request.jsonSchema, strict: true } },
        }),
        ...(calls !== undefined && {
          tools: calls.functions.map((f) => ({
            type: 'function',
            function: { name: f.name, ...(f.description !== undefined && { description: f.description }), parameters: f.parameters ?? { type: 'object', properties: {} } },
          })),
          tool_choice: calls.mode === 'required' ? 'required' : 'auto',
        }),
      },
    };
  }

  private parseToolCalls(toolCalls: Map<number, { name: string; arguments: string }>, request: GenerateRequest): FunctionCall[] {
    const known = new Set((request.functions ?? []).map((f) => f.name));
    return [...toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => {
        if (!known.has(call.name)) {
          throw new ProviderError('invalid-output', `The model called function "${call.name}", which the request did not offer (offered: ${[...known].join(', ')}).`);
        }
        let args: unknown;
        try {
          args = call.arguments.trim() === '' ? {} : (JSON.parse(call.arguments) as unknown);
        } catch (cause) {
          throw new ProviderError('invalid-output', `The model's arguments for "${call.name}" are not valid JSON (was it cut off by maxTokens? raise it).`, { cause });
        }
        return checkCallArguments({ name: call.name, arguments: args }, request.functions ?? []);
      });
  }

  /** The parser's events; a stream that breaks its limits (an endless line or event) is the server's fault, said as such. */
  private events(parse: () => SseEvent[]): SseEvent[] {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof SseLimitError)) throw error;
      const what =
        error.limit === 'line'
          ? `a stream line longer than ${error.max / 1024 / 1024} Mi characters without a line break`
          : `a stream event with more than ${error.max / 1024 / 1024} Mi characters of data and no blank line to end it`;
      throw new ProviderError('invalid-response', `The model server at ${this.shownUrl} sent ${what}, and was cut off. Check the server (is the base URL a model server?) and its log.`, {
        cause: error,
      });
    }
  }

  /**
   * One stream event's JSON. A bad event is reported by its length only: its text is model output,
   * which output validation has not seen (it may hold a credential), and V8's parse error quotes it.
   */
  private parseEvent(data: string): StreamChunk {
    try {
      return JSON.parse(data) as StreamChunk;
    } catch {
      throw new ProviderError('invalid-response', `The model server at ${this.shownUrl} sent a stream event that is not JSON (${data.length} characters). Check the server's log.`);
    }
  }

  /** Removes the API key from server-supplied text, then clips it, before it goes into an error message. */
  private scrub(text: string): string {
    // Redact first: clipping first could cut the key in two and leave its first part in the message.
    const redacted = redactSecret(text, this.apiKey);
    return redacted.length > 300 ? `${redacted.slice(0, 300)}…` : redacted;
  }

  private httpError(status: number, body: string): ProviderError {
    let detail: string;
    try {
      const json = JSON.parse(body) as { error?: { message?: string } | string; message?: string; detail?: string };
      detail = (typeof json.error === 'string' ? json.error : json.error?.message) ?? json.message ?? json.detail ?? '';
    } catch {
      detail = body.trim();
    }
    const said = detail === '' ? '' : ` The server said: ${this.scrub(detail)}`;
    const where = `The model server at ${this.shownUrl}`;
    if (status === 401 || status === 403) {
      return new ProviderError('unauthorized', `${where} refused the request (HTTP ${status}): the API key is missing or wrong. Check the key configured for this provider.`, { status });
    }
    if (status === 404) {
      return /model/i.test(detail)
        ? new ProviderError('model-not-found', `${where} does not serve model "${this.modelId}" (HTTP 404).${said} Check the provider's model name.`, { status })
        : new ProviderError('bad-request', `${where} has no such endpoint (HTTP 404). Check the base URL; it should end in /v1.${said}`, { status });
    }
    if (status === 429) return new ProviderError('rate-limited', `${where} is busy (HTTP 429). Retry later, or give the server more slots.${said}`, { status });
    if (status >= 400 && status < 500) return new ProviderError('bad-request', `${where} rejected the request (HTTP ${status}).${said}`, { status });
    if (status === 503) return new ProviderError('unavailable', `${where} is not ready (HTTP 503; still loading the model?). Retry shortly.${said}`, { status });
    return new ProviderError('server-error', `${where} failed (HTTP ${status}). Check the server's own log.${said}`, { status });
  }

  /** One HTTP exchange on the pinned address, with connect / idle / overall timeouts and abort. */
  private exchange(
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown> | undefined,
    hooks: {
      readonly signal?: AbortSignal | undefined;
      readonly onResponse?: (response: IncomingMessage) => void;
      /**
       * Returning 'done' ends the exchange there: it settles with the status as a whole response
       * and the connection is closed (a response that is not 200 then fails with what was kept).
       * A response that is not 200 also ends so ERROR_BODY_MS after its headers.
       */
      readonly onData?: (text: string, status: number) => 'done' | undefined;
    },
  ): Promise<HttpOutcome> {
    const { target } = this;
    const url = new URL(path, target.url.href.endsWith('/') ? target.url.href : `${target.url.href}/`);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    // Pinned: whatever name the URL holds, the socket goes to the address the egress guard checked.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all === true) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const options: RequestOptions = {
      method,
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: target.port,
      path: `${url.pathname}${url.search}`,
      agent: this.agent,
      lookup,
      headers: {
        accept: method === 'POST' ? 'text/event-stream, application/json' : 'application/json',
        ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': String(payload.length) }),
        ...(this.apiKey !== undefined && { authorization: `Bearer ${this.apiKey}` }),
      },
    };

    return new Promise<HttpOutcome>((resolve, reject) => {
      let settled = false;
      const timers: { connect?: NodeJS.Timeout; idle?: NodeJS.Timeout; overall?: NodeJS.Timeout; errorBody?: NodeJS.Timeout } = {};
      const clear = (): void => {
        clearTimeout(timers.errorBody);
        clearTimeout(timers.connect);
        clearTimeout(timers.idle);
        clearTimeout(timers.overall);
        hooks.signal?.removeEventListener('abort', onAbort);
      };
      const finish = (outcome: HttpOutcome | Error): void => {
        if (settled) return;
        settled = true;
        clear();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      /** Rejects with exactly what a hook threw (a caller's own error stays the caller's). */
      const fail = (reason: unknown): void => {
        if (settled) return;
        settled = true;
        clear();
        reject(reason);
      };
      const timeout = (phase: TimeoutPhase, ms: number): void => {
        const what = {
          connect: `could not be connected to within ${ms} ms (connect timeout). Check the server is up and reachable`,
          idle: `sent nothing for ${ms} ms (idle timeout). The server may be overloaded or stuck; check it, or raise timeouts.idleMs`,
          overall: `did not finish the request within ${ms} ms (overall timeout). Ask for fewer tokens, or raise timeouts.overallMs`,
        }[phase];
        finish(new ProviderTimeoutError(phase, ms, `The model server at ${this.shownUrl} ${what}.`));
        req.destroy();
      };
      const touch = (): void => {
        clearTimeout(timers.idle);
        timers.idle = setTimeout(() => timeout('idle', this.timeouts.idleMs), this.timeouts.idleMs);
      };
      let status = 0;
      const onAbort = (): void => {
        finish({ status: status === 0 ? 200 : status, aborted: true });
        req.destroy();
      };

      const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(options, (response) => {
        status = response.statusCode ?? 0;
        touch();
        if (status !== 200) {
          // The call has failed already; what of the body came in time goes into the message.
          timers.errorBody = setTimeout(() => {
            finish({ status, aborted: false });
            req.destroy();
          }, ERROR_BODY_MS);
        }
        hooks.onResponse?.(response);
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (settled) return;
          touch();
          let said: 'done' | undefined;
          try {
            said = hooks.onData?.(chunk, status);
          } catch (error) {
            fail(error);
            req.destroy();
            return;
          }
          if (said === 'done') {
            finish({ status, aborted: false });
            req.destroy();
          }
        });
        response.on('end', () => finish({ status, aborted: false }));
        response.on('aborted', () => finish(new ProviderError('connection-failed', `The model server at ${this.shownUrl} closed the connection mid-response. Check the server's log.`)));
        response.on('error', (cause) => finish(new ProviderError('connection-failed', `The connection to the model server at ${this.shownUrl} failed mid-response: ${cause.message}.`, { cause })));
      });
      // Armed only now that `req` exists: every handler above may destroy it.
      timers.overall = setTimeout(() => timeout('overall', this.timeouts.overallMs), this.timeouts.overallMs);
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket) => {
        if (socket.connecting) {
          timers.connect = setTimeout(() => timeout('connect', this.timeouts.connectMs), this.timeouts.connectMs);
          socket.once(target.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
            clearTimeout(timers.connect);
            touch(); // from here on, silence is the server's
          });
        } else {
          touch();
        }
      });
      req.on('error', (cause: NodeJS.ErrnoException) => {
        if (settled) return;
        const why = cause.code === 'ECONNREFUSED' ? 'connection refused; is the server running on that port?' : `${cause.code ?? cause.message}`;
        finish(new ProviderError('connection-failed', `Cannot reach the model server at ${this.shownUrl} (${why}).`, { cause }));
      });
      req.end(payload);
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.agent.destroy();
  }
}
