/**
 * Window hardening for the Electron shell, as pure functions over Electron's objects so that unit
 * tests pin every setting without an Electron binary. Nothing here imports Electron at runtime.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type {
  CustomScheme,
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';

/** The renderer is served from this privileged custom scheme, never from a file:// or remote URL. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'airlock';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Standard + secure so the origin behaves like https; corsEnabled because Chromium fetches
 * `<script type="module" crossorigin>` in CORS mode; bypassCSP stays off so our CSP applies.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: false,
    corsEnabled: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
    codeCache: true,
  },
};

/**
 * The renderer's content security policy. Every fetch type starts from 'none'; only the app's own
 * scripts, styles, images and fonts load. No inline code, no eval, no network (connect-src 'none'),
 * and DOM sinks refuse strings (Trusted Types with no policy).
 */
const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['media-src', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['require-trusted-types-for', "'script'"],
  ['trusted-types', "'none'"],
];

function serializeCsp(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** For the `<meta http-equiv>` tag in renderer/index.html (frame-ancestors is ignored in a meta tag). */
export const CONTENT_SECURITY_POLICY_META = serializeCsp(CSP_DIRECTIVES);
/** For the response header, where frame-ancestors does apply. */
export const CONTENT_SECURITY_POLICY = serializeCsp([...CSP_DIRECTIVES, ['frame-ancestors', "'none'"]]);

export interface SecureWebPreferencesOptions {
  /** DevTools stay closed in the appliance; development builds may open them. */
  readonly devTools?: boolean;
}

export function secureWebPreferences(
  preloadPath: string,
  options: SecureWebPreferencesOptions = {},
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    plugins: false,
    // Chromium's spellchecker downloads dictionaries from Google: no network on an air-gapped site.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools ?? false,
  };
}

/** `scheme://host[:port]` of a URL, for any scheme (WHATWG gives "null" for custom schemes). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a URL at all: no origin, so never trusted
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** The shape of Electron's `WebFrameMain` that sender checks need. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the app's own top-level frame may call services; subframes and other origins may not. */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  expectedOrigin: string = APP_ORIGIN,
): boolean {
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return originOf(frame.url) === expectedOrigin.toLowerCase();
}

/** Locks a webContents in place: no navigation, no redirects, no webviews, no new windows. */
export function hardenWebContents(contents: WebContents): void {
  const prevent = (event: { preventDefault(): void }): void => event.preventDefault();
  contents.on('will-navigate', prevent);
  contents.on('will-frame-navigate', prevent);
  contents.on('will-redirect', prevent);
  contents.on('will-attach-webview', prevent);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Camera, microphone, notifications, USB, HID, serial, clipboard reads…: all refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Headers served with every app:// response. */
export function securityResponseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * `session.webRequest.onHeadersReceived` listener: replaces whatever CSP a response carries with
 * ours (DevTools' own pages excepted, they are not the app).
 */
export function injectSecurityHeaders(
  details: Pick<OnHeadersReceivedListenerDetails, 'url' | 'responseHeaders'>,
  callback: (response: HeadersReceivedResponse) => void,
): void {
  if (details.url.startsWith('devtools:')) {
    callback({});
    return;
  }
  const ours = securityResponseHeaders();
  const ourNames = new Set(Object.keys(ours).map((name) => name.toLowerCase()));
  const responseHeaders: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(details.responseHeaders ?? {})) {
    if (!ourNames.has(name.toLowerCase())) responseHeaders[name] = values;
  }
  for (const [name, value] of Object.entries(ours)) responseHeaders[name] = [value];
  callback({ responseHeaders });
}

/** `session.webRequest.onBeforeRequest` predicate: only the app's own origin (and DevTools) load. */
export function isAllowedRequestUrl(url: string): boolean {
  if (url.startsWith('devtools:') || url.startsWith('data:')) return true;
  return originOf(url) === APP_ORIGIN;
}

/**
 * Maps a request path to a file inside `rootDir`, or null when the path could leave it
 * (`..` segments, encoded or not), is malformed, or contains a NUL or a backslash.
 */
export function resolveAppAsset(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed percent-encoding: refused like any other bad path
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return null;
  const root = resolve(rootDir);
  const candidate = resolve(root, ...(segments.length === 0 ? ['index.html'] : segments));
  const inside = relative(root, candidate);
  if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) return null;
  return candidate;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Content type for a served asset; nosniff makes a correct type mandatory for scripts. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
