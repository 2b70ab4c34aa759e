/**
 * Stage 2: structural and semantic injection detection on the user's input AND on every tool
 * output and retrieved document passed back in the request (indirect injection, stricter
 * thresholds). Governance's enforcement mode decides: enforce blocks, warn flags with a message to
 * the agent, audit records only. Unmarked system messages come from the governed agent definition;
 * a system message marked as a tool output or document is checked like any other. Assistant turns
 * are checked too, content and tool calls: the caller writes every turn it sends, so an
 * "assistant" turn is no exemption (stage 4 moderates them for the same reason); unmarked, they
 * get the thresholds of text the caller typed. Tool names (as words), the function definitions
 * (as tool output) and the output schema are checked too: the model reads all of them.
 * An injection split across texts the model reads one after another ("Ignore all previous" |
 * "instructions.") is in neither alone: the seam between them (the last SEAM_REACH characters so
 * far and the first of the next text) is checked too, with the stricter source of the two; a
 * finding there counts like one in a message when the seam judges worse than either side alone.
 */
import { definitionText, nameWords, type CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { structuredText } from '../moderation/index.ts';
import {
  decideInjection,
  detectInjection,
  findingClasses,
  type InjectionDecision,
  type InjectionFinding,
  type InjectionDetection,
  type InjectionSource,
} from '../injection/index.ts';
import { isIndirect } from '../injection/types.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

/** Characters each side of a seam: a split phrase is a few words, and each seam costs a bounded check. */
export const SEAM_REACH = 300;

const VERDICT_RANK = { clean: 0, suspicious: 1, injection: 2 } as const;

/** Quotes, brackets and object keys ('{"a": {"text": ["') before a JSON value's first word. */
const JSON_OPENING = /^[\s"'`([{]*(?:[\w$.-]{1,64}["']\s*:[\s"'`([{]*){0,8}/;
/** Quotes and brackets after a JSON value's last word ('"}]}'). */
const JSON_CLOSING = /[\s"'`)\]}]+$/;

/** The last `reach` characters, from a word start when one is near. */
function tailOf(text: string, reach = SEAM_REACH): string {
  if (text.length <= reach) return text;
  const from = text.length - reach;
  const space = text.slice(from, from + 40).search(/\s/);
  return text.slice(space < 0 ? from : from + space + 1);
}

/** The first `reach` characters, to a word end when one is near. */
function headOf(text: string, reach = SEAM_REACH): string {
  if (text.length <= reach) return text;
  const space = text.slice(reach - 40, reach).search(/\s\S*$/);
  return text.slice(0, space < 0 ? reach : reach - 40 + space);
}

/**
 * Seams between consecutive texts. `carry` is the end of everything read so far (several short
 * texts, when they are short), `carrySource` the strictest source in it.
 */
class Seams {
  private carry = '';
  private carrySource: InjectionSource = 'user';

  constructor(private readonly found: (detection: InjectionDetection, source: InjectionSource) => void) {}

  next(text: string, source: InjectionSource): void {
    if (text === '') return;
    if (this.carry !== '') {
      const stricter = isIndirect(source) ? source : this.carrySource;
      // Opening quotes and brackets and the keys of a JSON object (a tool call's arguments,
      // '{"text":"instructions…'), and the closing ones before, are not words of a split phrase.
      const head = headOf(text).replace(JSON_OPENING, '');
      const carry = this.carry.replace(JSON_CLOSING, '');
      const detection = detectInjection(`${carry}\n${head}`, { source: stricter });
      // Only what neither side says alone: each side was (or is) checked on its own.
      if (detection.verdict !== 'clean') {
        const alone = Math.max(
          VERDICT_RANK[detectInjection(carry, { source: stricter }).verdict],
          VERDICT_RANK[detectInjection(head, { source: stricter }).verdict],
        );
        if (VERDICT_RANK[detection.verdict] > alone) this.found(detection, stricter);
      }
      if (text.length < SEAM_REACH && isIndirect(this.carrySource) && !isIndirect(source)) source = this.carrySource;
    }
    this.carry = text.length >= SEAM_REACH ? tailOf(text) : tailOf(this.carry === '' ? text : `${this.carry}\n${text}`);
    this.carrySource = source;
  }

  /** A text the chain does not run through (the agent's own system message) ends it. */
  reset(): void {
    this.carry = '';
  }
}

export const promptInjection: Stage = {
  name: 'prompt-injection',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    let checked = 0;
    let worst: { decision: InjectionDecision; source: InjectionSource } | undefined;
    const sources = new Set<InjectionSource>();
    const rank = { allow: 0, 'allow-with-warning': 1, block: 2 } as const;
    const found: InjectionFinding[] = [];
    let score = 0;
    let seamFindings = 0;
    const judge = (detection: InjectionDetection, source: InjectionSource): void => {
      found.push(...detection.findings);
      score = Math.max(score, detection.semanticScore);
      sources.add(source);
      const decision = decideInjection(detection, ctx.policy.mode, source);
      if (!worst || rank[decision.action] > rank[worst.decision.action]) worst = { decision, source };
    };
    const check = (text: string, source: InjectionSource): void => {
      if (text === '') return;
      checked++;
      const detection = detectInjection(text, { source });
      if (detection.verdict !== 'clean') judge(detection, source);
    };
    const seams = new Seams((detection, source) => {
      seamFindings++;
      judge(detection, source);
    });
    for (const message of ctx.request.messages) {
      // An unmarked system message is the governed agent's definition; one marked as a tool output
      // or a document is untrusted content in a system turn, and is checked like any other.
      if (message.role === 'system' && message.source === undefined) {
        seams.reset();
        continue;
      }
      const typed = message.role === 'user' || message.role === 'assistant';
      const source: InjectionSource = message.source ?? (typed ? 'user' : 'retrieved-document');
      check(message.content, source);
      seams.next(message.content, source);
      // A tool call's name is one identifier, checked alone; the seams run from the content through the arguments.
      for (const call of message.toolCalls ?? []) {
        check(nameWords(call.name), source);
        check(call.arguments, source);
        seams.next(call.arguments, source);
      }
    }
    // Function definitions come from tool servers (tool poisoning hides instructions in a
    // description or a parameter's enum): checked as tool output, and so are the seams between them
    // and from the last message into the first (the model reads both; a tool output ending
    // "Ignore all previous" and a description beginning "instructions…" say it together). A
    // definition's name is one identifier, checked with it but no part of a seam.
    // The output schema as the caller's.
    for (const definition of ctx.request.functions ?? []) {
      check(definitionText(definition), 'tool-output');
      seams.next(definitionText({ ...definition, name: '' }).replace(/^\n/, ''), 'tool-output');
    }
    if (ctx.request.jsonSchema !== undefined) check(structuredText(ctx.request.jsonSchema).text, 'user');
    // For the audit record: class names and the highest semantic score, never the text that matched.
    const detail = {
      checked,
      findings: found.length,
      mode: ctx.policy.mode,
      sources: [...sources].sort().join(','),
      ...(seamFindings > 0 ? { seamFindings } : {}),
      ...(found.length > 0 ? { classes: findingClasses(found), semanticScore: score } : {}),
    };
    if (!worst || worst.decision.action === 'allow' && !worst.decision.securityEvent) return verdict(this.name, 'pass', detail, started);
    if (worst.decision.action === 'block') {
      ctx.blocked = new GatewayBlocked(this.name, 'PROMPT_INJECTION', worst.decision.agentMessage);
      return verdict(this.name, 'block', { ...detail, error: 'PROMPT_INJECTION', event: 'security' }, started);
    }
    if (worst.decision.agentMessage !== '') ctx.warnings.push(worst.decision.agentMessage);
    ctx.findings.add(this.name);
    return verdict(this.name, 'flag', { ...detail, action: worst.decision.action, event: 'security' }, started);
  },
};
