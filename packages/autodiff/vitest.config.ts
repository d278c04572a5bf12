import { packageTestConfig } from '../../config/vitest.base.ts';
import { tfjsGradientsVitePlugin } from './build/tfjs-gradients.ts';

export default packageTestConfig({
  plugins: [tfjsGradientsVitePlugin()],
  test: { include: ['src/**/*.test.ts', 'build/**/*.test.ts'] },
});
