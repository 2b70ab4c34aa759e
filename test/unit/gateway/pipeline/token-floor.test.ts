/**
 * Stage 10's usage floor, computed in one pass over the text, against its definition written with
 * regular expressions: half the whitespace-separated words, or an eighth of the UTF-8 bytes left
 * once spaces are dropped and each run of one character is counted once, whichever is more.
 */
import { describe, expect, it } from 'vitest';
import { tokenFloor } from '../../../../main/gateway/stages/billing-post-call-audit.ts';

function byDefinition(texts: readonly string[]): number {
  let words = 0;
  let bytes = 0;
  for (const text of texts) {
    words += text.match(/\S+/g)?.length ?? 0;
    bytes += Buffer.byteLength(text.replace(/\s+/g, '').replace(/([\s\S])\1+/g, '$1'), 'utf8');
  }
  return Math.max(Math.ceil(words / 2), Math.ceil(bytes / 8));
}

describe('the usage floor', () => {
  it('is what its definition gives, on prose, code, CJK, emoji, Unicode spaces and runs', () => {
    const texts = [
      '',
      'Please write sixty short words for the layout test of the quarterly report',
      `${'x'.repeat(20)}${',y'.repeat(500)}`,
      'function f(a) {\n        return a  ==  1;\n}\n========\n',
      '人工智能网关在每次调用之前检查提示词，并记录审计事件。',
      'café naïve Ørsted — €12 · 😀😀😀 👨‍👩‍👧 done',
      'a\u00a0b\u2003c\u3000d\u2028e\ufefff',
      'aa a a  aaa\tb\nbb',
    ];
    for (const text of texts) expect(tokenFloor([text]), JSON.stringify(text)).toBe(byDefinition([text]));
    expect(tokenFloor(texts)).toBe(byDefinition(texts));
  });

  it('stays below what a tokenizer gives honest text: about 4 bytes of prose per token', () => {
    const prose = 'The ward audit covered 214 admissions in March; two consent forms were missing and have been traced. ';
    // ≈ 100 bytes: 25 tokens at 4 bytes each; the floor is below that.
    expect(tokenFloor([prose])).toBeLessThan(Math.ceil(Buffer.byteLength(prose) / 4));
  });
});
