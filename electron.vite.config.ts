import { fileURLToPath } from 'node:url';
import { relative, resolve, sep } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (...segments: string[]): string => resolve(root, ...segments);

/** Native addons load from node_modules at run time; they are never bundled. */
const NATIVE_DEPENDENCIES = ['better-sqlite3-multiple-ciphers', 'node-llama-cpp'];

const MAIN_OUT = at('out/main');

/**
 * Our modules find files beside their source (`new URL('./manifest.json', import.meta.url)`).
 * Bundled into out/main/index.js, import.meta.url would point into out/; this keeps it pointing
 * at the source file, relative to the bundle so the tree can still move as a whole.
 */
function sourceRelativeImportMetaUrl(outDir: string): Plugin {
  return {
    name: 'airlock:source-relative-import-meta-url',
    transform(code, id) {
      if (id.startsWith('\0') || id.includes(`${sep}node_modules${sep}`) || !code.includes('import.meta.url')) {
        return null;
      }
      const source = relative(outDir, id.split('?')[0] ?? id).split(sep).join('/');
      return {
        code: code.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(source)}, import.meta.url).href`),
        map: null,
      };
    },
  };
}

export default defineConfig({
  main: {
    plugins: [sourceRelativeImportMetaUrl(MAIN_OUT)],
    build: {
      outDir: MAIN_OUT,
      externalizeDeps: { include: NATIVE_DEPENDENCIES },
      rolldownOptions: {
        input: { index: at('main/index.ts') },
        external: NATIVE_DEPENDENCIES,
        // One file, so the source-relative URLs above are relative to a known place.
        output: { codeSplitting: false },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require only 'electron' (and a few polyfills): bundle the contract
      // and zod into one CommonJS file instead of leaving `require('zod')` for run time.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: {
        input: { index: at('renderer/index.html') },
      },
    },
  },
});
