/** Validation of `fromFormula`'s options and formula, and the shared mathjs instance. */
import {
  all,
  create,
  type ConstantNode,
  type FunctionNode,
  type MathJsInstance,
  type MathNode,
  type OperatorNode,
  type OperatorNodeFn,
  type OperatorNodeOp,
  type ParenthesisNode,
  type SymbolNode,
} from 'mathjs';
import type { FromFormulaOptions } from '../from-formula';
import { CODEGEN_FUNCTIONS } from './mathjs-codegen';

export const WHERE = 'fromFormula';

/** The functions a formula may call (each with one argument). */
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'sinh', 'cosh', 'tanh', 'abs']);

/** The mathjs operators a formula may use, by their `fn`, with their arity. */
const ALLOWED_OPERATORS: Readonly<Record<string, number>> = { add: 2, subtract: 2, multiply: 2, divide: 2, pow: 2, unaryMinus: 1 };

/** Words mathjs reads as operators or keywords, which therefore cannot name a variable. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'or', 'xor', 'not', ...ALLOWED_FUNCTIONS, ...CODEGEN_FUNCTIONS]);

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

const OPTION_KEYS: ReadonlySet<string> = new Set(['lagrangian', 'coordinates', 'velocities', 'parameters', 'name']);

export type AnyOperatorNode = OperatorNode<OperatorNodeOp, OperatorNodeFn>;

let mathInstance: MathJsInstance | undefined;

/** A private mathjs instance with plain-number arithmetic, created on first use. */
export function math(): MathJsInstance {
  if (mathInstance === undefined) {
    // The typings declare the factory maps as possibly undefined; they are always there.
    if (all === undefined) throw new Error(`${WHERE}: the mathjs factories are missing.`);
    mathInstance = create(all, { number: 'number' });
  }
  return mathInstance;
}

/** A short, quoted description of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) return 'an object';
    const constructorName: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof constructorName === 'string' && constructorName !== '' ? `a ${constructorName}` : 'an object with a prototype';
  }
  return `${String(value)} (${typeof value})`;
}

/** A short rendering of a node for error messages. */
function snippet(node: MathNode): string {
  const text = node.toString().replace(/\s+/g, ' ');
  return `'${text.length > 60 ? `${text.slice(0, 57)}…` : text}'`;
}

/** Checks that `value` can name a variable of a formula; returns it. */
function checkName(where: string, value: unknown): string {
  const expected = 'expected an identifier (a letter, _ or $, then letters, digits, _ or $) that is not a function name or mathjs keyword';
  if (typeof value !== 'string' || !IDENTIFIER.test(value) || RESERVED_NAMES.has(value)) {
    throw new TypeError(`${WHERE}: ${where}: received ${describe(value)}, ${expected}.`);
  }
  let parsed: MathNode | undefined;
  try {
    parsed = math().parse(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.type !== 'SymbolNode' || (parsed as SymbolNode).name !== value) {
    throw new TypeError(`${WHERE}: ${where}: received ${describe(value)}, which mathjs does not read as a name; ${expected}.`);
  }
  return value;
}

/** Checks a list of names (coordinates or velocities). */
function checkNameList(where: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${WHERE}: ${where}: received ${describe(value)}, expected an array of names.`);
  return value.map((name: unknown, i) => checkName(`${where}[${i}]`, name));
}

/** The validated options, with parameters as an ordered list. */
export interface Checked {
  readonly lagrangian: string;
  readonly coordinates: readonly string[];
  readonly velocities: readonly string[];
  readonly parameters: ReadonlyArray<readonly [string, number]>;
  readonly name: string;
}

export function checkOptions(options: unknown): Checked {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${WHERE}: options: received ${describe(options)}, expected an object { lagrangian, coordinates, velocities, parameters?, name? }.`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`${WHERE}: options: received unknown key '${key}', expected only ${[...OPTION_KEYS].join(', ')}.`);
  }
  const o = options as Partial<Record<keyof FromFormulaOptions, unknown>>;
  if (typeof o.lagrangian !== 'string' || o.lagrangian.trim() === '') {
    throw new TypeError(`${WHERE}: options.lagrangian: received ${describe(o.lagrangian)}, expected a non-empty mathjs expression string.`);
  }
  const name = o.name === undefined ? 'from-formula' : o.name;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${WHERE}: options.name: received ${describe(name)}, expected a non-empty string.`);
  const coordinates = checkNameList('options.coordinates', o.coordinates);
  if (coordinates.length < 1) throw new RangeError(`${WHERE}: options.coordinates: received an empty array, expected at least one name.`);
  const velocities = checkNameList('options.velocities', o.velocities);
  if (velocities.length !== coordinates.length) {
    throw new RangeError(`${WHERE}: options.velocities: received ${velocities.length} name(s), expected ${coordinates.length} (one per coordinate).`);
  }
  const raw = o.parameters === undefined ? {} : o.parameters;
  const prototype: unknown = typeof raw === 'object' && raw !== null ? Object.getPrototypeOf(raw) : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (prototype !== Object.prototype && prototype !== null)) {
    throw new TypeError(`${WHERE}: options.parameters: received ${describe(raw)}, expected a plain object of name → number.`);
  }
  const parameters = Object.entries(raw as Record<string, unknown>).map(([key, value]): [string, number] => {
    checkName('options.parameters', key);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`${WHERE}: options.parameters.${key}: received ${describe(value)}, expected a finite number.`);
    }
    return [key, value];
  });
  const seen = new Map<string, string>();
  const claim = (where: string, names: readonly string[]) => {
    for (const n of names) {
      const owner = seen.get(n);
      if (owner === where) throw new RangeError(`${WHERE}: ${where}: received '${n}' twice, expected distinct names.`);
      if (owner !== undefined) throw new RangeError(`${WHERE}: ${where}: received '${n}', which is already in ${owner}, expected names distinct across coordinates, velocities and parameters.`);
      seen.set(n, where);
    }
  };
  claim('options.coordinates', coordinates);
  claim('options.velocities', velocities);
  claim('options.parameters', parameters.map(([key]) => key));
  return { lagrangian: o.lagrangian, coordinates, velocities, parameters, name };
}

/** Throws unless the tree uses only numbers, declared names, + − * / ^, unary − and whitelisted functions. */
export function checkTree(node: MathNode, declared: ReadonlySet<string>, checked: Checked): void {
  const where = `${WHERE}: options.lagrangian`;
  switch (node.type) {
    case 'ParenthesisNode':
      checkTree((node as ParenthesisNode).content, declared, checked);
      return;
    case 'ConstantNode': {
      const value: unknown = (node as ConstantNode<number>).value;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`${where}: unsupported constant ${snippet(node)} (${typeof value === 'number' ? 'not finite' : typeof value}), expected a finite number.`);
      }
      return;
    }
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      if (!declared.has(name)) {
        const list = (label: string, names: readonly string[]) => `${label} ${names.length > 0 ? names.join(', ') : '(none)'}`;
        throw new ReferenceError(
          `${where}: unknown symbol '${name}', expected a declared name (${list('coordinates', checked.coordinates)}; ${list('velocities', checked.velocities)}; ${list('parameters', checked.parameters.map(([k]) => k))}).`,
        );
      }
      return;
    }
    case 'FunctionNode': {
      const f = node as FunctionNode;
      const fn = f.fn.type === 'SymbolNode' ? f.fn.name : undefined;
      if (fn === undefined || !ALLOWED_FUNCTIONS.has(fn)) {
        throw new TypeError(`${where}: unsupported function ${fn === undefined ? snippet(node) : `'${fn}'`}, expected one of ${[...ALLOWED_FUNCTIONS].join(', ')}.`);
      }
      if (f.args.length !== 1) throw new TypeError(`${where}: function '${fn}' received ${f.args.length} arguments in ${snippet(node)}, expected 1.`);
      checkTree(f.args[0] as MathNode, declared, checked);
      return;
    }
    case 'OperatorNode': {
      const o = node as AnyOperatorNode;
      const arity = Object.hasOwn(ALLOWED_OPERATORS, o.fn) ? ALLOWED_OPERATORS[o.fn] : undefined;
      if (arity !== o.args.length) {
        throw new TypeError(`${where}: unsupported operator '${o.op}' (${o.fn}) in ${snippet(node)}, expected + - * / ^ or unary minus.`);
      }
      for (const a of o.args) checkTree(a, declared, checked);
      return;
    }
    default:
      throw new TypeError(
        `${where}: unsupported expression ${snippet(node)} (${node.type}), expected numbers, declared names, + - * / ^, unary minus and the functions ${[...ALLOWED_FUNCTIONS].join(', ')}.`,
      );
  }
}
