/** Fast, exact tidying of mathjs expression trees for `fromFormula` (no mathjs `simplify`). */
import type { ConstantNode, FunctionNode, MathJsInstance, MathNode, ParenthesisNode } from 'mathjs';
import { WHERE, type AnyOperatorNode } from './formula-checks';

/**
 * A linear-time, symbolically exact tidy-up of mathjs trees (no `simplify`): drops parentheses,
 * flattens sums and products, folds numeric constants, removes 0 and 1 terms, pulls signs out.
 * It keeps derivative trees small — mathjs's `simplify` is far slower and some of its default
 * rules, such as `(n1*n2)^n3 → n1^n3*n2^n3`, do not hold for negative reals.
 */
export function createTidy(M: MathJsInstance): (node: MathNode) => MathNode {
  const memo = new Map<MathNode, MathNode>();
  const asOperator = (node: MathNode): AnyOperatorNode | undefined => (node.type === 'OperatorNode' ? (node as AnyOperatorNode) : undefined);
  const isNegation = (node: MathNode) => asOperator(node)?.fn === 'unaryMinus';
  const inner = (node: MathNode) => (asOperator(node)?.args[0] as MathNode);
  const valueOf = (node: MathNode): number | undefined => {
    if (node.type === 'ConstantNode') {
      const value: unknown = (node as ConstantNode<number>).value;
      return typeof value === 'number' ? value : undefined;
    }
    if (isNegation(node) && inner(node).type === 'ConstantNode') {
      const value = valueOf(inner(node));
      return value === undefined ? undefined : -value;
    }
    return undefined;
  };
  const constant = (x: number): MathNode => {
    const c = x === 0 ? 0 : x;
    return c < 0 ? new M.OperatorNode('-', 'unaryMinus', [new M.ConstantNode(-c)]) : new M.ConstantNode(c);
  };
  const negate = (node: MathNode): MathNode => {
    const c = valueOf(node);
    if (c !== undefined) return constant(-c);
    if (isNegation(node)) return inner(node);
    return new M.OperatorNode('-', 'unaryMinus', [node]);
  };
  /** `fold(x)` is the constant x when it is finite, else undefined (the operation is kept). */
  const fold = (x: number): MathNode | undefined => (Number.isFinite(x) ? constant(x) : undefined);

  const sum = (args: readonly MathNode[]): MathNode => {
    const terms: MathNode[] = [];
    let c = 0;
    const take = (a: MathNode) => {
      const op = asOperator(a);
      if (op?.fn === 'add') for (const b of op.args) take(b);
      else {
        const v = valueOf(a);
        if (v !== undefined) c += v;
        else terms.push(a);
      }
    };
    for (const a of args) take(a);
    if (!Number.isFinite(c)) return new M.OperatorNode('+', 'add', [...args]);
    if (c !== 0) terms.push(constant(c));
    if (terms.length === 0) return constant(0);
    return terms.length === 1 ? (terms[0] as MathNode) : new M.OperatorNode('+', 'add', terms);
  };

  const product = (args: readonly MathNode[]): MathNode => {
    const factors: MathNode[] = [];
    let c = 1;
    const take = (a: MathNode) => {
      const op = asOperator(a);
      const v = valueOf(a);
      if (v !== undefined) c *= v;
      else if (op?.fn === 'multiply') for (const b of op.args) take(b);
      else if (op?.fn === 'unaryMinus') {
        c = -c;
        take(op.args[0] as MathNode);
      } else factors.push(a);
    };
    for (const a of args) take(a);
    if (!Number.isFinite(c)) return new M.OperatorNode('*', 'multiply', [...args]);
    if (c === 0) return constant(0);
    const all = Math.abs(c) === 1 ? factors : [new M.ConstantNode(Math.abs(c)), ...factors];
    const node = all.length === 0 ? constant(1) : all.length === 1 ? (all[0] as MathNode) : new M.OperatorNode('*', 'multiply', all);
    return c < 0 ? negate(node) : node;
  };

  const tidyNode = (node: MathNode): MathNode => {
    switch (node.type) {
      case 'ParenthesisNode':
        return tidy((node as ParenthesisNode).content);
      case 'FunctionNode': {
        const f = node as FunctionNode;
        return new M.FunctionNode(new M.SymbolNode(f.fn.name), f.args.map(tidy));
      }
      case 'OperatorNode': {
        const o = node as AnyOperatorNode;
        const args = o.args.map(tidy);
        const [a = constant(NaN), b = constant(NaN)] = args;
        const ca = valueOf(a);
        const cb = valueOf(b);
        switch (o.fn) {
          case 'unaryMinus':
            return negate(a);
          case 'add':
            return sum(args);
          case 'multiply':
            return product(args);
          case 'subtract':
            if (ca !== undefined && cb !== undefined) return fold(ca - cb) ?? new M.OperatorNode('-', 'subtract', [a, b]);
            if (cb === 0) return a;
            if (ca === 0) return negate(b);
            if (isNegation(b)) return sum([a, inner(b)]);
            return new M.OperatorNode('-', 'subtract', [a, b]);
          case 'divide':
            if (ca !== undefined && cb !== undefined) return fold(ca / cb) ?? new M.OperatorNode('/', 'divide', [a, b]);
            if (ca === 0) return constant(0);
            if (cb === 1) return a;
            if (cb === -1) return negate(a);
            if (isNegation(a) && ca === undefined) return negate(new M.OperatorNode('/', 'divide', [inner(a), b]));
            if (isNegation(b) && cb === undefined) return negate(new M.OperatorNode('/', 'divide', [a, inner(b)]));
            return new M.OperatorNode('/', 'divide', [a, b]);
          case 'pow':
            if (cb === 0 || ca === 1) return constant(1);
            if (cb === 1) return a;
            if (ca !== undefined && cb !== undefined) return fold(ca ** cb) ?? new M.OperatorNode('^', 'pow', [a, b]);
            return new M.OperatorNode('^', 'pow', [a, b]);
          default:
            throw new Error(`${WHERE}: internal error, unexpected operator ${o.fn}.`);
        }
      }
      default:
        return node;
    }
  };
  const tidy = (node: MathNode): MathNode => {
    const hit = memo.get(node);
    if (hit !== undefined) return hit;
    const out = tidyNode(node);
    memo.set(node, out);
    return out;
  };
  return tidy;
}

/**
 * Rewrites sums for display: `a + -b + c` becomes `a - b + c`. Only for the `derivatives`
 * strings; the compiled code is generated from the tidy trees.
 */
export function createDisplay(M: MathJsInstance): (node: MathNode) => MathNode {
  const memo = new Map<MathNode, MathNode>();
  const display = (node: MathNode): MathNode => {
    const hit = memo.get(node);
    if (hit !== undefined) return hit;
    let out = node;
    if (node.type === 'FunctionNode') {
      const f = node as FunctionNode;
      out = new M.FunctionNode(new M.SymbolNode(f.fn.name), f.args.map(display));
    } else if (node.type === 'OperatorNode') {
      const o = node as AnyOperatorNode;
      const args = o.args.map(display);
      if (o.fn === 'add') {
        let acc = args[0] as MathNode;
        for (const term of args.slice(1)) {
          const t = term.type === 'OperatorNode' ? (term as AnyOperatorNode) : undefined;
          acc = t?.fn === 'unaryMinus' ? new M.OperatorNode('-', 'subtract', [acc, t.args[0] as MathNode]) : new M.OperatorNode('+', 'add', [acc, term]);
        }
        out = acc;
      } else out = new M.OperatorNode(o.op, o.fn, args);
    }
    memo.set(node, out);
    return out;
  };
  return display;
}
