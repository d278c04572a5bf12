import { choleskyFactor, choleskySolve, luFactor, luSolve, luSolveTransposed, singularTolerance } from '@lnn/linalg';
import * as tf from '@tensorflow/tfjs-core';
import {
  asColumns,
  checkResult,
  checkSystem,
  isRecordingGradients,
  negOuter,
  readSystem,
  symmetrize,
  symmetrizeHost,
  type HostSystem,
} from './batched-system';
import { LinalgError } from './linalg-error';

/** Options of {@link solve}. */
export interface SolveOptions {
  /**
   * `'lu'`: LU with partial pivoting, any square matrix. `'cholesky'`: symmetric positive definite
   * matrices (reads `(A + Aᵀ)/2`; about twice as fast; fails on indefinite ones).
   * @default 'lu'
   */
  readonly method?: 'lu' | 'cholesky';
}

/** Float64 factors of every matrix of a batch, reusable by the backward pass. */
interface Factors {
  readonly system: HostSystem;
  readonly method: 'lu' | 'cholesky';
  readonly factors: Float64Array;
  readonly perms: Int32Array;
}

function factorAll(op: string, system: HostSystem, method: 'lu' | 'cholesky'): Factors {
  const { batch, d } = system;
  const factors = Float64Array.from(system.a);
  const perms = new Int32Array(batch * d);
  const bad: number[] = [];
  let step = -1;
  for (let s = 0; s < batch; s++) {
    const a = factors.subarray(s * d * d, (s + 1) * d * d);
    let scale = 0;
    for (const v of a) scale = Math.max(scale, Math.abs(v));
    // Singular to float64 working precision: a pivot at rounding level of the largest entry.
    const tol = singularTolerance(d, scale);
    const failed = method === 'lu' ? luFactor(a, d, perms.subarray(s * d, (s + 1) * d), tol) : choleskyFactor(a, d, tol);
    if (failed >= 0) {
      bad.push(s);
      if (step < 0) step = failed;
    }
  }
  if (bad.length > 0) {
    throw method === 'lu'
      ? new LinalgError(op, 'singular', bad, batch, `a pivot vanished (first at elimination step ${step})`)
      : new LinalgError(op, 'not-positive-definite', bad, batch, `a Cholesky pivot was not positive (first at column ${step})`);
  }
  return { system, method, factors, perms };
}

/** Solves with the factors (or, `transposed`, with Aᵀ) for a `[B, d, k]` right-hand side. */
function solveWith(f: Factors, rhs: Float64Array, transposed: boolean): Float64Array {
  const { batch, d, k } = f.system;
  const x = Float64Array.from(rhs);
  for (let s = 0; s < batch; s++) {
    const m = f.factors.subarray(s * d * d, (s + 1) * d * d);
    const xs = x.subarray(s * d * k, (s + 1) * d * k);
    if (f.method === 'cholesky') choleskySolve(m, d, xs, k);
    else if (transposed) luSolveTransposed(m, d, f.perms.subarray(s * d, (s + 1) * d), xs, k);
    else luSolve(m, d, f.perms.subarray(s * d, (s + 1) * d), xs, k);
  }
  return x;
}

/**
 * The solve op (float64 factors, gradient by solves), its errors naming `op`: `solve` itself, or
 * a solver built on it (`dampedSolve`) so that a failure names the function the user called.
 */
export function makeSolve(method: 'lu' | 'cholesky', op = 'solve') {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const system = readSystem(op, a, b);
    const factors = factorAll(op, system, method);
    const x = solveWith(factors, system.b, false);
    checkResult(op, x, system);
    save([a, b]);
    const value = tf.tensor(Float32Array.from(x), b.shape);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const xBar = dy as tf.Tensor;
      const [aIn, bIn] = saved as [tf.Tensor, tf.Tensor];
      if (isRecordingGradients()) {
        // Inside another differentiation: build the gradient from solve calls, so it is
        // differentiable in turn. b̄ = A⁻ᵀ x̄, Ā = −b̄ xᵀ.
        const opts = { method };
        const bBar = solve(method === 'lu' ? tf.transpose(aIn, [0, 2, 1]) : aIn, xBar, opts);
        const xAgain = solve(aIn, bIn, opts);
        const outer = tf.neg(tf.matMul(asColumns(bBar), tf.transpose(asColumns(xAgain), [0, 2, 1])));
        return [method === 'lu' ? outer : symmetrize(outer), bBar];
      }
      // Outermost backward pass: reuse the float64 factors.
      const bBar = solveWith(factors, Float64Array.from(xBar.dataSync()), true);
      const aBar = negOuter(bBar, x, system.batch, system.d, system.k);
      if (method === 'cholesky') symmetrizeHost(aBar, system.batch, system.d);
      return [tf.tensor(Float32Array.from(aBar), aIn.shape), tf.tensor(Float32Array.from(bBar), bIn.shape)];
    };
    return { value, gradFunc };
  });
}

const solvers = { lu: makeSolve('lu'), cholesky: makeSolve('cholesky') };

/**
 * Solves a batch of linear systems `A x = b`: A `[B, d, d]`, b `[B, d]` (or `[B, d, k]`), x the
 * shape of b. Factorises in float64 on the host (exact for the float32 inputs given, even when
 * ill-conditioned) and has a gradient: `b̄ = A⁻ᵀ x̄`, `Ā = −b̄ xᵀ` (symmetrised for Cholesky),
 * reusing the factors; differentiable again when called inside another differentiation.
 *
 * @throws {LinalgError} `non-finite-input`; `singular` (LU: a pivot at float64 rounding level);
 *   `not-positive-definite` (Cholesky); `non-finite-result` (the solution overflows float32).
 *   The error lists the samples concerned.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, solve } from '@lnn/autodiff';
 * await initBackend();
 * const A = tf.tensor3d([[[2, 1], [1, 3]]]);
 * const b = tf.tensor2d([[3, 4]]);
 * const x = solve(A, b);                          // LU with partial pivoting
 * const y = solve(A, b, { method: 'cholesky' });  // A symmetric positive definite
 * console.log(x.arraySync(), y.arraySync()); // both ≈ [[1, 1]]
 */
export function solve(a: tf.Tensor, b: tf.Tensor, options: SolveOptions = {}): tf.Tensor {
  const { method = 'lu' } = options;
  if (method !== 'lu' && method !== 'cholesky') {
    throw new TypeError(`solve: options.method must be 'lu' or 'cholesky', received ${JSON.stringify(method)}.`);
  }
  checkSystem('solve', a, b);
  return solvers[method](a, b);
}
