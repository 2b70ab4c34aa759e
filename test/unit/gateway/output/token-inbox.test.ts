import { describe, expect, it } from 'vitest';
import { TokenInbox } from '../../../../main/gateway/token-inbox.ts';

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('TokenInbox', () => {
  it('returns from push without delivering: the tokens of one turn arrive together, in order, on a later turn', async () => {
    const delivered: string[] = [];
    const inbox = new TokenInbox((t) => delivered.push(t));
    inbox.push('The ');
    inbox.push('appliance ');
    expect(delivered).toEqual([]); // the provider's token callback never runs the stream's work
    await nextTurn();
    expect(delivered).toEqual(['The appliance ']);
    inbox.push('is ');
    await nextTurn();
    inbox.push('ready');
    await nextTurn();
    expect(delivered).toEqual(['The appliance ', 'is ', 'ready']);
  });

  it('flush hands over what is waiting at once, and the turn it was waiting for then delivers nothing twice', async () => {
    const delivered: string[] = [];
    const inbox = new TokenInbox((t) => delivered.push(t));
    inbox.push('last ');
    inbox.push('words');
    inbox.flush();
    expect(delivered).toEqual(['last words']);
    await nextTurn();
    inbox.flush();
    expect(delivered).toEqual(['last words']);
  });
});
