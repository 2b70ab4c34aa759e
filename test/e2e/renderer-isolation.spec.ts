import { HARNESS_ORIGIN, expect, test } from './harness.ts';

// The callbacks passed to evaluate() run in the page. The Node tsconfig has no DOM lib, so the
// few page globals they touch are declared here, scoped to this module.
interface PageAirlock {
  invoke(channel: unknown, request: unknown): Promise<unknown>;
}
interface ViolationEvent {
  readonly effectiveDirective: string;
  readonly blockedURI: string;
}
declare const window: { readonly airlock?: PageAirlock; readonly [key: string]: unknown };
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (event: ViolationEvent) => void): void;
  createElement(tag: 'script'): { textContent: string };
  readonly body: { append(node: unknown): void; insertAdjacentHTML(where: 'beforeend', html: string): void };
};
declare const XMLHttpRequest: new () => { open(method: string, url: string): void; send(): void };
declare const WebSocket: new (url: string) => unknown;

// These specs are about the boundary, not the doctor's content: skip the model load it triggers.
test.use({ airlockOptions: { skipModel: true } });

test.describe('the renderer is isolated', () => {
  test.beforeEach(async ({ page, airlock }) => {
    await airlock.open(page);
    await expect(page.getByRole('heading', { name: 'Airlock' })).toBeVisible();
  });

  test('has no Node.js: require, process, module and Buffer are undefined', async ({ page }) => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>)['require'],
      process: typeof (globalThis as Record<string, unknown>)['process'],
      module: typeof (globalThis as Record<string, unknown>)['module'],
      Buffer: typeof (globalThis as Record<string, unknown>)['Buffer'],
      global: typeof (globalThis as Record<string, unknown>)['global'],
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
    });
  });

  test('sees only window.airlock.invoke, and no raw IPC binding', async ({ page }) => {
    const surface = await page.evaluate(() => ({
      keys: Object.keys(window.airlock ?? {}),
      frozen: Object.isFrozen(window.airlock),
      rawBinding: typeof (globalThis as Record<string, unknown>)['__airlockInvoke'],
    }));
    expect(surface).toEqual({ keys: ['invoke'], frozen: true, rawBinding: 'undefined' });
  });

  test('cannot fetch a remote URL: the CSP refuses it before any request is made', async ({ page, airlock }) => {
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
      let error = '';
      try {
        await fetch('https://example.com/');
      } catch (caught) {
        error = caught instanceof Error ? caught.name : String(caught);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { error, violations };
    });
    expect(outcome.error).toBe('TypeError');
    expect(outcome.violations).toContain('connect-src https://example.com/');
    expect(airlock.blockedRequests.filter((url) => url.includes('example.com'))).toEqual([]);
  });

  test('cannot open a WebSocket or XHR to the network either', async ({ page, airlock }) => {
    const violations = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
      try {
        new WebSocket('ws://127.0.0.1:9/');
      } catch {
        seen.push('websocket-threw');
      }
      const xhr = new XMLHttpRequest();
      try {
        xhr.open('GET', 'http://127.0.0.1:9/');
        xhr.send();
      } catch {
        seen.push('xhr-threw');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return seen;
    });
    expect(violations.filter((directive) => directive === 'connect-src').length).toBeGreaterThanOrEqual(2);
    expect(airlock.blockedRequests).toEqual([]);
  });

  test('cannot eval, run inline script, or write HTML strings into the DOM', async ({ page }) => {
    const results = await page.evaluate(async () => {
      const attempt = (run: () => unknown): string => {
        try {
          run();
          return 'allowed';
        } catch (error) {
          return error instanceof Error ? error.name : 'threw';
        }
      };
      const inlineScript = attempt(() => {
        const inline = document.createElement('script');
        inline.textContent = 'window.__inlineRan = true;';
        document.body.append(inline);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        inlineScript,
        eval: attempt(() => (0, eval)('1 + 1')),
        newFunction: attempt(() => new Function('return 1')),
        innerHTML: attempt(() => {
          document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1">');
        }),
        inlineRan: window['__inlineRan'] === true,
      };
    });
    expect(results).toEqual({
      // Trusted Types refuse the script text itself; script-src 'self' would refuse it next.
      inlineScript: 'TypeError',
      eval: 'EvalError',
      newFunction: 'EvalError',
      innerHTML: 'TypeError',
      inlineRan: false,
    });
  });
});

test.describe('the dispatcher refuses what the contract does not allow', () => {
  test('a request with an invalid payload is refused as INVALID_REQUEST', async ({ page, airlock }) => {
    await airlock.open(page);
    const results = await page.evaluate(async () => {
      const api = window.airlock!;
      return [
        await api.invoke('doctor:run', { skipModel: false }),
        await api.invoke('doctor:run', 'please'),
        await api.invoke('app:info', undefined),
      ];
    });
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    // The refusals came from the main-process dispatcher, not from the page.
    expect(airlock.calls.filter((call) => call.result.ok === false).map((call) => call.channel)).toEqual([
      'doctor:run',
      'doctor:run',
      'app:info',
    ]);
  });

  test('an unknown channel is refused by the page API and, if it got through, by the dispatcher', async ({ page, airlock }) => {
    await airlock.open(page);
    const fromPage = await page.evaluate(() =>
      window.airlock!.invoke('fs:readFile', { path: '/etc/passwd' }),
    );
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(airlock.calls.some((call) => call.channel === 'fs:readFile')).toBe(false);

    for (const channel of ['fs:readFile', '__proto__', 'constructor', 42]) {
      const direct = await airlock.dispatchAs(page.mainFrame(), channel, {});
      expect(direct, String(channel)).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'Airlock has no IPC channel by that name.' },
      });
    }
  });

  test('a page from another origin is refused as UNTRUSTED_SENDER even with the API in hand', async ({ page, context, airlock }) => {
    await context.route('http://evil.localhost/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>evil</title>' }),
    );
    await page.goto('http://evil.localhost/');
    const result = await page.evaluate(() =>
      window.airlock!.invoke('app:info', {}),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(airlock.calls.at(-1)?.senderUrl).toBe('http://evil.localhost/');
  });

  test('a subframe of the app origin is refused as UNTRUSTED_SENDER', async ({ page, airlock }) => {
    // The real renderer forbids frames (CSP frame-src and frame-ancestors 'none'), so a same-origin
    // test page stands in for a subframe that somehow got the API.
    await page.context().route(`${HARNESS_ORIGIN}/test-only/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: route.request().url().endsWith('/parent')
          ? `<!doctype html><iframe src="${HARNESS_ORIGIN}/test-only/child"></iframe>`
          : '<!doctype html><title>child</title>',
      }),
    );
    await page.goto(`${HARNESS_ORIGIN}/test-only/parent`);
    const child = page.frames().find((frame) => frame !== page.mainFrame());
    if (!child) throw new Error('the subframe did not load');
    await child.waitForLoadState('load');
    const result = await child.evaluate(() =>
      window.airlock!.invoke('app:info', {}),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(airlock.calls.at(-1)?.senderUrl).toBe(`${HARNESS_ORIGIN}/test-only/child`);
  });
});
