import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MANIFEST_PATH,
  ManifestError,
  ModelFileMissingError,
  ModelIntegrityError,
  ModelNotFoundError,
  loadManifest,
  resolveModel,
  resolvePinnedModel,
} from '../../../models/manifest.ts';
import { regenerateModels } from '../../../models/generate.ts';
import { generateTinyModel } from '../../../models/tiny-model.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let manifestPath: string;
let realManifest: { aliases: Record<string, string>; models: Record<string, Record<string, unknown>> };

beforeEach(async () => {
  // Each test gets its own manifest copy and models dir, so none touches models/generated/.
  dir = await mkdtemp(join(tmpdir(), 'airlock-manifest-'));
  manifestPath = join(dir, 'manifest.json');
  realManifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8'));
  await writeFile(manifestPath, JSON.stringify(realManifest));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeManifest(edit: (m: typeof realManifest) => void): Promise<void> {
  const copy = structuredClone(realManifest);
  edit(copy);
  await writeFile(manifestPath, JSON.stringify(copy));
}

describe('the committed manifest', () => {
  it('holds the sha256 the generator produces today for tiny-test', async () => {
    const manifest = await loadManifest();
    const entry = manifest.models['tiny-test'];
    expect(entry?.generator).toEqual({ seed: 1234 });
    expect(entry?.sha256).toBe(sha256(generateTinyModel(1234)));
    expect(manifest.aliases).toMatchObject({ default: 'tiny-test', fast: 'tiny-test' });
  });
});

describe('resolvePinnedModel: the bytes hashed are the bytes loaded', () => {
  it('reads the verified file through its descriptor after another is renamed over the path, and reports the swap', async () => {
    const pinned = await resolvePinnedModel('default', { manifestPath });
    try {
      const impostor = join(dir, 'impostor.gguf');
      await writeFile(impostor, generateTinyModel(999));
      await rename(impostor, pinned.path);
      expect(sha256(await readFile(pinned.path))).not.toBe(pinned.sha256); // the path now names another file
      expect(sha256(await readFile(pinned.loadPath))).toBe(pinned.sha256); // the loader still reads the verified one
      // Replacing the file is refused all the same: from its metadata it cannot be told from a write.
      await expect(pinned.assertUnchanged()).rejects.toThrow(/written to or replaced/);
    } finally {
      await pinned.close();
    }
  });

  it('passes when nothing touched the file between the hash and the check', async () => {
    const pinned = await resolvePinnedModel('default', { manifestPath });
    try {
      expect(sha256(await readFile(pinned.loadPath))).toBe(pinned.sha256);
      await expect(pinned.assertUnchanged()).resolves.toBeUndefined();
    } finally {
      await pinned.close();
    }
  });

  it('refuses once the hashed file has been written to, even with its size and mtime put back', async () => {
    const pinned = await resolvePinnedModel('default', { manifestPath });
    try {
      const { mtime, atime } = await stat(pinned.path);
      const bytes = await readFile(pinned.path);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      await writeFile(pinned.path, bytes); // same inode, same size
      const { utimes } = await import('node:fs/promises');
      await utimes(pinned.path, atime, mtime); // the mtime can be put back; the ctime cannot
      await expect(pinned.assertUnchanged()).rejects.toThrow(ModelIntegrityError);
      await expect(pinned.assertUnchanged()).rejects.toThrow(/written to or replaced while it was being verified/);
    } finally {
      await pinned.close();
    }
  });

  it('refuses a file that does not match, like resolveModel, and leaves no descriptor open', async () => {
    const { path } = await resolveModel('default', { manifestPath });
    await appendFile(path, 'x');
    const before = (await readdir('/proc/self/fd')).length;
    await expect(resolvePinnedModel('default', { manifestPath })).rejects.toThrow(ModelIntegrityError);
    expect((await readdir('/proc/self/fd')).length).toBe(before);
  });
});

describe('resolveModel', () => {
  it('generates a missing generated model into the models dir, then reuses it', async () => {
    const first = await resolveModel('default', { manifestPath });
    expect(first).toMatchObject({ alias: 'default', id: 'tiny-test', generated: true });
    expect(first.path).toBe(join(dir, 'generated', 'tiny-test.gguf'));
    expect(sha256(await readFile(first.path))).toBe(first.sha256);
    expect(await readdir(join(dir, 'generated'))).toEqual(['tiny-test.gguf']); // no temp files left

    const second = await resolveModel('tiny-test', { manifestPath });
    expect(second.generated).toBe(false);
    expect(second.path).toBe(first.path);
  });

  it('puts generated models under modelsDir when one is given', async () => {
    const modelsDir = join(dir, 'elsewhere');
    const resolved = await resolveModel('fast', { manifestPath, modelsDir });
    expect(resolved.path).toBe(join(modelsDir, 'generated', 'tiny-test.gguf'));
    expect((await stat(resolved.path)).size).toBeGreaterThan(100_000);
  });

  it('survives two callers generating the same missing file at once', async () => {
    const [a, b] = await Promise.all([resolveModel('default', { manifestPath }), resolveModel('fast', { manifestPath })]);
    expect(a.sha256).toBe(b.sha256);
    expect(await readdir(join(dir, 'generated'))).toEqual(['tiny-test.gguf']);
  });

  it('refuses a file whose sha256 differs, naming the file, both hashes and what to do', async () => {
    const { path, sha256: expected } = await resolveModel('default', { manifestPath });
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    const actual = sha256(bytes);

    const error = await resolveModel('default', { manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIntegrityError);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toContain(`expected sha256 ${expected}`);
    expect(message).toContain(`actual sha256 ${actual}`);
    expect(message).toMatch(/Delete the file and it will be regenerated/);
    expect(error).toMatchObject({ file: path, expectedSha256: expected, actualSha256: actual });
  });

  it('tells the operator to re-import a real (non-generated) model that fails its check', async () => {
    const file = join(dir, 'site-model.gguf');
    await writeFile(file, 'not the model you imported');
    await writeManifest((m) => {
      m.models['site'] = { ...m.models['tiny-test'], file, generator: undefined, sha256: 'a'.repeat(64) };
    });
    await expect(resolveModel('site', { manifestPath })).rejects.toThrow(/expected sha256 a{64}.*Re-import the model/);
  });

  it('accepts a real model at an absolute path when its sha256 matches', async () => {
    const file = join(dir, 'site-model.gguf');
    await writeFile(file, 'pretend gguf');
    await writeManifest((m) => {
      m.models['site'] = { ...m.models['tiny-test'], file, generator: undefined, sha256: sha256(Buffer.from('pretend gguf')) };
    });
    await expect(resolveModel('site', { manifestPath })).resolves.toMatchObject({ id: 'site', path: file, generated: false });
  });

  it('never writes a generated file whose hash the manifest does not expect', async () => {
    await writeManifest((m) => {
      (m.models['tiny-test'] as { sha256: string }).sha256 = 'b'.repeat(64);
    });
    await expect(resolveModel('default', { manifestPath })).rejects.toThrow(/models\/generate\.ts --update/);
    await expect(stat(join(dir, 'generated', 'tiny-test.gguf'))).rejects.toThrow();
  });

  it('names the known aliases when asked for an unknown one', async () => {
    const error = await resolveModel('gpt-9', { manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as Error).message).toMatch(/No model "gpt-9".*default, fast, tiny-test/);
  });

  it('does not treat Object prototype names as models', async () => {
    await expect(resolveModel('constructor', { manifestPath })).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('reports a missing real model file with where it was expected', async () => {
    await writeManifest((m) => {
      m.models['site'] = { ...m.models['tiny-test'], file: 'imported/site.gguf', generator: undefined };
    });
    const error = await resolveModel('site', { manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileMissingError);
    expect((error as Error).message).toContain(join(dir, 'imported', 'site.gguf'));
  });

  it('rejects a manifest with a malformed hash or an alias to nowhere', async () => {
    await writeManifest((m) => {
      (m.models['tiny-test'] as { sha256: string }).sha256 = 'XYZ';
    });
    await expect(resolveModel('default', { manifestPath })).rejects.toThrow(/models.tiny-test.sha256: must be 64 lowercase hex/);

    await writeManifest((m) => {
      m.aliases['broken'] = 'missing-model';
    });
    const error = await resolveModel('default', { manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(/alias "broken" points to unknown model "missing-model"/);
  });

  it('rejects an alias spelt like another model id, which would hide that model', async () => {
    await writeManifest((m) => {
      m.models['model-b'] = { ...m.models['tiny-test'] };
      m.aliases['tiny-test'] = 'model-b';
    });
    await expect(resolveModel('model-b', { manifestPath })).rejects.toThrow(/alias "tiny-test" is also a model id; rename the alias/);
  });
});

describe('models/generate.ts', () => {
  it('regenerates generated models and, with update, refreshes their sha256 in the manifest', async () => {
    await writeManifest((m) => {
      (m.models['tiny-test'] as { sha256: string }).sha256 = 'c'.repeat(64);
    });
    const [result] = await regenerateModels(manifestPath, true);
    expect(result).toMatchObject({ id: 'tiny-test', path: join(dir, 'generated', 'tiny-test.gguf') });
    expect(result?.sha256).toBe(sha256(await readFile(result?.path ?? '')));
    const refreshed = JSON.parse(await readFile(manifestPath, 'utf8'));
    expect(refreshed.models['tiny-test'].sha256).toBe(result?.sha256);
    expect(refreshed.aliases).toEqual(realManifest.aliases);
  });
});
