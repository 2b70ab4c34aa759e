/**
 * Runs the BUILT renderer (out/renderer) in Debian's Chromium without Electron and without a server:
 *
 * - every request to {@link HARNESS_ORIGIN} is fulfilled from out/renderer through the same
 *   path resolver and the same security headers (CSP included) as the app:// protocol handler;
 *   every other request is aborted and recorded, so a test can prove nothing left the page;
 * - `window.airlock` is built in the page by the preload's own `createAirlockApi` (its source is
 *   injected), over a Playwright binding that calls the SAME dispatcher and handlers as ipcMain,
 *   with the sender frame checked by the same `isTrustedSender` (against the harness origin).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron as electron,
  test as base,
  expect,
  type BrowserContext,
  type ElectronApplication,
  type Frame,
  type Page,
} from '@playwright/test';
import { AIRLOCK_API_KEY, IPC_CHANNELS, createAirlockApi, type IpcResult } from '../../main/ipc/contract.ts';
import {
  createDispatcher,
  type InternalFailure,
  type IpcHandlers,
  type SenderInfo,
} from '../../main/ipc/dispatcher.ts';
import {
  contentTypeFor,
  isTrustedSender,
  resolveAppAsset,
  securityResponseHeaders,
} from '../../main/shell/security.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const RENDERER_DIR = resolve(REPO_ROOT, 'out/renderer');
/** Stands in for app://airlock: Playwright cannot route custom schemes. */
export const HARNESS_ORIGIN = 'http://airlock.localhost';
export const HARNESS_ENTRY_URL = `${HARNESS_ORIGIN}/index.html`;
/** Name of the Playwright binding; the init script captures it and removes it from the page. */
const BINDING = '__airlockInvoke';

export interface DispatchRecord {
  readonly channel: unknown;
  readonly payload: unknown;
  readonly senderUrl: string;
  readonly result: IpcResult<unknown>;
  /** How long the dispatcher took, for the run's log (specs do not assert on time). */
  readonly ms: number;
}

export interface HarnessOptions {
  /** Handlers behind the dispatcher; defaults to the real ones (`createHandlers`). */
  readonly handlers?: IpcHandlers;
  /** Passed to the real doctor handler; default false: the model check (about 1 s) runs too. */
  readonly skipModel?: boolean;
}

export interface AirlockHarness {
  /** Every request the dispatcher answered, in order, with what it answered. */
  readonly calls: readonly DispatchRecord[];
  /** Handler crashes and contract breaches, as the main-process log would receive them. */
  readonly internalFailures: readonly InternalFailure[];
  /** Every request that tried to leave the harness origin (all of them were aborted). */
  readonly blockedRequests: readonly string[];
  /** Opens the built renderer in `page` and waits for it to load. */
  open(page: Page): Promise<void>;
  /** Calls the dispatcher as if `frame` had sent the request (bypasses the page's API object). */
  dispatchAs(frame: Frame, channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
}

function senderOf(frame: Frame): SenderInfo {
  return { url: frame.url(), parent: frame.parentFrame() };
}

/** The page-side twin of preload/index.ts: the same factory, over the binding instead of ipcRenderer. */
function preloadScript(): string {
  return `(() => {
  const invokeMain = globalThis[${JSON.stringify(BINDING)}];
  delete globalThis[${JSON.stringify(BINDING)}];
  const createAirlockApi = (${createAirlockApi.toString()});
  const api = createAirlockApi(${JSON.stringify(IPC_CHANNELS)}, (channel, request) => invokeMain(channel, request));
  Object.defineProperty(globalThis, ${JSON.stringify(AIRLOCK_API_KEY)}, { value: api, enumerable: true });
})();`;
}

async function defaultHandlers(skipModel: boolean): Promise<IpcHandlers> {
  // Imported lazily so a spec with its own handlers does not load the native doctor modules.
  const { createHandlers } = await import('../../main/ipc/handlers.ts');
  const manifest = JSON.parse(await readFile(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return createHandlers({ appVersion: manifest.version, doctor: { skipModel } });
}

export async function installAirlockHarness(
  context: BrowserContext,
  options: HarnessOptions = {},
): Promise<AirlockHarness> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npx electron-vite build\` before the UI tests.`);
  }
  const handlers = options.handlers ?? (await defaultHandlers(options.skipModel ?? false));
  const calls: DispatchRecord[] = [];
  const internalFailures: InternalFailure[] = [];
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: (sender) => isTrustedSender(sender, HARNESS_ORIGIN),
    reportInternalFailure: (failure) => internalFailures.push(failure),
  });
  const blockedRequests: string[] = [];

  const dispatchFrom = async (sender: SenderInfo, channel: unknown, payload: unknown) => {
    const started = performance.now();
    const result = await dispatch(channel, payload, sender);
    calls.push({ channel, payload, senderUrl: sender.url, result, ms: Math.round(performance.now() - started) });
    return result;
  };

  // Registered first, so it matches last: anything not served below is refused and recorded.
  await context.route('**/*', async (route) => {
    blockedRequests.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  await context.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const file = request.method() === 'GET' ? resolveAppAsset(RENDERER_DIR, new URL(request.url()).pathname) : null;
    const body = file === null ? null : await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (file === null || body === null) {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
      return;
    }
    await route.fulfill({
      status: 200,
      headers: { 'Content-Type': contentTypeFor(file), ...securityResponseHeaders() },
      body,
    });
  });

  await context.exposeBinding(BINDING, ({ frame }, channel: unknown, payload: unknown) =>
    dispatchFrom(senderOf(frame), channel, payload),
  );
  await context.addInitScript({ content: preloadScript() });

  return {
    calls,
    internalFailures,
    blockedRequests,
    async open(page) {
      await page.goto(HARNESS_ENTRY_URL, { waitUntil: 'load' });
    },
    dispatchAs: (frame, channel, payload) => dispatchFrom(senderOf(frame), channel, payload),
  };
}

/**
 * Playwright test with an `airlock` fixture: the harness over the real handlers. Options go
 * through `test.use({ airlockOptions: { skipModel: true } })`.
 */
export const test = base.extend<{ airlockOptions: HarnessOptions; airlock: AirlockHarness }>({
  airlockOptions: [{}, { option: true }],
  airlock: async ({ context, airlockOptions }, use) => {
    await use(await installAirlockHarness(context, airlockOptions));
  },
});

export { expect };

export interface DoctorReportShape {
  readonly ok: boolean;
  readonly checks: readonly { name: string; status: 'pass' | 'fail' | 'info'; detail: string; remedy?: string }[];
}

const STATUS_LABEL = { pass: 'Pass', fail: 'Fail', info: 'Info' } as const;

export interface DoctorScreenExpectations {
  /**
   * 'exact' (default) when `report` is the very reply the screen rendered; 'present' when it is a
   * second run (through _electron), whose details (timings) may differ from the rendered ones.
   */
  readonly details?: 'exact' | 'present';
}

/** The doctor screen shows exactly the report's checks: one row each, with status, detail and remedy. */
export async function expectDoctorScreenShows(
  page: Page,
  report: DoctorReportShape,
  { details = 'exact' }: DoctorScreenExpectations = {},
): Promise<void> {
  const rows = page.locator('table.doctor__table tbody tr');
  await expect(rows).toHaveCount(report.checks.length);
  for (const [index, check] of report.checks.entries()) {
    const row = rows.nth(index);
    await expect(row.getByRole('rowheader')).toHaveText(check.name);
    await expect(row).toHaveAttribute('data-status', check.status);
    await expect(row.locator('.status')).toHaveText(STATUS_LABEL[check.status]);
    await expect(row.locator('.status')).toHaveClass(new RegExp(`\\bstatus--${check.status}\\b`));
    if (details === 'exact') {
      await expect(row.locator('.doctor__detail')).toHaveText(check.detail);
      await expect(row.locator('.doctor__remedy')).toHaveText(check.remedy ?? '');
    } else {
      await expect(row.locator('.doctor__detail')).not.toBeEmpty();
      if (check.status === 'fail') await expect(row.locator('.doctor__remedy')).not.toBeEmpty();
    }
  }
  await expect(page.locator('.doctor__summary')).toHaveText(
    report.ok ? 'Every required check passed.' : 'Some checks failed: follow the remedy on each failed line.',
  );
}

export const ELECTRON_SKIP_REASON =
  'Electron binary not available here: set ELECTRON_OVERRIDE_DIST_PATH to run this spec through _electron';

/**
 * Launches the real app (package.json main: out/main/index.js) through Playwright's _electron and
 * returns its first window, or null when no Electron binary is available (the caller skips).
 */
export async function launchElectronApp(): Promise<{ app: ElectronApplication; page: Page } | null> {
  if (!process.env['ELECTRON_OVERRIDE_DIST_PATH']) return null;
  const app = await electron.launch({
    cwd: REPO_ROOT,
    // Root in a container has no user namespaces for Chromium's OS sandbox; the renderer's own
    // sandbox (sandbox: true, contextIsolation) does not depend on this switch.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), REPO_ROOT],
  });
  return { app, page: await app.firstWindow() };
}
