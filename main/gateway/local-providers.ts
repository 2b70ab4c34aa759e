/**
 * The default provider resolver: in-process node-llama-cpp models from the manifest (sha256
 * checked on open), one loaded provider per model id, shared by every call. Also the manifest's
 * prices, so budgets mean something offline.
 */
import { loadManifest, resolveModelId, type ManifestOptions } from '../../models/manifest.ts';
import { LlamaCppProvider } from '../providers/llama-cpp.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../providers/provider.ts';
import type { Price, PriceResolver, ProviderResolver } from './ports.ts';

/** LlamaCppProvider as the gateway's ModelProvider. */
export function asModelProvider(provider: LlamaCppProvider): ModelProvider {
  return {
    kind: 'llama-cpp',
    modelId: provider.model.id,
    generate: (request: GenerateRequest): Promise<GenerateResult> => provider.generate(request),
    dispose: () => provider.dispose(),
  };
}

export interface LocalProviders {
  readonly resolve: ProviderResolver;
  /** Unloads every model this resolver opened. */
  dispose(): Promise<void>;
}

export function localProviders(options: ManifestOptions = {}): LocalProviders {
  const byId = new Map<string, Promise<ModelProvider>>();
  // Alias → provider, so the model is opened (and its file hashed, once) per model, not per call.
  const byAlias = new Map<string, Promise<ModelProvider>>();
  const load = async (alias: string): Promise<ModelProvider> => {
    // The id from the manifest alone; opening the model hashes the file, through the descriptor it loads from.
    const id = await resolveModelId(alias, options);
    let provider = byId.get(id);
    if (!provider) {
      provider = LlamaCppProvider.open({ ...options, alias: id }).then(asModelProvider);
      byId.set(id, provider);
      void provider.catch(() => byId.delete(id));
    }
    return provider;
  };
  return {
    resolve(alias) {
      let provider = byAlias.get(alias);
      if (!provider) {
        provider = load(alias);
        byAlias.set(alias, provider);
        // A failed open may be retried by the next call.
        void provider.catch(() => byAlias.delete(alias));
      }
      return provider;
    },
    async dispose() {
      const all = [...byId.values()];
      byId.clear();
      byAlias.clear();
      const settled = await Promise.allSettled(all);
      await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.dispose() : undefined)));
    },
  };
}

/**
 * Prices from the manifest (cost units per 1,000 tokens). A model the manifest does not price is
 * charged at the highest price it lists: a budget must never treat an unknown model as free.
 */
export async function manifestPricing(manifestPath?: string, overrides: Readonly<Record<string, Price>> = {}): Promise<PriceResolver> {
  const manifest = await loadManifest(manifestPath);
  const prices = new Map<string, Price>(Object.entries(manifest.models).map(([id, entry]) => [id, entry.pricePer1kTokens]));
  for (const [id, price] of Object.entries(overrides)) prices.set(id, price);
  const highest: Price = {
    input: Math.max(0, ...[...prices.values()].map((p) => p.input)),
    output: Math.max(0, ...[...prices.values()].map((p) => p.output)),
  };
  return (modelId) => prices.get(modelId) ?? highest;
}
