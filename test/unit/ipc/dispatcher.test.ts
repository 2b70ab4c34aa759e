import { describe, expect, it, vi } from 'vitest';
import {
  AIRLOCK_API_KEY,
  IPC_CHANNELS,
  createAirlockApi,
  ipcContract,
  type IpcResult,
} from '../../../main/ipc/contract.ts';
import {
  IpcHandlerError,
  createDispatcher,
  type InternalFailure,
  type IpcHandlers,
  type SenderInfo,
} from '../../../main/ipc/dispatcher.ts';
import { APP_ORIGIN, isTrustedSender } from '../../../main/shell/security.ts';

const TOP_FRAME: SenderInfo = { url: `${APP_ORIGIN}/index.html`, parent: null };
const SECRET = 'passphrase=correct-horse-battery-staple';

const report = {
  ok: false,
  checks: [
    { name: 'Node.js', status: 'pass', detail: 'v22.23.3' },
    { name: 'encrypted SQLite', status: 'fail', detail: 'not built', remedy: 'npm ci' },
  ],
} as const;

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    'doctor:run': () => report,
    'app:info': () => ({ name: 'Airlock', version: '0.1.0', versions: { node: '22.23.3', electron: null, chrome: null } }),
    ...overrides,
  };
}

function setup(overrides: Partial<IpcHandlers> = {}) {
  const failures: InternalFailure[] = [];
  const dispatch = createDispatcher(handlers(overrides), {
    isTrustedSender: (sender) => isTrustedSender(sender),
    reportInternalFailure: (failure) => failures.push(failure),
  });
  return { dispatch, failures };
}

function expectRefused(result: IpcResult<unknown>, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  // Only { code, message } crosses: no stack, no cause, no issues array.
  expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
  expect(result.error.message).not.toMatch(/\n\s+at /);
  return result.error.message;
}

describe('the IPC contract', () => {
  it('names doctor:run and app:info, and nothing else yet', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(['app:info', 'doctor:run']);
    expect(Object.keys(ipcContract).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('builds a frozen API that refuses channels outside the contract without calling the transport', async () => {
    const transport = vi.fn(async () => ({ ok: true, value: 'sent' }));
    const api = createAirlockApi(IPC_CHANNELS, transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['invoke']);
    for (const channel of ['fs:read', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await api.invoke(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(transport).not.toHaveBeenCalled();
    await expect(api.invoke('app:info', {})).resolves.toEqual({ ok: true, value: 'sent' });
    expect(transport).toHaveBeenCalledWith('app:info', {});
  });

  it('keeps createAirlockApi self-contained so the browser harness can inject its source', () => {
    const rebuilt = new Function(`return (${createAirlockApi.toString()})`)() as typeof createAirlockApi;
    expect(typeof rebuilt(IPC_CHANNELS, async () => null).invoke).toBe('function');
    expect(AIRLOCK_API_KEY).toBe('airlock');
  });
});

describe('createDispatcher', () => {
  it('runs the handler and returns its validated reply', async () => {
    const { dispatch } = setup();
    await expect(dispatch('doctor:run', {}, TOP_FRAME)).resolves.toEqual({ ok: true, value: report });
  });

  it.each(['fs:readFile', '__proto__', 'constructor', 'hasOwnProperty', '', 7, null, undefined, { channel: 'doctor:run' }])(
    'refuses the unknown channel %s',
    async (channel) => {
      const handler = vi.fn(() => report);
      const { dispatch } = setup({ 'doctor:run': handler });
      expectRefused(await dispatch(channel, {}, TOP_FRAME), 'UNKNOWN_CHANNEL');
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['another origin', { url: 'https://example.com/', parent: null }],
    ['a subframe of the app', { url: `${APP_ORIGIN}/index.html`, parent: TOP_FRAME }],
    ['a destroyed frame', null],
  ])('refuses %s before looking at the channel or the payload', async (_label, sender) => {
    const handler = vi.fn(() => report);
    const { dispatch } = setup({ 'doctor:run': handler });
    expectRefused(await dispatch('doctor:run', {}, sender), 'UNTRUSTED_SENDER');
    expectRefused(await dispatch('no:such-channel', 'junk', sender), 'UNTRUSTED_SENDER');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['an unplanned key', { skipModel: false }],
    ['a string', 'run'],
    ['an array', []],
    ['null', null],
    ['no payload', undefined],
  ])('refuses a request with %s as INVALID_REQUEST and never runs the handler', async (_label, payload) => {
    const handler = vi.fn(() => report);
    const { dispatch } = setup({ 'doctor:run': handler });
    const message = expectRefused(await dispatch('doctor:run', payload, TOP_FRAME), 'INVALID_REQUEST');
    expect(message).toMatch(/^Invalid request for "doctor:run": /);
    expect(handler).not.toHaveBeenCalled();
  });

  it('names the offending field without echoing the value that was sent', async () => {
    const { dispatch } = setup();
    const message = expectRefused(await dispatch('app:info', { [SECRET.slice(0, 10)]: SECRET }, TOP_FRAME), 'INVALID_REQUEST');
    expect(message).not.toContain('correct-horse');
  });

  it('replaces a crashing handler’s message and stack with a generic one, and logs the original', async () => {
    const crash = new Error(`sqlite: could not open /var/lib/airlock/tenant.db with ${SECRET}`);
    const { dispatch, failures } = setup({
      'doctor:run': () => {
        throw crash;
      },
    });
    const message = expectRefused(await dispatch('doctor:run', {}, TOP_FRAME), 'HANDLER_FAILED');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('/var/lib');
    expect(message).toContain('main-process log');
    expect(failures).toEqual([{ channel: 'doctor:run', code: 'HANDLER_FAILED', error: crash }]);
  });

  it('also sanitises a handler that rejects with a non-Error', async () => {
    const { dispatch, failures } = setup({ 'app:info': () => Promise.reject(SECRET) });
    expect(expectRefused(await dispatch('app:info', {}, TOP_FRAME), 'HANDLER_FAILED')).not.toContain(SECRET);
    expect(failures).toHaveLength(1);
  });

  it('passes through the message of an IpcHandlerError, which is written for the user', async () => {
    const { dispatch, failures } = setup({
      'doctor:run': () => {
        throw new IpcHandlerError('The tenant is locked: unlock it and run the check again.');
      },
    });
    const message = expectRefused(await dispatch('doctor:run', {}, TOP_FRAME), 'HANDLER_FAILED');
    expect(message).toBe('The tenant is locked: unlock it and run the check again.');
    expect(failures).toEqual([]);
  });

  it('withholds a reply that breaks the response schema', async () => {
    const { dispatch, failures } = setup({
      'doctor:run': () => ({ ok: true, checks: [{ name: 'x', status: 'maybe', detail: SECRET }] }) as never,
    });
    const message = expectRefused(await dispatch('doctor:run', {}, TOP_FRAME), 'INVALID_RESPONSE');
    expect(message).not.toContain(SECRET);
    expect(failures.map((failure) => failure.code)).toEqual(['INVALID_RESPONSE']);
  });

  it('strips fields the response schema does not plan for', async () => {
    const { dispatch } = setup({
      'app:info': () =>
        ({
          name: 'Airlock',
          version: '0.1.0',
          versions: { node: '22', electron: null, chrome: null, openssl: '3' },
          rootKey: SECRET,
        }) as never,
    });
    const result = await dispatch('app:info', {}, TOP_FRAME);
    expect(result).toEqual({
      ok: true,
      value: { name: 'Airlock', version: '0.1.0', versions: { node: '22', electron: null, chrome: null } },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('still answers with a value when the sender check itself throws', async () => {
    const failures: InternalFailure[] = [];
    const dispatch = createDispatcher(handlers(), {
      isTrustedSender: () => {
        throw new Error(`broken check ${SECRET}`);
      },
      reportInternalFailure: (failure) => failures.push(failure),
    });
    const message = expectRefused(await dispatch('app:info', {}, TOP_FRAME), 'HANDLER_FAILED');
    expect(message).not.toContain(SECRET);
    expect(failures).toHaveLength(1);
  });

  it('hands the handler the parsed request and the sender', async () => {
    const handler = vi.fn(() => report);
    const { dispatch } = setup({ 'doctor:run': handler });
    await dispatch('doctor:run', {}, TOP_FRAME);
    expect(handler).toHaveBeenCalledWith({}, { sender: TOP_FRAME });
  });
});
