import { packageTestConfig } from '../../config/vitest.base.ts';

export default packageTestConfig();
