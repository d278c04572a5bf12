import { defineConfig } from 'tsup';
import { libraryConfig } from '../../config/tsup.base';
import { tfjsGradientsEsbuildPlugin } from './build/tfjs-gradients';

export default defineConfig(
  libraryConfig({
    // import.meta.url in the CJS build (availableBackends uses createRequire).
    shims: true,
    esbuildPlugins: [tfjsGradientsEsbuildPlugin()],
  }),
);
