import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lintForSecrets, mayHoldSecret } from '../../../../main/gateway/output/secretlint-scan.ts';
import { validateOutput } from '../../../../main/gateway/output/validate.ts';

// Synthetic credentials in the documented shapes; none is real.
const AWS_ID = 'AKIAQWERTYUIOPASDFGH';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKX';
const GITHUB = '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';
const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdefGHIJ\nq2w3e4r5t6y7u8i9o0p\n-----END RSA PRIVATE KEY-----';
const JWT = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"1234567890","name":"Ann"}').toString('base64url'),
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
].join('.');

describe('output validation: credential leaks', () => {
  it('finds an AWS access key and secret, a GitHub token and a Slack token with the secretlint preset', async () => {
    const text = `Config:\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\ngh ${GITHUB}\nslack ${SLACK}\n`;
    const result = await validateOutput(text);
    for (const secret of [AWS_ID, AWS_SECRET, GITHUB, SLACK]) expect(result.text).not.toContain(secret);
    expect(result.text).toContain('[REDACTED_SECRET:aws]');
    expect(result.text).toContain('[REDACTED_SECRET:github]');
    expect(result.text).toContain('[REDACTED_SECRET:slack]');
    const details = result.violations.map((v) => v.detail).join('\n');
    expect(details).toMatch(/secretlint:AWSAccessKeyID/);
    expect(details).toMatch(/secretlint:AWSSecretAccessKey/);
    expect(details).toMatch(/secretlint:GITHUB_TOKEN/);
    expect(details).toMatch(/secretlint:SLACK_TOKEN/);
    for (const secret of [AWS_ID, AWS_SECRET, GITHUB, SLACK]) expect(details).not.toContain(secret);
  });

  it('sanitizes a PEM private key, a JWT, connection strings and a URL with a password', async () => {
    const text = [
      `key:\n${PEM}`,
      `bearer ${JWT}`,
      'db postgres://admin:hunter2@db.internal:5432/app',
      'atlas mongodb+srv://svc:p4ssw0rd@cluster0.example.net/prod',
      'see https://bob:s3cr3t@intranet.example/wiki',
      'Server=sql01;Database=hr;User Id=sa;Password=S3cret!;Encrypt=true',
      'Thanks.',
    ].join('\n');
    const result = await validateOutput(text);
    expect(result.text).toBe(
      [
        'key:\n[REDACTED_SECRET:private-key]',
        'bearer [REDACTED_SECRET:jwt]',
        'db [REDACTED_SECRET:connection-string]',
        'atlas [REDACTED_SECRET:connection-string]',
        'see [REDACTED_SECRET:url-credentials]',
        '[REDACTED_SECRET:connection-string]',
        'Thanks.',
      ].join('\n'),
    );
    expect(result.violations.every((v) => v.kind === 'credential-leak')).toBe(true);
    expect(result.violations).toHaveLength(6);
  });

  it('redacts a truncated private key to the end of the response', async () => {
    const result = await validateOutput('here: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA');
    expect(result.text).toBe('here: [REDACTED_SECRET:private-key]');
  });

  it('leaves look-alikes alone: a dotted "eyJ" identifier that is not a JWT, a URI without a password, a password policy', async () => {
    const text = [
      'eyJhbGciOiJub3QganNvbg.eyJzdWIiOiIxIn0.abc', // header decodes to text that is not JSON
      'postgres://db.internal:5432/app',
      'Passwords must be 12 characters; rotate every 90 days.',
    ].join('\n');
    const result = await validateOutput(text);
    expect(result.text).toBe(text);
    expect(result.violations).toEqual([]);
  });

  it('pre-filters prose so secretlint only runs where a secret could be', () => {
    expect(mayHoldSecret('The meeting moved to Thursday at ten; please bring the Q3 figures.')).toBe(false);
    expect(mayHoldSecret(`token ${GITHUB}`)).toBe(true);
    expect(mayHoldSecret('https://user:pw@host/x')).toBe(true);
    expect(mayHoldSecret('Shipped 2025-03-01T09:00:00Z from warehouse.northwind.example; ETA Friday.')).toBe(false);
    expect(mayHoldSecret(`see warehouse.northwind.example and ${AWS_ID}`)).toBe(true);
  });

  it('never lets the pre-filter hide something secretlint would have found', async () => {
    const secrets = fc.constantFrom(GITHUB, SLACK, `aws_secret_access_key = ${AWS_SECRET}`, AWS_ID, 'https://bob:s3cr3t@host.example/x', 'postgres://a:b@h/d');
    const prose = fc.array(fc.constantFrom('the', 'invoice', 'is', 'due', 'on', 'Friday', 'ok', '12', '\n', 'a-b', 'x=y'), { maxLength: 30 }).map((words) => words.join(' '));
    let found = 0;
    await fc.assert(
      fc.asyncProperty(prose, fc.option(secrets), prose, async (before, secret, after) => {
        const text = `${before} ${secret ?? ''} ${after}`;
        const spans = await lintForSecrets(text);
        if (spans.length > 0) {
          found += 1;
          expect(mayHoldSecret(text)).toBe(true);
        }
      }),
      { numRuns: 80, seed: 11 },
    );
    // Not vacuous: secretlint did find secrets in a good share of the runs.
    expect(found).toBeGreaterThan(20);
  });
});

describe('output validation: secretlint disable comments in model output', () => {
  // Synthetic keys in the shapes the red-team used; none is real.
  const KEYS = ['AKIAZ7Q2X4RVB6N3WP5L', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr'];
  const body = KEYS.join('\n');
  const forms: Record<string, string> = {
    'secretlint-disable': `<!-- secretlint-disable -->\n${body}`,
    'secretlint-disable with a reason': `# secretlint-disable -- ok\n${body}`,
    'secretlint-disable-line': KEYS.map((k) => `${k} // secretlint-disable-line`).join('\n'),
    'secretlint-disable-next-line': KEYS.map((k) => `// secretlint-disable-next-line\n${k}`).join('\n'),
    'secretlint-disable … secretlint-enable': `<!-- secretlint-disable -->\n${body}\n<!-- secretlint-enable -->`,
  };

  for (const [form, text] of Object.entries(forms)) {
    it(`redacts every key despite a "${form}" comment the model wrote`, async () => {
      const result = await validateOutput(text);
      for (const key of KEYS) expect(result.text).not.toContain(key);
      expect(result.violations.filter((v) => v.kind === 'credential-leak')).toHaveLength(KEYS.length);
    });
  }

  it('redacts keys in function-call arguments despite "secretlint-disable -- ok" there', async () => {
    const args = JSON.stringify({ note: 'secretlint-disable -- ok', aws: KEYS[0], gh: KEYS[1], slack: KEYS[2], stripe: KEYS[3] });
    const result = await validateOutput(args);
    for (const key of KEYS) expect(result.text).not.toContain(key);
  });
});

/** Every character written as a JSON \uXXXX escape, as a hostile model can. */
const escapeAll = (text: string): string => [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('output validation: credentials written with JSON escapes in structured output', () => {
  const schema = { type: 'object' };
  const GH = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

  it('redacts keys written with \\u escapes, in the value and in the text the value is written to', async () => {
    const text = String.raw`{"k": "\u0041KIAZ7Q2X4RVB6N3WP5L", "g": "\u0067hp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`;
    const result = await validateOutput(text, { schema });
    expect(result.value).toEqual({ k: '[REDACTED_SECRET:aws]', g: '[REDACTED_SECRET:github]' });
    expect(JSON.parse(result.text)).toEqual(result.value);
    expect(result.violations.map((v) => v.kind)).toEqual(['credential-leak', 'credential-leak']);
  });

  it('redacts a fully escaped private key, a JWT, a connection string with an escaped "@" or escaped slashes', async () => {
    const value = {
      pem: escapeAll(PEM),
      jwt: escapeAll(JWT),
      db: String.raw`postgres://admin:Sup3rS3cret\u0040db.internal:5432/prod`,
      slashes: String.raw`postgres:\/\/admin:Sup3rS3cret@db.internal:5432\/prod`,
      ok: 'INV-1',
    };
    const text = `{${Object.entries(value).map(([k, v]) => `"${k}": "${v}"`).join(', ')}}`;
    const result = await validateOutput(text, { schema });
    expect(result.value).toEqual({
      pem: '[REDACTED_SECRET:private-key]',
      jwt: '[REDACTED_SECRET:jwt]',
      db: '[REDACTED_SECRET:connection-string]',
      slashes: '[REDACTED_SECRET:connection-string]',
      ok: 'INV-1',
    });
    for (const secret of ['MIIEpAIBAAKCAQEA', JWT.split('.')[2] ?? JWT, 'Sup3rS3cret']) {
      expect(result.text).not.toContain(secret);
      expect(JSON.stringify(result.value)).not.toContain(secret);
    }
  });

  it('redacts a credential used as an object key', async () => {
    const result = await validateOutput(String.raw`{"\u0067hp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8": 1}`, { schema });
    expect(result.value).toEqual({ '[REDACTED_SECRET:github]': 1 });
  });

  it('withholds the value when the redacted value no longer matches the schema, and the text stays redacted', async () => {
    const strict = { type: 'object', properties: { token: { type: 'string', pattern: '^ghp_' } }, required: ['token'] };
    const result = await validateOutput(String.raw`{"token": "\u0067hp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`, { schema: strict });
    expect(result.value).toBeUndefined();
    expect(result.violations.at(-1)).toEqual({
      kind: 'format',
      detail: 'response does not match the requested schema once its credentials were redacted: token: must match pattern "^ghp_"',
    });
    expect(JSON.parse(result.text)).toEqual({ token: '[REDACTED_SECRET:github]' });
  });

  it('withholds the value when two credential keys redact to the same placeholder', async () => {
    const result = await validateOutput(`{"${GH}": 1, "ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2": 2}`, { schema });
    expect(result.value).toBeUndefined();
    expect(result.violations.some((v) => v.kind === 'format' && /same placeholder/.test(v.detail))).toBe(true);
    expect(result.text).not.toContain(GH);
  });

  it('redacts a value known only by its key name when it is wrapped in an array or an object, however deep', async () => {
    for (const wrapped of [[AWS_SECRET], { v: AWS_SECRET }, { account_id: { v: [AWS_SECRET, 'ok'] } }]) {
      const result = await validateOutput(JSON.stringify({ aws_secret_access_key: wrapped }), { schema });
      expect(JSON.stringify(result.value), JSON.stringify(wrapped)).toBe(JSON.stringify({ aws_secret_access_key: wrapped }).replace(AWS_SECRET, '[REDACTED_SECRET:aws]'));
      expect(result.text).not.toContain(AWS_SECRET);
      expect(result.violations.map((v) => v.detail)).toEqual(['aws credential in a string of the structured value (secretlint:AWSSecretAccessKey) redacted']);
    }
  });

  it('leaves a value under an ordinary key name alone, also beside a credential-named key', async () => {
    const text = JSON.stringify({ account: { name: 'Main', ids: ['INV-1', 'INV-2'] }, secret_access_key_rotation: { days: '90' }, note: { v: 'bring the Q3 figures' } });
    expect(await validateOutput(text, { schema })).toEqual({ text, violations: [], value: JSON.parse(text) as unknown });
  });

  it('leaves an escaped value that is no credential as the model wrote it', async () => {
    const text = String.raw`{"note": "caf\u00e9 at 10:00\nbring the Q3 figures"}`;
    const result = await validateOutput(text, { schema });
    expect(result).toEqual({ text, violations: [], value: { note: 'café at 10:00\nbring the Q3 figures' } });
  });
});

describe('output validation: invisible characters inside a credential', () => {
  it('redacts keys split by zero-width and other invisible characters, in the text as written', async () => {
    const text = 'key AKIA\u200bZ7Q2X4RVB6N3WP5L and ghp_\u200ba1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8, slack xoxb-123456789012-\u2060123456789\u00ad0123-AbCdEfGhIjKlMnOpQrStUvWx.';
    const result = await validateOutput(text);
    expect(result.text).toBe('key [REDACTED_SECRET:aws] and [REDACTED_SECRET:github], slack [REDACTED_SECRET:slack].');
    expect(result.violations).toHaveLength(3);
    expect(result.violations[0]?.detail).toMatch(/^aws credential at offset 4 /);
  });

  it('redacts a private key and a connection string with invisible characters in their markers', async () => {
    const text = `key:\n-----BEGIN\u200b RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdefGHIJ\n-----END RSA PRIVATE KEY-----\ndb postgres://admin:hunter2\ufeff@db.internal/app ok`;
    const result = await validateOutput(text);
    expect(result.text).toBe('key:\n[REDACTED_SECRET:private-key]\ndb [REDACTED_SECRET:connection-string] ok');
  });

  it('leaves ordinary text with invisible characters alone', async () => {
    const text = 'Zero\u200bwidth joins and an emoji 👩\u200d💻 with the path /var/log/airlock/gateway-2026.log';
    expect(await validateOutput(text)).toEqual({ text, violations: [] });
  });
});

describe('output validation: JSON escapes in plain text', () => {
  it('redacts a connection string whose slashes are JSON-escaped, with no schema asked for', async () => {
    const text = 'connect with postgres:\\/\\/admin:Sup3rS3cret@db.example:5432\\/prod now';
    const result = await validateOutput(text);
    expect(result.text).toBe('connect with [REDACTED_SECRET:connection-string] now');
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]?.detail).toMatch(/^connection-string credential at offset 13 /);
  });

  it('maps a finding back past an escaped backslash before it, and leaves escaped text without a credential alone', async () => {
    const before = 'C:\\\\/tmp \\"quoted\\" then ';
    const result = await validateOutput(`${before}mysql:\\/\\/root:Sup3rS3cret@db.example/app done`);
    expect(result.text).toBe(`${before}[REDACTED_SECRET:connection-string] done`);
    const benign = 'a path C:\\/tmp and \\"quoted\\" text\\n next line';
    expect(await validateOutput(benign)).toEqual({ text: benign, violations: [] });
  });
});

describe('output validation: compatibility letters inside a credential', () => {
  it('redacts a key spelt in mathematical bold or fullwidth letters, with no invisible character', async () => {
    const text = '"AK\u{1D408}AZ7\u{1D410}2X4R\u{1D415}B6N3WP5L keep, and \uFF21\uFF2B\uFF29\uFF21Z7Q2X4RVB6N3WP5L too';
    const result = await validateOutput(text);
    expect(result.text).toBe('"[REDACTED_SECRET:aws] keep, and [REDACTED_SECRET:aws] too');
    expect(result.violations).toHaveLength(2);
  });

  it('leaves fullwidth and mathematical letters that spell no key alone', async () => {
    const text = '\uFF28\uFF45\uFF4C\uFF4C\uFF4F in \u{1D41B}\u{1D428}\u{1D425}\u{1D41D} at 10:00';
    expect(await validateOutput(text)).toEqual({ text, violations: [] });
  });
});

describe('output validation: a token split from its tail', () => {
  it('redacts the tail of a Slack token split at a separator, after a space or between a JSON key and its value', async () => {
    const text = 'slack xoxb-123456789012-1234567890123- AbCdEfGhIjKlMnOpQrStUvWx done';
    const result = await validateOutput(text);
    expect(result.text).toBe('slack [REDACTED_SECRET:slack] done');
    expect(result.violations[0]?.detail).toBe('slack credential at offset 6 (secretlint:SLACK_TOKEN+split-tail) redacted');
    const keyed = await validateOutput('{"xoxb-123456789012-1234567890123-": "AbCdEfGhIjKlMnOpQrStUvWx"} done');
    expect(keyed.text).toBe('{"[REDACTED_SECRET:slack]"} done');
  });

  it('takes no word of prose after a token, nor anything after a whole one', async () => {
    const text = 'revoke xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx - Production, and xoxb-123456789012-1234567890123- documentation or state-of-the-art';
    const result = await validateOutput(text);
    expect(result.text).toBe('revoke [REDACTED_SECRET:slack] - Production, and [REDACTED_SECRET:slack]- documentation or state-of-the-art');
  });
});

describe('output validation: policy and format', () => {
  it('redacts forbidden terms and reports forbidden topics', async () => {
    const result = await validateOutput('Project Falcon ships in May; the merger talks with Globex continue.', {
      policy: { forbiddenTerms: ['Project Falcon'], forbiddenTopics: [{ name: 'M&A', keywords: ['merger', 'acquisition', 'Globex'] }] },
    });
    expect(result.text).toBe('[REDACTED_TERM] ships in May; the merger talks with Globex continue.');
    expect(result.violations).toEqual([
      { kind: 'policy', detail: 'forbidden term "Project Falcon" redacted (1 occurrence)' },
      { kind: 'policy', detail: 'forbidden topic "M&A" (2 of its keywords)' },
    ]);
  });

  const jsonSchema = {
    type: 'object',
    properties: { name: { type: 'string' }, amount: { type: 'number', minimum: 0 } },
    required: ['name', 'amount'],
    additionalProperties: false,
  };

  it('holds a response to required names the schema lists but does not declare (zod drops them)', async () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } }, required: ['a', 'b'] };
    const missing = await validateOutput('{"a":8}', { schema });
    expect(missing.violations).toEqual([{ kind: 'format', detail: 'response does not match the requested schema: b: required' }]);
    expect(missing.value).toBeUndefined();
    expect((await validateOutput('{"a":8,"b":"x"}', { schema })).value).toEqual({ a: 8, b: 'x' });
    const nested = { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', properties: {}, required: ['id'] } } } };
    expect((await validateOutput('{"rows":[{"id":1},{}]}', { schema: nested })).violations[0]?.detail).toMatch(/rows\.1\.id: required/);
  });

  it('accepts structured output that matches a JSON Schema, also inside a ```json fence', async () => {
    const plain = await validateOutput('{"name":"INV-1","amount":12.5}', { schema: jsonSchema });
    expect(plain).toMatchObject({ violations: [], value: { name: 'INV-1', amount: 12.5 } });
    const fenced = await validateOutput('```json\n{"name":"INV-2","amount":0}\n```', { schema: jsonSchema });
    expect(fenced.value).toEqual({ name: 'INV-2', amount: 0 });
  });

  it('reports a schema mismatch and invalid JSON as format violations, without quoting the response', async () => {
    const mismatch = await validateOutput('{"name":"INV-1","amount":-3,"note":"x"}', { schema: jsonSchema });
    expect(mismatch.value).toBeUndefined();
    expect(mismatch.violations).toHaveLength(1);
    expect(mismatch.violations[0]).toMatchObject({ kind: 'format' });
    expect(mismatch.violations[0]?.detail).toMatch(/amount/);
    expect(mismatch.violations[0]?.detail).toMatch(/note/);

    const broken = await validateOutput('Sure! Here is the JSON you asked for: {name: INV-1}', { schema: z.object({ name: z.string() }) });
    expect(broken.violations).toEqual([{ kind: 'format', detail: 'response is not valid JSON' }]);
  });

  it('reads a JSON Schema `pattern` as a Unicode regexp: ^\\p{Lu} accepts "Émile" and refuses "émile"', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string', pattern: '^\\p{Lu}' } }, required: ['name'] };
    expect((await validateOutput('{"name":"Émile"}', { schema })).value).toEqual({ name: 'Émile' });
    expect((await validateOutput('{"name":"émile"}', { schema })).violations).toEqual([
      { kind: 'format', detail: 'response does not match the requested schema: name: must match pattern "^\\p{Lu}"' },
    ]);
  });

  it('returns the value as the model wrote it: a `default` is an annotation, not filled in', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, currency: { type: 'string', default: 'EUR' } }, required: ['name'] };
    expect((await validateOutput('{"name":"INV-1"}', { schema })).value).toEqual({ name: 'INV-1' });
  });

  it('reads draft-07 `definitions` and checks if/then/else and dependentRequired, which zod could not read', async () => {
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { payee: { $ref: '#/definitions/party' } },
      definitions: { party: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    };
    expect((await validateOutput('{"payee":{"name":"Ann"}}', { schema: draft07 })).violations).toEqual([]);
    expect((await validateOutput('{"payee":{}}', { schema: draft07 })).violations[0]?.detail).toBe('response does not match the requested schema: payee.name: required');

    const conditional = {
      type: 'object',
      if: { properties: { kind: { const: 'card' } } },
      then: { required: ['last4'] },
      dependentRequired: { iban: ['bic'] },
    };
    expect((await validateOutput('{"kind":"card","last4":"1234"}', { schema: conditional })).violations).toEqual([]);
    expect((await validateOutput('{"kind":"card"}', { schema: conditional })).violations[0]?.detail).toMatch(/last4: required/);
    expect((await validateOutput('{"iban":"x"}', { schema: conditional })).violations[0]?.detail).toMatch(/must have property bic when property iban is present/);
  });

  it('lists five issues and counts the rest', async () => {
    const schema = { type: 'array', items: { type: 'integer' } };
    const detail = (await validateOutput('["a","b","c","d","e","f","g"]', { schema })).violations[0]?.detail;
    expect(detail).toBe('response does not match the requested schema: 0: must be integer; 1: must be integer; 2: must be integer; 3: must be integer; 4: must be integer; and 2 more');
  });

  it('throws for a schema it cannot compile, so the stage refuses the call rather than passing unchecked output', async () => {
    await expect(validateOutput('{"a":1}', { schema: { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } } })).rejects.toThrow(
      /does not compile as draft 2020-12: a \$ref points to no part of the schema/,
    );
  });

  it("never repeats the caller's names from a schema it refuses: a property name or a $ref target may be data", async () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    const schemas = [
      { type: 'object', properties: { a: { $ref: `#/$defs/${secret}` } } },
      { type: 'object', properties: { [secret]: { type: 'string', minLength: 'three' } } },
      { type: 'object', $defs: { [secret]: { $id: 'https://x.example/a', type: 'string' }, b: { $id: 'https://x.example/a', type: 'string' } } },
      { type: 'object', properties: { [secret]: { type: 'string', pattern: `(${secret}` } } },
    ];
    for (const schema of schemas) {
      const error = await validateOutput('{}', { schema }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(schema)).toBeInstanceOf(Error);
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).toMatch(/JSON Schema|does not compile|invalid as/);
    }
  });

  it('validates with a zod schema and still redacts secrets inside the JSON', async () => {
    const result = await validateOutput(`{"name":"deploy","token":"${GITHUB}"}`, { schema: z.object({ name: z.string(), token: z.string() }) });
    expect(result.value).toEqual({ name: 'deploy', token: '[REDACTED_SECRET:github]' });
    expect(result.violations.map((v) => v.kind)).toEqual(['credential-leak']);
  });
});

describe('the secretlint scan over a long-running process', () => {
  it('leaves no performance marks behind (secretlint\'s profiler would add about 60 a call, for ever)', async () => {
    performance.clearMarks();
    for (let i = 0; i < 20; i++) {
      const result = await validateOutput(`key AKIAIOSFODNN7EXAMPLE and postgres://app:pw${i}@db.internal/x`);
      expect(result.violations.some((v) => v.kind === 'credential-leak')).toBe(true);
    }
    expect(performance.getEntriesByType('mark')).toHaveLength(0);
  });
});
