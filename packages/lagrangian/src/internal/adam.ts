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
  /** The gradient's global (Euclidean) norm over every variable, before any clipping. */
  readonly gradientNorm: number;
  /** False when the loss or a gradient was not finite, or `accept` refused: nothing was changed. */
  readonly applied: boolean;
}

/** Per-update choices of {@link Adam.update}. */
export interface UpdateOptions {
  /** Scale the gradient down to this global norm when it is larger. */
  readonly clipNorm?: number;
  /** Asked with the (finite) loss and gradient norm before anything changes; false skips the update. */
  readonly accept?: (loss: number, gradientNorm: number) => boolean;
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
  update(loss: tf.Scalar, grads: readonly (tf.Tensor | undefined)[], learningRate: number, options?: UpdateOptions): AdamOutcome;
  /** First and second moments, per variable, as host copies (for checkpoints). */
  moments(): (readonly [Float32Array, Float32Array])[];
  /** Sets the moments (from a checkpoint) and the step count. */
  restore(moments: readonly (readonly [Float32Array, Float32Array])[], step: number): void;
  dispose(): void;
}

/** The global norm of gradient tensors, as kernels and one read (NaN or ∞ if an entry is not finite). */
function kernelNorm(grads: readonly tf.Tensor[]): number {
  // Scaled by the largest entry first, so that squares of huge (finite) gradients do not overflow float32.
  const parts = tf.tidy(() => {
    const largest = tf.max(tf.stack(grads.map((g) => tf.max(tf.abs(g)))));
    const safe = tf.maximum(largest, 1e-30);
    return tf.stack([largest, tf.addN([tf.scalar(0), ...grads.map((g) => tf.sum(tf.square(tf.div(g, safe))))])]);
  });
  const [largest, sum] = parts.dataSync() as unknown as [number, number];
  parts.dispose();
  return largest === 0 ? 0 : largest * Math.sqrt(sum);
}

function corrections(settings: AdamSettings, t: number, lr: number) {
  const { beta1, beta2, epsilon } = settings;
  return { alpha: (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t), epsHat: epsilon * Math.sqrt(1 - beta2 ** t) };
}

/** The global norm of gradients held in host views (NaN if any entry is not finite). */
function normOf(grads: readonly Float32Array[]): number {
  let sum = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sum += (g[k] as number) * (g[k] as number);
  return Math.sqrt(sum);
}

/**
 * One Adam step fused into one loop over host views (wasm's heap): the moments are updated in
 * place and the new weights written into fresh buffers `next` — never into the weights' own data,
 * which wasm's matMul keeps packed in a cache under that data (a weight changed in place would be
 * multiplied in its old, cached form). Views, in order: next, m, s (written), v, g (read), `count`
 * of each; every gradient is multiplied by `scale`.
 */
function updateInPlace(views: Float32Array[], count: number, beta1: number, beta2: number, alpha: number, epsHat: number, decay: number, scale: number): void {
  const at = (group: number, i: number) => views[group * count + i] as Float32Array;
  for (let i = 0; i < count; i++) {
    const [next, m, s, v, g] = [at(0, i), at(1, i), at(2, i), at(3, i), at(4, i)];
    for (let k = 0; k < v.length; k++) {
      const gk = scale * (g[k] as number);
      const mk = beta1 * (m[k] as number) + (1 - beta1) * gk;
      const sk = beta2 * (s[k] as number) + (1 - beta2) * gk * gk;
      m[k] = mk;
      s[k] = sk;
      const vk = v[k] as number;
      next[k] = vk - (alpha * mk) / (Math.sqrt(sk) + epsHat) - decay * vk;
    }
  }
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
    update(loss, grads, lr, options = {}) {
      const { alpha, epsHat } = corrections(settings, adam.step + 1, lr);
      const reached = grads.flatMap((g, i) => (g === undefined ? [] : [i]));
      const lossValue = (loss.dataSync() as Float32Array)[0] as number;
      const vars = reached.map((i) => variables[i] as tf.Variable);
      const gs = reached.map((i) => grads[i] as tf.Tensor);
      const moments = reached.map((i) => state[i] as readonly [tf.Variable, tf.Variable]);
      const written = [...moments.map(([m]) => m), ...moments.map(([, s]) => s)];
      // The fused path, where host views are possible, needs fresh buffers for the new weights;
      // the views are taken after allocating them (an allocation can move the heap).
      const next = inPlaceViews(written, [...vars, ...gs]) === undefined ? [] : vars.map((v) => tf.zerosLike(v));
      const views = next.length === 0 ? undefined : inPlaceViews([...next, ...written], [...vars, ...gs]);
      const gradientNorm = views === undefined ? kernelNorm(gs) : normOf(views.slice(4 * reached.length));
      const { clipNorm, accept } = options;
      let applied = Number.isFinite(lossValue) && Number.isFinite(gradientNorm) && (accept === undefined || accept(lossValue, gradientNorm));
      if (applied) {
        const scale = clipNorm !== undefined && gradientNorm > clipNorm ? clipNorm / gradientNorm : 1;
        // Views stay valid: nothing has allocated since they were taken.
        if (views !== undefined) {
          updateInPlace(views, reached.length, beta1, beta2, alpha, epsHat, lr * weightDecay, scale);
          vars.forEach((v, k) => v.assign(next[k] as tf.Tensor));
        } else {
          applied = updateWithKernels(scale);
        }
      }
      if (applied) adam.step++;
      tf.dispose([loss, ...gs, ...next]);
      return { loss: lossValue, gradientNorm, applied };

      /** The same step as tensor ops (any backend). */
      function updateWithKernels(scale: number): boolean {
        const updates = tf.tidy(() =>
          reached.map((i, k) => {
            const g = tf.mul(gs[k] as tf.Tensor, scale);
            const v = variables[i] as tf.Variable;
            const [m, s] = state[i] as readonly [tf.Variable, tf.Variable];
            const m1 = tf.add(tf.mul(beta1, m), tf.mul(1 - beta1, g));
            const s1 = tf.add(tf.mul(beta2, s), tf.mul(1 - beta2, tf.square(g)));
            const step = tf.mul(alpha, tf.div(m1, tf.add(tf.sqrt(s1), epsHat)));
            const nextValue = tf.sub(v, weightDecay > 0 ? tf.add(step, tf.mul(lr * weightDecay, v)) : step);
            return { i, m1, s1, next: nextValue };
          }),
        );
        for (const { i, m1, s1, next: nextValue } of updates) {
          (variables[i] as tf.Variable).assign(nextValue);
          (state[i] as readonly [tf.Variable, tf.Variable])[0].assign(m1);
          (state[i] as readonly [tf.Variable, tf.Variable])[1].assign(s1);
        }
        tf.dispose(updates.flatMap((u) => [u.m1, u.s1, u.next]));
        return true;
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
