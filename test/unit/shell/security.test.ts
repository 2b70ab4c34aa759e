import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  contentTypeFor,
  denyAllPermissions,
  hardenWebContents,
  injectSecurityHeaders,
  isAllowedRequestUrl,
  isTrustedSender,
  resolveAppAsset,
  secureWebPreferences,
  securityResponseHeaders,
} from '../../../main/shell/security.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['enableWebSQL', false],
    ['plugins', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['devTools', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('uses the given preload and enables no blink features', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });

  it('opens DevTools only when asked, and never loosens anything else for it', () => {
    const dev = secureWebPreferences('/p.cjs', { devTools: true });
    expect(dev.devTools).toBe(true);
    expect({ ...dev, devTools: false, preload: prefs.preload }).toEqual(prefs);
  });
});

describe('content security policy', () => {
  const header = parseCsp(CONTENT_SECURITY_POLICY);

  it('starts every fetch type from none and allows scripts and styles only from self', () => {
    expect(header.get('default-src')).toEqual(["'none'"]);
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('style-src')).toEqual(["'self'"]);
    expect(header.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('refuses every network connection, frame, object, worker and form target', () => {
    for (const directive of ['connect-src', 'object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action']) {
      expect(header.get(directive), directive).toEqual(["'none'"]);
    }
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no inline code, no eval, no wildcard and no remote source', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
      expect(policy).not.toMatch(/\*|https?:|ws:|wss:|blob:|filesystem:/);
    }
  });

  it('requires Trusted Types for DOM script sinks', () => {
    expect(header.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(header.get('trusted-types')).toEqual(["'none'"]);
  });

  it('has a meta variant equal to the header minus frame-ancestors (ignored in meta tags)', () => {
    const meta = parseCsp(CONTENT_SECURITY_POLICY_META);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  it('is the very policy renderer/index.html carries in its meta tag', () => {
    const html = readFileSync(join(REPO, 'renderer/index.html'), 'utf8');
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(match?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('is sent as a header with nosniff on every app response', () => {
    expect(securityResponseHeaders()).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('replaces a CSP a response already carries, whatever its header case', () => {
    let result: { responseHeaders?: Record<string, string | string[]> } | undefined;
    injectSecurityHeaders(
      {
        url: `${APP_ORIGIN}/index.html`,
        responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'X-Other': ['kept'] },
      },
      (response) => {
        result = response;
      },
    );
    const headers = result?.responseHeaders ?? {};
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Other']).toEqual(['kept']);
  });
});

describe('app scheme', () => {
  it('is standard and secure but never bypasses the CSP or runs service workers', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });

  it('lets the session load only the app origin', () => {
    expect(isAllowedRequestUrl(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://airlock.evil/index.html',
      'app://other/index.html',
      'ws://localhost/',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('resolveAppAsset', () => {
  const root = '/srv/airlock/out/renderer';

  it('maps / to index.html and asset paths inside the root', () => {
    expect(resolveAppAsset(root, '/')).toBe(`${root}/index.html`);
    expect(resolveAppAsset(root, '/assets/index-abc.js')).toBe(`${root}/assets/index-abc.js`);
  });

  it.each([
    '/../../../etc/passwd',
    '/assets/../../secret',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2E%2E/%2E%2E/x',
    '/..%2fsecret',
    '/..%5csecret',
    '/assets\\..\\x',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %s', (pathname) => {
    expect(resolveAppAsset(root, pathname)).toBeNull();
  });

  it('serves scripts with a JavaScript type so nosniff lets them run', () => {
    expect(contentTypeFor('/x/index-1.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/secret.key')).toBe('application/octet-stream');
  });
});

describe('isTrustedSender', () => {
  it('trusts the top frame of the app origin', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
  });

  it.each([
    ['another origin', { url: 'https://example.com/', parent: null }],
    ['a look-alike host', { url: 'app://airlock.evil/index.html', parent: null }],
    ['a different port', { url: 'app://airlock:8080/index.html', parent: null }],
    ['credentials in the URL', { url: 'app://user:pw@airlock/index.html', parent: null }],
    ['file://', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['a subframe of the app', { url: `${APP_ORIGIN}/index.html`, parent: { url: `${APP_ORIGIN}/index.html` } }],
    ['a garbage URL', { url: 'not a url', parent: null }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('refuses a destroyed frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('checks against another origin only when told to (the browser test harness)', () => {
    const frame = { url: 'http://airlock.localhost/index.html', parent: null };
    expect(isTrustedSender(frame)).toBe(false);
    expect(isTrustedSender(frame, 'http://airlock.localhost')).toBe(true);
  });
});

type Listener = (event: { preventDefault(): void; defaultPrevented: boolean }, ...rest: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  const emit = (name: string, ...rest: unknown[]): boolean => {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    for (const listener of listeners.get(name) ?? []) listener(event, ...rest);
    return event.defaultPrevented;
  };
  return { contents: contents as unknown as WebContents, emit, openWindow: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('prevents %s, even to the app origin', (event) => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.emit(event, 'https://example.com/')).toBe(true);
    expect(fake.emit(event, `${APP_ORIGIN}/index.html`)).toBe(true);
  });

  it('refuses to attach a webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.emit('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every window.open', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.openWindow(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
  });
});

describe('denyAllPermissions', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (handlers['device'] = h),
    };
    return { session: session as unknown as Session, handlers: handlers as Record<string, (...args: unknown[]) => unknown> };
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb', 'hid', 'serial'])(
    'refuses a %s permission request',
    (permission) => {
      const { session, handlers } = fakeSession();
      denyAllPermissions(session);
      const answers: boolean[] = [];
      handlers['request']?.({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers).toEqual([false]);
    },
  );

  it('answers every permission check and device request with false', () => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    expect(handlers['check']?.({}, 'media', APP_ORIGIN, {})).toBe(false);
    expect(handlers['check']?.({}, 'clipboard-read', APP_ORIGIN, {})).toBe(false);
    expect(handlers['device']?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });
});

describe('source tree', () => {
  const FORBIDDEN: readonly (readonly [string, RegExp])[] = [
    ['shell.openExternal', /\bopenExternal\s*\(/],
    ['nodeIntegration: true', /nodeIntegration\w*\s*:\s*true/],
    ['contextIsolation: false', /contextIsolation\s*:\s*false/],
    ['sandbox: false', /sandbox\s*:\s*false/],
    ['webSecurity: false', /webSecurity\s*:\s*false/],
    ['allowRunningInsecureContent: true', /allowRunningInsecureContent\s*:\s*true/],
    ['webviewTag: true', /webviewTag\s*:\s*true/],
    ['bypassCSP: true', /bypassCSP\s*:\s*true/],
    ['a remote URL loaded into a window', /loadURL\(\s*['"`]https?:/],
    ['an unsafe CSP source', /'unsafe-(inline|eval)'/],
  ];

  function sources(dir: string): string[] {
    const files: string[] = [];
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) files.push(...sources(path));
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs|html)$/.test(name)) files.push(path);
    }
    return files;
  }

  it('scans the shell, preload and renderer sources', () => {
    const scanned = ['main', 'preload', 'renderer'].flatMap((dir) => sources(join(REPO, dir)));
    expect(scanned.map((file) => relative(REPO, file))).toEqual(
      expect.arrayContaining(['main/index.ts', 'main/shell/security.ts', 'preload/index.ts', 'renderer/index.html']),
    );
  });

  it('contains no setting or call that weakens the window', () => {
    const offences: string[] = [];
    for (const file of ['main', 'preload', 'renderer'].flatMap((dir) => sources(join(REPO, dir)))) {
      const text = readFileSync(file, 'utf8');
      for (const [label, pattern] of FORBIDDEN) {
        if (pattern.test(text)) offences.push(`${relative(REPO, file)}: ${label}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
