/**
 * Compiles mathjs expression trees to plain float64 JavaScript, one `new Function` per group of
 * outputs, with shared subexpressions hoisted into locals. The generated source is built only
 * from array indices, numeric literals, operators and a fixed table of `Math.*` names — never
 * from text found in the tree — and is checked token by token before it is compiled.
 */
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, OperatorNodeFn, OperatorNodeOp, ParenthesisNode, SymbolNode } from 'mathjs';

/**
 * What a symbol of an expression stands for in the generated code: `q[index]`, `v[index]`, or a
 * constant inlined as a numeric literal.
 *
 * @example
 * const bindings = new Map<string, SymbolBinding>([['x', { kind: 'q', index: 0 }], ['k', { kind: 'constant', value: 2 }]]);
 */
export type SymbolBinding =
  | { readonly kind: 'q'; readonly index: number }
  | { readonly kind: 'v'; readonly index: number }
  | { readonly kind: 'constant'; readonly value: number };

/**
 * One output of a group: the expression `node`, stored into output array `array` at each slot.
 *
 * @example
 * const entry: CodegenOutput = { array: 0, slots: [1, 2], node: parse('x*y') }; // a mirrored matrix entry
 */
export interface CodegenOutput {
  /** Which output array (0-based position after `q`, `v`). */
  readonly array: number;
  /** The indices written (several for mirrored entries of a symmetric matrix). */
  readonly slots: readonly number[];
  /** The expression. */
  readonly node: MathNode;
}

/**
 * A compiled scalar expression of (q, v).
 *
 * @example
 * const f: ScalarFunction = compileScalar(parse('x^2'), bindings);
 * f([3], []); // 9
 */
export type ScalarFunction = (q: ArrayLike<number>, v: ArrayLike<number>) => number;

/**
 * A compiled group that writes its outputs into the given arrays (in the order of `array`).
 *
 * @example
 * const fill: FillFunction = compileFill(1, [{ array: 0, slots: [0], node: parse('2*x') }], bindings);
 * fill([3], [], out); // out[0] = 6
 */
export type FillFunction = (q: ArrayLike<number>, v: ArrayLike<number>, ...out: Float64Array[]) => void;

/**
 * The functions the code generator knows, with their JavaScript: the whitelist a formula may use
 * plus `sec` and `sech`, which mathjs's `derivative` writes for the derivatives of tan and tanh.
 */
const FUNCTION_CODE: ReadonlyMap<string, { readonly open: string; readonly close: string; readonly apply: (x: number) => number }> = new Map([
  ['sin', { open: 'Math.sin(', close: ')', apply: Math.sin }],
  ['cos', { open: 'Math.cos(', close: ')', apply: Math.cos }],
  ['tan', { open: 'Math.tan(', close: ')', apply: Math.tan }],
  ['exp', { open: 'Math.exp(', close: ')', apply: Math.exp }],
  ['log', { open: 'Math.log(', close: ')', apply: Math.log }],
  ['sqrt', { open: 'Math.sqrt(', close: ')', apply: Math.sqrt }],
  ['sinh', { open: 'Math.sinh(', close: ')', apply: Math.sinh }],
  ['cosh', { open: 'Math.cosh(', close: ')', apply: Math.cosh }],
  ['tanh', { open: 'Math.tanh(', close: ')', apply: Math.tanh }],
  ['abs', { open: 'Math.abs(', close: ')', apply: Math.abs }],
  ['sec', { open: '(1 / Math.cos(', close: '))', apply: (x: number) => 1 / Math.cos(x) }],
  ['sech', { open: '(1 / Math.cosh(', close: '))', apply: (x: number) => 1 / Math.cosh(x) }],
]);

/**
 * The names of the functions {@link compileScalar} and {@link compileFill} can translate.
 *
 * @example
 * CODEGEN_FUNCTIONS.includes('sech'); // true
 */
export const CODEGEN_FUNCTIONS: readonly string[] = [...FUNCTION_CODE.keys()];

type Op = '+' | '-' | '*' | '/' | '^' | 'neg';

/** A node of the hash-consed expression graph; children are ids of earlier nodes. */
type Ir =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'q' | 'v'; readonly index: number }
  | { readonly kind: 'op'; readonly op: Op; readonly args: readonly number[] }
  | { readonly kind: 'fn'; readonly fn: string; readonly arg: number };

type AnyOperatorNode = OperatorNode<OperatorNodeOp, OperatorNodeFn>;

const OPERATOR_OF: Readonly<Record<string, Op>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  unaryMinus: 'neg',
};

/** A JavaScript literal for `x` that evaluates to exactly `x` (signed zero and non-finite included). */
function numberLiteral(x: number): string {
  if (typeof x !== 'number') throw new TypeError(`mathjs-codegen: expected a number literal, received ${typeof x}.`);
  if (Number.isNaN(x)) return '(0 / 0)';
  if (x === Infinity) return '(1 / 0)';
  if (x === -Infinity) return '(-1 / 0)';
  if (Object.is(x, -0)) return '(-0)';
  const s = String(x); // shortest representation that round-trips exactly
  return x < 0 ? `(${s})` : s;
}

/** Folds an operation on numbers exactly as the generated code would compute it. */
function fold(op: Op, values: readonly number[]): number {
  const [a = NaN, b = NaN] = values;
  switch (op) {
    case '+':
      return values.reduce((s, x) => s + x);
    case '*':
      return values.reduce((s, x) => s * x);
    case '-':
      return a - b;
    case '/':
      return a / b;
    case '^':
      return a ** b;
    case 'neg':
      return -a;
  }
}

/** Builds the shared expression graph of a group: hash-consing, constant folding, q/v binding. */
class GraphBuilder {
  readonly nodes: Ir[] = [];
  private readonly ids = new Map<string, number>();
  /** Trees from mathjs's `derivative` share subtrees: translate each node object once. */
  private readonly seen = new Map<MathNode, number>();

  constructor(private readonly bindings: ReadonlyMap<string, SymbolBinding>) {}

  private intern(key: string, node: Ir): number {
    const found = this.ids.get(key);
    if (found !== undefined) return found;
    const id = this.nodes.length;
    this.nodes.push(node);
    this.ids.set(key, id);
    return id;
  }

  num(value: number): number {
    return this.intern(`n${Object.is(value, -0) ? '-0' : String(value)}`, { kind: 'num', value });
  }

  private numberOf(id: number): number | undefined {
    const node = this.nodes[id];
    return node !== undefined && node.kind === 'num' ? node.value : undefined;
  }

  private op(op: Op, args: readonly number[]): number {
    const values = args.map((a) => this.numberOf(a));
    if (values.every((x): x is number => x !== undefined)) return this.num(fold(op, values));
    if (op === '+' || op === '*') {
      // Gather the constant terms/factors in front, folded; drop a neutral one.
      const constants = values.filter((x): x is number => x !== undefined);
      const rest = args.filter((_, i) => values[i] === undefined);
      const neutral = op === '+' ? 0 : 1;
      const c = constants.length > 0 ? fold(op, constants) : neutral;
      const all = c === neutral ? rest : [this.num(c), ...rest];
      if (all.length === 1) return all[0] as number;
      return this.intern(`${op}(${all.join(',')})`, { kind: 'op', op, args: all });
    }
    return this.intern(`${op}(${args.join(',')})`, { kind: 'op', op, args });
  }

  /** The id of `node`'s value in the graph. */
  add(node: MathNode): number {
    const seen = this.seen.get(node);
    if (seen !== undefined) return seen;
    const id = this.translate(node);
    this.seen.set(node, id);
    return id;
  }

  private translate(node: MathNode): number {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.add((node as ParenthesisNode).content);
      case 'ConstantNode': {
        const value: unknown = (node as ConstantNode<number>).value;
        if (typeof value !== 'number') throw new TypeError(`mathjs-codegen: unsupported constant ${String(value)} (${typeof value}), expected a number.`);
        return this.num(value);
      }
      case 'SymbolNode': {
        const name = (node as SymbolNode).name;
        const binding = this.bindings.get(name);
        if (binding === undefined) throw new Error(`mathjs-codegen: unbound symbol '${name}'.`);
        if (binding.kind === 'constant') return this.num(binding.value);
        if (!Number.isInteger(binding.index) || binding.index < 0) throw new RangeError(`mathjs-codegen: bad index ${binding.index} for '${name}'.`);
        return this.intern(`${binding.kind}${binding.index}`, { kind: binding.kind, index: binding.index });
      }
      case 'FunctionNode': {
        const f = node as FunctionNode;
        const fn = f.fn.type === 'SymbolNode' ? f.fn.name : undefined;
        const code = fn === undefined ? undefined : FUNCTION_CODE.get(fn);
        if (fn === undefined || code === undefined || f.args.length !== 1) {
          throw new Error(`mathjs-codegen: unsupported function ${String(fn)} with ${f.args.length} argument(s).`);
        }
        const arg = this.add(f.args[0] as MathNode);
        const x = this.numberOf(arg);
        if (x !== undefined) return this.num(code.apply(x));
        return this.intern(`${fn}(${arg})`, { kind: 'fn', fn, arg });
      }
      case 'OperatorNode': {
        const o = node as AnyOperatorNode;
        const op = Object.hasOwn(OPERATOR_OF, o.fn) ? OPERATOR_OF[o.fn] : undefined;
        const arity = o.args.length;
        const ok = op === 'neg' ? arity === 1 : op === '+' || op === '*' ? arity >= 1 : arity === 2;
        if (op === undefined || !ok) throw new Error(`mathjs-codegen: unsupported operator ${o.fn} with ${arity} argument(s).`);
        const args = o.args.map((a) => this.add(a));
        if ((op === '+' || op === '*') && args.length === 1) return args[0] as number;
        return this.op(op, args);
      }
      default:
        throw new Error(`mathjs-codegen: unsupported node type ${node.type}.`);
    }
  }
}

/** Every identifier the generated code may contain besides its numbered locals. */
const IDENTIFIER_TOKENS: ReadonlySet<string> = new Set(['const', 'return', 'q', 'v', ...[...FUNCTION_CODE.values()].flatMap((c) => c.open.match(/[A-Za-z_]\w*/g) ?? [])]);

/**
 * Checks generated source token by token: only the fixed keywords and names, generated locals
 * (`q0`, `v3`, `t12`, `o1`), numeric literals and arithmetic punctuation may appear.
 */
function assertSafeSource(source: string): void {
  const token = /\s+|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[()[\],;=+\-*/.]/y;
  let at = 0;
  while (at < source.length) {
    token.lastIndex = at;
    const m = token.exec(source);
    if (m === null) throw new Error(`mathjs-codegen: refusing to compile, unexpected character at ${at}.`);
    const text = m[0];
    if (/^[A-Za-z_]/.test(text) && !IDENTIFIER_TOKENS.has(text) && !/^[qvto]\d+$/.test(text)) {
      throw new Error(`mathjs-codegen: refusing to compile, unexpected identifier at ${at}.`);
    }
    at = token.lastIndex;
  }
}

/** Whether `node` is `x ^ 2`, which is emitted as `x * x` (correctly rounded, and much faster than `**`). */
function isSquare(nodes: readonly Ir[], node: Ir): boolean {
  if (node.kind !== 'op' || node.op !== '^') return false;
  const exponent = nodes[node.args[1] as number];
  return exponent !== undefined && exponent.kind === 'num' && exponent.value === 2;
}

/** Emits the statements of a group: loads of q/v, hoisted shared subexpressions; returns the code of each root. */
function emit(graph: GraphBuilder, roots: readonly number[]): { readonly statements: string[]; readonly code: readonly string[] } {
  const nodes = graph.nodes;
  const uses = new Int32Array(nodes.length);
  const reachable = new Uint8Array(nodes.length);
  for (const r of roots) {
    reachable[r] = 1;
    uses[r] = (uses[r] as number) + 1;
  }
  // Ids are created children-first, so walking them downwards visits every parent before its children.
  for (let id = nodes.length - 1; id >= 0; id--) {
    if (reachable[id] !== 1) continue;
    const node = nodes[id] as Ir;
    const children = node.kind === 'op' ? node.args : node.kind === 'fn' ? [node.arg] : [];
    for (const c of children) {
      reachable[c] = 1;
      uses[c] = (uses[c] as number) + 1;
    }
    // x^2 is emitted as x * x, which reads x twice: give x a local if it is not a leaf.
    if (node.kind === 'op' && isSquare(nodes, node)) uses[node.args[0] as number] = (uses[node.args[0] as number] as number) + 1;
  }
  const code: string[] = new Array<string>(nodes.length).fill('');
  const loads: string[] = [];
  const statements: string[] = [];
  for (let id = 0; id < nodes.length; id++) {
    if (reachable[id] !== 1) continue;
    const node = nodes[id] as Ir;
    let text: string;
    switch (node.kind) {
      case 'num':
        code[id] = numberLiteral(node.value);
        continue;
      case 'q':
      case 'v':
        code[id] = `${node.kind}${node.index}`;
        loads.push(`${node.kind}${node.index} = ${node.kind}[${node.index}]`);
        continue;
      case 'fn': {
        const f = FUNCTION_CODE.get(node.fn);
        if (f === undefined) throw new Error('mathjs-codegen: internal error, unknown function.');
        text = `${f.open}${code[node.arg] as string}${f.close}`;
        break;
      }
      case 'op': {
        const a = node.args.map((c) => code[c] as string);
        if (node.op === 'neg') text = `(-${a[0] as string})`;
        else if (isSquare(nodes, node)) text = `(${a[0] as string} * ${a[0] as string})`;
        else if (node.op === '+') {
          // a + (−b) is emitted as a − b (the same IEEE result) when −b has no local of its own.
          text = `(${a[0] as string}`;
          for (let k = 1; k < node.args.length; k++) {
            const c = node.args[k] as number;
            const child = nodes[c] as Ir;
            if (child.kind === 'op' && child.op === 'neg' && (uses[c] as number) <= 1) text += ` - ${code[child.args[0] as number] as string}`;
            else text += ` + ${a[k] as string}`;
          }
          text += ')';
        } else text = `(${a.join(` ${node.op === '^' ? '**' : node.op} `)})`;
        break;
      }
    }
    if ((uses[id] as number) > 1) {
      statements.push(`const t${id} = ${text};`);
      code[id] = `t${id}`;
    } else code[id] = text;
  }
  if (loads.length > 0) statements.unshift(`const ${loads.join(', ')};`);
  return { statements, code: roots.map((r) => code[r] as string) };
}

/**
 * Compiles one scalar expression of (q, v) to a float64 JavaScript function.
 *
 * @param node - a tree of ConstantNode, SymbolNode, ParenthesisNode, OperatorNode (+ − * / ^,
 *   unary −) and FunctionNode (see {@link CODEGEN_FUNCTIONS}).
 * @param bindings - what each symbol is: `q[i]`, `v[i]` or a constant inlined as a literal.
 * @returns `(q, v) => value`.
 * @example
 * const f = compileScalar(parse('k*x^2'), new Map([['x', { kind: 'q', index: 0 }], ['k', { kind: 'constant', value: 2 }]]));
 * f([3], []); // 18
 */
export function compileScalar(node: MathNode, bindings: ReadonlyMap<string, SymbolBinding>): ScalarFunction {
  const graph = new GraphBuilder(bindings);
  const root = graph.add(node);
  const { statements, code } = emit(graph, [root]);
  const body = `${statements.join('\n')}\nreturn ${code[0] as string};`;
  assertSafeSource(body);
  return new Function('q', 'v', `'use strict';\n${body}`) as ScalarFunction;
}

/**
 * Compiles a group of expressions of (q, v) to ONE float64 JavaScript function that stores each
 * into its output array; subexpressions shared across the group are computed once.
 *
 * @param arrays - the number of output arrays the function takes after `q` and `v`.
 * @param outputs - the expressions and where to store them.
 * @param bindings - what each symbol is: `q[i]`, `v[i]` or a constant inlined as a literal.
 * @returns `(q, v, out0, out1, …) => void`.
 * @example
 * const grad = compileFill(1, [{ array: 0, slots: [0], node: parse('2*k*x') }], bindings);
 * grad([3], [], out);
 */
export function compileFill(arrays: number, outputs: readonly CodegenOutput[], bindings: ReadonlyMap<string, SymbolBinding>): FillFunction {
  if (!Number.isInteger(arrays) || arrays < 1) throw new RangeError(`compileFill: arrays: received ${arrays}, expected an integer ≥ 1.`);
  const graph = new GraphBuilder(bindings);
  const roots = outputs.map((o) => graph.add(o.node));
  const { statements, code } = emit(graph, roots);
  const stores = outputs.map((o, k) => {
    if (!Number.isInteger(o.array) || o.array < 0 || o.array >= arrays) throw new RangeError(`compileFill: outputs[${k}].array: received ${o.array}, expected an integer in [0, ${arrays}).`);
    if (o.slots.length === 0 || !o.slots.every((s) => Number.isInteger(s) && s >= 0)) throw new RangeError(`compileFill: outputs[${k}].slots: expected non-negative integers.`);
    return `${o.slots.map((s) => `o${o.array}[${s}]`).join(' = ')} = ${code[k] as string};`;
  });
  const body = `${statements.join('\n')}\n${stores.join('\n')}`;
  assertSafeSource(body);
  const params = Array.from({ length: arrays }, (_, i) => `o${i}`);
  return new Function('q', 'v', ...params, `'use strict';\n${body}`) as FillFunction;
}
