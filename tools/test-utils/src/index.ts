export { expectBuiltPackageLoads, runBuilt, type BuiltFormat, type NodeRun } from './run-built';
