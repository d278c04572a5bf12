import { defineConfig } from 'tsup';
import { browserConfig, libraryConfig } from '../../config/tsup.base.ts';
import { tfjsGradientsEsbuildPlugin } from './build/tfjs-gradients.ts';

export default defineConfig([
  libraryConfig({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    // import.meta.url in the CJS build (availableBackends uses createRequire).
    shims: true,
    esbuildPlugins: [tfjsGradientsEsbuildPlugin()],
  }),
  // dist/browser/index.js, for the `browser` condition: no Node built-ins (see the .browser.ts files).
  browserConfig({ esbuildPlugins: [tfjsGradientsEsbuildPlugin()] }),
]);
