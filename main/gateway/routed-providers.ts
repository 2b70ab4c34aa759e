/**
 * The routing provider resolver: every call goes through the site's {@link ModelRouter} (aliases
 * per task / agent / team / site, deprecated models to their successors, a circuit breaker per
 * provider, fallbacks), built from the manifest's optional `routing` section. Local models are
 * node-llama-cpp providers and on-prem servers OpenAI-compatible ones; each is opened on first
 * use and shared by every call. Each call gets its own provider object whose `route()` says where
 * that call went, for the stage verdict and the audit entry.
 *
 *   const routed = await routedProviders({ manifestPath });
 *   const gateway = await openGateway({ …, providers: routed.resolve, pricing: routed.pricing });
 */
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { LOCAL_PROVIDER, loadManifest, DEFAULT_MANIFEST_PATH, type ManifestOptions, type ModelManifest, type ServerEntry } from '../../models/manifest.ts';
import { checkEgress, type HostResolver } from '../providers/egress-guard.ts';
import { LlamaCppProvider } from '../providers/llama-cpp.ts';
import { OpenAICompatibleProvider } from '../providers/openai-compatible.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../providers/provider.ts';
import { ModelRouter, type RouteScope, type RouterConfigInput } from '../providers/router.ts';

// The router's refusal of a routing section, for callers above the gateway (the CLI) to recognise.
export { RouterConfigError } from '../providers/router.ts';
import { asModelProvider, manifestPricing } from './local-providers.ts';
import type { CallRoute, PriceResolver, ProviderResolver, ProviderScope, RoutedModelProvider } from './ports.ts';

/** A configured model server that cannot be used as configured (e.g. its API key file is unreadable). */
export class ModelServerConfigError extends Error {
  constructor(
    readonly server: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ModelServerConfigError';
  }
}

export interface RoutedProvidersOptions extends ManifestOptions {
  /** Task scope for every call this resolver serves (e.g. `airlock ask --task`), unless the call names one. */
  readonly task?: string;
  /**
   * Providers to use instead of opening one, by router provider key (a local model's manifest id
   * or a server name). For a neighbour double in tests, or a provider the caller already holds.
   */
  readonly providers?: Readonly<Record<string, ModelProvider>>;
  /** DNS for the egress guard; injectable so tests never touch real DNS. */
  readonly resolveHost?: HostResolver;
  /** Clock for the circuit breakers (ms). */
  readonly now?: () => number;
}

export interface RoutedProviders {
  readonly resolve: ProviderResolver;
  readonly router: ModelRouter;
  /** Prices per routed model id: the manifest's for local models, the server's for server models. */
  readonly pricing: PriceResolver;
  /** Unloads local models and closes server providers this resolver opened. */
  dispose(): Promise<void>;
}

/** The router config the manifest's routing section means (see models/manifest.ts). */
export function routerConfigOf(manifest: ModelManifest): RouterConfigInput {
  const routing = manifest.routing;
  const models: RouterConfigInput['models'] = {};
  // Manifest models the routing does not mention are served locally under their own id.
  for (const id of Object.keys(manifest.models)) models[id] = { provider: id };
  for (const [id, model] of Object.entries(routing?.models ?? {})) {
    models[id] = { ...model, provider: model.provider === LOCAL_PROVIDER ? id : model.provider };
  }
  return {
    models,
    aliases: { ...manifest.aliases, ...routing?.aliases },
    ...(routing !== undefined && { teams: routing.teams, agents: routing.agents, tasks: routing.tasks }),
    ...(routing?.breaker !== undefined && { breaker: routing.breaker }),
  };
}

/** Opens its provider on first use; every call after shares it. A failed open is retried next time. */
class LazyProvider implements ModelProvider {
  private opening: Promise<ModelProvider> | undefined;

  constructor(
    readonly kind: ModelProvider['kind'],
    readonly modelId: string,
    private readonly open: () => Promise<ModelProvider>,
  ) {}

  private provider(): Promise<ModelProvider> {
    if (this.opening === undefined) {
      const opening = this.open();
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    return (await this.provider()).generate(request);
  }

  async dispose(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    if (opening === undefined) return;
    const provider = await opening.catch(() => undefined);
    await provider?.dispose();
  }
}

/** One call's provider: routes through the router and keeps this call's outcome. */
class RoutedCall implements RoutedModelProvider {
  private outcome: CallRoute;

  constructor(
    readonly kind: ModelProvider['kind'],
    private readonly router: ModelRouter,
    private readonly scope: RouteScope,
    first: CallRoute,
    private readonly fallbacks: readonly string[],
  ) {
    this.outcome = first;
  }

  candidates(): readonly string[] {
    return this.fallbacks;
  }

  /** The model the route leads to before any provider is tried; prices the call. */
  get modelId(): string {
    return this.outcome.model;
  }

  route(): CallRoute {
    return this.outcome;
  }

  /** The call's route (the model that served or failed last, the hops to it, how each model before it failed) is kept here, per call. */
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { requested, model, provider, routedFrom, reason, hops, attempts, ...generation } = await this.router.generate(this.outcome.requested, request, this.scope, {
      onFailure: (route) => {
        this.outcome = route;
      },
    });
    // The failures before the model that served stay with the route: stage 6 bills a call whose earlier model ran.
    this.outcome = { requested, model, provider, hops, ...(routedFrom !== undefined && { routedFrom }), ...(reason !== undefined && { reason }), ...(attempts !== undefined && { attempts }) };
    return generation;
  }

  /** The shared providers belong to the resolver, not to one call. */
  async dispose(): Promise<void> {}
}

/** A key file larger than this is not a key (a token is tens to hundreds of bytes). */
const MAX_KEY_FILE_BYTES = 4096;
// A bearer token: printable ASCII, no spaces or line breaks (which would also break the header).
const KEY_TEXT = /^[\x21-\x7e]+$/;

/**
 * Reads a server's API key. The file must be a regular file (not a link, device or pipe, which
 * could send another file's first line as the token, hang, or exhaust memory), private to its
 * owner (mode 600 or stricter: it is a secret), small, and hold the token only. Each refusal says
 * which server, which file and what to do; none repeats the file's contents. Exported so
 * `airlock doctor` judges the file by these very rules.
 */
export async function readApiKey(server: string, file: string, manifestDir: string): Promise<string> {
  const path = isAbsolute(file) ? file : resolvePath(manifestDir, file);
  const refuse = (what: string, remedy: string, cause?: unknown): ModelServerConfigError =>
    new ModelServerConfigError(server, `The API key file for model server "${server}" (${path}) ${what}. ${remedy}`, cause === undefined ? undefined : { cause });
  let handle: FileHandle;
  try {
    handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    if (code === 'ELOOP') throw refuse('is a symbolic link', 'Point apiKeyFile at the key file itself.', cause);
    throw refuse(`cannot be read (${code})`, 'Check the path and that the appliance may read it.', cause);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw refuse('is not a regular file', 'Point apiKeyFile at a file holding the key.');
    if ((info.mode & 0o077) !== 0) throw refuse(`can be read by others (mode ${(info.mode & 0o777).toString(8)})`, `Make it private: chmod 600 ${path}.`);
    if (info.size > MAX_KEY_FILE_BYTES) throw refuse(`is ${info.size} bytes, too large to be a key`, 'Put only the server\'s key in it.');
    const key = (await handle.readFile('utf8')).trim();
    if (key === '') throw refuse('is empty', 'Put the server\'s key in it, or remove apiKeyFile.');
    if (!KEY_TEXT.test(key)) throw refuse('holds more than one token (spaces, line breaks or non-printable characters)', 'Put only the server\'s key in it, on one line.');
    return key;
  } finally {
    await handle.close();
  }
}

export interface ServerEgressPolicy {
  readonly allow: readonly string[];
  readonly resolve?: HostResolver;
}

/** The egress policy a server's base URL is checked against (also by `airlock doctor`). */
export function serverEgressPolicy(server: ServerEntry, resolveHost?: HostResolver): ServerEgressPolicy {
  return { allow: server.allow, ...(resolveHost !== undefined && { resolve: resolveHost }) };
}

export async function routedProviders(options: RoutedProvidersOptions = {}): Promise<RoutedProviders> {
  const manifestPath = resolvePath(options.manifestPath ?? DEFAULT_MANIFEST_PATH);
  const manifest = await loadManifest(manifestPath);
  const servers = manifest.routing?.servers ?? {};
  const config = routerConfigOf(manifest);
  const egress = (server: ServerEntry): ServerEgressPolicy => serverEgressPolicy(server, options.resolveHost);

  const opened: ModelProvider[] = [];
  const table: Record<string, ModelProvider> = {};
  for (const key of new Set(Object.values(config.models).map((m) => m.provider))) {
    const given = options.providers?.[key];
    if (given !== undefined) {
      table[key] = given;
      continue;
    }
    const server = Object.hasOwn(servers, key) ? servers[key] : undefined;
    const provider =
      server === undefined
        ? new LazyProvider('llama-cpp', key, async () =>
            asModelProvider(await LlamaCppProvider.open({ alias: key, manifestPath, ...(options.modelsDir !== undefined && { modelsDir: options.modelsDir }) })),
          )
        : new LazyProvider('openai-compatible', server.model, async () => {
            const apiKey = server.apiKeyFile !== undefined ? await readApiKey(key, server.apiKeyFile, dirname(manifestPath)) : undefined;
            return OpenAICompatibleProvider.open({
              baseUrl: server.baseUrl,
              model: server.model,
              egress: egress(server),
              ...(apiKey !== undefined && { apiKey }),
              ...(server.timeouts !== undefined && { timeouts: server.timeouts }),
              promptCache: server.promptCache,
            });
          });
    table[key] = provider;
    opened.push(provider);
  }
  const router = new ModelRouter(config, { providers: table, ...(options.now !== undefined && { now: options.now }) });

  const serverPrices = Object.fromEntries(
    Object.entries(router.config.models).flatMap(([id, m]) => {
      const price = Object.hasOwn(servers, m.provider) ? servers[m.provider]?.pricePer1kTokens : undefined;
      return price !== undefined ? [[id, price]] : [];
    }),
  );
  const pricing = await manifestPricing(manifestPath, serverPrices);
  // A server model without a price is charged the manifest's highest price; when that is zero its
  // calls would be free and no budget would limit them: refused at load, saying what to add.
  const fallbackPrice = pricing('\u0000unpriced');
  if (fallbackPrice.input === 0 && fallbackPrice.output === 0) {
    for (const [id, m] of Object.entries(router.config.models)) {
      if (Object.hasOwn(servers, m.provider) && !Object.hasOwn(serverPrices, id)) {
        throw new ModelServerConfigError(
          m.provider,
          `Model "${id}" on model server "${m.provider}" has no price, and the manifest prices nothing above zero, so its calls would be free and no budget would limit them. ` +
            `Give routing.servers.${m.provider} a pricePer1kTokens in ${manifestPath}.`,
        );
      }
    }
  }

  const kindOf = (key: string): ModelProvider['kind'] => table[key]?.kind ?? 'llama-cpp';
  return {
    router,
    pricing,
    async resolve(alias: string, scope: ProviderScope): Promise<ModelProvider> {
      const task = scope.task ?? options.task;
      const routeScope: RouteScope = {
        ...(scope.team !== undefined && { team: scope.team }),
        ...(scope.agent !== undefined && { agent: scope.agent }),
        ...(task !== undefined && { task }),
      };
      const decision = router.resolve(alias, routeScope);
      // A server on this route (or its fallbacks) that the egress guard refuses is a site
      // misconfiguration: refuse the call at admission rather than quietly route around it.
      const candidates = router.fallbackChain(decision.model);
      for (const model of candidates) {
        const key = router.config.models[model]?.provider;
        const server = key !== undefined && options.providers?.[key] === undefined && Object.hasOwn(servers, key) ? servers[key] : undefined;
        if (server !== undefined) await checkEgress(server.baseUrl, egress(server));
      }
      const last = decision.hops.at(-1);
      return new RoutedCall(kindOf(decision.provider), router, routeScope, {
        requested: alias,
        model: decision.model,
        provider: decision.provider,
        hops: decision.hops,
        ...(last !== undefined && { routedFrom: decision.hops[0]?.from ?? decision.model, reason: last.reason }),
      }, candidates);
    },
    async dispose() {
      await Promise.all(opened.map((p) => p.dispose()));
    },
  };
}
