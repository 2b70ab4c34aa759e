/**
 * The Electron shell: one locked-down window over the app:// scheme, and the IPC door.
 * Everything else (services, contract, hardening rules) lives in modules that run without Electron.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { IPC_CHANNELS } from './ipc/contract.ts';
import { createDispatcher } from './ipc/dispatcher.ts';
import { createHandlers } from './ipc/handlers.ts';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  denyAllPermissions,
  hardenWebContents,
  injectSecurityHeaders,
  isAllowedRequestUrl,
  isTrustedSender,
  resolveAppAsset,
  secureWebPreferences,
  securityResponseHeaders,
} from './shell/security.ts';

const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

// Must happen before `ready`: the scheme's privileges are fixed at start-up.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

// Every webContents, including any a future feature creates, is locked the moment it exists.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serves out/renderer over app://airlock; anything outside that folder is a 404. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.host !== APP_HOST) return notFound();
  const file = resolveAppAsset(RENDERER_DIR, url.pathname);
  if (file === null) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return notFound();
    throw error;
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'Content-Type': contentTypeFor(file), ...securityResponseHeaders() },
  });
}

function registerIpc(): void {
  const dispatch = createDispatcher(createHandlers({ appVersion: app.getVersion() }), {
    isTrustedSender: (sender) => isTrustedSender(sender),
  });
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, event.senderFrame));
  }
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    title: 'Airlock',
    autoHideMenuBar: true,
    // DevTools stay closed unless a developer asks for them explicitly.
    webPreferences: secureWebPreferences(PRELOAD_PATH, { devTools: process.env['AIRLOCK_DEVTOOLS'] === '1' }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch(failStartup);
  return window;
}

function failStartup(error: unknown): void {
  process.stderr.write(`airlock: the window could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

app
  .whenReady()
  .then(() => {
    const appSession = session.defaultSession;
    denyAllPermissions(appSession);
    // Defence in depth behind the CSP: the session itself refuses every non-app URL.
    appSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
    appSession.webRequest.onHeadersReceived(injectSecurityHeaders);
    appSession.protocol.handle(APP_SCHEME, serveRenderer);
    registerIpc();
    createWindow();
  })
  .catch(failStartup);
