/**
 * Stage 9: puts this call's PII values back into the response, for the authorised caller only
 * (request.restorePii, default true). A withheld response is not restored. If restoring fails the
 * tokens stay in place: a safe degradation (the caller sees [EMAIL_1], nobody sees another value).
 * A streamed answer's last part is released here, once stages 7–9 have passed (see output-stream.ts).
 */
import type { JsonValue } from '../pii/index.ts';
import { TOKEN_PATTERN } from '../pii/index.ts';
import type { CallContext } from '../context.ts';
import { causeName } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

function tokenCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TOKEN_PATTERN)) n++;
  return n;
}

/** Plain JSON data (what JSON.parse gives), which restoreValue can walk without losing anything. */
function isJsonData(value: unknown, depth = 0): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 256) return false;
  if (Array.isArray(value)) return value.every((v) => isJsonData(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => isJsonData(v, depth + 1));
}

export const piiRestore: Stage = {
  name: 'pii-restore',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.blocked !== undefined || ctx.output === undefined) {
      return verdict(this.name, 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, started);
    }
    const authorised = ctx.request.restorePii !== false;
    const before = tokenCount(ctx.output);
    try {
      const restorer = ctx.pii.restorer(authorised);
      if (ctx.structuredValue !== undefined) {
        // Structured output is restored as data, never as text: a value holding `"` or `\` spliced
        // into the JSON text would change its structure after stage 7 checked it. The text is the
        // restored value written out again. A value a zod schema transformed into something JSON
        // cannot hold (a Date) keeps its tokens, text and value alike: a safe degradation.
        if (isJsonData(ctx.structuredValue)) {
          ctx.structuredValue = restorer.restoreValue(ctx.structuredValue);
          ctx.finalText = JSON.stringify(ctx.structuredValue);
        } else ctx.finalText = ctx.output;
      } else ctx.finalText = restorer.restore(ctx.output);
      ctx.finalFunctionCalls = (ctx.functionCalls ?? []).map((c) => ({ name: c.name, arguments: restorer.restoreValue((c.arguments ?? null) as JsonValue) }));
    } catch (error) {
      ctx.finalText = ctx.output;
      ctx.finalFunctionCalls = ctx.functionCalls ?? [];
      ctx.stream?.releaseFinal(ctx.finalText);
      return verdict(this.name, 'skip-degraded', { authorised, tokens: before, cause: causeName(error) }, started);
    }
    ctx.stream?.releaseFinal(ctx.finalText);
    const left = tokenCount(ctx.finalText);
    return verdict(this.name, 'pass', { authorised, tokens: before, restored: before - left, unreplaced: left }, started);
  },
};
