/**
 * The model router: which model (and so which provider) serves a request.
 *
 * - An alias ("default", "fast", …) resolves through the most specific scope that defines it:
 *   task, then agent, then the agent's team, then the site-wide aliases. A name that is no alias
 *   anywhere is taken as a model id.
 * - A deprecated model re-routes to its named successor (followed to the end of the chain).
 * - Each provider has a circuit breaker: after `failureThreshold` consecutive provider faults it
 *   opens and calls skip it; after `resetAfterMs` it half-opens and lets exactly one trial through,
 *   whose outcome closes or re-opens it. Bad requests are the caller's fault and do not count;
 *   neither do a wrong key or a model the provider does not serve (its setup, not its health).
 * - A model may name a fallback model, tried when its provider fails, refuses the model or its key,
 *   or its breaker is open — unless tokens have already streamed to the caller, which would then
 *   see two answers spliced, or the caller has aborted.
 *
 * Every re-route is reported on the result (`routedFrom`, `reason`, `hops`) so the gateway can
 * put it in the audit entry; a call that fails reports its route the same way, to `onFailure`.
 *
 * Config shape (JSON, validated by {@link routerConfigSchema}):
 * ```json
 * {
 *   "models": {
 *     "llama-8b":  { "provider": "local" },
 *     "qwen-32b":  { "provider": "vllm", "fallback": "llama-8b" },
 *     "old-7b":    { "provider": "local", "deprecated": { "successor": "llama-8b" } }
 *   },
 *   "aliases": { "default": "qwen-32b", "fast": "llama-8b" },
 *   "teams":  { "claims": { "aliases": { "default": "llama-8b" } } },
 *   "agents": { "triage": { "team": "claims", "aliases": { "fast": "old-7b" } } },
 *   "tasks":  { "summarise": { "aliases": { "default": "llama-8b" } } },
 *   "breaker": { "failureThreshold": 3, "resetAfterMs": 30000 }
 * }
 * ```
 */
import { z } from 'zod';
import { routingAliasesShape, routingModelSchema } from '../../models/manifest.ts';
import { ProviderError, type ProviderErrorCode } from './errors.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from './provider.ts';

const name = z.string().min(1);

export const routerConfigSchema = z
  .strictObject({
    /** Model id → the provider (a key of the router's provider table) that serves it. */
    models: z.record(name, routingModelSchema),
    ...routingAliasesShape,
    breaker: z
      .strictObject({
        failureThreshold: z.number().int().min(1).default(3),
        resetAfterMs: z.number().int().min(1).default(30_000),
      })
      .default({ failureThreshold: 3, resetAfterMs: 30_000 }),
  })
  .superRefine((config, ctx) => {
    const models = new Set(Object.keys(config.models));
    const check = (target: string, path: (string | number)[], what: string): void => {
      if (!models.has(target)) ctx.addIssue({ code: 'custom', path, message: `${what} "${target}" is not a model in "models"` });
    };
    for (const [alias, target] of Object.entries(config.aliases)) check(target, ['aliases', alias], 'alias target');
    for (const scope of ['teams', 'agents', 'tasks'] as const) {
      for (const [key, entry] of Object.entries(config[scope])) {
        for (const [alias, target] of Object.entries(entry.aliases)) check(target, [scope, key, 'aliases', alias], 'alias target');
      }
    }
    for (const [agent, entry] of Object.entries(config.agents)) {
      if (entry.team !== undefined && !(entry.team in config.teams)) {
        ctx.addIssue({ code: 'custom', path: ['agents', agent, 'team'], message: `team "${entry.team}" is not in "teams"` });
      }
    }
    for (const [id, model] of Object.entries(config.models)) {
      if (model.fallback !== undefined) check(model.fallback, ['models', id, 'fallback'], 'fallback');
      if (model.deprecated !== undefined) check(model.deprecated.successor, ['models', id, 'deprecated', 'successor'], 'successor');
      for (const link of ['fallback', 'successor'] as const) {
        const next = (m: string): string | undefined => (link === 'fallback' ? config.models[m]?.fallback : config.models[m]?.deprecated?.successor);
        const seen = new Set([id]);
        for (let at = next(id); at !== undefined; at = next(at)) {
          if (seen.has(at)) {
            ctx.addIssue({ code: 'custom', path: ['models', id], message: `${link} chain from "${id}" loops back to "${at}"` });
            break;
          }
          seen.add(at);
        }
      }
      // The route a call walks: a model's successors to the end, then on failure its fallback, then that one's successors, …
      const live = (m: string): string => {
        const seen = new Set([m]);
        for (let next = config.models[m]?.deprecated?.successor; next !== undefined && !seen.has(next); next = config.models[m]?.deprecated?.successor) {
          seen.add(next);
          m = next;
        }
        return m;
      };
      const tried = new Set<string>();
      for (let at: string | undefined = live(id); at !== undefined; ) {
        if (tried.has(at)) {
          ctx.addIssue({ code: 'custom', path: ['models', id], message: `the route from "${id}" (fallbacks and their successors) comes back to "${at}"` });
          break;
        }
        tried.add(at);
        const fallback: string | undefined = config.models[at]?.fallback;
        at = fallback === undefined ? undefined : live(fallback);
      }
    }
  });

export type RouterConfig = z.output<typeof routerConfigSchema>;
export type RouterConfigInput = z.input<typeof routerConfigSchema>;

export class RouterConfigError extends Error {
  constructor(
    message: string,
    /** A config that fails the schema: what is wrong, as `path: problem` pairs (for a caller that names the manifest itself). */
    readonly issues?: string,
  ) {
    super(message);
    this.name = 'RouterConfigError';
  }
}

export function parseRouterConfig(input: unknown): RouterConfig {
  const parsed = routerConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new RouterConfigError(`The model router config is invalid: ${issues}. Fix the routing section of the model manifest (models/manifest.json).`, issues);
  }
  return parsed.data;
}

/** Who is asking: the most specific scope that defines an alias wins. */
export interface RouteScope {
  readonly agent?: string;
  readonly team?: string;
  readonly task?: string;
}

export type RouteReason = 'deprecated' | 'fallback' | 'breaker-open';

export interface RouteHop {
  readonly from: string;
  readonly to: string;
  readonly reason: RouteReason;
}

export interface RouteDecision {
  /** The name the caller asked for (alias or model id). */
  readonly requested: string;
  /** Which scope supplied the alias, or 'model-id' when the name was a model id. */
  readonly scope: 'task' | 'agent' | 'team' | 'site' | 'model-id';
  /** The model the route leads to before any provider is tried (after deprecation). */
  readonly model: string;
  readonly provider: string;
  readonly hops: readonly RouteHop[];
}

/** Where one request went: what was asked for, what served it, and every re-route on the way. */
export interface RouteOutcome {
  readonly requested: string;
  /** The model that actually served the request. */
  readonly model: string;
  readonly provider: string;
  /** The model the request was re-routed away from, when it was. */
  readonly routedFrom?: string;
  /** Why the final re-route happened. */
  readonly reason?: RouteReason;
  /** Every re-route in order, for the audit entry. */
  readonly hops: readonly RouteHop[];
  /**
   * How each model the call was sent to failed, in order: for a failed call the failure thrown is
   * the last; for a call served after a fallback, the models before the one that served (absent
   * when the first served). A skip for an open breaker counts as 'unavailable'; undefined marks a
   * failure without a provider code. Neither the thrown error nor the result alone says that an
   * earlier model ran, and so may have done work to pay for.
   */
  readonly attempts?: readonly (ProviderErrorCode | undefined)[];
}

/** One call's options beyond the request. */
export interface RouteCallOptions {
  /**
   * Told where a failed call went before the router throws: `model` is the model whose failure is
   * thrown, `hops` the re-routes that led there, `attempts` how each model failed. Per call, never
   * on the error, which a shared provider may hand to several calls at once.
   */
  readonly onFailure?: (route: RouteOutcome) => void;
}

export interface RoutedResult extends GenerateResult, RouteOutcome {}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * What a call was let through with: a plain call (breaker closed) or the one half-open trial, and
 * the breaker's generation then (bumped each time it opens).
 */
interface BreakerTicket {
  readonly kind: 'call' | 'trial';
  readonly generation: number;
}

class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private generation = 0;

  constructor(
    private readonly threshold: number,
    private readonly resetAfterMs: number,
    private readonly now: () => number,
  ) {}

  state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.resetAfterMs ? 'half-open' : 'open';
  }

  /** Whether a call may go through now; in half-open, only the one trial may. */
  tryAcquire(): BreakerTicket | undefined {
    const state = this.state();
    if (state === 'closed') return { kind: 'call', generation: this.generation };
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return { kind: 'trial', generation: this.generation };
    }
    return undefined;
  }

  // Each outcome takes the ticket its call was given: only the trial frees the trial slot. A call let
  // through before the breaker last opened is stale: its outcome says how the provider was then, so
  // it counts only while the breaker is closed, and never closes an open breaker nor extends it.

  succeeded(ticket: BreakerTicket): void {
    if (ticket.kind === 'trial') this.trialInFlight = false;
    if (ticket.generation !== this.generation && this.openedAt !== undefined) return;
    this.failures = 0;
    this.openedAt = undefined;
  }

  /** Counts a provider fault; true when this one opened (or re-opened) the breaker. */
  failed(ticket: BreakerTicket): boolean {
    if (ticket.kind === 'trial') this.trialInFlight = false;
    if (ticket.generation !== this.generation && this.openedAt !== undefined) return false;
    this.failures++;
    if (this.openedAt === undefined && this.failures < this.threshold) return false;
    this.openedAt = this.now();
    this.generation++;
    return true;
  }

  /** The call ended without telling us anything about the provider (aborted, bad request, the caller's own error). */
  neutral(ticket: BreakerTicket): void {
    if (ticket.kind === 'trial') this.trialInFlight = false;
  }

  retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.openedAt + this.resetAfterMs - this.now());
  }
}

export interface ModelRouterOptions {
  /** Provider key (as named in the config's models) → the provider instance serving that model. */
  readonly providers: Readonly<Record<string, ModelProvider>>;
  /** Injectable clock for the breakers (ms). */
  readonly now?: () => number;
}

/** What a failure says about the provider: unwell (counts, falls back), not serving this model (falls back only), or the caller's (neither). */
function faultOf(error: unknown): 'provider' | 'setup' | 'caller' {
  if (!(error instanceof ProviderError)) return 'provider';
  if (error.providerFault) return 'provider';
  return error.modelSetupFault ? 'setup' : 'caller';
}

export class ModelRouter {
  readonly config: RouterConfig;
  private readonly providers: Readonly<Record<string, ModelProvider>>;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly now: () => number;

  constructor(config: RouterConfigInput | RouterConfig, options: ModelRouterOptions) {
    this.config = parseRouterConfig(config);
    this.providers = options.providers;
    this.now = options.now ?? Date.now;
    const missing = [...new Set(Object.values(this.config.models).map((m) => m.provider))].filter((p) => !Object.hasOwn(this.providers, p));
    if (missing.length > 0) {
      throw new RouterConfigError(`The router config names providers that were not given: ${missing.join(', ')}. Open them, or remove the models that use them.`);
    }
  }

  /** Where `requested` leads for this scope, before any provider is tried. */
  resolve(requested: string, scope: RouteScope = {}): RouteDecision {
    const { config } = this;
    const team = scope.team ?? (scope.agent !== undefined ? config.agents[scope.agent]?.team : undefined);
    const layers: [RouteDecision['scope'], Readonly<Record<string, string>> | undefined][] = [
      ['task', scope.task !== undefined ? config.tasks[scope.task]?.aliases : undefined],
      ['agent', scope.agent !== undefined ? config.agents[scope.agent]?.aliases : undefined],
      ['team', team !== undefined ? config.teams[team]?.aliases : undefined],
      ['site', config.aliases],
    ];
    let model: string | undefined;
    let from: RouteDecision['scope'] = 'model-id';
    for (const [layer, table] of layers) {
      if (table !== undefined && Object.hasOwn(table, requested)) {
        model = table[requested];
        from = layer;
        break;
      }
    }
    model ??= Object.hasOwn(config.models, requested) ? requested : undefined;
    if (model === undefined) {
      const known = [...new Set([...Object.keys(config.aliases), ...Object.keys(config.models)])];
      throw new ProviderError('model-not-found', `No model or alias "${requested}" in the router config (known: ${known.join(', ') || 'none'}). Use one of these, or add it to the routing section of the model manifest.`);
    }
    const hops: RouteHop[] = [];
    for (let successor = config.models[model]?.deprecated?.successor; successor !== undefined; successor = config.models[model]?.deprecated?.successor) {
      hops.push({ from: model, to: successor, reason: 'deprecated' });
      model = successor;
    }
    return { requested, scope: from, model, provider: this.modelEntry(model).provider, hops };
  }

  /**
   * Every model a call routed to `model` may end on, walked as generate() walks it: `model`, then
   * its fallback and that one's successors (a deprecated fallback is served by its successor), then
   * the fallback of the last, … The gateway prices and egress-checks the call against all of them.
   */
  fallbackChain(model: string): string[] {
    const chain: string[] = [];
    const seen = new Set<string>();
    const add = (m: string): boolean => {
      if (seen.has(m)) return false;
      seen.add(m);
      chain.push(m);
      return true;
    };
    let at: string | undefined = model;
    while (at !== undefined && add(at)) {
      let live: string = at;
      for (let next = this.config.models[live]?.deprecated?.successor; next !== undefined && add(next); next = this.config.models[live]?.deprecated?.successor) live = next;
      at = this.config.models[live]?.fallback;
    }
    return chain;
  }

  private modelEntry(model: string): RouterConfig['models'][string] {
    const entry = this.config.models[model];
    if (entry === undefined) throw new ProviderError('model-not-found', `Model "${model}" is not in the router config.`);
    return entry;
  }

  private breaker(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(this.config.breaker.failureThreshold, this.config.breaker.resetAfterMs, this.now);
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  breakerState(provider: string): BreakerState {
    return this.breaker(provider).state();
  }

  /**
   * Resolves `requested`, then calls the first model on the route whose provider will take it.
   * A call that fails throws the failure of the last model it reached, after telling
   * `options.onFailure` where it went.
   */
  async generate(requested: string, request: GenerateRequest, scope: RouteScope = {}, options: RouteCallOptions = {}): Promise<RoutedResult> {
    const decision = this.resolve(requested, scope);
    const hops = [...decision.hops];
    const origin = hops[0]?.from ?? decision.model;
    let model = decision.model;
    let streamed = false;
    // An error thrown by the caller's own onToken (say, its client went away) says nothing about the
    // provider: it must not count towards the breaker, nor send the call to a fallback.
    let callerThrew = false;
    const onToken = request.onToken === undefined
      ? undefined
      : (text: string): void => {
          streamed = true;
          try {
            request.onToken?.(text);
          } catch (error) {
            callerThrew = true;
            throw error;
          }
        };
    // Every model this call has been sent to: the route never tries one twice.
    const tried = new Set<string>();
    const attempts: (ProviderErrorCode | undefined)[] = [];
    // The breakers this call's own failures opened: skipping a model behind one is no news to report.
    const openedHere = new Set<CircuitBreaker>();
    // The failure to throw if the route ends here, and where it happened.
    let failure: { error: unknown; model: string; provider: string; hopCount: number } | undefined;
    const fail = (error: unknown, provider: string): void => {
      failure = { error, model, provider, hopCount: hops.length };
    };
    const giveUp = (): unknown => {
      if (failure === undefined) throw new TypeError('the router gave up on a call before any model failed');
      const taken = hops.slice(0, failure.hopCount);
      const last = taken.at(-1);
      options.onFailure?.({
        requested,
        model: failure.model,
        provider: failure.provider,
        hops: taken,
        ...(last !== undefined && { routedFrom: origin, reason: last.reason }),
        attempts: [...attempts],
      });
      return failure.error;
    };

    for (;;) {
      tried.add(model);
      const { provider: key, fallback } = this.modelEntry(model);
      const breaker = this.breaker(key);
      const ticket = breaker.tryAcquire();
      let skipReason: RouteReason;
      if (ticket === undefined) {
        skipReason = 'breaker-open';
        // This call opened it a moment ago: the failure that did so is the one to report, not the breaker.
        if (!openedHere.has(breaker)) {
          attempts.push('unavailable');
          fail(
            new ProviderError(
              'unavailable',
              `The provider "${key}" for model "${model}" is failing and its circuit breaker is open; it will be retried in ${Math.ceil(breaker.retryInMs() / 1000)} s. ` +
                'Check that model server, or configure a fallback model.',
            ),
            key,
          );
        }
      } else {
        const provider = this.providers[key] as ModelProvider;
        try {
          const result = await provider.generate({ ...request, ...(onToken !== undefined && { onToken }) });
          if (result.stopReason === 'aborted') breaker.neutral(ticket);
          else breaker.succeeded(ticket);
          const last = hops.at(-1);
          return {
            ...result,
            requested,
            model,
            provider: key,
            hops,
            ...(last !== undefined && { routedFrom: origin, reason: last.reason }),
            // Models that failed before this one served may have done work: the gateway bills for it.
            ...(attempts.length > 0 && { attempts: [...attempts] }),
          };
        } catch (error) {
          attempts.push(error instanceof ProviderError ? error.code : undefined);
          fail(error, key);
          const fault = faultOf(error);
          // After the caller aborted, a failure says nothing about the provider (it was cut off), and there is no one left to answer.
          if (callerThrew || fault === 'caller' || request.signal?.aborted === true) {
            breaker.neutral(ticket);
            throw giveUp();
          }
          if (fault === 'setup') breaker.neutral(ticket);
          else if (breaker.failed(ticket)) openedHere.add(breaker);
          skipReason = 'fallback';
        }
      }
      // Falling back after text has reached the caller would splice two answers together.
      if (fallback === undefined || streamed || request.signal?.aborted === true || tried.has(fallback)) throw giveUp();
      hops.push({ from: model, to: fallback, reason: skipReason });
      model = fallback;
      // A deprecated fallback is re-routed to its successor like any other route, and says so.
      // (The config refuses loops; the hop cap keeps a bad config from spinning here all the same.)
      for (let successor = this.config.models[model]?.deprecated?.successor; successor !== undefined && hops.length <= Object.keys(this.config.models).length; successor = this.config.models[model]?.deprecated?.successor) {
        hops.push({ from: model, to: successor, reason: 'deprecated' });
        model = successor;
      }
      // Its successor was already tried on this route, and failed: the deprecated model is not served instead.
      if (tried.has(model)) throw giveUp();
    }
  }
}
