/**
 * @lnn/linalg — float64 host linear algebra on `Float64Array`s, with no dependencies: dense LU
 * (k right-hand sides, transposed solves), Cholesky, symmetric eigen-decomposition, banded and
 * cyclic banded solves, Jacobi-preconditioned conjugate gradients, the band-to-dense expander and
 * the working-precision tolerances.
 *
 * One failure contract everywhere: numerical trouble is returned, never thrown — each routine
 * returns -1 when it succeeded, otherwise the step at which it broke down (see the README).
 * Wrong sizes throw a TypeError naming the function and the argument.
 */
export { FLOAT32_EPSILON, FLOAT32_MAX, FLOAT64_EPSILON, singularTolerance } from './tolerances';
export { luFactor, luSolve, luSolveTransposed, luSolveVector } from './lu';
export { choleskyFactor, choleskySolve } from './cholesky';
export { QL_SWEEPS_PER_DIMENSION, symmetricEigen } from './symmetric-eigen';
export { bandedLu, bandedLuFactor, bandedLuSolve, type BandedLu } from './banded-lu';
export { CYCLIC_DENSE_FALLBACK_LIMIT, cyclicBandedSolve } from './cyclic-banded-solve';
export { conjugateGradient, conjugateGradientOptions, type CompressedRows, type ConjugateGradientOptions } from './conjugate-gradient';
export { bandToDense, type BandToDenseOptions } from './band-to-dense';
export { version } from './version';
