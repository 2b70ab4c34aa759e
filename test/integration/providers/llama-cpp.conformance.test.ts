import { LlamaCppProvider } from '../../../main/providers/llama-cpp.ts';
import { providerConformance } from './conformance.ts';

providerConformance({
  name: 'node-llama-cpp (in-process)',
  open: () => LlamaCppProvider.open({ alias: 'tiny-test' }),
  openUnknownModel: () => LlamaCppProvider.open({ alias: 'no-such-model' }),
  functionCalling: true,
});
