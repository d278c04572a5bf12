/** The browser build's `importOptional`: tfjs-node's packages are native Node.js addons, which no browser runs. */
export function importOptional(specifier: string): Promise<unknown> {
  return Promise.reject(new Error(`${specifier} is a native Node.js addon, which does not run in a browser; use the 'wasm' or 'cpu' backend`));
}
