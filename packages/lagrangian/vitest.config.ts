import { packageTestConfig } from '../../config/vitest.base';

export default packageTestConfig();
