import type { AppInfo, IpcResult } from '../../main/ipc/contract.ts';
import type { IpcHandlers } from '../../main/ipc/dispatcher.ts';
import type { ElectronApplication, Page } from '@playwright/test';
import {
  ELECTRON_SKIP_REASON,
  expect,
  expectDoctorScreenShows,
  installAirlockHarness,
  launchElectronApp,
  test,
  type AirlockHarness,
  type DoctorReportShape,
} from './harness.ts';

// Page globals touched inside evaluate() (the Node tsconfig has no DOM lib).
declare const window: { readonly airlock?: { invoke(channel: unknown, request: unknown): Promise<unknown> } };

function doctorReplies(harness: AirlockHarness): DoctorReportShape[] {
  return harness.calls
    .filter((call) => call.channel === 'doctor:run')
    .map((call) => {
      const result = call.result as IpcResult<DoctorReportShape>;
      if (!result.ok) throw new Error(`doctor:run was refused: ${result.error.code} ${result.error.message}`);
      return result.value;
    });
}

test('the doctor screen lists every check the real doctor ran, with status, detail and remedy', async ({ page, airlock }) => {
  await airlock.open(page);
  await expect(page.getByRole('table')).toBeVisible();

  const [report, ...more] = doctorReplies(airlock);
  expect(more).toEqual([]);
  if (!report) throw new Error('the renderer never called doctor:run');
  // The real doctor, model load included, answered through the dispatcher.
  expect(report.checks.map((check) => check.name)).toEqual(
    expect.arrayContaining(['Node.js', 'encrypted SQLite', 'local model']),
  );
  expect(report.checks.find((check) => check.name === 'local model')?.detail).not.toBe('skipped on request');
  await expectDoctorScreenShows(page, report);
  const doctorCall = airlock.calls.find((call) => call.channel === 'doctor:run');
  test.info().annotations.push({ type: 'doctor:run', description: `answered in ${doctorCall?.ms ?? '?'} ms` });

  expect(airlock.calls.every((call) => call.senderUrl.startsWith('http://airlock.localhost/'))).toBe(true);
  expect(airlock.internalFailures).toEqual([]);
  expect(airlock.blockedRequests).toEqual([]);
});

test.describe('with the model check skipped', () => {
  // The model load (2-5 s on two cores next to Chromium) is covered once, above.
  test.use({ airlockOptions: { skipModel: true } });

  test('the header shows the version that app:info returned', async ({ page, airlock }) => {
    await airlock.open(page);
    await expect(page.getByTestId('app-version')).toBeVisible();
    const info = airlock.calls.find((call) => call.channel === 'app:info')?.result as IpcResult<AppInfo> | undefined;
    if (!info?.ok) throw new Error(`app:info was not answered: ${JSON.stringify(info)}`);
    expect(info.value).toMatchObject({ name: 'Airlock', versions: { electron: null, chrome: null } });
    await expect(page.getByTestId('app-version')).toHaveText(`v${info.value.version} · Node ${info.value.versions.node}`);
  });

  test('"Run again" runs the doctor a second time and shows the new report', async ({ page, airlock }) => {
    await airlock.open(page);
    await expect(page.getByRole('table')).toBeVisible();
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => doctorReplies(airlock).length).toBe(2);
    const second = doctorReplies(airlock)[1];
    if (!second) throw new Error('the second doctor:run was not answered');
    expect(second.checks.find((check) => check.name === 'local model')).toMatchObject({ status: 'info' });
    await expectDoctorScreenShows(page, second);
  });
});

function fakeHandlers(doctor: IpcHandlers['doctor:run']): IpcHandlers {
  return {
    'doctor:run': doctor,
    'app:info': () => ({ name: 'Airlock', version: '0.0.0-test', versions: { node: '22', electron: null, chrome: null } }),
  };
}

test('shows a loading state until the doctor answers, then a failed check with its remedy', async ({ page, context }) => {
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const harness = await installAirlockHarness(context, {
    handlers: fakeHandlers(async () => {
      await answered;
      return {
        ok: false,
        checks: [
          { name: 'Node.js', status: 'pass', detail: 'v22.23.3' },
          { name: 'encrypted SQLite', status: 'fail', detail: 'addon not built', remedy: 'Run `npm ci`.' },
          { name: 'local model', status: 'info', detail: 'skipped on request' },
        ],
      };
    }),
  });
  await harness.open(page);

  await expect(page.getByRole('status')).toHaveText('Checking this machine…');
  await expect(page.getByRole('button', { name: 'Run again' })).toBeDisabled();
  await expect(page.getByRole('table')).toHaveCount(0);

  answer();
  await expect.poll(() => doctorReplies(harness).length).toBe(1);
  const [report] = doctorReplies(harness);
  if (!report) throw new Error('doctor:run was not answered');
  await expectDoctorScreenShows(page, report);
  await expect(page.locator('tr[data-status="fail"] .doctor__remedy')).toHaveText('Run `npm ci`.');
  await expect(page.getByRole('button', { name: 'Run again' })).toBeEnabled();
});

test('shows an error state with a sanitised message when the doctor crashes', async ({ page, context }) => {
  const secret = '/var/lib/airlock/tenants/acme/root.key';
  const harness = await installAirlockHarness(context, {
    handlers: fakeHandlers(() => {
      throw new Error(`EACCES: permission denied, open '${secret}'`);
    }),
  });
  await harness.open(page);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The system check could not run.');
  await expect(alert).toHaveAttribute('data-error-code', 'HANDLER_FAILED');
  await expect(alert).toContainText('main-process log');
  await expect(page.locator('body')).not.toContainText(secret);
  expect(harness.internalFailures.map((failure) => failure.code)).toEqual(['HANDLER_FAILED']);
});

test('withholds a doctor reply that breaks the contract and says so', async ({ page, context }) => {
  const harness = await installAirlockHarness(context, {
    handlers: fakeHandlers(() => ({ ok: true, checks: [{ name: 'x', status: 'unknown', detail: 'leak' }] }) as never),
  });
  await harness.open(page);
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'INVALID_RESPONSE');
  await expect(page.locator('body')).not.toContainText('leak');
});

test.describe('through the real Electron shell (_electron)', () => {
  let app: ElectronApplication | undefined;
  let page: Page;

  test.beforeEach(async () => {
    const launched = await launchElectronApp();
    if (!launched) {
      test.skip(true, ELECTRON_SKIP_REASON);
      return;
    }
    ({ app, page } = launched);
  });

  test.afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  test('serves the renderer from app://airlock and lists every doctor check with its status', async () => {
    await expect(page).toHaveURL('app://airlock/index.html');
    await expect(page.getByRole('table')).toBeVisible({ timeout: 60_000 });
    // A second run through the real preload and ipcMain; its timings differ from the rendered run.
    const reply = (await page.evaluate(() => window.airlock!.invoke('doctor:run', {}))) as IpcResult<DoctorReportShape>;
    if (!reply.ok) throw new Error(`doctor:run was refused: ${reply.error.code} ${reply.error.message}`);
    expect(reply.value.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['Node.js', 'local model']));
    await expectDoctorScreenShows(page, reply.value, { details: 'present' });
  });

  test('gives the renderer no Node.js, only the typed API, and refuses what the contract does not allow', async () => {
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>)['require'],
      process: typeof (globalThis as Record<string, unknown>)['process'],
      keys: Object.keys(window.airlock ?? {}),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', keys: ['invoke'] });
    const refused = await page.evaluate(async () => [
      await window.airlock!.invoke('doctor:run', { skipModel: false }),
      await window.airlock!.invoke('fs:readFile', {}),
    ]);
    expect(refused).toMatchObject([
      { ok: false, error: { code: 'INVALID_REQUEST' } },
      { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
    ]);
  });
});
