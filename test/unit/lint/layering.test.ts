import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const fixtures: string[] = [];

/** Builds a throw-away tree with our real layering config and the given files, then cruises it. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-layering-'));
  fixtures.push(dir);
  cpSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const roots = [...new Set(Object.keys(files).map((path) => path.split('/')[0] ?? ''))];
  const result = spawnSync(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', ...roots], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(() => {
  for (const dir of fixtures.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('layering rule', () => {
  it('passes when a higher layer imports a lower one', () => {
    const result = cruise({
      'main/data/keys.ts': 'export const k = 1;\n',
      'main/audit/log.ts': "import { k } from '../data/keys.ts';\nexport const l = k;\n",
    });
    expect(result.output).not.toMatch(/error/);
    expect(result.status).toBe(0);
  });

  it('fails when the data layer imports the audit layer', () => {
    const result = cruise({
      'main/audit/log.ts': 'export const l = 1;\n',
      'main/data/keys.ts': "import { l } from '../audit/log.ts';\nexport const k = l;\n",
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/layer:main\/data/);
  });

  it('fails when the gateway imports the executor', () => {
    const result = cruise({
      'main/execution/react.ts': 'export const r = 1;\n',
      'main/gateway/pipeline.ts': "import { r } from '../execution/react.ts';\nexport const p = r;\n",
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/layer:main\/gateway/);
  });

  it('fails when anything but the gateway calls a provider', () => {
    const result = cruise({
      'main/providers/llama.ts': 'export const m = 1;\n',
      'main/execution/react.ts': "import { m } from '../providers/llama.ts';\nexport const r = m;\n",
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/providers-only-from-gateway/);
  });

  it('lets the renderer import types from main but not values', () => {
    const typesOnly = cruise({
      'main/ipc/contract.ts': 'export interface Api { ping(): void }\nexport const channels = [];\n',
      'renderer/src/api.ts': "import type { Api } from '../../main/ipc/contract.ts';\nexport type A = Api;\n",
    });
    expect(typesOnly.status).toBe(0);
    const values = cruise({
      'main/ipc/contract.ts': 'export const channels = [];\n',
      'renderer/src/api.ts': "import { channels } from '../../main/ipc/contract.ts';\nexport const c = channels;\n",
    });
    expect(values.status).not.toBe(0);
    expect(values.output).toMatch(/renderer-imports-main-types-only/);
  });
});
