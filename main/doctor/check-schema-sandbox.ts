import { SchemaSandbox, type SandboxLimits } from '../providers/schema-sandbox.ts';
import type { DoctorCheck } from './report.ts';

export const SCHEMA_CHECKER = 'JSON Schema checker';

/**
 * Starts the worker that checks structured output and function-call arguments against callers'
 * schemas (providers/schema-sandbox.ts), the way the gateway does, and shows its deadline holds:
 * a backtracking pattern on a hostile value is cut off rather than left to run. A site whose
 * worker cannot start would otherwise find out at its first structured call.
 */
export async function checkSchemaSandbox(limits: Partial<SandboxLimits> = {}): Promise<DoctorCheck> {
  const sandbox = new SchemaSandbox(limits);
  const fail = (detail: string): DoctorCheck => ({
    name: SCHEMA_CHECKER,
    status: 'fail',
    detail,
    remedy: 'Calls with a jsonSchema or functions will be refused until it starts. Run `npm install` in the Airlock folder (the checker loads ajv and tsx from node_modules), then `airlock doctor` again.',
  });
  try {
    const started = performance.now();
    await sandbox.ready();
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^([A-Z]+)+$' } }, required: ['code'] };
    const compiled = sandbox.compile(schema);
    const startMs = performance.now() - started;
    if (!compiled.ok) return fail(`its own probe schema did not compile: ${compiled.reason}`);
    const good = sandbox.check(compiled.id, schema, { code: 'ABC' });
    const bad = sandbox.check(compiled.id, schema, { code: 7 });
    if (good.length !== 0 || bad.length !== 1) return fail('it answered its probe wrongly (a matching value refused, or a wrong one passed)');
    const cutStarted = performance.now();
    const cut = sandbox.check(compiled.id, schema, { code: `${'A'.repeat(40)}1` });
    const cutMs = performance.now() - cutStarted;
    if (cut.length !== 1 || !cut[0]?.includes('could not be checked within')) return fail('a hostile value was not cut off at the deadline');
    return { name: SCHEMA_CHECKER, status: 'pass', detail: `worker ready in ${Math.round(startMs)} ms; a backtracking pattern was cut off after ${Math.round(cutMs)} ms` };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    sandbox.close();
  }
}
