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
  type InjectionSource,
} from '../injection/index.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

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
    const check = (text: string, source: InjectionSource): void => {
      if (text === '') return;
      checked++;
      const detection = detectInjection(text, { source });
      if (detection.verdict === 'clean') return;
      found.push(...detection.findings);
      score = Math.max(score, detection.semanticScore);
      sources.add(source);
      const decision = decideInjection(detection, ctx.policy.mode, source);
      if (!worst || rank[decision.action] > rank[worst.decision.action]) worst = { decision, source };
    };
    for (const message of ctx.request.messages) {
      // An unmarked system message is the governed agent's definition; one marked as a tool output
      // or a document is untrusted content in a system turn, and is checked like any other.
      if (message.role === 'system' && message.source === undefined) continue;
      const typed = message.role === 'user' || message.role === 'assistant';
      const source: InjectionSource = message.source ?? (typed ? 'user' : 'retrieved-document');
      const texts = [message.content, ...(message.toolCalls ?? []).flatMap((c) => [nameWords(c.name), c.arguments])];
      for (const text of texts) check(text, source);
    }
    // Function definitions come from tool servers (tool poisoning hides instructions in a
    // description or a parameter's enum): checked as tool output. The output schema as the caller's.
    for (const definition of ctx.request.functions ?? []) check(definitionText(definition), 'tool-output');
    if (ctx.request.jsonSchema !== undefined) check(structuredText(ctx.request.jsonSchema).text, 'user');
    // For the audit record: class names and the highest semantic score, never the text that matched.
    const detail = {
      checked,
      findings: found.length,
      mode: ctx.policy.mode,
      sources: [...sources].sort().join(','),
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
