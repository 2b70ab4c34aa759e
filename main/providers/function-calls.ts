/**
 * Function calling, one shape for every provider. A server that speaks OpenAI `tools` gets them
 * as tools; the in-process model is held to the same JSON call format llama.cpp's server uses for
 * models without a native tool syntax — `{"tool_call": {"name", "arguments"}}` or
 * `{"response": "..."}` — by a grammar, so even a tiny model can only produce a well-formed call.
 */
import { ProviderError } from './errors.ts';
import { schemaCheck, UncheckableSchemaError, type SchemaCheck } from './json-schema.ts';
import type { ChatMessage, FunctionCall, FunctionDefinition, GenerateRequest } from './provider.ts';

export interface FunctionCallRequest {
  readonly functions: readonly FunctionDefinition[];
  readonly mode: 'auto' | 'required';
}

/** A function name every provider accepts (OpenAI's tool-name rule). */
export const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** The request's functions, validated; undefined when it offers none. */
export function functionCallRequest(request: GenerateRequest): FunctionCallRequest | undefined {
  const functions = request.functions ?? [];
  if (functions.length === 0) {
    if (request.functionCall === 'required') throw new ProviderError('bad-request', '`functionCall: "required"` needs at least one function in `functions`.');
    return undefined;
  }
  if (request.jsonSchema !== undefined) throw new ProviderError('bad-request', 'Give `jsonSchema` or `functions`, not both.');
  if (request.messages === undefined) throw new ProviderError('bad-request', 'Function calling needs `messages` (a chat), not a raw `prompt`.');
  const seen = new Set<string>();
  for (const [i, f] of functions.entries()) {
    // Not quoted: a name that is not an identifier can be any text the caller sent.
    if (!FUNCTION_NAME.test(f.name)) throw new ProviderError('bad-request', `The name of functions[${i}] is not allowed; use letters, digits, _ or - (at most 64).`);
    if (seen.has(f.name)) throw new ProviderError('bad-request', `Function "${f.name}" is offered twice.`);
    seen.add(f.name);
    // Readable before the model runs: a call to it is checked against these parameters afterwards.
    if (f.parameters !== undefined) parametersValidator(f.name, f.parameters);
  }
  return { functions, mode: request.functionCall ?? 'auto' };
}

const EMPTY_PARAMETERS = { type: 'object', properties: {} } as const;

/** The JSON Schema every output must match when the model is grammar-constrained to the call format. */
export function callFormatSchema(calls: FunctionCallRequest): Record<string, unknown> {
  const callShapes = calls.functions.map((f) => ({
    type: 'object',
    properties: {
      tool_call: { type: 'object', properties: { name: { const: f.name }, arguments: f.parameters ?? EMPTY_PARAMETERS } },
    },
  }));
  const answer = { type: 'object', properties: { response: { type: 'string' } } };
  const options = calls.mode === 'required' ? callShapes : [...callShapes, answer];
  return options.length === 1 ? (options[0] as Record<string, unknown>) : { oneOf: options };
}

/** Tells the model what it may call and how, as a system message ahead of the conversation. */
export function withCallInstructions(messages: readonly ChatMessage[], calls: FunctionCallRequest): ChatMessage[] {
  const listing = calls.functions
    .map((f) => `- ${f.name}${f.description !== undefined ? `: ${f.description}` : ''}\n  parameters: ${JSON.stringify(f.parameters ?? EMPTY_PARAMETERS)}`)
    .join('\n');
  const how = calls.mode === 'required'
    ? 'Reply with JSON only: {"tool_call": {"name": <function name>, "arguments": <arguments>}}.'
    : 'Reply with JSON only: {"tool_call": {"name": <function name>, "arguments": <arguments>}} to call a function, or {"response": <your answer>} to answer directly.';
  const instructions = `You can call these functions:\n${listing}\n${how}`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instructions}` }, ...rest];
  return [{ role: 'system', content: instructions }, ...messages];
}

/** The check of a function's parameters (compiled once per parameters object); a schema it cannot compile is the request's error. */
function parametersValidator(name: string, parameters: Readonly<Record<string, unknown>>): SchemaCheck {
  try {
    return schemaCheck(parameters);
  } catch (cause) {
    if (!(cause instanceof UncheckableSchemaError)) throw cause;
    throw new ProviderError(
      'bad-request',
      `The parameters of function "${name}" are not a JSON Schema the appliance can check (${cause.message}); calls to it could not be verified. Fix the schema so it compiles as draft 2020-12 or draft-07 JSON Schema, with every $ref inside it.`,
      { cause },
    );
  }
}

const MAX_ISSUES = 5;

/**
 * The call, once its arguments are checked against the function's `parameters` (JSON Schema, read
 * with ajv, as stage 7 reads a response schema). A grammar shapes the local model's output but
 * cannot enforce every constraint (minimum, pattern, …), and a server's tool call is checked by
 * nothing else: a call that breaks its own schema is refused, never passed on as well-formed. The
 * issues name paths and rules, never the values.
 */
export function checkCallArguments(call: FunctionCall, functions: readonly FunctionDefinition[]): FunctionCall {
  const parameters = functions.find((f) => f.name === call.name)?.parameters;
  if (parameters === undefined) return call;
  const issues = parametersValidator(call.name, parameters)(call.arguments);
  if (issues.length === 0) return call;
  throw new ProviderError(
    'invalid-output',
    `The model's arguments for "${call.name}" do not match its parameters (${issues.slice(0, MAX_ISSUES).join('; ')}); the call was not passed on. Ask again, or simplify the function's parameters.`,
  );
}

/** Reads grammar-constrained output back: the calls it makes, or the answer it gives. */
export function parseCallFormat(text: string, calls: FunctionCallRequest): { text: string; functionCalls: FunctionCall[] } {
  let parsed: { tool_call?: { name?: unknown; arguments?: unknown }; response?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (cause) {
    throw new ProviderError('invalid-output', 'The model\'s function-call output is not complete JSON (was it cut off by maxTokens? raise it).', { cause });
  }
  const call = parsed.tool_call;
  if (call !== undefined) {
    const name = typeof call.name === 'string' ? call.name : '';
    if (!calls.functions.some((f) => f.name === name)) {
      throw new ProviderError('invalid-output', `The model called function "${name}", which the request did not offer.`);
    }
    return { text: '', functionCalls: [checkCallArguments({ name, arguments: call.arguments ?? {} }, calls.functions)] };
  }
  if (typeof parsed.response === 'string') return { text: parsed.response, functionCalls: [] };
  throw new ProviderError('invalid-output', 'The model\'s output is neither a function call nor an answer.');
}
