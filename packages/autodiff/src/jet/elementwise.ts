import * as tf from '@tensorflow/tfjs-core';
import { overInputs, sameTrace, type Jet } from './jet';
import { weightedGram } from './weighted-gram';

/** An elementwise function with its first and second derivatives, as first-order-safe tfjs ops. */
interface Elementwise {
  /** [f(z), f'(z), f''(z)] */
  (z: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor];
}

/**
 * Applies an elementwise function: value `f(z)`, tangent `f'(z) ⊙ J`, and at the adjoint
 * `δ_z = f'(z) ⊙ δ` plus the Hessian term `Jᵀ diag(f''(z) ⊙ δ) J`.
 */
function apply(name: string, x: Jet, fn: Elementwise): Jet {
  const trace = sameTrace(name, x);
  const [value, d1, d2] = fn(x.value);
  const tangent = tf.mul(x.tangent, overInputs(d1));
  return trace.record(value, tangent, [x], (delta) => ({
    deltas: [tf.mul(delta, d1)],
    hessian: weightedGram(x.tangent, tf.mul(d2, delta)),
  }));
}

/**
 * softplus(z) from z and s = σ(z): `max(z, 0) − log σ(|z|)` with `σ(|z|) = ½ + |s − ½|` — one log,
 * its argument in [½, 1] — instead of wasm's Softplus kernel, which takes as long as ~12 sigmoids.
 * Its gradient is σ(z)·dy, all of it along z (the composite's own would be wrong at z = 0, where
 * relu and |·| have no derivative); it reaches higher orders through s.
 */
const softplusFromSigmoid = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [z, s, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([s]);
  return {
    value: tf.sub(tf.relu(z), tf.log(tf.add(0.5, tf.abs(tf.sub(s, 0.5))))),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [tf.mul(dy as tf.Tensor, saved[0] as tf.Tensor), tf.zerosLike(saved[0] as tf.Tensor)],
  };
});

/** softplus(z) = log(1 + eᶻ); f' = σ(z), f'' = σ(z)(1 − σ(z)). */
export function softplus(x: Jet): Jet {
  return apply('jets.softplus', x, (z) => {
    const s = tf.sigmoid(z);
    return [softplusFromSigmoid(z, s), s, tf.mul(s, tf.sub(1, s))];
  });
}

/** tanh; f' = 1 − t², f'' = −2t(1 − t²). */
export function tanh(x: Jet): Jet {
  return apply('jets.tanh', x, (z) => {
    const t = tf.tanh(z);
    const d1 = tf.sub(1, tf.square(t));
    return [t, d1, tf.mul(-2, tf.mul(t, d1))];
  });
}

/** σ(z) = 1/(1 + e⁻ᶻ); f' = σ(1 − σ), f'' = σ(1 − σ)(1 − 2σ). */
export function sigmoid(x: Jet): Jet {
  return apply('jets.sigmoid', x, (z) => {
    const s = tf.sigmoid(z);
    const d1 = tf.mul(s, tf.sub(1, s));
    return [s, d1, tf.mul(d1, tf.sub(1, tf.mul(2, s)))];
  });
}

/** sin; f' = cos, f'' = −sin. */
export function sin(x: Jet): Jet {
  return apply('jets.sin', x, (z) => {
    const s = tf.sin(z);
    return [s, tf.cos(z), tf.neg(s)];
  });
}

/** cos; f' = −sin, f'' = −cos. */
export function cos(x: Jet): Jet {
  return apply('jets.cos', x, (z) => {
    const c = tf.cos(z);
    return [c, tf.neg(tf.sin(z)), tf.neg(c)];
  });
}

/** exp; f = f' = f''. */
export function exp(x: Jet): Jet {
  return apply('jets.exp', x, (z) => {
    const e = tf.exp(z);
    return [e, e, e];
  });
}

/** log; f' = 1/z, f'' = −1/z². */
export function log(x: Jet): Jet {
  return apply('jets.log', x, (z) => {
    const r = tf.reciprocal(z);
    return [tf.log(z), r, tf.neg(tf.square(r))];
  });
}

/** z²; f' = 2z, f'' = 2. */
export function square(x: Jet): Jet {
  return apply('jets.square', x, (z) => [tf.square(z), tf.mul(2, z), tf.fill(z.shape, 2)]);
}

/** √z; f' = 1/(2√z), f'' = −1/(4 z √z). */
export function sqrt(x: Jet): Jet {
  return apply('jets.sqrt', x, (z) => {
    const r = tf.sqrt(z);
    const d1 = tf.div(0.5, r);
    return [r, d1, tf.neg(tf.div(d1, tf.mul(2, z)))];
  });
}

/** zᵖ for a constant exponent p; f' = p zᵖ⁻¹, f'' = p(p − 1) zᵖ⁻². */
export function pow(x: Jet, p: number): Jet {
  if (typeof p !== 'number' || !Number.isFinite(p)) {
    throw new TypeError(`jets.pow: the exponent must be a finite number, received ${String(p)}.`);
  }
  // Three powers rather than products of one: exact at z = 0 whatever p (0⁻¹·0 would be NaN).
  return apply('jets.pow', x, (z) => [tf.pow(z, p), tf.mul(p, tf.pow(z, p - 1)), tf.mul(p * (p - 1), tf.pow(z, p - 2))]);
}
