import type * as tf from '@tensorflow/tfjs-core';
import type { Jet } from '@lnn/autodiff';

/**
 * A batched Lagrangian `L(q, q̇; extra)`: the input is `x = [q, q̇]` (`[B, 2d]`), the optional
 * `extra` (`[B, p]`) holds per-sample parameters that are not coordinates (the relativistic
 * particle's field g); L is not differentiated with respect to them.
 *
 * - `jet`: written with `jets.*` primitives — the fast path (value, gradient and Hessian in one
 *   forward and one adjoint pass); returns a jet of one feature.
 * - `tensor`: any tfjs function returning `[B]` — the general path (nested reverse mode).
 */
export type Lagrangian =
  | { readonly dof: number; readonly jet: (x: Jet, extra: tf.Tensor2D | undefined) => Jet }
  | { readonly dof: number; readonly tensor: (x: tf.Tensor2D, extra: tf.Tensor2D | undefined) => tf.Tensor1D };
