/**
 * Child process for the crash test: appends in a loop from several concurrent writers and prints
 * each seq once its append has resolved (i.e. is durable). The parent SIGKILLs it at random.
 * argv: dbFile dbKeyHex signerSeedHex sealerKeyHex epochZeroKeyHex
 */
import { AuditLog } from '../../../main/audit/log.ts';
import { makeSealer, makeSigner, openEncryptedDb } from '../../unit/audit/fixtures.ts';
import { TENANT } from './helpers.ts';

const [file, dbKey, seed, sealKey, epochZero] = process.argv.slice(2) as [string, string, string, string, string];
const db = openEncryptedDb(file, dbKey);
const log = AuditLog.open({
  db,
  tenant: TENANT,
  signer: makeSigner(Buffer.from(seed, 'hex')),
  sealer: makeSealer(Buffer.from(sealKey, 'hex')),
  epochZeroKey: new Uint8Array(Buffer.from(epochZero, 'hex')),
  epochPolicy: { maxEntries: 50 },
});
process.stdout.write('ready\n');

async function writer(id: number): Promise<never> {
  for (let i = 0; ; i++) {
    const { seq } = await log.append({ actor: `writer-${id}`, action: 'crash.test', subject: String(i), payload: `payload ${id}/${i}` });
    process.stdout.write(`${seq}\n`);
  }
}
for (let w = 0; w < 8; w++) void writer(w);
