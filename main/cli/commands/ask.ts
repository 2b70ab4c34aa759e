/**
 * `airlock ask`: one governed model call through the gateway's ten stages. Streams the answer to
 * stdout as it is released, then prints the stage verdict table, tokens, cost and the audit seq.
 * A refused call prints its verdict table and the refusal (what to do) on stderr.
 */
import type { Command } from 'commander';
import { KillSwitchEngaged } from '../../governance/errors.ts';
import type { StageVerdict } from '../../gateway/index.ts';
import { loadManifest } from '../../../models/manifest.ts';
import type { PriceResolver, ProviderResolver } from '../../gateway/ports.ts';
import { renderTable } from '../table.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { governanceCommand, governanceOptions, withGovernance, type GovernanceFlags } from './policy.ts';

interface AskFlags extends GovernanceFlags {
  model: string;
  team?: string;
  agent?: string;
  task?: string;
  maxTokens: string;
  hold?: boolean;
  manifest?: string;
}

function detailText(v: StageVerdict): string {
  return Object.entries(v.detail)
    .map(([k, value]) => `${k}=${String(value)}`)
    .join(' ');
}

export function verdictTable(verdicts: readonly StageVerdict[]): string {
  return renderTable(
    ['#', 'stage', 'verdict', 'ms', 'detail'],
    verdicts.map((v, i) => [String(i + 1), v.stage, v.outcome, v.ms.toFixed(3), detailText(v)]),
  );
}

interface AskProviders {
  readonly resolve: ProviderResolver;
  readonly pricing?: PriceResolver;
  dispose(): Promise<void>;
}

/** The manifest's routing when it has one (or a task is named); otherwise the local models by alias, as before. */
async function openProviders(flags: AskFlags): Promise<AskProviders> {
  const manifest = flags.manifest !== undefined ? { manifestPath: flags.manifest } : {};
  if (flags.task !== undefined || (await loadManifest(flags.manifest)).routing !== undefined) {
    const { routedProviders } = await import('../../gateway/routed-providers.ts');
    return routedProviders({ ...manifest, ...(flags.task !== undefined && { task: flags.task }) });
  }
  const { localProviders } = await import('../../gateway/index.ts');
  return localProviders(manifest);
}

export function registerAsk(program: Command): void {
  governanceOptions(program.command('ask').description('send one prompt through the governed gateway (all ten stages) and stream the answer'))
    .argument('<prompt>', 'the prompt')
    .option('--model <alias>', 'model alias from the manifest', 'default')
    .option('--team <id>', 'team the call is made for (policy, budgets, kill switches)')
    .option('--agent <id>', 'agent the call is made for')
    .option('--task <id>', "task the call serves (picks the task's model aliases in the manifest's routing)")
    .option('--max-tokens <n>', 'most tokens to generate', '128')
    .option('--hold', 'release no text before the final output verdict')
    .option('--manifest <path>', 'model manifest (default: the bundled models/manifest.json)')
    .action((prompt: string, flags: AskFlags) =>
      governanceCommand(async () => {
        const maxTokens = Number(flags.maxTokens);
        if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new UserFacingError(`--max-tokens must be a positive whole number, not "${flags.maxTokens}"`);
        // The gateway brings the detectors (NLP lexicon) and the model runtime: loaded only when asking,
        // so every other command starts without them.
        const { GatewayError, gatewayRecordOf, openGateway } = await import('../../gateway/index.ts');
        await withGovernance(flags, async ({ tenant, governance }) => {
          // A switch engaged by another process (`airlock kill engage`) must stop this call too: only
          // polling the database sees it. Only ask runs long enough to need the watcher.
          const stopWatchingKills = governance.kills.watch();
          const providers = await openProviders(flags);
          try {
            const gateway = await openGateway({
              tenant,
              audit: tenant.audit,
              governance,
              providers: providers.resolve,
              ...(providers.pricing !== undefined && { pricing: providers.pricing }),
            });
            const request = {
              actor: flags.user,
              model: flags.model,
              maxTokens,
              messages: [{ role: 'user' as const, content: prompt }],
              ...(flags.team !== undefined ? { team: flags.team } : {}),
              ...(flags.agent !== undefined ? { agent: flags.agent } : {}),
              ...(flags.task !== undefined ? { task: flags.task } : {}),
            };
            let result;
            let shown = 0;
            try {
              result = await gateway.stream(
                request,
                (text) => {
                  shown += text.length;
                  process.stdout.write(text);
                },
                { holdUntilVerdict: Boolean(flags.hold) },
              );
            } catch (error) {
              process.stdout.write('\n');
              // A terminal cannot take text back: say, next to it, that what was streamed was refused.
              if (shown > 0) {
                const code = error instanceof GatewayError || error instanceof KillSwitchEngaged ? error.code : 'an error';
                process.stdout.write(`[WITHDRAWN: the text above was refused after it was shown (${code}); do not use it. Use --hold to see only answers that pass.]\n`);
              }
              const record = gatewayRecordOf(error);
              if (record && record.verdicts.length > 0) process.stderr.write(`${verdictTable(record.verdicts)}\n`);
              if (error instanceof GatewayError || error instanceof KillSwitchEngaged) {
                const seq = record ? ` (audit seq ${record.auditSeq})` : '';
                throw new UserFacingError(`${error.message}${seq}`, 1, { cause: error });
              }
              throw error;
            }
            if (result.streamDiverged) process.stdout.write(`\n[the final answer differs from the streamed text after output validation:]\n${result.text}`);
            process.stdout.write('\n\n');
            process.stdout.write(`${verdictTable(result.verdicts)}\n\n`);
            for (const w of result.warnings) process.stdout.write(`warning: ${w}\n`);
            const served = result.verdicts.find((v) => v.stage === 'llm-call')?.detail;
            const route = typeof served?.route === 'string' ? ` (routed: ${served.route})` : '';
            process.stdout.write(
              `model ${typeof served?.model === 'string' ? served.model : result.model}${route}; tokens: ${result.usage.promptTokens} prompt + ${result.usage.completionTokens} completion; ` +
                `cost ${result.usage.cost} units (reserved ${result.usage.reserved}, released ${result.usage.released}); ` +
                `${result.latencyMs.toFixed(0)} ms; audit seq ${result.auditSeq} (pre-call ${result.preCallSeq}); pipeline ${result.pipelineHash}\n`,
            );
          } finally {
            stopWatchingKills();
            await providers.dispose();
          }
        });
      }),
    );
}
