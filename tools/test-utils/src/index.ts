export { expectClose, type CloseOptions } from './expect-close';
export { expectBuiltPackageLoads, runBuilt, type BuiltFormat, type NodeRun } from './run-built';
