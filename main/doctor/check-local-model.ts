import { probeLocalModel } from '../providers/llama-cpp.ts';
import type { DoctorCheck } from './report.ts';

/**
 * Loads a manifest model through the real provider (sha256 checked) and streams tokens. `modelId`
 * is the model `requested` (normally the alias "default") routes to.
 */
export async function checkLocalModel(modelId = 'tiny-test', manifestPath?: string, requested = modelId): Promise<DoctorCheck> {
  const shown = `"${modelId}"`;
  const via = requested === modelId ? '' : `; "${requested}" routes to it`;
  const probe = await probeLocalModel(modelId, manifestPath ? { manifestPath } : {});
  if (probe.streamedChunks === 0) {
    return {
      name: 'local model',
      status: 'fail',
      detail: `model ${shown} loaded but streamed no tokens${via}`,
      remedy: 'Delete models/generated/ so the test model is regenerated, then run `airlock doctor` again.',
    };
  }
  return {
    name: 'local model',
    status: 'pass',
    detail: `node-llama-cpp loaded ${shown} (sha256 verified) and streamed ${probe.tokens} tokens in ${Math.round(probe.ms)} ms${via}`,
  };
}
