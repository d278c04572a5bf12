/**
 * The demo's Vite configuration: three pages, built as a static site into dist/site with relative
 * paths (it runs from any folder), and the headers that make a page cross-origin isolated (COOP /
 * COEP) on the development and preview servers — where they are, tfjs's wasm backend runs its
 * threaded build; elsewhere its single-threaded one.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { tfjsThreadedWorkerSource } from './build/tfjs-threaded-worker-source.ts';

/** The headers under which `crossOriginIsolated` is true, so SharedArrayBuffer and wasm threads exist. */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The pages of the site, by name. */
export const PAGES = { index: 'index.html', wave: 'wave.html', train: 'train.html' } as const;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  plugins: [tfjsThreadedWorkerSource()],
  base: './',
  build: {
    outDir: 'dist/site',
    emptyOutDir: true,
    target: 'es2022',
    // Chunks above 500 kB are expected: tfjs-core and vega are large.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: Object.fromEntries(Object.entries(PAGES).map(([name, file]) => [name, here(file)])),
    },
  },
  worker: { format: 'es' },
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
});
