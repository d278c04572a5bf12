import { packageTestConfig } from '../../config/vitest.base';
import { tfjsGradientsVitePlugin } from './build/tfjs-gradients';

export default packageTestConfig({
  plugins: [tfjsGradientsVitePlugin()],
  test: { include: ['src/**/*.test.ts', 'build/**/*.test.ts'] },
});
