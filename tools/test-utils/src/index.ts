export { expectBuiltPackageLoads, runBuilt, type BuiltFormat, type NodeRun } from './run-built';
export { expectContract, fuzzSettings, numbersIn, type Outcome } from './fuzz';
export { bundleForBrowser, type BrowserBundle } from './browser-bundle';
