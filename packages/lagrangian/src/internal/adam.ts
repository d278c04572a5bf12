import * as tf from '@tensorflow/tfjs-core';
import { inPlaceViews } from '@lnn/autodiff';

/** Adam's constants. */
export interface AdamSettings {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay per step, times the learning rate. */
  readonly weightDecay: number;
}

/** What one {@link Adam.update} call reports. */
export interface AdamOutcome {
  readonly loss: number;
  /** False when the loss or a gradient was not finite: nothing was changed. */
  readonly applied: boolean;
}

/**
 * Adam with decoupled weight decay over a fixed list of variables, in its efficient form
 * `θ −= α_t m / (√s + ε̂) + lr·λ·θ`, `α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`, `ε̂ = ε√(1−β₂ᵗ)`.
 * An update is applied only if the loss and every gradient are finite.
 */
export interface Adam {
  /** Number of updates applied so far (t). */
  step: number;
  /**
   * Applies one update. `grads[i]` belongs to `variables[i]` (undefined: the variable does not
   * reach the loss). Disposes of the loss and the gradients.
   */
  update(loss: tf.Scalar, grads: readonly (tf.Tensor | undefined)[], learningRate: number): AdamOutcome;
  /** First and second moments, per variable, as host copies (for checkpoints). */
  moments(): (readonly [Float32Array, Float32Array])[];
  /** Sets the moments (from a checkpoint) and the step count. */
  restore(moments: readonly (readonly [Float32Array, Float32Array])[], step: number): void;
  dispose(): void;
}

function corrections(settings: AdamSettings, t: number, lr: number) {
  const { beta1, beta2, epsilon } = settings;
  return { alpha: (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t), epsHat: epsilon * Math.sqrt(1 - beta2 ** t) };
}

/**
 * One Adam step fused into one loop over host views (wasm's heap): the moments are updated in
 * place and the new weights written into fresh buffers `next` — never into the weights' own data,
 * which wasm's matMul keeps packed in a cache under that data (a weight changed in place would be
 * multiplied in its old, cached form). Views, in order: next, m, s (written), v, g (read), `count`
 * of each. Returns false, having changed nothing, when a gradient is not finite.
 */
function updateInPlace(views: Float32Array[], count: number, beta1: number, beta2: number, alpha: number, epsHat: number, decay: number): boolean {
  const at = (group: number, i: number) => views[group * count + i] as Float32Array;
  for (let i = 0; i < count; i++) {
    const g = at(4, i);
    for (let k = 0; k < g.length; k++) if (!Number.isFinite(g[k] as number)) return false;
  }
  for (let i = 0; i < count; i++) {
    const [next, m, s, v, g] = [at(0, i), at(1, i), at(2, i), at(3, i), at(4, i)];
    for (let k = 0; k < v.length; k++) {
      const gk = g[k] as number;
      const mk = beta1 * (m[k] as number) + (1 - beta1) * gk;
      const sk = beta2 * (s[k] as number) + (1 - beta2) * gk * gk;
      m[k] = mk;
      s[k] = sk;
      const vk = v[k] as number;
      next[k] = vk - (alpha * mk) / (Math.sqrt(sk) + epsHat) - decay * vk;
    }
  }
  return true;
}

/**
 * Adam as tensor ops on the current backend — or, on wasm, as one fused loop over host views
 * ({@link updateInPlace}), which is how a training step of the 4→500→500→500→1 LNN lost
 * the ~7 ms its Adam kernels took (750k parameters, 12 kernels each). (Reading the weights out
 * and uploading them again each step, as an earlier host version did, cost more than it saved.)
 * The two paths agree to float32 rounding (tested).
 */
export function createAdam(variables: readonly tf.Variable[], settings: AdamSettings): Adam {
  const { beta1, beta2, weightDecay } = settings;
  const state = variables.map((v) => tf.tidy(() => [tf.variable(tf.zerosLike(v), false), tf.variable(tf.zerosLike(v), false)] as const));
  const adam: Adam = {
    step: 0,
    update(loss, grads, lr) {
      const { alpha, epsHat } = corrections(settings, adam.step + 1, lr);
      const reached = grads.flatMap((g, i) => (g === undefined ? [] : [i]));
      const lossValue = (loss.dataSync() as Float32Array)[0] as number;
      const fused = Number.isFinite(lossValue) ? updateFused(reached) : undefined;
      const applied = fused ?? (Number.isFinite(lossValue) && updateWithKernels(reached));
      if (applied) adam.step++;
      tf.dispose([loss, ...grads.filter((g) => g !== undefined)]);
      return { loss: lossValue, applied };

      /** The step as one host loop (wasm), or undefined where host views are not available. */
      function updateFused(indices: number[]): boolean | undefined {
        const vars = indices.map((i) => variables[i] as tf.Variable);
        const next = vars.map((v) => tf.zerosLike(v));
        const moments = indices.flatMap((i) => [...(state[i] as readonly [tf.Variable, tf.Variable])]);
        const views = inPlaceViews(
          [...next, ...moments.filter((_, k) => k % 2 === 0), ...moments.filter((_, k) => k % 2 === 1)],
          [...vars, ...indices.map((i) => grads[i] as tf.Tensor)],
        );
        const ok = views === undefined ? undefined : updateInPlace(views, indices.length, beta1, beta2, alpha, epsHat, lr * weightDecay);
        if (ok === true) vars.forEach((v, k) => v.assign(next[k] as tf.Tensor));
        tf.dispose(next);
        return ok;
      }

      /** The same step as tensor ops (any backend); skipped unless every gradient is finite. */
      function updateWithKernels(indices: number[]): boolean {
        const { health, updates } = tf.tidy(() => {
          const updates = indices.map((i) => {
            const g = grads[i] as tf.Tensor;
            const v = variables[i] as tf.Variable;
            const [m, s] = state[i] as readonly [tf.Variable, tf.Variable];
            const m1 = tf.add(tf.mul(beta1, m), tf.mul(1 - beta1, g));
            const s1 = tf.add(tf.mul(beta2, s), tf.mul(1 - beta2, tf.square(g)));
            const step = tf.mul(alpha, tf.div(m1, tf.add(tf.sqrt(s1), epsHat)));
            const next = tf.sub(v, weightDecay > 0 ? tf.add(step, tf.mul(lr * weightDecay, v)) : step);
            return { i, m1, s1, next };
          });
          // Finite iff every gradient is: one read.
          return { health: tf.addN([tf.scalar(0), ...indices.map((i) => tf.sum(grads[i] as tf.Tensor))]), updates };
        });
        const ok = Number.isFinite((health.dataSync() as Float32Array)[0]);
        if (ok) {
          for (const { i, m1, s1, next } of updates) {
            (variables[i] as tf.Variable).assign(next);
            (state[i] as readonly [tf.Variable, tf.Variable])[0].assign(m1);
            (state[i] as readonly [tf.Variable, tf.Variable])[1].assign(s1);
          }
        }
        tf.dispose([health, ...updates.flatMap((u) => [u.m1, u.s1, u.next])]);
        return ok;
      }
    },
    moments: () => state.map(([m, s]) => [Float32Array.from(m.dataSync() as Float32Array), Float32Array.from(s.dataSync() as Float32Array)] as const),
    restore(moments, step) {
      state.forEach(([m, s], i) => {
        const [mData, sData] = moments[i] as readonly [Float32Array, Float32Array];
        tf.tidy(() => {
          m.assign(tf.tensor(mData, m.shape));
          s.assign(tf.tensor(sData, s.shape));
        });
      });
      adam.step = step;
    },
    dispose: () => tf.dispose(state.flat()),
  };
  return adam;
}
