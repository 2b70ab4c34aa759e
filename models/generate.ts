/**
 * Regenerates every generated model in the manifest and prints `<id> <sha256> <path>`.
 *   node --import tsx models/generate.ts            # write files, print hashes
 *   node --import tsx models/generate.ts --update   # also store the new hashes in manifest.json
 * Run it after changing tiny-model.ts or gguf-writer.ts, then commit manifest.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { DEFAULT_MANIFEST_PATH, loadManifest, sha256Bytes, writeFileAtomic } from './manifest.ts';
import { generateTinyModel } from './tiny-model.ts';

export async function regenerateModels(
  manifestPath = DEFAULT_MANIFEST_PATH,
  update = false,
): Promise<Array<{ id: string; sha256: string; path: string }>> {
  const manifest = await loadManifest(manifestPath);
  const results: Array<{ id: string; sha256: string; path: string }> = [];
  for (const [id, entry] of Object.entries(manifest.models)) {
    if (entry.generator === undefined) continue;
    const bytes = generateTinyModel(entry.generator.seed);
    const path = isAbsolute(entry.file) ? entry.file : join(dirname(manifestPath), entry.file);
    await writeFileAtomic(path, bytes);
    results.push({ id, sha256: sha256Bytes(bytes), path });
  }
  if (update) {
    // Edit the raw JSON, not the parsed one, so zod defaults never leak into the committed file.
    const raw = JSON.parse(await readFile(manifestPath, 'utf8')) as { models: Record<string, { sha256: string }> };
    for (const r of results) {
      const model = raw.models[r.id];
      if (model !== undefined) model.sha256 = r.sha256;
    }
    await writeFile(manifestPath, `${JSON.stringify(raw, null, 2)}\n`);
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const update = process.argv.includes('--update');
  for (const r of await regenerateModels(DEFAULT_MANIFEST_PATH, update)) console.log(`${r.id} ${r.sha256} ${r.path}`);
  if (update) console.log(`updated ${DEFAULT_MANIFEST_PATH}`);
}
