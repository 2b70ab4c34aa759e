/**
 * The gateway's audit port is a port: a sink that is not the tenant's SQLite log (the compute
 * bench's in-memory sink, another store) still carries calls. Stage 10 orders a record against a
 * kill switch's entry only through the port's `lastSeq`/`entriesAfter`; a sink without them cannot
 * say what came first, so a call under a kill at its record is blocked (fail closed), never answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../main/data/sqlite.ts';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { openGateway, type Gateway, type GatewayAudit } from '../../../main/gateway/index.ts';
import { MemoryAudit } from '../../bench/gateway-fixtures.ts';
import { close, EchoProvider, type GatewayFixture, gatewayFixture } from './helpers.ts';

let f: GatewayFixture;
let memoryDb: Database;
beforeAll(async () => {
  f = await gatewayFixture(new EchoProvider({ answer: () => 'an answer' }));
  memoryDb = new Database(':memory:');
}, 60_000);
afterAll(async () => {
  memoryDb.close();
  await close(f);
});

async function gatewayOver(audit: GatewayAudit): Promise<Gateway> {
  return openGateway({ tenant: { db: memoryDb, tenantId: f.tenant.tenantId }, audit, governance: f.governance, providers: () => Promise.resolve(f.provider), pricing: () => ({ input: 0, output: 0 }) });
}

const ask = { actor: 'ann', agent: 'sink-test', messages: [{ role: 'user' as const, content: 'an ordinary question' }], maxTokens: 16 };

describe('an audit sink that is not the tenant log', () => {
  it('carries calls (the sink holds no audit_entries table)', async () => {
    const gateway = await gatewayOver(new MemoryAudit(memoryDb));
    const result = await gateway.call(ask);
    expect(result.text).toBe('an answer');
  });

  it('blocks a call whose record meets a kill it cannot order against', async () => {
    const sink = new MemoryAudit(memoryDb);
    const plain: GatewayAudit = {
      append: (...args) => sink.append(...args),
      recordGatewayCall: async (...args) => {
        await f.governance.kills.engage('erin', 'agent', 'sink-test', 'drill');
        return sink.recordGatewayCall(...args);
      },
    };
    const gateway = await gatewayOver(plain);
    const error = await gateway.call(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KillSwitchEngaged);
  });
});
