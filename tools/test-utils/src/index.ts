export { expectBuiltPackageLoads, runBuilt, type BuiltFormat, type NodeRun } from './run-built';
export { expectContract, fuzzSettings, numbersIn, type Outcome } from './fuzz';
export { expectImportHasNoGlobalEffect, importEffects } from './import-effects';
export { docExamples, EXAMPLE_TIMEOUT_MS, TYPECHECK_TIMEOUT_MS, type DocExample, type DocExampleSuite, type NamedExample } from './doc-examples/index';
export { bundleForBrowser, expectBrowserBuild, type BrowserBundle } from './browser-bundle';
