export { expectBuiltPackageLoads, runBuilt, type BuiltFormat, type NodeRun } from './run-built';
export { expectContract, fuzzSettings, numbersIn, type Outcome } from './fuzz';
export { expectImportHasNoGlobalEffect, importEffects } from './import-effects';
