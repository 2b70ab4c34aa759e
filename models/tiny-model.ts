/**
 * Deterministic tiny llama-architecture GGUF for tests and `airlock doctor`: random weights (so the
 * text is gibberish), but a real byte-level BPE tokenizer that round-trips ASCII exactly, ChatML
 * special tokens and a chat template, so node-llama-cpp treats it like any downloaded model.
 */
import { gguf, writeGguf } from './gguf-writer.ts';
import type { GgufTensor } from './gguf-writer.ts';
import { mulberry32 } from './seeded-random.ts';

export interface ModelShape {
  readonly contextLength: number;
  readonly embeddingLength: number;
  readonly blockCount: number;
  readonly feedForwardLength: number;
  readonly headCount: number;
  readonly headCountKv: number;
}

export const TINY_MODEL_SHAPE: ModelShape = {
  contextLength: 512,
  embeddingLength: 64,
  blockCount: 2,
  feedForwardLength: 128,
  headCount: 4,
  headCountKv: 4,
};

/** Real GPT-2 merges, ranked; each merged text is also a vocab entry (llama.cpp looks it up). */
const MERGES = [
  'Ġ t', 'Ġ a', 'h e', 'i n', 'r e', 'o n', 'Ġt he', 'e r', 'Ġ s', 'a t', 'Ġ w', 'Ġ o', 'e n',
  'Ġ c', 'i s', 'i t', 'o r', 'e s', 'a n', 'Ġ b', 'e d', 'Ġ f', 'in g', 'Ġ p', 'o u', 'Ġ m',
  'a r', 'Ġ d', 'a l', 'l l',
] as const;

export const TINY_SPECIAL_TOKENS = {
  endOfText: '<|endoftext|>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>',
} as const;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

// llama.cpp token types (llama_token_type): normal text vs control tokens that never print.
const TOKEN_TYPE_NORMAL = 1;
const TOKEN_TYPE_CONTROL = 3;

/** GPT-2's byte→unicode table: printable bytes map to themselves, the rest to U+0100 onwards. */
function gpt2ByteTokens(): string[] {
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const tokens: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) tokens.push(String.fromCodePoint(printable(b) ? b : 256 + shifted++));
  return tokens;
}

export interface TinyVocab {
  readonly tokens: readonly string[];
  readonly types: readonly number[];
  readonly merges: readonly string[];
  readonly endOfTextId: number;
  /** Tokens generation should never pick: specials and bytes outside printable ASCII. */
  readonly suppressed: ReadonlySet<number>;
}

export function buildTinyVocab(): TinyVocab {
  const tokens = gpt2ByteTokens();
  const suppressed = new Set<number>();
  for (let b = 0; b < 256; b++) if (b < 0x20 || b > 0x7e) suppressed.add(b);
  for (const merge of MERGES) tokens.push(merge.replace(' ', ''));
  const types: number[] = tokens.map(() => TOKEN_TYPE_NORMAL);
  const endOfTextId = tokens.length;
  for (const special of Object.values(TINY_SPECIAL_TOKENS)) {
    suppressed.add(tokens.length);
    tokens.push(special);
    types.push(TOKEN_TYPE_CONTROL);
  }
  return { tokens, types, merges: MERGES, endOfTextId, suppressed };
}

/** Builds the whole GGUF file. Same seed → same bytes; the seed only changes the weights. */
/**
 * `shape` defaults to the tiny test model; a larger shape (the benches use one) gives the same
 * tokenizer and template with a per-token cost closer to a real model's.
 */
export function generateTinyModel(seed: number, shape: ModelShape = TINY_MODEL_SHAPE): Uint8Array {
  const s = shape;
  const vocab = buildTinyVocab();
  const nVocab = vocab.tokens.length;
  const headDim = s.embeddingLength / s.headCount;
  const nEmbdKv = headDim * s.headCountKv;
  const random = mulberry32(seed);

  // Uniform in [-a, a) with a = gain·sqrt(3/fanIn): unit-variance activations without needing
  // transcendental functions (whose last bits could differ between platforms).
  const matrix = (fanIn: number, fanOut: number, gain = 1): Float32Array => {
    const a = gain * Math.sqrt(3 / fanIn);
    const m = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < m.length; i++) m[i] = (random() * 2 - 1) * a;
    return m;
  };
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);

  // Embedding dimension 0 is a constant "bias channel": every token sets it to 1 and no layer
  // writes to it, so after the final norm it stays positive and output rows can use it to push
  // suppressed tokens far down. Greedy output is then printable ASCII and never ends at once.
  const embd = matrix(1, nVocab * s.embeddingLength);
  for (let t = 0; t < nVocab; t++) embd[t * s.embeddingLength] = 1;
  const output = matrix(s.embeddingLength, nVocab, 4); // gain 4: peaked logits, varied argmax
  for (const t of vocab.suppressed) {
    output.fill(0, t * s.embeddingLength, (t + 1) * s.embeddingLength);
    output[t * s.embeddingLength] = -100;
  }
  const noWriteToBiasChannel = (m: Float32Array, fanIn: number): Float32Array => m.fill(0, 0, fanIn);

  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', shape: [s.embeddingLength, nVocab], data: embd },
    { name: 'output_norm.weight', shape: [s.embeddingLength], data: ones(s.embeddingLength) },
    { name: 'output.weight', shape: [s.embeddingLength, nVocab], data: output },
  ];
  for (let i = 0; i < s.blockCount; i++) {
    const e = s.embeddingLength;
    const ff = s.feedForwardLength;
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, shape: [e], data: ones(e) },
      { name: `blk.${i}.attn_q.weight`, shape: [e, e], data: matrix(e, e) },
      { name: `blk.${i}.attn_k.weight`, shape: [e, nEmbdKv], data: matrix(e, nEmbdKv) },
      { name: `blk.${i}.attn_v.weight`, shape: [e, nEmbdKv], data: matrix(e, nEmbdKv) },
      { name: `blk.${i}.attn_output.weight`, shape: [e, e], data: noWriteToBiasChannel(matrix(e, e), e) },
      { name: `blk.${i}.ffn_norm.weight`, shape: [e], data: ones(e) },
      { name: `blk.${i}.ffn_gate.weight`, shape: [e, ff], data: matrix(e, ff) },
      { name: `blk.${i}.ffn_up.weight`, shape: [e, ff], data: matrix(e, ff) },
      { name: `blk.${i}.ffn_down.weight`, shape: [ff, e], data: noWriteToBiasChannel(matrix(ff, e), ff) },
    );
  }

  return writeGguf({
    metadata: {
      'general.architecture': gguf.str('llama'),
      'general.name': gguf.str(`airlock-tiny-test-${seed}`),
      'general.license': gguf.str('CC0-1.0'),
      'general.description': gguf.str('Generated test model with random weights; its output is gibberish.'),
      'llama.context_length': gguf.u32(s.contextLength),
      'llama.embedding_length': gguf.u32(s.embeddingLength),
      'llama.block_count': gguf.u32(s.blockCount),
      'llama.feed_forward_length': gguf.u32(s.feedForwardLength),
      'llama.attention.head_count': gguf.u32(s.headCount),
      'llama.attention.head_count_kv': gguf.u32(s.headCountKv),
      'llama.attention.layer_norm_rms_epsilon': gguf.f32(1e-5),
      'llama.rope.dimension_count': gguf.u32(headDim),
      'llama.rope.freq_base': gguf.f32(10000),
      'llama.vocab_size': gguf.u32(nVocab),
      'tokenizer.ggml.model': gguf.str('gpt2'),
      // SmolLM's pre-tokenizer is GPT-2's regex without clean_spaces; "gpt-2" would turn " !" into "!".
      'tokenizer.ggml.pre': gguf.str('smollm'),
      'tokenizer.ggml.tokens': gguf.strings(vocab.tokens),
      'tokenizer.ggml.token_type': gguf.i32s(vocab.types),
      'tokenizer.ggml.merges': gguf.strings(vocab.merges),
      'tokenizer.ggml.bos_token_id': gguf.u32(vocab.endOfTextId),
      'tokenizer.ggml.eos_token_id': gguf.u32(vocab.endOfTextId),
      'tokenizer.ggml.padding_token_id': gguf.u32(vocab.endOfTextId),
      'tokenizer.ggml.add_bos_token': gguf.bool(false),
      'tokenizer.ggml.add_eos_token': gguf.bool(false),
      'tokenizer.chat_template': gguf.str(CHATML_TEMPLATE),
    },
    tensors,
  });
}
