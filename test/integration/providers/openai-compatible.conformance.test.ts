import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';
import { startLlamaServer } from '../../support/llama-server.ts';
import type { RunningLlamaServer } from '../../support/llama-server.ts';
import { providerConformance } from './conformance.ts';

// A first run on a fresh machine compiles llama-server (~10-15 min on 2 cores); later runs reuse the cache.
const BUILD_TIMEOUT_MS = 30 * 60_000;

let server: RunningLlamaServer;
beforeAll(async () => {
  server = await startLlamaServer();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await server?.stop();
});

/** A loopback neighbour that accepts connections and never answers: the far end of a stuck server. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const tcp = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}

providerConformance({
  name: 'OpenAI-compatible, against a real llama-server',
  open: () => OpenAICompatibleProvider.open({ baseUrl: `${server.baseUrl}/v1`, model: server.model }),
  openUnknownModel: () => OpenAICompatibleProvider.open({ baseUrl: `${server.baseUrl}/v1`, model: 'no-such-model' }),
  openStalled: async () => {
    const silent = await silentServer();
    const idleTimeoutMs = 300;
    const provider = await OpenAICompatibleProvider.open({ baseUrl: silent.url, model: 'tiny-test', verifyModel: false, timeouts: { idleMs: idleTimeoutMs } });
    return { provider, idleTimeoutMs, close: silent.close };
  },
  // llama-server applies `tools` only for chat templates it knows a tool syntax for; the tiny model's has none.
  functionCalling: false,
});

describe('the server prompt cache, against the real llama-server', () => {
  const ask = { messages: [{ role: 'user' as const, content: 'The night batch finished with three warnings about the ledger export and one about the archive' }], maxTokens: 4 };

  it('is not shared between requests by default, even for the identical prompt (no timing side channel)', async () => {
    const provider = await OpenAICompatibleProvider.open({ baseUrl: `${server.baseUrl}/v1`, model: server.model });
    try {
      const first = await provider.generate(ask);
      const second = await provider.generate(ask);
      const sameConversation = await provider.generate({ ...ask, reuseKey: 'conversation-a' });
      expect(first.promptTokens).toBeGreaterThan(20);
      expect(second.cachedPromptTokens).toBeUndefined();
      expect(sameConversation.cachedPromptTokens).toBeUndefined();
      expect(second.text).toBe(first.text);
    } finally {
      await provider.dispose();
    }
  });

  it('is the server’s to share when the operator says the server has a single user', async () => {
    const provider = await OpenAICompatibleProvider.open({ baseUrl: `${server.baseUrl}/v1`, model: server.model, promptCache: 'shared' });
    try {
      const first = await provider.generate(ask);
      const second = await provider.generate(ask);
      expect(second.cachedPromptTokens).toBeGreaterThan(first.promptTokens - 3);
      expect(second.text).toBe(first.text);
    } finally {
      await provider.dispose();
    }
  });
});
