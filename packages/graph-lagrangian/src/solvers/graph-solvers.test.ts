import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, type Jet } from '@lnn/autodiff';
import { assertAllClose, checkGradients } from '@lnn/autodiff/testing';
import { loadModel, saveModel } from '@lnn/lagrangian';
import { bandToDense, luFactor, luSolve } from '@lnn/linalg';
import { createRandom } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedEndsGraph } from '../fixed-ends-graph';
import { GraphLagrangian, graphLagrangianKind } from '../graph-lagrangian';
import type { MatrixLayout } from '../internal/operators';
import { neighbourGraph } from '../neighbour-graph';
import { periodicGridGraph } from '../periodic-grid-graph';
import { ringGraph } from '../ring-graph';
import { graphAccelerations } from '../sparse-euler-lagrange';
import { banded } from './banded';
import { cg } from './cg';
import { GRAPH_SOLVER_NAMES } from './graph-solver';
import { graphSolverFromJson } from './graph-solver-from-json';

beforeAll(async () => {
  await initBackend();
});

const same = (a: tf.Tensor, b: tf.Tensor) => {
  const [x, y] = [a.dataSync(), b.dataSync()];
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
};
/** A density convex in φ̇ (H_vv ⪰ I), so that conjugate gradients apply: ½(1 + 0.1φ²)|φ̇|² + ½|φ̇ − φ̇₀|² − ½|φ − φ₀|². */
const convex = (x: Jet): Jet => {
  const k = x.size / 2;
  const [phi, v, v0, phi0] = [jets.slice(x, 0, k), jets.slice(x, k, k), jets.slice(x, k, 1), jets.slice(x, 0, 1)];
  const kinetic = jets.scale(jets.mul(jets.add(jets.scale(jets.square(phi), 0.1), 1), jets.square(v)), 0.5);
  return jets.sum(jets.add(jets.add(kinetic, jets.scale(jets.square(jets.sub(v, v0)), 0.5)), jets.scale(jets.square(jets.sub(phi, phi0)), -0.5)));
};
const states = (n: number) => [tf.randomNormal([3, n], 0, 0.5, 'float32', 5) as tf.Tensor2D, tf.randomNormal([3, n], 0, 0.5, 'float32', 6) as tf.Tensor2D] as const;

describe('graph solvers as values', () => {
  it('hold their name and the options given (cg defaults come from @lnn/linalg at solve time), frozen', () => {
    expect(banded().name).toBe('banded');
    expect(banded().options).toEqual({});
    expect(cg().options).toEqual({});
    expect(cg({ tolerance: 1e-12, maxIterations: 50 }).options).toEqual({ tolerance: 1e-12, maxIterations: 50 });
    expect([banded().name, cg().name]).toEqual([...GRAPH_SOLVER_NAMES]);
    expect(Object.isFrozen(cg({ tolerance: 1e-8 }).options)).toBe(true);
  });

  it('round-trip through JSON', () => {
    for (const solver of [banded(), cg(), cg({ tolerance: 1e-9 }), cg({ maxIterations: 12 })]) {
      const json = JSON.parse(JSON.stringify(solver)) as Record<string, unknown>;
      expect(json).toEqual({ name: solver.name, options: { ...solver.options } });
      const back = graphSolverFromJson(json);
      expect([back.name, back.options]).toEqual([solver.name, solver.options]);
    }
  });

  it('cg() with the deprecated conjugateGradient options gives identical accelerations on a sparse graph', () => {
    const graph = periodicGridGraph(3, 3);
    tf.tidy(() => {
      const [q, v] = states(9);
      for (const options of [{}, { tolerance: 1e-6 }, { tolerance: 1e-12, maxIterations: 40 }]) {
        const old = graphAccelerations(graph, convex, q, v, { conjugateGradient: options });
        expect(same(old, graphAccelerations(graph, convex, q, v, { solver: cg(options) }))).toBe(true);
      }
      expect(same(graphAccelerations(graph, convex, q, v), graphAccelerations(graph, convex, q, v, { solver: cg() }))).toBe(true);
      // A looser tolerance changes the answer: the options reach the solver.
      expect(same(graphAccelerations(graph, convex, q, v, { solver: cg({ tolerance: 1e-2 }) }), graphAccelerations(graph, convex, q, v, { solver: cg() }))).toBe(false);
    });
  });

  it.each([
    ['ring', ringGraph(10).config],
    ['fixed ends', fixedEndsGraph(8).config],
  ])('GraphLagrangian on a %s: banded() by default (config.solver left undefined), cg() agrees, training gradients agree', (_name, graph) => {
    const [byDefault, direct, iterative] = [undefined, banded(), cg({ tolerance: 1e-12 })].map((solver) => new GraphLagrangian({ graph, hidden: [12], seed: 2, ...(solver === undefined ? {} : { solver }) })) as [GraphLagrangian, GraphLagrangian, GraphLagrangian];
    expect(byDefault.config.solver).toBeUndefined();
    expect(JSON.parse(JSON.stringify(byDefault.config))).toEqual({ graph, hidden: [12], seed: 2 });
    const n = byDefault.dof;
    const [q, v] = states(n);
    tf.tidy(() => {
      const a = byDefault.accelerations(q, v);
      expect(same(a, direct.accelerations(q, v))).toBe(true);
      // H_vv of a random density: cond up to ~1e3, CG to 1e-12 — float32 rounding amplified, as for the dense path.
      const scale = tf.max(tf.abs(a)).dataSync()[0]!;
      assertAllClose(iterative.accelerations(q, v), a, { rtol: 1e-3, atol: 1e-3 * scale });
    });
    const loss = (m: GraphLagrangian) => tf.variableGrads(() => tf.mean(tf.abs(m.accelerations(q, v))) as tf.Scalar, m.variables);
    const [ga, gb] = [loss(direct), loss(iterative)];
    Object.keys(ga.grads).forEach((name, i) => {
      const [x, y] = [ga.grads[name]!, Object.values(gb.grads)[i]!];
      const scale = tf.tidy(() => tf.max(tf.abs(x)).dataSync()[0]!);
      assertAllClose(y, x, { rtol: 1e-2, atol: 1e-2 * scale });
    });
    tf.dispose([q, v, ga.value, gb.value, ...Object.values(ga.grads), ...Object.values(gb.grads)]);
    [byDefault, direct, iterative].forEach((m) => m.dispose());
  });

  it('cg() on a band: first-order gradients match float64 finite differences (ring, wrapped offsets)', () => {
    // A symmetric, diagonally dominant cyclic band (p = 1, n = 6), its independent entries and b as parameters.
    const [n, p] = [6, 1];
    const w = 2 * p + 1;
    const layout: MatrixLayout = { kind: 'band', periodic: true, p };
    const rng = createRandom(3);
    const upper = Array.from({ length: n }, () => rng.uniform(-1, 0)); // A[i][i+1] = A[i+1][i]
    const diagonal = Array.from({ length: n }, () => 3 + rng.uniform(0, 1));
    const weights = Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
    const bandOf = (d: ArrayLike<number>, u: ArrayLike<number>) => Array.from({ length: n * w }, (_, e) => {
      const [i, o] = [Math.floor(e / w), (e % w) - p];
      return o === 0 ? d[i]! : o === 1 ? u[i]! : u[(i - 1 + n) % n]!;
    });
    // A constant 0/1 matrix spreads (diagonal, upper) onto the band entries.
    const spread = new Float32Array(2 * n * n * w);
    for (let e = 0; e < n * w; e++) {
      const [i, o] = [Math.floor(e / w), (e % w) - p];
      spread[(o === 0 ? i : n + (o === 1 ? i : (i - 1 + n) % n)) * n * w + e] = 1;
    }
    const x0 = [...diagonal, ...upper, ...Array.from({ length: n }, () => rng.uniform(-1, 1))];
    const f = (x: tf.Tensor1D) => {
      const values = tf.matMul(tf.reshape(tf.slice(x, 0, 2 * n), [1, 2 * n]), tf.tensor2d(spread, [2 * n, n * w])) as tf.Tensor2D;
      const b = tf.reshape(tf.slice(x, 2 * n, n), [1, n]) as tf.Tensor2D;
      return tf.sum(tf.mul(cg({ tolerance: 1e-14 }).solve(layout, values, b), tf.tensor2d(weights, [1, n])));
    };
    const reference = (x: Float64Array) => {
      const a = bandToDense(bandOf(x.subarray(0, n), x.subarray(n, 2 * n)), n, p, { periodic: true });
      const perm = new Int32Array(n);
      luFactor(a, n, perm, 0);
      const sol = Float64Array.from(x.subarray(2 * n));
      luSolve(a, n, perm, sol, 1);
      return sol.reduce((s, xi, i) => s + xi * weights[i]!, 0);
    };
    // Well-conditioned 6×6 system with O(1) derivatives: float32 autodiff vs float64 differences.
    const checks = checkGradients(f, reference, x0, { order: 1, rtol: 2e-3, atol: 2e-4 });
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('save → load keeps the solver; a file saved by the old code (conjugateGradient: {…}) loads as before', () => {
    const sparse = periodicGridGraph(3, 3).config;
    const model = new GraphLagrangian({ graph: sparse, hidden: [8], seed: 3, solver: cg({ tolerance: 1e-9 }) });
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'graph-solver-')), 'model');
    saveModel(model, dir);
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    expect(manifest.config.solver).toEqual({ name: 'cg', options: { tolerance: 1e-9 } });
    const [q, v] = states(9);
    const check = (expected: string | undefined) => {
      const loaded = loadModel(dir, { kinds: [graphLagrangianKind] }) as GraphLagrangian;
      expect(loaded.config.solver === undefined ? undefined : JSON.stringify(loaded.config.solver)).toBe(expected);
      tf.tidy(() => {
        expect(same(loaded.accelerations(q, v), model.accelerations(q, v))).toBe(true);
      });
      loaded.dispose();
    };
    check('{"name":"cg","options":{"tolerance":1e-9}}');
    // The old form: the CG options as conjugateGradient.
    const { solver: _solver, ...rest } = manifest.config;
    void _solver;
    writeFileSync(file, JSON.stringify({ ...manifest, config: { ...rest, conjugateGradient: { tolerance: 1e-9 } } }));
    check('{"name":"cg","options":{"tolerance":1e-9}}');
    // On a band the old CG options were not used: a ring saved with them loads with banded().
    const ring = new GraphLagrangian({ graph: ringGraph(6).config, hidden: [8], seed: 3 });
    saveModel(ring, dir);
    const ringManifest = JSON.parse(readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...ringManifest, config: { ...ringManifest.config, conjugateGradient: { tolerance: 1e-3 } } }));
    const loaded = loadModel(dir, { kinds: [graphLagrangianKind] }) as GraphLagrangian;
    expect(loaded.config.solver).toBeUndefined();
    const [qr, vr] = states(6);
    tf.tidy(() => {
      expect(same(loaded.accelerations(qr, vr), ring.accelerations(qr, vr))).toBe(true);
    });
    // onGraph lets the other graph choose when none was given.
    const moved = ring.onGraph(neighbourGraph([[1], [0, 2], [1, 3], [2, 4], [3, 5], [4]]).config);
    expect(moved.config.solver).toBeUndefined();
    tf.dispose([q, v, qr, vr]);
    [model, ring, loaded, moved].forEach((m) => m.dispose());
  });

  it('refuse bad options, a solver that cannot take the graph, and both forms at once, naming them', () => {
    expect(() => cg({ tolerance: 0 })).toThrow('cg: options.tolerance must be a finite number > 0, received 0.');
    expect(() => cg({ maxIterations: 1.5 })).toThrow('cg: options.maxIterations must be a positive integer, received 1.5.');
    expect(() => cg({ tol: 1 } as never)).toThrow("cg: unknown option 'tol'; expected 'tolerance', 'maxIterations'.");
    expect(() => banded({ p: 1 } as never)).toThrow("banded: unknown option 'p'; it takes none.");
    expect(() => graphSolverFromJson({ name: 'lu', options: {} })).toThrow(`graphSolverFromJson: json.name must be one of 'banded', 'cg', received "lu".`);
    expect(() => graphSolverFromJson({ name: 'cg', options: { tolerance: -1 } })).toThrow('cg: options.tolerance must be a finite number > 0, received -1.');
    expect(() => new GraphLagrangian({ graph: periodicGridGraph(3, 3).config, hidden: [4], solver: banded() })).toThrow(
      "GraphLagrangian: config.solver: banded() solves banded matrices, and this graph's H_vv has general sparse structure (compressed rows); use cg() for it.",
    );
    expect(() => new GraphLagrangian({ graph: ringGraph(5).config, hidden: [4], solver: cg(), conjugateGradient: {} })).toThrow(
      'GraphLagrangian: config.solver and the deprecated conjugateGradient options were both given; keep only the solver (e.g. cg({ tolerance })).',
    );
    expect(() => new GraphLagrangian({ graph: ringGraph(5).config, hidden: [4], solver: 'cg' as never })).toThrow(
      'GraphLagrangian: config.solver must be a graph solver such as banded() or cg({ tolerance, maxIterations }) (or its JSON { name, options }), received "cg".',
    );
  });
});
