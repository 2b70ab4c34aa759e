import type { ServerEntry } from '../../models/manifest.ts';
import { ModelServerConfigError, readApiKey, serverEgressPolicy, type ServerEgressPolicy } from '../gateway/routed-providers.ts';
import { checkEgress, EgressRefusedError, systemResolver, type EgressTarget, type HostResolver } from '../providers/egress-guard.ts';
import { ProviderError, ProviderTimeoutError } from '../providers/errors.ts';
import { OpenAICompatibleProvider } from '../providers/openai-compatible.ts';
import { redactSecret } from '../providers/redact-secret.ts';
import type { DoctorCheck } from './report.ts';

export interface ModelServerCheckOptions {
  /** Base for a relative apiKeyFile: the manifest's folder, as the gateway resolves it. */
  readonly manifestDir: string;
  /** DNS for the egress guard (default the system's); bounded here by `timeoutMs`. */
  readonly resolveHost?: HostResolver;
  /** Bounds each network step: each DNS lookup, connect, silence and the whole /models request. */
  readonly timeoutMs: number;
  /** Why the gateway refuses this server at load (e.g. its models would be free), if it does. */
  readonly refusal?: string;
  /** The routing's model ids served by this server, to say what depends on it. */
  readonly routedModels?: readonly string[];
}

export function modelServerCheckName(server: string): string {
  return `model server ${server}`;
}

/**
 * Checks one `routing.servers` entry as the gateway will use it: the egress guard on its base URL,
 * its API key file by the provider's own rules, its price, then a short GET of its /models (through
 * the provider's own open, so the same pinned address and bearer token) and that it serves the
 * configured model. The key is never put in the result: any detail that could carry it is redacted.
 */
export async function checkModelServer(server: string, entry: ServerEntry, options: ModelServerCheckOptions): Promise<DoctorCheck> {
  const name = modelServerCheckName(server);
  const setting = `routing.servers.${server}`;
  const fail = (detail: string, remedy: string): DoctorCheck => ({ name, status: 'fail', detail, remedy });
  const egress = serverEgressPolicy(entry, bounded(options.resolveHost ?? systemResolver, options.timeoutMs));

  let target: EgressTarget;
  try {
    target = await checkEgress(entry.baseUrl, egress);
  } catch (error) {
    if (error instanceof EgressRefusedError || error instanceof TypeError) {
      return fail(error.message, `Change ${setting}.baseUrl (or, for an on-prem address, ${setting}.allow) in the model manifest.`);
    }
    throw error;
  }
  const where = `${target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname}:${target.port}`;

  let apiKey: string | undefined;
  if (entry.apiKeyFile !== undefined) {
    try {
      apiKey = await readApiKey(server, entry.apiKeyFile, options.manifestDir);
    } catch (error) {
      if (!(error instanceof ModelServerConfigError)) throw error;
      return fail(error.message, `Fix the file ${setting}.apiKeyFile names, or point it at the right one.`);
    }
  }

  if (options.refusal !== undefined) return fail(options.refusal, `Give ${setting} a pricePer1kTokens in the model manifest.`);

  const checked = redacting(apiKey, await probe(entry, egress, apiKey, options.timeoutMs).then(
    () => undefined,
    (error: unknown) => reachabilityFailure(error, where, setting),
  ));
  if (checked !== undefined) return { name, status: 'fail', ...checked };

  const uses = options.routedModels !== undefined && options.routedModels.length > 0 ? `; routed here: ${options.routedModels.join(', ')}` : '';
  return {
    name,
    status: 'pass',
    detail: `${where} (${target.addressClass} ${target.address}) answers and serves "${entry.model}"${apiKey !== undefined ? ', API key file private' : ''}${uses}`,
  };
}

/** A resolver that gives up after `ms`: a site's DNS that never answers must not hang the doctor. */
function bounded(resolve: HostResolver, ms: number): HostResolver {
  return (hostname) =>
    new Promise((resolved, rejected) => {
      const timer = setTimeout(() => rejected(new Error(`no DNS answer within ${ms} ms`)), ms);
      resolve(hostname)
        .then(resolved, rejected)
        .finally(() => clearTimeout(timer));
    });
}

/** Opens the server's provider, which GETs /models and checks the model is listed, then closes it. */
async function probe(entry: ServerEntry, egress: ServerEgressPolicy, apiKey: string | undefined, timeoutMs: number): Promise<void> {
  const provider = await OpenAICompatibleProvider.open({
    baseUrl: entry.baseUrl,
    model: entry.model,
    egress,
    ...(apiKey !== undefined && { apiKey }),
    timeouts: { connectMs: timeoutMs, idleMs: timeoutMs, overallMs: timeoutMs },
    verifyModel: true,
  });
  await provider.dispose();
}

interface Failure {
  readonly detail: string;
  readonly remedy: string;
}

function reachabilityFailure(error: unknown, where: string, setting: string): Failure {
  const unreachable = (code: string, message: string): Failure => ({
    detail: `${where} unreachable (${code}): ${message}`,
    remedy: `Start the server or fix ${setting}.baseUrl in the model manifest.`,
  });
  if (error instanceof ProviderTimeoutError) return unreachable(`${error.phase} timeout after ${error.timeoutMs} ms`, error.message);
  if (error instanceof ProviderError) {
    if (error.code === 'connection-failed') return unreachable((error.cause as NodeJS.ErrnoException | undefined)?.code ?? 'connection failed', error.message);
    if (error.code === 'model-not-found') {
      return { detail: error.message, remedy: `Set ${setting}.model to a model the server lists, or start the server with that model.` };
    }
    if (error.code === 'unauthorized') {
      return { detail: error.message, remedy: `Put the key the server expects in the file ${setting}.apiKeyFile names (or add apiKeyFile).` };
    }
  }
  return { detail: error instanceof Error ? error.message : String(error), remedy: `Check ${setting}.baseUrl (it should end in /v1) and the server's own log.` };
}

/** Belt and braces: a server that echoes the bearer token in an error body must not put it in the report. */
function redacting(apiKey: string | undefined, result: Failure | undefined): Failure | undefined {
  if (apiKey === undefined || result === undefined) return result;
  const hide = (text: string): string => redactSecret(text, apiKey);
  return { ...result, detail: hide(result.detail), remedy: hide(result.remedy) };
}
