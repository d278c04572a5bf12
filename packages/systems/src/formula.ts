/**
 * @lnn/systems/formula — mechanical systems from a Lagrangian written as a formula (mathjs
 * parses and differentiates it symbolically). A subpath of its own so that importing
 * `@lnn/systems` does not load mathjs (about a second).
 */
export { fromFormula, type FormulaDerivatives, type FormulaSystem, type FromFormulaOptions } from './from-formula';
