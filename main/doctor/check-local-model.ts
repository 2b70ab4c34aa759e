import { probeLocalModel } from '../providers/llama-cpp.ts';
import type { DoctorCheck } from './report.ts';

/** Loads the generated test model through the real provider (sha256 checked) and streams tokens. */
export async function checkLocalModel(alias = 'tiny-test', manifestPath?: string): Promise<DoctorCheck> {
  const probe = await probeLocalModel(alias, manifestPath ? { manifestPath } : {});
  if (probe.streamedChunks === 0) {
    return {
      name: 'local model',
      status: 'fail',
      detail: `model "${alias}" loaded but streamed no tokens`,
      remedy: 'Delete models/generated/ so the test model is regenerated, then run `airlock doctor` again.',
    };
  }
  return {
    name: 'local model',
    status: 'pass',
    detail: `node-llama-cpp loaded "${alias}" (sha256 verified) and streamed ${probe.tokens} tokens in ${Math.round(probe.ms)} ms`,
  };
}
