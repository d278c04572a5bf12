import { positive } from './internal/check';
import { springForces, springHessian, springPotential } from './internal/springs';
import type { Mesh } from './mesh';
import type { Random } from './random';
import type { GraphSystem } from './system-graph';

/** Options of {@link springNetwork}. */
export interface SpringNetworkOptions {
  /** Mass m of every node. @default 1 */
  readonly mass?: number;
  /** Stiffness k of every spring. @default 1 */
  readonly stiffness?: number;
  /** Rest lengths: `'mesh'` (each edge as long as in the mesh: the mesh is an equilibrium), or one per edge (`[E]`). @default 'mesh' */
  readonly restLengths?: 'mesh' | ArrayLike<number>;
  /** Nodes held fixed: `'none'`, `'boundary'` (the mesh's boundary nodes) or a list of node indices. @default 'none' */
  readonly pinned?: 'none' | 'boundary' | readonly number[];
}

/** A mass–spring network on a mesh. */
export interface SpringNetwork extends GraphSystem {
  readonly mesh: Mesh;
  readonly mass: number;
  readonly stiffness: number;
  /** `[E]`: rest length ℓ of each edge of `mesh.edges`. */
  readonly restLengths: Float64Array;
  /** The rest state: every node at its mesh position, at rest. */
  restState(q: Float64Array, v: Float64Array): void;
  /**
   * A random state near rest: free nodes displaced by normal noise of standard deviation
   * `displacement` × the mean rest length (per component) and given normal velocities of standard
   * deviation `velocity`; pinned nodes at their positions, at rest.
   */
  perturbation(rng: Random, q: Float64Array, v: Float64Array, options?: { displacement?: number; velocity?: number }): void;
  /** Total momentum `Σ m vᵢ` (x, y): conserved when nothing is pinned. */
  momentum(v: ArrayLike<number>): [number, number];
  /** Total angular momentum about the origin, `Σ m (xᵢ v_yᵢ − yᵢ v_xᵢ)`: conserved when nothing is pinned. */
  angularMomentum(q: ArrayLike<number>, v: ArrayLike<number>): number;
}

/**
 * Point masses at the nodes of a mesh joined by linear springs along its edges, 2 coordinates per
 * node (q = [x₀, y₀, x₁, y₁, …], absolute positions):
 * `L = Σᵢ ½ m |vᵢ|² − Σ_edges ½ k (|xᵢ − xⱼ| − ℓᵢⱼ)²`. Accelerations, energy and gradient are
 * O(nodes + edges). Pinned nodes stay in the state (every node keeps its row) but are held at their
 * mesh positions: their kinetic term is left out of L, their acceleration is 0, and their velocity
 * must be 0 (so `H_vv` is singular on their rows; the Euler–Lagrange equations are those of the
 * free coordinates). Two nodes of one spring at the same point throw (the force has no direction).
 *
 * @example
 * import { createRandom, springNetwork, triangulatedDisc } from '@lnn/systems';
 * const net = springNetwork(triangulatedDisc({ rings: 4, seed: 1 }), { pinned: 'boundary' });
 * const [q, v] = [new Float64Array(net.dof), new Float64Array(net.dof)];
 * net.perturbation(createRandom(0), q, v);
 * console.log(net.dof, net.energy(q, v)); // 128 (64 nodes × 2) ≈ 2.17
 */
export function springNetwork(mesh: Mesh, options: SpringNetworkOptions = {}): SpringNetwork {
  const where = 'springNetwork';
  if (mesh === null || typeof mesh !== 'object' || !(mesh.positions instanceof Float64Array) || !(mesh.edges instanceof Int32Array)) {
    throw new TypeError(`${where}: mesh must be a Mesh (from triangulatedDisc, triangulatedRectangle or meshFromTriangles), received ${String(mesh)}.`);
  }
  const m = positive(where, 'options.mass', options.mass ?? 1);
  const k = positive(where, 'options.stiffness', options.stiffness ?? 1);
  const n = mesh.nodes;
  const edges = mesh.edges;
  const count = edges.length / 2;
  const rest = options.restLengths ?? 'mesh';
  const restLengths = new Float64Array(count);
  if (rest === 'mesh') {
    for (let e = 0; e < count; e++) {
      const [i, j] = [edges[2 * e]!, edges[2 * e + 1]!];
      restLengths[e] = Math.hypot(mesh.positions[2 * i]! - mesh.positions[2 * j]!, mesh.positions[2 * i + 1]! - mesh.positions[2 * j + 1]!);
    }
  } else {
    if (rest?.length !== count) throw new RangeError(`${where}: options.restLengths must be 'mesh' or one length per edge (${count}), received ${typeof rest === 'string' ? JSON.stringify(rest) : `${rest?.length} numbers`}.`);
    for (let e = 0; e < count; e++) restLengths[e] = positive(where, `options.restLengths[${e}]`, rest[e], true);
  }
  const pinned = new Uint8Array(n);
  const pins = options.pinned ?? 'none';
  if (pins === 'boundary') pinned.set(mesh.boundary);
  else if (Array.isArray(pins)) {
    for (const i of pins) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${where}: options.pinned must hold node indices in [0, ${n}), received ${String(i)}.`);
      pinned[i] = 1;
    }
  } else if (pins !== 'none') {
    throw new TypeError(`${where}: options.pinned must be 'none', 'boundary' or an array of node indices, received ${JSON.stringify(pins) ?? String(pins)}.`);
  }
  const pinnedCount = pinned.reduce((a, b) => a + b, 0);
  const meanRest = restLengths.reduce((a, b) => a + b, 0) / Math.max(count, 1);
  const kinetic = (v: ArrayLike<number>) => {
    let sum = 0;
    for (let i = 0; i < n; i++) if (!pinned[i]) sum += (v[2 * i] as number) ** 2 + (v[2 * i + 1] as number) ** 2;
    return 0.5 * m * sum;
  };
  const graph = { nodes: n, nodeDof: 2, positions: mesh.positions, edges, neighbours: mesh.neighbours, boundaryEdges: new Int32Array(0), pinned };
  return {
    name: 'spring-network',
    dof: 2 * n,
    get coordinates() {
      return Array.from({ length: 2 * n }, (_, c) => `${c % 2 === 0 ? 'x' : 'y'}${c >> 1}`);
    },
    parameters: { nodes: n, edges: count, mass: m, stiffness: k, pinned: pinnedCount },
    graph,
    mesh,
    mass: m,
    stiffness: k,
    restLengths,
    lagrangian: (q, v) => kinetic(v) - springPotential(edges, restLengths, k, q),
    energy: (q, v) => kinetic(v) + springPotential(edges, restLengths, k, q),
    acceleration(q, _v, out) {
      springForces(edges, restLengths, k, q, out);
      for (let i = 0; i < n; i++) {
        out[2 * i] = pinned[i] ? 0 : (out[2 * i] as number) / m;
        out[2 * i + 1] = pinned[i] ? 0 : (out[2 * i + 1] as number) / m;
      }
    },
    lagrangianGradient(q, v, dq, dv) {
      springForces(edges, restLengths, k, q, dq);
      for (let c = 0; c < 2 * n; c++) dv[c] = pinned[c >> 1] ? 0 : m * (v[c] as number);
    },
    lagrangianHessian(q, _v, hqq, hqv, hvv) {
      springHessian(edges, restLengths, k, q, hqq);
      hqv.fill(0);
      hvv.fill(0);
      for (let c = 0; c < 2 * n; c++) hvv[c * 2 * n + c] = pinned[c >> 1] ? 0 : m;
    },
    restState(q, v) {
      q.set(mesh.positions);
      v.fill(0);
    },
    perturbation(rng, q, v, perturbation = {}) {
      const displacement = positive('springNetwork.perturbation', 'displacement', perturbation.displacement ?? 0.1, true) * meanRest;
      const velocity = positive('springNetwork.perturbation', 'velocity', perturbation.velocity ?? 0.1, true);
      for (let c = 0; c < 2 * n; c++) {
        const [dx, dv] = [rng.normal() * displacement, rng.normal() * velocity];
        q[c] = (mesh.positions[c] as number) + (pinned[c >> 1] ? 0 : dx);
        v[c] = pinned[c >> 1] ? 0 : dv;
      }
    },
    momentum(v) {
      let [px, py] = [0, 0];
      for (let i = 0; i < n; i++) if (!pinned[i]) [px, py] = [px + m * (v[2 * i] as number), py + m * (v[2 * i + 1] as number)];
      return [px, py];
    },
    angularMomentum(q, v) {
      let l = 0;
      for (let i = 0; i < n; i++) if (!pinned[i]) l += m * ((q[2 * i] as number) * (v[2 * i + 1] as number) - (q[2 * i + 1] as number) * (v[2 * i] as number));
      return l;
    },
  };
}
