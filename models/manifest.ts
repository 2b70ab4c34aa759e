/**
 * The model manifest: alias → GGUF file, its sha256 and licence. Every model is resolved through
 * here, so a file is hashed before it is ever loaded.
 *
 * Adding a real model at a site: copy the .gguf anywhere (e.g. from the import USB stick), compute
 * its sha256 (`sha256sum model.gguf`), and add an entry to `models/manifest.json` — or to a site
 * manifest passed as `manifestPath` — with `file` set to the absolute path (relative paths resolve
 * against the models dir) and `sha256` to that hash. Point an alias at it to make it the default.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { generateTinyModel } from './tiny-model.ts';

export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('./manifest.json', import.meta.url));

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

const modelEntrySchema = z.strictObject({
  /** Absolute, or relative to the models dir (the manifest's folder unless overridden). */
  file: z.string().min(1),
  sha256: sha256Hex,
  licence: z.string().min(1),
  contextSize: z.number().int().positive(),
  /** Present only for generated test models: the file is rebuilt from this seed when missing. */
  generator: z.strictObject({ seed: z.number().int().nonnegative() }).optional(),
  /** Notional price, so budgets work the same for local and remote models. */
  pricePer1kTokens: z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative() }),
});

const name = z.string().min(1);
const aliasTable = z.record(name, name);
const price = z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative() });

/**
 * An on-prem OpenAI-compatible model server (vLLM, llama-server) on the site's network. The egress
 * guard checks `baseUrl` before any connection. No secret lives here: an API key, if the server
 * needs one, is read from `apiKeyFile` (a regular file, mode 600 or stricter) when the server is first used, and never logged.
 */
const serverSchema = z.strictObject({
  kind: z.literal('openai-compatible'),
  /** Including the version segment, e.g. "http://10.0.0.5:8000/v1". */
  baseUrl: name,
  /** The model name the server serves (vLLM's --served-model-name, llama-server's --alias). */
  model: name,
  /** Destinations allowed beyond loopback and private ranges: hostnames, addresses, CIDR ranges. */
  allow: z.array(name).default([]),
  /** Absolute, or relative to the manifest's folder; the file holds the bearer token only. */
  apiKeyFile: name.optional(),
  /**
   * 'isolated' (default): no request reuses a prompt prefix the server cached for another (a timing
   * side channel between tenants). 'shared': the server's own prompt cache; only for a single-user server.
   */
  promptCache: z.enum(['isolated', 'shared']).default('isolated'),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().positive().optional(),
      idleMs: z.number().int().positive().optional(),
      overallMs: z.number().int().positive().optional(),
    })
    .optional(),
  /** Notional price of the models this server serves (else the manifest's highest, never free). */
  pricePer1kTokens: price.optional(),
});

/** "local" in a routing model's `provider`: the manifest model of the same id, in process. */
export const LOCAL_PROVIDER = 'local';

/**
 * The site's routing: the model router's config (see main/providers/router.ts) plus the servers it
 * may send calls to. A routing model's `provider` is "local" (the manifest model with the same id)
 * or the name of a server. Manifest models not listed are routed locally as they are, and the
 * manifest's aliases are the site aliases unless `aliases` here overrides them.
 */
/** One routed model; shared with main/providers/router.ts, which validates the same shape. */
export const routingModelSchema = z.strictObject({
  /** The provider that serves the model: "local", a server name, or a key of the router's provider table. */
  provider: name,
  /** Model tried when this one's provider fails or its breaker is open. */
  fallback: name.optional(),
  /** Calls for this model go to `successor`, and the result says so. */
  deprecated: z.strictObject({ successor: name, note: z.string().optional() }).optional(),
});

/**
 * A team or agent id as governance and the gateway spell it (main/governance/scope-id.ts SCOPE_ID;
 * models/ imports nothing from main/, so a unit test keeps the two equal). A call's team and agent
 * are always in this form, so a routing key in any other can never be reached.
 */
export const ROUTING_SCOPE_ID = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

function scopeIdIssue(kind: 'team' | 'agent', id: string): string | undefined {
  if (ROUTING_SCOPE_ID.test(id)) return undefined;
  const lower = id.trim().toLowerCase();
  const fix = ROUTING_SCOPE_ID.test(lower) ? `write it in lower case, "${lower}"` : 'use 1 to 128 characters: a–z, 0–9 and . _ : -, starting with a letter or digit';
  return `"${id}" is not ${kind === 'agent' ? 'an' : 'a'} ${kind} id a call can carry (calls name their ${kind} in lower case, so this entry would never be used): ${fix}`;
}

/** A table keyed by team or agent id: any other key is refused, never silently unreachable. */
function scopeTable<T extends z.ZodType>(kind: 'team' | 'agent', entry: T) {
  return z.record(z.string(), entry).superRefine((table, ctx) => {
    for (const id of Object.keys(table)) {
      const issue = scopeIdIssue(kind, id);
      if (issue !== undefined) ctx.addIssue({ code: 'custom', path: [id], message: issue });
    }
  });
}

const teamId = z.string().superRefine((id, ctx) => {
  const issue = scopeIdIssue('team', id);
  if (issue !== undefined) ctx.addIssue({ code: 'custom', message: issue });
});

/** Site aliases and the per-team, per-agent and per-task alias tables; shared with the router. */
export const routingAliasesShape = {
  aliases: aliasTable.default({}),
  teams: scopeTable('team', z.strictObject({ aliases: aliasTable.default({}) })).default({}),
  agents: scopeTable('agent', z.strictObject({ team: teamId.optional(), aliases: aliasTable.default({}) })).default({}),
  tasks: z.record(name, z.strictObject({ aliases: aliasTable.default({}) })).default({}),
};

const routingSchema = z.strictObject({
  models: z.record(name, routingModelSchema).default({}),
  ...routingAliasesShape,
  breaker: z
    .strictObject({
      failureThreshold: z.number().int().min(1).optional(),
      resetAfterMs: z.number().int().min(1).optional(),
    })
    .optional(),
  servers: z.record(name, serverSchema).default({}),
});

const manifestSchema = z.strictObject({
  /** Alias → model id (a key of `models`), e.g. "default" → "tiny-test". */
  aliases: z.record(z.string(), z.string()).default({}),
  models: z.record(z.string(), modelEntrySchema),
  /** Optional: without it every alias resolves through `aliases` to a local model, as always. */
  routing: routingSchema.optional(),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelManifest = z.infer<typeof manifestSchema>;
export type RoutingSection = z.infer<typeof routingSchema>;
export type ServerEntry = z.infer<typeof serverSchema>;

export interface ManifestOptions {
  /** Defaults to models/manifest.json next to this file. */
  readonly manifestPath?: string;
  /** Base for relative `file` paths (and where generated models go); defaults to the manifest's folder. */
  readonly modelsDir?: string;
}

export interface ResolvedModel {
  /** What the caller asked for, e.g. "default". */
  readonly alias: string;
  /** The manifest key it resolved to, e.g. "tiny-test". */
  readonly id: string;
  /** Absolute path of a file whose sha256 has just been verified. */
  readonly path: string;
  readonly sha256: string;
  readonly entry: ModelEntry;
  /** True when the file was missing and has just been generated. */
  readonly generated: boolean;
}

export class ManifestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

export class ModelNotFoundError extends Error {
  constructor(
    readonly alias: string,
    readonly known: readonly string[],
    manifestPath: string,
  ) {
    super(
      `No model "${alias}" in ${manifestPath}. Known aliases and models: ${known.join(', ') || '(none)'}. ` +
        'Use one of these, or add the model to the manifest.',
    );
    this.name = 'ModelNotFoundError';
  }
}

export class ModelFileMissingError extends Error {
  constructor(readonly file: string, id: string) {
    super(`Model file for "${id}" not found: ${file}. Copy the model file there (or fix "file" in the manifest).`);
    this.name = 'ModelFileMissingError';
  }
}

export class ModelIntegrityError extends Error {
  constructor(
    readonly file: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
    remedy: string,
  ) {
    super(
      `Model file ${file} failed its integrity check: expected sha256 ${expectedSha256}, ` +
        `actual sha256 ${actualSha256}. Refusing to load it. ${remedy}`,
    );
    this.name = 'ModelIntegrityError';
  }
}

export async function loadManifest(manifestPath = DEFAULT_MANIFEST_PATH): Promise<ModelManifest> {
  let raw: string;
  try {
    raw = await readFile(manifestPath, 'utf8');
  } catch (cause) {
    throw new ManifestError(`Cannot read the model manifest ${manifestPath}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new ManifestError(`Model manifest ${manifestPath} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ManifestError(`Model manifest ${manifestPath} is invalid: ${issues}`);
  }
  for (const [alias, id] of Object.entries(parsed.data.aliases)) {
    if (!(id in parsed.data.models)) {
      throw new ManifestError(`Model manifest ${manifestPath}: alias "${alias}" points to unknown model "${id}".`);
    }
    // Aliases are looked up before ids, so an alias spelt like a model id would hide that model.
    if (Object.hasOwn(parsed.data.models, alias) && alias !== id) {
      throw new ManifestError(`Model manifest ${manifestPath}: alias "${alias}" is also a model id; rename the alias (it would hide model "${alias}").`);
    }
  }
  if (parsed.data.routing !== undefined) checkRouting(parsed.data, manifestPath);
  return parsed.data;
}

/** References the schema cannot see; the router checks the rest (targets, chains) when it is built. */
function checkRouting(manifest: ModelManifest, manifestPath: string): void {
  const routing = manifest.routing;
  if (routing === undefined) return;
  const problems: string[] = [];
  for (const server of Object.keys(routing.servers)) {
    if (server === LOCAL_PROVIDER || Object.hasOwn(manifest.models, server)) {
      problems.push(`routing.servers.${server}: the name is taken by ${server === LOCAL_PROVIDER ? 'local models' : 'a manifest model'}; rename the server`);
    }
  }
  for (const [id, model] of Object.entries(routing.models)) {
    if (model.provider === LOCAL_PROVIDER) {
      if (!Object.hasOwn(manifest.models, id)) problems.push(`routing.models.${id}: provider "local" needs a manifest model "${id}" in "models"`);
    } else if (!Object.hasOwn(routing.servers, model.provider)) {
      problems.push(`routing.models.${id}: provider "${model.provider}" is neither "local" nor a server in routing.servers`);
    }
  }
  if (problems.length > 0) throw new ManifestError(`Model manifest ${manifestPath} has an invalid routing section: ${problems.join('; ')}.`);
}

/** Streams the file through SHA-256, so multi-gigabyte models are never held in memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Writes next to the target and renames, so a concurrent reader never sees a half-written model. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

async function generateInto(path: string, id: string, entry: ModelEntry & { generator: { seed: number } }): Promise<void> {
  const bytes = generateTinyModel(entry.generator.seed);
  const actual = sha256Bytes(bytes);
  if (actual !== entry.sha256) {
    throw new ModelIntegrityError(
      path,
      entry.sha256,
      actual,
      `The generator for "${id}" (seed ${entry.generator.seed}) no longer produces the file the manifest expects; ` +
        'run `node --import tsx models/generate.ts --update` to refresh models/manifest.json.',
    );
  }
  await writeFileAtomic(path, bytes);
}

/**
 * A verified model file held open: `loadPath` opens the very file that was hashed (through its
 * descriptor), whatever is renamed over the path meanwhile. Load it without mmap, so the weights
 * are read into memory, then call `assertUnchanged()`: it throws if the file was written to at all
 * between the hash and the load (its ctime moves on any write), and `close()` either way.
 */
export interface PinnedModel extends ResolvedModel {
  readonly loadPath: string;
  assertUnchanged(): Promise<void>;
  close(): Promise<void>;
}

/** A path that reopens `handle`'s file itself, where the OS has one. */
function descriptorPath(handle: FileHandle): string | undefined {
  if (process.platform === 'linux') return `/proc/self/fd/${handle.fd}`;
  if (process.platform === 'darwin') return `/dev/fd/${handle.fd}`;
  return undefined;
}

/**
 * Like {@link resolveModel}, but hashes through an open handle and returns it pinned: the hash
 * covers the bytes the loader then reads. resolveModel alone checks a path, which can be swapped
 * or rewritten between the check and the load.
 */
export async function resolvePinnedModel(alias: string, options: ManifestOptions = {}): Promise<PinnedModel> {
  const located = await locateModel(alias, options);
  const handle = await open(located.path, 'r');
  try {
    const before = await handle.stat({ bigint: true });
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== located.entry.sha256) throw integrityError(located, actual);
    const loadPath = descriptorPath(handle) ?? located.path;
    const same = (a: typeof before, b: typeof before): boolean =>
      a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
    return {
      ...located,
      sha256: actual,
      loadPath,
      async assertUnchanged(): Promise<void> {
        const now = await handle.stat({ bigint: true });
        // Without a descriptor path the loader opened the path: it must still name the hashed file.
        const atPath = loadPath === located.path ? await stat(located.path, { bigint: true }).catch(() => undefined) : now;
        if (!same(before, now) || atPath === undefined || !same(before, atPath)) {
          throw new ModelIntegrityError(
            located.path,
            located.entry.sha256,
            'unknown (the file changed after it was hashed)',
            'The model file was written to or replaced while it was being verified and loaded. Check what else writes to the models folder, then open the model again.',
          );
        }
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function integrityError(located: Omit<ResolvedModel, 'sha256'>, actual: string): ModelIntegrityError {
  const remedy =
    located.entry.generator !== undefined
      ? 'Delete the file and it will be regenerated on next use.'
      : 'Re-import the model from its original medium, or, if this file is the intended model, update its sha256 in the manifest.';
  return new ModelIntegrityError(located.path, located.entry.sha256, actual, remedy);
}

/** The manifest's id and entry for an alias (or model id); aliases are looked up first. */
function lookUp(manifest: ModelManifest, alias: string, manifestPath: string): { id: string; entry: ModelEntry } {
  const id = Object.hasOwn(manifest.aliases, alias) ? manifest.aliases[alias] : alias;
  const entry = id !== undefined && Object.hasOwn(manifest.models, id) ? manifest.models[id] : undefined;
  if (id === undefined || entry === undefined) {
    throw new ModelNotFoundError(alias, [...Object.keys(manifest.aliases), ...Object.keys(manifest.models)], manifestPath);
  }
  return { id, entry };
}

/** The model id an alias (or model id) names, from the manifest alone: no file is read or hashed. */
export async function resolveModelId(alias: string, options: ManifestOptions = {}): Promise<string> {
  const manifestPath = resolve(options.manifestPath ?? DEFAULT_MANIFEST_PATH);
  return lookUp(await loadManifest(manifestPath), alias, manifestPath).id;
}

/** The manifest entry and file of an alias (or model id), generating a test model when missing; not yet hashed. */
async function locateModel(alias: string, options: ManifestOptions): Promise<Omit<ResolvedModel, 'sha256'>> {
  const manifestPath = resolve(options.manifestPath ?? DEFAULT_MANIFEST_PATH);
  const { id, entry } = lookUp(await loadManifest(manifestPath), alias, manifestPath);
  const modelsDir = resolve(options.modelsDir ?? dirname(manifestPath));
  const path = isAbsolute(entry.file) ? entry.file : join(modelsDir, entry.file);

  let generated = false;
  if (!(await exists(path))) {
    if (entry.generator === undefined) throw new ModelFileMissingError(path, id);
    await generateInto(path, id, { ...entry, generator: entry.generator });
    generated = true;
  }
  return { alias, id, path, entry, generated };
}

/** Resolves an alias (or model id) to a verified file, generating test models when missing. */
export async function resolveModel(alias: string, options: ManifestOptions = {}): Promise<ResolvedModel> {
  const located = await locateModel(alias, options);
  const actual = await sha256File(located.path);
  if (actual !== located.entry.sha256) throw integrityError(located, actual);
  return { ...located, sha256: actual };
}
