import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaCppProvider, ProviderError, llamaCppLog, probeLocalModel } from '../../main/providers/llama-cpp.ts';
import { DEFAULT_MANIFEST_PATH, ModelIntegrityError, resolveModel, sha256Bytes } from '../../models/manifest.ts';
import { generateTinyModel } from '../../models/tiny-model.ts';

let provider: LlamaCppProvider;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'airlock-llama-'));
  provider = await LlamaCppProvider.open({ alias: 'tiny-test' });
});
afterAll(async () => {
  await provider?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** A private manifest + models dir, so a test may damage its copy of the model freely. */
async function privateManifest(edit: (entry: Record<string, unknown>) => void = () => undefined): Promise<string> {
  const manifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as { models: Record<string, Record<string, unknown>> };
  const dir = await mkdtemp(join(scratch, 'models-'));
  edit(manifest.models['tiny-test'] ?? {});
  const path = join(dir, 'manifest.json');
  await writeFile(path, JSON.stringify(manifest));
  return path;
}

describe('the generated tiny model', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = generateTinyModel(1234);
    const b = generateTinyModel(1234);
    const c = generateTinyModel(1235);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(c.length).toBe(a.length); // same shape, different weights
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(a.length).toBeLessThan(1_000_000);
  });
});

describe('LlamaCppProvider on the tiny model', () => {
  it('loads through the manifest with no tokenizer or round-trip warning from node-llama-cpp', () => {
    expect(provider.model).toMatchObject({ alias: 'tiny-test', id: 'tiny-test' });
    expect(provider.warnings).toEqual([]);
    expect(llamaCppLog()).toEqual([]); // nothing at all was logged at warn level or above
  });

  it('exposes the tokenizer warnings llama.cpp logs for a model that deserves them', async () => {
    // Same model with its pre-tokenizer key renamed: llama.cpp then warns "missing pre-tokenizer type".
    const bytes = Buffer.from(await readFile(provider.model.path));
    const key = bytes.indexOf('tokenizer.ggml.pre');
    bytes.write('tokenizer.ggml.prX', key);
    const file = join(scratch, 'no-pre-tokenizer.gguf');
    await writeFile(file, bytes);
    const manifestPath = await privateManifest((entry) => {
      entry.file = file;
      entry.sha256 = sha256Bytes(bytes);
      delete entry.generator;
    });
    const degraded = await LlamaCppProvider.open({ alias: 'tiny-test', manifestPath });
    try {
      expect(degraded.warnings.join('\n')).toMatch(/missing pre-tokenizer type/);
      expect(llamaCppLog().some((e) => e.level === 'warn' && /pre-tokenizer/.test(e.message))).toBe(true);
    } finally {
      await degraded.dispose();
    }
  });

  it('round-trips ASCII text exactly through tokenize and detokenize, using its merges', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const samples = ['some test text here', 'Hello, world! 1234', '  the\tthe\n\nthe  ', printable, 'a', "Is it ? Yes . No , don 't !"];
    for (const text of samples) {
      expect(provider.detokenize(provider.tokenize(text))).toBe(text);
    }
    expect(provider.tokenize(' the')).toHaveLength(1); // "Ġ t" then "Ġt he": real BPE, not bytes only
  });

  it('generates the same greedy text on every run, streaming varied tokens rather than stopping', async () => {
    const chunks: string[] = [];
    const first = await provider.generate({ prompt: 'Once upon a time', maxTokens: 48, onToken: (t) => chunks.push(t) });
    const second = await provider.generate({ prompt: 'Once upon a time', maxTokens: 48 });
    expect(first).toMatchObject({ tokens: 48, stopReason: 'maxTokens' });
    expect(second.text).toBe(first.text);
    expect(chunks.join('')).toBe(first.text);
    expect(new Set(provider.tokenize(first.text)).size).toBeGreaterThanOrEqual(8);

    const other = await LlamaCppProvider.open({ alias: 'default' });
    try {
      expect((await other.generate({ prompt: 'Once upon a time', maxTokens: 48 })).text).toBe(first.text);
    } finally {
      await other.dispose();
    }
  });

  it('samples reproducibly for a given seed when temperature > 0', async () => {
    const request = { prompt: 'The audit log', maxTokens: 32, temperature: 0.9, seed: 42 };
    const a = await provider.generate(request);
    const b = await provider.generate(request);
    expect(a.tokens).toBe(32);
    expect(b.text).toBe(a.text);
  });

  it('renders chat messages through the model chat template', async () => {
    const result = await provider.generate({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Status?' },
      ],
      maxTokens: 8,
    });
    expect(result.tokens).toBe(8);
    // <|im_start|>system\n…<|im_end|>\n<|im_start|>user\n…<|im_end|>\n<|im_start|>assistant\n
    expect(result.promptTokens).toBeGreaterThan(provider.tokenize('You are terse.Status?').length + 6);
  });

  it('stops a long generation within 100 ms of abort and stays usable afterwards', async () => {
    const controller = new AbortController();
    const tokenTimes: number[] = [];
    let streaming!: () => void;
    const started = new Promise<void>((resolve) => (streaming = resolve));
    const run = provider.generate({
      prompt: 'x',
      maxTokens: 100_000,
      signal: controller.signal,
      onToken: () => {
        tokenTimes.push(performance.now());
        if (tokenTimes.length === 20) streaming();
      },
    });
    await started;
    const abortedAt = performance.now();
    controller.abort();
    const result = await run;
    const settledAt = performance.now();

    expect(result.stopReason).toBe('aborted');
    expect(result.tokens).toBeLessThan(400);
    expect(Math.max(...tokenTimes) - abortedAt).toBeLessThan(100);
    expect(settledAt - abortedAt).toBeLessThan(100);

    const again = await provider.generate({ prompt: 'Once upon a time', maxTokens: 8 });
    expect(again.stopReason).toBe('maxTokens');
  });

  it('returns at once, generating nothing, when the signal is already aborted', async () => {
    const onToken = (): void => {
      throw new Error('no token expected');
    };
    const result = await provider.generate({ prompt: 'x', maxTokens: 10, signal: AbortSignal.abort(), onToken });
    expect(result).toMatchObject({ text: '', tokens: 0, stopReason: 'aborted' });
  });

  it('reuses the evaluated prompt prefix only for the same reuseKey, with the same greedy text as evaluating it all', async () => {
    const turn1 = [
      { role: 'system' as const, content: 'You are terse.' },
      { role: 'user' as const, content: 'Status of the night batch?' },
    ];
    const first = await provider.generate({ messages: turn1, maxTokens: 12, reuseKey: 'conversation-a' });
    expect(first.cachedPromptTokens).toBeUndefined(); // nothing held for this key yet
    const turn2 = [...turn1, { role: 'assistant' as const, content: first.text }, { role: 'user' as const, content: 'And the morning one?' }];

    const reused = await provider.generate({ messages: turn2, maxTokens: 12, reuseKey: 'conversation-a' });
    // At least the system and first user turn (the shared prefix) came from the kept state.
    expect(reused.cachedPromptTokens).toBeGreaterThan(provider.tokenize('You are terse.Status of the night batch?').length);
    expect(reused.cachedPromptTokens).toBeLessThan(reused.promptTokens);

    // Another conversation never sees that state; the same text comes from a full evaluation.
    const other = await provider.generate({ messages: turn2, maxTokens: 12, reuseKey: 'conversation-b' });
    expect(other.cachedPromptTokens).toBeUndefined();
    const none = await provider.generate({ messages: turn2, maxTokens: 12 });
    expect(none.cachedPromptTokens).toBeUndefined();
    expect(reused.text).toBe(other.text);
    expect(none.text).toBe(other.text);

    // The identical request again: all but the last prompt token come from the state (it yields the first logits).
    await provider.generate({ messages: turn2, maxTokens: 12, reuseKey: 'conversation-b' });
    const repeat = await provider.generate({ messages: turn2, maxTokens: 12, reuseKey: 'conversation-b' });
    expect(repeat.cachedPromptTokens).toBe(repeat.promptTokens - 1);
    expect(repeat.text).toBe(other.text);
  });

  it('keeps nothing for reuse after an aborted generation', async () => {
    const messages = [{ role: 'user' as const, content: 'Count slowly.' }];
    await provider.generate({ messages, maxTokens: 4, reuseKey: 'conversation-c' });
    const controller = new AbortController();
    const aborted = await provider.generate({
      messages,
      maxTokens: 100_000,
      reuseKey: 'conversation-c',
      signal: controller.signal,
      onToken: () => controller.abort(),
    });
    expect(aborted.stopReason).toBe('aborted');
    const next = await provider.generate({ messages, maxTokens: 4, reuseKey: 'conversation-c' });
    expect(next.cachedPromptTokens).toBeUndefined();
  });

  it('refuses a request with both or neither of prompt and messages', async () => {
    await expect(provider.generate({ maxTokens: 4 })).rejects.toThrow(ProviderError);
    await expect(provider.generate({ prompt: 'a', messages: [], maxTokens: 4 })).rejects.toThrow(/exactly one/);
  });
});

describe('model integrity and failures', () => {
  it('refuses to load a corrupted model file with ModelIntegrityError', async () => {
    const manifestPath = await privateManifest();
    const { path } = await resolveModel('tiny-test', { manifestPath });
    const bytes = await readFile(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01; // one flipped bit in the weights
    await writeFile(path, bytes);

    const error = await LlamaCppProvider.open({ alias: 'tiny-test', manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect((error as Error).message).toContain(path);
  });

  it('probes the local model for airlock doctor: loads it and streams tokens', async () => {
    const probe = await probeLocalModel();
    expect(probe.alias).toBe('tiny-test');
    expect(probe.tokens).toBeGreaterThan(0);
    expect(probe.streamedChunks).toBeGreaterThan(0);
    expect(probe.ms).toBeGreaterThanOrEqual(0);
  });

  it('translates a file llama.cpp cannot load into a ProviderError that says what to do', async () => {
    // A truncated copy whose sha256 the manifest vouches for: it passes integrity, then fails in llama.cpp.
    const junk = join(scratch, 'truncated.gguf');
    const bytes = (await readFile(provider.model.path)).subarray(0, 4096);
    await writeFile(junk, bytes);
    const manifestPath = await privateManifest((entry) => {
      entry.file = junk;
      entry.sha256 = sha256Bytes(bytes);
      delete entry.generator;
    });
    const error = await LlamaCppProvider.open({ alias: 'tiny-test', manifestPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'model-load-failed' });
    expect((error as Error).message).toMatch(/could not load model "tiny-test".*import a GGUF model/s);
  });
});

describe('review findings: context room, aborts in the queue, grammar cache scope', () => {
  it('refuses a prompt longer than the context instead of cutting it from the front', async () => {
    const small = await LlamaCppProvider.open({ alias: 'tiny-test', contextSize: 64 });
    try {
      const long = 'word '.repeat(small.contextSize);
      const error = await small.generate({ messages: [{ role: 'system', content: 'Never reveal the code.' }, { role: 'user', content: long }], maxTokens: 8 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'bad-request' });
      expect((error as Error).message).toMatch(new RegExp(`The prompt is \\d+ tokens; the context of "tiny-test" holds ${small.contextSize}\\. Shorten the conversation`));
    } finally {
      await small.dispose();
    }
  });

  it('stops at the end of the context with stopReason maxTokens, never shifting the prompt out', async () => {
    const small = await LlamaCppProvider.open({ alias: 'tiny-test', contextSize: 64 });
    try {
      const prompt = 'Once upon a time';
      const result = await small.generate({ prompt, maxTokens: 100_000 });
      expect(result.stopReason === 'maxTokens' || result.stopReason === 'eos').toBe(true);
      expect(result.promptTokens).toBeGreaterThan(0);
      expect(result.tokens).toBeLessThanOrEqual(small.contextSize - result.promptTokens);
      if (result.stopReason === 'maxTokens') expect(result.tokens).toBe(small.contextSize - result.promptTokens);
    } finally {
      await small.dispose();
    }
  });

  it('settles a call aborted while it waits its turn at once, not after the call ahead of it', async () => {
    const ahead = new AbortController();
    let streaming!: () => void;
    const started = new Promise<void>((resolve) => (streaming = resolve));
    const first = provider.generate({ prompt: 'x', maxTokens: 100_000, signal: ahead.signal, onToken: () => streaming() });
    await started;
    const queued = new AbortController();
    const second = provider.generate({ prompt: 'y', maxTokens: 8, signal: queued.signal });
    let secondDone = false;
    void second.then(() => (secondDone = true));
    queued.abort();
    await expect(second).resolves.toMatchObject({ stopReason: 'aborted', tokens: 0 });
    expect(secondDone).toBe(true);
    ahead.abort();
    await expect(first).resolves.toMatchObject({ stopReason: 'aborted' });
  });

  it('keeps an abort that lands while the grammar is being prepared', async () => {
    for (let hops = 0; hops < 6; hops++) {
      const controller = new AbortController();
      const run = provider.generate({ prompt: 'Answer:', maxTokens: 200, jsonSchema: { type: 'object', properties: { n: { type: 'integer' } } }, signal: controller.signal });
      let chain = Promise.resolve();
      for (let i = 0; i < hops; i++) chain = chain.then(() => undefined);
      await chain.then(() => controller.abort());
      const result = await run;
      expect(result.stopReason, `abort after ${hops} microtask hops`).toBe('aborted');
    }
  });

  it('caches compiled grammars per conversation only', async () => {
    const grammars = (provider as unknown as { grammars: Map<string, unknown> }).grammars;
    const schema = { type: 'object', properties: { tenantSecretField: { type: 'string' } } };
    const before = grammars.size;
    await provider.generate({ prompt: 'Answer:', maxTokens: 4, jsonSchema: schema });
    expect(grammars.size).toBe(before); // no reuseKey: nothing kept
    await provider.generate({ prompt: 'Answer:', maxTokens: 4, jsonSchema: schema, reuseKey: 'tenant-a' });
    await provider.generate({ prompt: 'Answer:', maxTokens: 4, jsonSchema: schema, reuseKey: 'tenant-b' });
    expect(grammars.size).toBe(before + 2); // one per conversation: B's first use is not A's cache hit
  });

  it('refuses a schema keyword the grammar cannot express, and turns anyOf into a grammar that can match', async () => {
    await expect(provider.generate({ prompt: 'x', maxTokens: 4, jsonSchema: { allOf: [{ type: 'string' }] } })).rejects.toMatchObject({
      code: 'bad-request',
      message: /uses "allOf" at \(root\)/,
    });
    const result = await provider.generate({ prompt: 'Answer:', maxTokens: 24, jsonSchema: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] } });
    expect(result.text).not.toBe('null');
    expect(typeof JSON.parse(result.text)).toMatch(/number|boolean/);
  });
});
