import { CONCRETE_BACKENDS, type ConcreteBackend } from './backend-name';

/**
 * The browser build's `availableBackends`: the two embedded backends, which this package depends
 * on and a bundler includes; tfjs-node's backends never run in a browser.
 */
export function availableBackends(): ConcreteBackend[] {
  return CONCRETE_BACKENDS.filter((backend) => backend === 'wasm' || backend === 'cpu');
}
