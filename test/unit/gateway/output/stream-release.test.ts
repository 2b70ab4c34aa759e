/**
 * What the stream releases before the final verdict, against what stage 7 redacts in the whole
 * answer: a credential the whole-answer validation redacts must never have been released on the
 * fly, however the model's text is cut into chunks. Real checks throughout (stage 7's patterns and
 * the secretlint preset), no doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { findCredentialPatterns } from '../../../../main/gateway/output/credential-patterns.ts';
import { secretSuspicion } from '../../../../main/gateway/output/secretlint-scan.ts';
import { validateOutput } from '../../../../main/gateway/output/validate.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';

const restorer = () => createRedactionSession().restorer(true).createStreamRestorer();

// Synthetic credentials; none is real. `value` is the part that must never be released early.
const LEAKS: readonly { readonly name: string; readonly text: string; readonly value: string }[] = [
  // A password holding "/" and characters outside the long-token set: no token reaches 16 characters.
  { name: 'mysql URL, password with / and !#', text: 'mysql://sa:x/K!9#q@db.internal', value: 'x/K!9#q' },
  { name: 'sftp URL, password with / and !#', text: 'sftp://u:Zx/9!Kq#7@files.local', value: 'Zx/9!Kq#7' },
  { name: 'https userinfo', text: 'https://bob:s3cr3t!x@host.example/x', value: 's3cr3t!x' },
  { name: 'postgres URL', text: 'postgres://app:hunter2@db.local/x', value: 'hunter2' },
  // The AWS rule allows any whitespace between the name and the value, far past the 64-character look-back.
  { name: 'AWS secret 50 spaces after its name', text: `AWS_SECRET_ACCESS_KEY=${' '.repeat(50)}wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKX`, value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKX' },
  { name: 'AWS secret on a later YAML line', text: `aws_secret_access_key:\n\n\n${' '.repeat(44)}wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKX`, value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKX' },
  { name: 'AWS account id', text: 'account: 1234-5678-9012', value: '1234-5678-9012' },
  { name: 'GitHub token', text: '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', value: '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' },
  { name: 'ADO.NET password', text: 'Server=db01;Database=app;User Id=sa;Password=Hunter2!;', value: 'Hunter2!' },
  { name: 'PEM private key', text: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----', value: 'OPENSSH PRIVATE' },
];

/** Streams `text` cut at `cuts`, waits for every on-the-fly check, and returns what was released before the verdict. */
async function releasedBeforeVerdict(text: string, cuts: readonly number[], forbiddenTerms: readonly string[] = []): Promise<string> {
  const out: string[] = [];
  const stream = new OutputStream((t) => out.push(t), restorer(), { forbiddenTerms });
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= text.length) continue;
    stream.push(text.slice(at, cut));
    at = cut;
    await stream.drained;
  }
  stream.push(text.slice(at));
  await stream.drained;
  return out.join('');
}

describe('OutputStream: nothing stage 7 redacts is released on the fly', () => {
  it.each(LEAKS)('$name: whole-answer validation redacts it, and no chunking releases it early', async ({ text, value }) => {
    const answer = `Connect with ${text} then run the migration. Thanks.`;
    // Not vacuous: stage 7 does redact this value in the whole answer.
    expect((await validateOutput(answer)).text).not.toContain(value);
    const byWord = answer.split(/(?<=\s)/).reduce<number[]>((cuts, word) => [...cuts, (cuts.at(-1) ?? 0) + word.length], []);
    expect(await releasedBeforeVerdict(answer, byWord)).not.toContain(value);
    expect(await releasedBeforeVerdict(answer, Array.from({ length: answer.length }, (_, i) => i))).not.toContain(value);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: answer.length - 1 }), { maxLength: 24 }), async (cuts) => {
        expect(await releasedBeforeVerdict(answer, cuts)).not.toContain(value);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('does not hold links with an @ in their path, or a long number after "account"', () => {
    for (const prose of ['See https://www.npmjs.com/package/@types/node for the types.', 'Read https://medium.com/@alice/on-audits today.', 'Mail https://example.com/a?email=bob@example.com now.', 'Account: 1234567890123 is closed.']) {
      expect(secretSuspicion(prose), prose).not.toBe('structural');
    }
  });

  it('still streams ordinary prose with paths and host names on the fly', async () => {
    const answer = 'The log at /var/log/airlock/gateway-2026.log shows warehouse.northwind.example answered on time. ';
    expect(findCredentialPatterns(answer)).toEqual([]);
    expect(await releasedBeforeVerdict(answer, [10, 30, 60])).toBe(answer);
  });
});

describe('the structural credential patterns', () => {
  it.each([
    'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver', 'oracle', 'jdbc:postgresql',
    'clickhouse', 'cockroachdb', 'couchdb', 'neo4j', 'neo4j+s', 'ftp', 'sftp', 'ldap', 'ldaps', 'smtp', 'smtps',
  ])('find a %s:// URI with a password as a connection string', (scheme) => {
    const uri = `${scheme}://app:s3cretPass@db.internal:5432/prod`;
    const text = `use ${uri} now`;
    const spans = findCredentialPatterns(text).filter((span) => span.kind === 'connection-string');
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([uri]);
  });
});

describe('OutputStream: forbidden terms', () => {
  it('releases no part of a forbidden term, however long, streamed a word at a time', async () => {
    const term = 'the integration plan for the second phase of the northern pipeline expansion'; // 77 characters
    expect(term.length).toBeGreaterThan(64);
    const answer = `Status: ${term} is on track. `;
    const byWord = answer.split(/(?<=\s)/).reduce<number[]>((cuts, word) => [...cuts, (cuts.at(-1) ?? 0) + word.length], []);
    const released = await releasedBeforeVerdict(answer, byWord, [term]);
    expect(released).toBe('Status: ');
    expect((await validateOutput(answer, { policy: { forbiddenTerms: [term] } })).text).toBe('Status: [REDACTED_TERM] is on track. ');
  });

  it('holds back only from the start of a word, so a token is never cut for its credential check', async () => {
    const token = 'ghp_R8kQ2mZx7LpV4nTc9WbY1hJd6FsA0gEqdata'; // a GitHub token shape whose last letters begin the term
    expect((await validateOutput(`my token ${token} is here`)).text).not.toContain(token.slice(0, 20));
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), restorer(), { forbiddenTerms: ['data room'] });
    stream.push(`my token ${token} `);
    await stream.drained;
    stream.push('is here ');
    await stream.drained;
    expect(out.join('')).not.toContain(token.slice(0, 20));
    const words = new OutputStream((t) => out.push(t), restorer(), { forbiddenTerms: ['project x'] });
    out.length = 0;
    words.push('the subproject ');
    expect(out.join('')).toBe('the subproject '); // "project " inside a word does not begin the term
  });

  it('holds back words that begin a term until the next words show it is not one', async () => {
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), restorer(), { forbiddenTerms: ['Project Falcon'] });
    stream.push('Our Project ');
    expect(out.join('')).toBe('Our '); // "Project " may begin the term
    stream.push('plan is ');
    expect(out.join('')).toBe('Our Project plan is ');
    stream.push('Project ');
    stream.push('Falcon ');
    expect(stream.heldOnTheFly).toBe(true);
    expect(out.join('')).toBe('Our Project plan is ');
  });
});
