import { packageTestConfig } from '../../config/vitest.base.ts';

// Unit tests next to the code (src/**), the browser test in test/ (it builds nothing: turbo's
// `test` runs after this package's `build`, which emits dist/site).
export default packageTestConfig({
  test: { include: ['src/**/*.test.ts', 'build/**/*.test.ts', 'test/**/*.test.ts'] },
});
