import { loadManifest, type ModelManifest } from '../../models/manifest.ts';
import { ModelServerConfigError, routedProviders, routerConfigOf } from '../gateway/routed-providers.ts';
import type { ModelProvider } from '../providers/provider.ts';
import { ModelRouter } from '../providers/router.ts';
import type { DoctorCheck } from './report.ts';

const NAME = 'model manifest';

/** What the manifest check learnt, for the checks that follow it. */
export interface ManifestInspection {
  readonly check: DoctorCheck;
  /** Present when the manifest loaded and its routing built. */
  readonly manifest?: ModelManifest;
  /** Resolves aliases as the gateway's router does; its providers are placeholders, never called. */
  readonly router?: ModelRouter;
  /** Server name → why the gateway refuses to open the routing because of that server (e.g. no price). */
  readonly serverRefusals: ReadonlyMap<string, string>;
}

/** Stands in for every provider: the doctor only asks the router where a call would go. */
const NOT_CALLED: ModelProvider = {
  kind: 'llama-cpp',
  modelId: '(doctor)',
  generate: () => Promise.reject(new Error('airlock doctor resolves routes; it never generates through the router')),
  dispose: async () => {},
};

/**
 * Loads the manifest with the loader every model call uses, builds its router, and builds the
 * gateway's routed providers (which refuse, e.g., a server model that would be free). Never throws.
 */
export async function inspectManifest(manifestPath: string): Promise<ManifestInspection> {
  const fail = (detail: string): ManifestInspection => ({
    check: { name: NAME, status: 'fail', detail, remedy: `Fix ${manifestPath} as the detail says, then run \`airlock doctor\` again.` },
    serverRefusals: new Map(),
  });
  let manifest: ModelManifest;
  let router: ModelRouter;
  try {
    manifest = await loadManifest(manifestPath);
    const config = routerConfigOf(manifest);
    router = new ModelRouter(config, { providers: Object.fromEntries(Object.values(config.models).map((m) => [m.provider, NOT_CALLED])) });
  } catch (error) {
    return fail(messageOf(error));
  }

  const serverRefusals = new Map<string, string>();
  try {
    // Opens nothing (providers open on first call): this is the load-time refusal only.
    await (await routedProviders({ manifestPath })).dispose();
  } catch (error) {
    // A refusal that names a server is that server's failure; it is reported on its own line.
    if (!(error instanceof ModelServerConfigError)) return fail(messageOf(error));
    serverRefusals.set(error.server, error.message);
  }

  const servers = Object.keys(manifest.routing?.servers ?? {});
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  return {
    check: {
      name: NAME,
      status: 'pass',
      detail: `${manifestPath}: ${count(Object.keys(manifest.models).length, 'local model')}, ${count(servers.length, 'model server')}`,
    },
    manifest,
    router,
    serverRefusals,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
