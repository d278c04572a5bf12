import { defineConfig } from 'tsup';

// The export-models command, for Node (the site itself is built by Vite into dist/site).
export default defineConfig({
  entry: { 'export-models': 'cli/export-models.ts' },
  outDir: 'dist/cli',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
