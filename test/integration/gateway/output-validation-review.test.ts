/**
 * Stage 7 as a red-team review found it could be passed: credentials written with JSON escapes in
 * structured output, a secretlint-disable comment in the model's text, invisible characters inside
 * a key, and a function call the request never offered. Real governed tenant, real stages; the
 * model is a scripted hostile neighbour, through gateway.call and gateway.stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import { close, gatewayFixture, PASS, ScriptedProvider, verify, type GatewayFixture } from './helpers.ts';

// Synthetic keys in the documented shapes; none is real.
const AWS = 'AKIAZ7Q2X4RVB6N3WP5L';
const GH = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const STRIPE = 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdefGHIJ\n-----END RSA PRIVATE KEY-----';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const escapeAll = (text: string): string => [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** What must never reach the caller, decoded: the distinctive part of each secret. */
const SECRET_PARTS = ['Z7Q2X4RVB6N3WP5L', 'a1B2c3D4e5F6g7H8i9J0', 'MIIEpAIBAAKCAQEA', 'SflKxwRJSMeKKF2QT4fw', 'Sup3rS3cret', 'AbCdEfGhIjKlMnOpQrStUvWx', '51H8xYzAbCdEfGhIjKlMnOpQr'];

let f: GatewayFixture<ScriptedProvider>;
beforeAll(async () => {
  // Cheap tokens: the per-call budget must not refuse a call with a function template before it runs.
  f = await gatewayFixture(new ScriptedProvider(), { pricing: () => ({ input: 0.01, output: 0.01 }) });
});
afterAll(async () => {
  await close(f);
});

const ask = (agent: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'Give me the settings' }], maxTokens: 64, ...extra });

/** Everything the caller received, JSON-decoded where it is JSON (a key escaped in JSON is a key to its reader). */
function shown(...parts: unknown[]): string {
  return parts
    .map((part) => {
      const text = typeof part === 'string' ? part : JSON.stringify(part);
      try {
        return `${text}\n${JSON.stringify(JSON.parse(text))}`;
      } catch {
        return text;
      }
    })
    .join('\n');
}

function expectNoSecret(text: string): void {
  for (const part of SECRET_PARTS) expect(text).not.toContain(part);
}

describe('structured output with credentials written as JSON escapes', () => {
  const answer = [
    '{"k": "\\u0041KIAZ7Q2X4RVB6N3WP5L",',
    '"g": "\\u0067hp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",',
    `"pem": "${escapeAll(PEM)}",`,
    `"jwt": "${escapeAll(JWT)}",`,
    '"db": "postgres://admin:Sup3rS3cret\\u0040db.internal:5432/prod"}',
  ].join(' ');
  const redactedValue = {
    k: '[REDACTED_SECRET:aws]',
    g: '[REDACTED_SECRET:github]',
    pem: '[REDACTED_SECRET:private-key]',
    jwt: '[REDACTED_SECRET:jwt]',
    db: '[REDACTED_SECRET:connection-string]',
  };

  it('call(): the value and the text carry the redacted form', async () => {
    f.provider.answer = answer;
    const result = await f.gateway.call(ask('escaped-call', { jsonSchema: { type: 'object' } }));
    expect(result.value).toEqual(redactedValue);
    expect(JSON.parse(result.text)).toEqual(redactedValue);
    expectNoSecret(shown(result.text, result.value));
    expect(result.verdicts.find((v) => v.stage === 'output-validation')?.outcome).toBe('flag');
    expect((await verify(f)).ok).toBe(true);
  });

  it('stream(): nothing escaped is released on the fly; the result carries the redacted form', async () => {
    f.provider.answer = answer;
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('escaped-stream', { jsonSchema: { type: 'object' } }), (t) => streamed.push(t));
    expectNoSecret(shown(streamed.join('')));
    expect(result.value).toEqual(redactedValue);
    expectNoSecret(shown(result.text, result.value));
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a secretlint-disable comment in the model output', () => {
  it('switches no rule off, in the text or in function-call arguments', async () => {
    f.provider.answer = `<!-- secretlint-disable -->\nkeys ${AWS} ${GH} ${SLACK} ${STRIPE} `;
    f.provider.functionCalls = [{ name: 'lookup', arguments: { note: 'secretlint-disable -- ok', key: GH } }];
    const streamed: string[] = [];
    const error = await f.gateway
      .stream(ask('disable-comment', { functions: [{ name: 'lookup', parameters: { type: 'object', properties: { note: { type: 'string' }, key: { type: 'string' } } } }] }), (t) => streamed.push(t))
      .catch((e: unknown) => e);
    f.provider.functionCalls = undefined;
    expect(error).toMatchObject({ code: 'OUTPUT_VALIDATION' }); // the key in the arguments blocks
    expectNoSecret(streamed.join(''));

    const result = await f.gateway.call(ask('disable-comment-text'));
    expect(result.text).toBe('<!-- secretlint-disable -->\nkeys [REDACTED_SECRET:aws] [REDACTED_SECRET:github] [REDACTED_SECRET:slack] [REDACTED_SECRET:stripe] ');
  });
});

describe('invisible characters inside a key', () => {
  const answer = `key AKIA\u200bZ7Q2X4RVB6N3WP5L and ghp_\u200ba1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 done `;
  const redacted = 'key [REDACTED_SECRET:aws] and [REDACTED_SECRET:github] done ';

  it('call() and stream() redact the key, and the stream releases none of it on the fly', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('zero-width-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('zero-width-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expect(streamed.join('')).toBe(redacted);
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a function call the request never offered', () => {
  it('is refused (blocked), also when its name is a credential', async () => {
    f.provider.answer = 'Done. ';
    f.provider.functionCalls = [{ name: GH, arguments: {} }];
    const error = await f.gateway.call(ask('unoffered-call', { functions: [{ name: 'lookup' }] })).catch((e: unknown) => e);
    f.provider.functionCalls = undefined;
    expect(error).toMatchObject({ code: 'OUTPUT_VALIDATION' });
    expect(String((error as Error).message)).not.toContain(GH);
  });
});

describe('a credential in a function call when the mode is not enforce', () => {
  let warn: GatewayFixture<ScriptedProvider>;
  beforeAll(async () => {
    warn = await gatewayFixture(new ScriptedProvider(), { pricing: () => ({ input: 0.01, output: 0.01 }) });
    // Loosening the appliance baseline to warn needs an approver and a step-up.
    await warn.governance.policyChanges.set('erin', { level: 'appliance' }, 'enforcementMode', 'warn', { passphrase: PASS.erin as string });
  });
  afterAll(async () => {
    await close(warn);
  });

  it('is flagged and delivered with the credential replaced, in the arguments and the name, as text is', async () => {
    warn.provider.answer = 'Calling it. ';
    warn.provider.functionCalls = [{ name: 'lookup', arguments: { note: 'use this key', key: GH, nested: [{ aws: AWS }] } }];
    const result = await warn.gateway.call(ask('warn-call', { functions: [{ name: 'lookup' }] }));
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'flag' });
    expect(result.functionCalls).toEqual([{ name: 'lookup', arguments: { note: 'use this key', key: '[REDACTED_SECRET:github]', nested: [{ aws: '[REDACTED_SECRET:aws]' }] } }]);
    expectNoSecret(shown(result.functionCalls));

    warn.provider.functionCalls = [{ name: GH, arguments: {} }];
    const named = await warn.gateway.call(ask('warn-call-name', { functions: [{ name: 'lookup' }] }));
    warn.provider.functionCalls = undefined;
    expect(named.functionCalls).toEqual([{ name: '[REDACTED_SECRET:github]', arguments: {} }]);
    expect((await verify(warn)).ok).toBe(true);
  });

  it('never gives a tool a credential that the same response\'s text redacts, nor a tail split from its token', async () => {
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ7Q2X4RVB6';
    warn.provider.answer = `Set AWS_SECRET_ACCESS_KEY=${secretKey} then call.`;
    warn.provider.functionCalls = [
      { name: 'fetch', arguments: { AWS_SECRET_ACCESS_KEY: secretKey } },
      { name: 'fetch', arguments: { 'xoxb-123456789012-1234567890123-': 'AbCdEfGhIjKlMnOpQrStUvWx' } },
    ];
    const result = await warn.gateway.call(ask('warn-call-flat', { functions: [{ name: 'fetch' }] }));
    warn.provider.functionCalls = undefined;
    expect(result.text).toBe('Set [REDACTED_SECRET:aws] then call.');
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'flag' });
    expect(result.functionCalls).toEqual([
      { name: 'fetch', arguments: { AWS_SECRET_ACCESS_KEY: '[REDACTED_SECRET:aws]' } },
      { name: 'fetch', arguments: { '[REDACTED_SECRET:slack]': '[REDACTED_SECRET:slack]' } },
    ]);
    expect(shown(result.functionCalls)).not.toContain(secretKey);
    expectNoSecret(shown(result.functionCalls));
  });

  it('withholds a call whose arguments still hold a credential once redacted, and records it in the verdict', async () => {
    warn.provider.answer = 'Calling it. ';
    // A number is no string to redact, and the AWS account-id rule finds it in the JSON text.
    warn.provider.functionCalls = [
      { name: 'fetch', arguments: { account_id: 123456789012 } },
      { name: 'fetch', arguments: { url: 'https://example.org/report' } },
    ];
    const result = await warn.gateway.call(ask('warn-call-withheld', { functions: [{ name: 'fetch' }] }));
    warn.provider.functionCalls = undefined;
    expect(result.functionCalls).toEqual([{ name: 'fetch', arguments: { url: 'https://example.org/report' } }]);
    expect(JSON.stringify(result.functionCalls)).not.toContain('123456789012');
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'flag', detail: { functionCalls: 2, withheldFunctionCalls: 1 } });
    expect((await verify(warn)).ok).toBe(true);
  });

  it('replaces a credential known only by its key name in arguments that wrap it in an array or an object', async () => {
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ7Q2X4RVB6';
    warn.provider.answer = 'Calling it. ';
    warn.provider.functionCalls = [{ name: 'fetch', arguments: { aws_secret_access_key: [secretKey], creds: { aws_secret_access_key: { v: secretKey } } } }];
    const result = await warn.gateway.call(ask('warn-call-wrapped', { functions: [{ name: 'fetch' }] }));
    warn.provider.functionCalls = undefined;
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'flag' });
    expect(result.functionCalls).toEqual([
      { name: 'fetch', arguments: { aws_secret_access_key: ['[REDACTED_SECRET:aws]'], creds: { aws_secret_access_key: { v: '[REDACTED_SECRET:aws]' } } } },
    ]);
  });

  it('replaces look-alike keys, a password with "/" and a prose-named AWS secret in arguments', async () => {
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ7Q2X4RVB6';
    warn.provider.answer = 'Calling it. ';
    warn.provider.functionCalls = [
      { name: 'lookup', arguments: { gh: `g\u04BBp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8`, url: 'https://admin:pa/Sup3rS3cret@git.internal/repo', note: `AWS Secret Access Key: ${secretKey}` } },
    ];
    const result = await warn.gateway.call(ask('warn-call-lookalike', { functions: [{ name: 'lookup' }] }));
    warn.provider.functionCalls = undefined;
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'flag' });
    expectNoSecret(shown(result.functionCalls));
    expect(shown(result.functionCalls)).not.toContain(secretKey);
  });
});

describe('a connection string with JSON-escaped slashes in plain text', () => {
  const answer = 'connect with postgres:\\/\\/admin:Sup3rS3cret@db.example:5432/prod now ';
  const redacted = 'connect with [REDACTED_SECRET:connection-string] now ';

  it('call() and stream() redact it, and the stream releases none of it on the fly', async () => {
    f.provider.answer = answer;
    const called = await f.gateway.call(ask('escaped-slash-call'));
    expect(called.text).toBe(redacted);
    expect(called.verdicts.find((v) => v.stage === 'output-validation')?.outcome).toBe('flag');
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('escaped-slash-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expectNoSecret(streamed.join(''));
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a key spelt with mathematical bold letters', () => {
  const answer = '"AK\u{1D408}AZ7\u{1D410}2X4R\u{1D415}B6N3WP5L keep ';
  const redacted = '"[REDACTED_SECRET:aws] keep ';

  it('call() and stream() redact it, and the stream releases none of it on the fly', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('bold-key-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('bold-key-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expect(streamed.join('')).toBe(redacted);
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a Slack token split from its tail at a space', () => {
  const answer = 'slack xoxb-123456789012-1234567890123- AbCdEfGhIjKlMnOpQrStUvWx done ';
  const redacted = 'slack [REDACTED_SECRET:slack] done ';

  it('call() and stream() redact the tail with the token, and the stream releases neither on the fly', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('split-tail-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('split-tail-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expect(streamed.join('')).toBe(redacted);
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a credential known only by its key name, wrapped in an array or an object', () => {
  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ7Q2X4RVB6';

  it('is redacted from a structured value in call() and stream()', async () => {
    f.provider.answer = JSON.stringify({ aws_secret_access_key: [SECRET_KEY], nested: { aws_secret_access_key: { v: SECRET_KEY } } });
    const redactedValue = { aws_secret_access_key: ['[REDACTED_SECRET:aws]'], nested: { aws_secret_access_key: { v: '[REDACTED_SECRET:aws]' } } };
    const called = await f.gateway.call(ask('wrapped-key-call', { jsonSchema: { type: 'object' } }));
    expect(called.value).toEqual(redactedValue);
    expect(called.text).not.toContain(SECRET_KEY);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('wrapped-key-stream', { jsonSchema: { type: 'object' } }), (t) => streamed.push(t));
    expect(result.value).toEqual(redactedValue);
    expect(`${streamed.join('')}\n${result.text}`).not.toContain(SECRET_KEY);
  });
});

describe('a key spelt with look-alike letters, with no invisible character', () => {
  const answer = `Here it is: g\u04BBp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 and \u0410\u041AIAZ7Q2X4RVB6N3WP5L done. `;
  const redacted = 'Here it is: [REDACTED_SECRET:github] and [REDACTED_SECRET:aws] done. ';

  it('call() and stream() redact it, and the stream releases none of it on the fly', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('lookalike-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('lookalike-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expectNoSecret(streamed.join(''));
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a connection string with an empty user or a "/" in the password', () => {
  const answer = 'use redis://:Sup3rS3cret@cache.internal:6379/0 or https://admin:pa/Sup3rS3cret@git.internal/repo now ';
  const redacted = 'use [REDACTED_SECRET:connection-string] or [REDACTED_SECRET:url-credentials] now ';

  it('call() and stream() redact it: the stream holds it and the final check no longer releases it', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('empty-user-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('empty-user-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expectNoSecret(`${streamed.join('')}\n${result.text}`);
  });
});

describe('an AWS secret access key named in prose', () => {
  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ7Q2X4RVB6';

  it('call() and stream() redact it in text and in a function call', async () => {
    f.provider.answer = `AWS Secret Access Key: ${SECRET_KEY} and aws-secret-access-key: ${SECRET_KEY} ok `;
    const called = await f.gateway.call(ask('prose-aws-call'));
    expect(called.text).not.toContain(SECRET_KEY);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('prose-aws-stream'), (t) => streamed.push(t));
    expect(`${streamed.join('')}\n${result.text}`).not.toContain(SECRET_KEY);
  });
});

describe('ordinary answers that only look like credentials', () => {
  it('delivers an account number, a Slack format example and a <placeholder> password as written', async () => {
    const answer = 'Your account: 123456789012 is paid. Slack bot tokens look like xoxb-1234-5678-abcd. Set password=<your password> in Server=db; ';
    f.provider.answer = answer;
    const called = await f.gateway.call(ask('benign-lookalike-call'));
    expect(called.text).toBe(answer);
    expect(called.verdicts.find((v) => v.stage === 'output-validation')?.outcome).toBe('pass');
    const streamed: string[] = [];
    expect((await f.gateway.stream(ask('benign-lookalike-stream'), (t) => streamed.push(t))).text).toBe(answer);
    expect(streamed.join('')).toBe(answer);
  });

  it('returns structured output with an account number, not withheld as a credential', async () => {
    for (const value of [{ accountId: 123456789012 }, { account: '123456789012' }]) {
      f.provider.answer = JSON.stringify(value);
      const called = await f.gateway.call(ask('benign-account-json', { jsonSchema: { type: 'object' } }));
      expect(called.value).toEqual(value);
    }
  });

  it('delivers accented names, CJK text and emoji as written', async () => {
    const answer = 'Émile Zola and José Ñúñez met in Kraków. 東京都の天気は晴れです。 Great work 🎉👍🏽 ';
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('benign-unicode-call'))).text).toBe(answer);
    const streamed: string[] = [];
    expect((await f.gateway.stream(ask('benign-unicode-stream'), (t) => streamed.push(t))).text).toBe(answer);
    expect(streamed.join('')).toBe(answer);
  });
});
