import { luFactor, luSolveVector, singularTolerance } from '@lnn/linalg';
import type { MathNode, SymbolNode } from 'mathjs';
import { createDisplay, createTidy } from './internal/expression-tidy';
import { checkOptions, checkTree, describe, math, WHERE } from './internal/formula-checks';
import { compileFill, compileScalar, type CodegenOutput, type SymbolBinding } from './internal/mathjs-codegen';
import type { MechanicalSystem } from './system';


/**
 * Options of {@link fromFormula}.
 *
 * @example
 * import { fromFormula, type FromFormulaOptions } from '@lnn/systems/formula';
 * const options: FromFormulaOptions = {
 *   lagrangian: '0.5*m*v^2 - 0.5*k*q^2',
 *   coordinates: ['q'],
 *   velocities: ['v'],
 *   parameters: { m: 1, k: 4 },
 * };
 * console.log(fromFormula(options).name); // from-formula
 */
export interface FromFormulaOptions {
  /** L(q, v) as a mathjs expression, e.g. `'0.5*m*l^2*w^2 + m*g*l*cos(t)'`. */
  readonly lagrangian: string;
  /** Names of the generalised coordinates q, e.g. `['t1', 't2']` (at least one). */
  readonly coordinates: readonly string[];
  /** Names of the velocities v = q̇, in the same order as `coordinates`, e.g. `['w1', 'w2']`. */
  readonly velocities: readonly string[];
  /** Constants, substituted by value into the compiled code, e.g. `{ m: 1, g: 9.8 }`. @default {} */
  readonly parameters?: Readonly<Record<string, number>>;
  /** A short identifier for the system. @default 'from-formula' */
  readonly name?: string;
}

/**
 * The symbolic derivatives of a {@link FormulaSystem}, as mathjs expression strings.
 *
 * @example
 * import { fromFormula } from '@lnn/systems/formula';
 * const dv = fromFormula({ lagrangian: '0.5*m*v^2', coordinates: ['q'], velocities: ['v'], parameters: { m: 2 } })
 *   .derivatives.dv;
 * console.log(dv); // ['m * v']
 */
export interface FormulaDerivatives {
  /** `dq[i] = ∂L/∂qᵢ`. */
  readonly dq: readonly string[];
  /** `dv[i] = ∂L/∂vᵢ`. */
  readonly dv: readonly string[];
  /** Row-major d×d: `hqq[i·d+j] = ∂²L/∂qᵢ∂qⱼ`. */
  readonly hqq: readonly string[];
  /** Row-major d×d: `hqv[i·d+j] = ∂²L/∂qᵢ∂vⱼ`. */
  readonly hqv: readonly string[];
  /** Row-major d×d: `hvv[i·d+j] = ∂²L/∂vᵢ∂vⱼ`. */
  readonly hvv: readonly string[];
}

/**
 * A {@link MechanicalSystem} compiled from a Lagrangian formula, with its derivatives for inspection.
 *
 * @example
 * import { fromFormula, type FormulaSystem } from '@lnn/systems/formula';
 * const system: FormulaSystem = fromFormula({ lagrangian: '0.5*v^2 - 0.5*q^2', coordinates: ['q'], velocities: ['v'] });
 * console.log(system.derivatives.dq); // ['-q']
 */
export interface FormulaSystem extends MechanicalSystem {
  /** Names of the velocities, in the order of `coordinates`. */
  readonly velocities: readonly string[];
  /** The derived expressions the compiled code evaluates (parameters still by name). */
  readonly derivatives: FormulaDerivatives;
}

/**
 * A {@link MechanicalSystem} from a Lagrangian written as a mathjs expression. The first and
 * second derivatives are derived symbolically once, at creation, and compiled to plain float64
 * JavaScript (parameters inlined as literals), so evaluation never goes through mathjs.
 * `acceleration` solves the Euler–Lagrange equations
 * `Σⱼ ∂²L/∂vᵢ∂vⱼ q̈ⱼ = ∂L/∂qᵢ − Σⱼ ∂²L/∂vᵢ∂qⱼ vⱼ` by LU with partial pivoting.
 *
 * @param options - the formula, the names of q and v (same order), constant parameters and a name.
 *   Names must be distinct identifiers; the formula may use numbers, declared names,
 *   `+ - * / ^`, unary minus and sin, cos, tan, exp, log, sqrt, sinh, cosh, tanh, abs.
 * @returns the compiled system, with its derivatives as strings under `derivatives`.
 * @throws TypeError, RangeError or ReferenceError at once on bad options, naming the option.
 * @example
 * import { fromFormula } from '@lnn/systems/formula';
 * const pendulum = fromFormula({
 *   lagrangian: '0.5*m*l^2*w^2 + m*g*l*cos(t)',
 *   coordinates: ['t'],
 *   velocities: ['w'],
 *   parameters: { m: 1, l: 1, g: 9.8 },
 * });
 * const out = new Float64Array(1);
 * pendulum.acceleration([0.3], [0], out);
 * console.log(out[0], -9.8 * Math.sin(0.3)); // equal: −2.896…
 */
export function fromFormula(options: FromFormulaOptions): FormulaSystem {
  const checked = checkOptions(options);
  const { coordinates, velocities, name } = checked;
  const d = coordinates.length;
  const M = math();

  let tree: MathNode;
  try {
    tree = M.parse(checked.lagrangian);
  } catch (error) {
    throw new SyntaxError(`${WHERE}: options.lagrangian: received ${describe(checked.lagrangian)}, which does not parse (${error instanceof Error ? error.message : String(error)}), expected a mathjs expression.`);
  }
  checkTree(tree, new Set([...coordinates, ...velocities, ...checked.parameters.map(([k]) => k)]), checked);

  // Symbolic derivation, once.
  const tidy = createTidy(M);
  const qSymbols = coordinates.map((n) => new M.SymbolNode(n));
  const vSymbols = velocities.map((n) => new M.SymbolNode(n));
  const differentiate = (node: MathNode, by: SymbolNode) => tidy(M.derivative(node, by, { simplify: false }));
  const L = tidy(tree);
  const dq = qSymbols.map((s) => differentiate(L, s));
  const dv = vSymbols.map((s) => differentiate(L, s));
  const hqq: MathNode[] = new Array<MathNode>(d * d);
  const hqv: MathNode[] = new Array<MathNode>(d * d);
  const hvv: MathNode[] = new Array<MathNode>(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      hqv[i * d + j] = differentiate(dq[i] as MathNode, vSymbols[j] as SymbolNode);
      if (j < i) continue;
      hqq[i * d + j] = hqq[j * d + i] = differentiate(dq[i] as MathNode, qSymbols[j] as SymbolNode);
      hvv[i * d + j] = hvv[j * d + i] = differentiate(dv[i] as MathNode, vSymbols[j] as SymbolNode);
    }
  }
  // Right-hand side of the Euler–Lagrange equations, and the energy v·∂L/∂v − L.
  const rhs = dq.map((dqi, i) =>
    tidy(new M.OperatorNode('-', 'subtract', [dqi, new M.OperatorNode('+', 'add', vSymbols.map((vj, j) => new M.OperatorNode('*', 'multiply', [hqv[j * d + i] as MathNode, vj])))])),
  );
  const energyTree = tidy(new M.OperatorNode('-', 'subtract', [new M.OperatorNode('+', 'add', vSymbols.map((vi, i) => new M.OperatorNode('*', 'multiply', [vi, dv[i] as MathNode]))), L]));

  // Compilation to float64 JavaScript.
  const bindings = new Map<string, SymbolBinding>();
  coordinates.forEach((n, index) => bindings.set(n, { kind: 'q', index }));
  velocities.forEach((n, index) => bindings.set(n, { kind: 'v', index }));
  for (const [key, value] of checked.parameters) bindings.set(key, { kind: 'constant', value });
  const vector = (array: number, nodes: readonly MathNode[]): CodegenOutput[] => nodes.map((node, i) => ({ array, slots: [i], node }));
  const symmetric = (array: number, nodes: readonly MathNode[]): CodegenOutput[] => {
    const out: CodegenOutput[] = [];
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out.push({ array, slots: i === j ? [i * d + i] : [i * d + j, j * d + i], node: nodes[i * d + j] as MathNode });
    return out;
  };
  const lagrangian = compileScalar(L, bindings);
  const energy = compileScalar(energyTree, bindings);
  const gradient = compileFill(2, [...vector(0, dq), ...vector(1, dv)], bindings);
  const hessian = compileFill(3, [...symmetric(0, hqq), ...vector(1, hqv), ...symmetric(2, hvv)], bindings);
  const motion = compileFill(2, [...symmetric(0, hvv), ...vector(1, rhs)], bindings);

  const mass = new Float64Array(d * d);
  const force = new Float64Array(d);
  const perm = new Int32Array(d);
  const work = new Float64Array(d);
  const display = createDisplay(M);
  const strings = (nodes: readonly MathNode[]) => Object.freeze(nodes.map((n) => display(n).toString()));
  return {
    name,
    dof: d,
    coordinates: Object.freeze([...coordinates]),
    velocities: Object.freeze([...velocities]),
    parameters: Object.freeze(Object.fromEntries(checked.parameters)),
    derivatives: Object.freeze({ dq: strings(dq), dv: strings(dv), hqq: strings(hqq), hqv: strings(hqv), hvv: strings(hvv) }),
    lagrangian,
    energy,
    lagrangianGradient: gradient,
    lagrangianHessian: hessian,
    acceleration(q, v, out) {
      motion(q, v, mass, force);
      let scale = 0;
      for (const x of mass) scale = Math.max(scale, Math.abs(x));
      const status = !Number.isFinite(scale) ? 'not finite' : luFactor(mass, d, perm, singularTolerance(d, scale)) === -1 ? 'ok' : 'singular';
      if (status !== 'ok') {
        const state = `q = [${Array.from({ length: d }, (_, i) => q[i]).join(', ')}], v = [${Array.from({ length: d }, (_, i) => v[i]).join(', ')}]`;
        const problem = status === 'singular' ? 'is singular to working precision' : 'has a NaN or infinite entry';
        throw new Error(`${WHERE} (${name}): acceleration: ∂²L/∂v∂v ${problem} at ${state}, so q̈ is not determined there.`);
      }
      luSolveVector(mass, d, perm, force, work);
      for (let i = 0; i < d; i++) out[i] = force[i] as number;
    },
  };
}
