/**
 * Imports an optional package by a name held in a variable, so that bundlers do not try to resolve
 * it at build time (tfjs-node's packages, which most installs lack). The browser build uses
 * `optional-import.browser.ts`.
 */
export function importOptional(specifier: string): Promise<unknown> {
  return import(specifier) as Promise<unknown>;
}
