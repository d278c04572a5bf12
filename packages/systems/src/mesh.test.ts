import { describe, expect, it } from 'vitest';
import { meshFromTriangles, type Mesh } from './mesh';
import { triangulatedDisc } from './triangulated-disc';
import { triangulatedRectangle } from './triangulated-rectangle';

/** The triangles around node i, as the edges (a, b) of its link. */
function link(mesh: Mesh, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let f = 0; f < mesh.triangles.length / 3; f++) {
    const t = Array.from(mesh.triangles.subarray(3 * f, 3 * f + 3));
    const at = t.indexOf(i);
    if (at >= 0) out.push([t[(at + 1) % 3]!, t[(at + 2) % 3]!]);
  }
  return out;
}

const hasEdge = (mesh: Mesh, a: number, b: number) => {
  const [i, j] = [Math.min(a, b), Math.max(a, b)];
  for (let e = 0; e < mesh.edges.length / 2; e++) if (mesh.edges[2 * e] === i && mesh.edges[2 * e + 1] === j) return true;
  return false;
};

/** Checks a triangulated disc-like mesh: V − E + F = 1, each interior node's neighbours a closed ring of its triangles, each boundary node's an open fan. */
function expectProperDisc(mesh: Mesh): void {
  const [V, E, F] = [mesh.nodes, mesh.edges.length / 2, mesh.triangles.length / 3];
  expect(V - E + F, 'Euler characteristic').toBe(1);
  for (let i = 0; i < V; i++) {
    const ring = mesh.neighbours[i]!;
    const fan = link(mesh, i);
    expect(new Set(fan.flat()), `node ${i}: its triangles' other corners are its neighbours`).toEqual(new Set(ring));
    // Counter-clockwise neighbour order = the order of the triangles around the node.
    const next = new Map(fan);
    if (mesh.boundary[i]) {
      expect(fan.length, `boundary node ${i}: an open fan`).toBe(ring.length - 1);
    } else {
      expect(fan.length, `interior node ${i}: a closed ring`).toBe(ring.length);
      ring.forEach((a, k) => {
        const b = ring[(k + 1) % ring.length]!;
        expect(next.get(a), `interior node ${i}: neighbours ${a} → ${b} consecutive`).toBe(b);
        expect(hasEdge(mesh, a, b)).toBe(true);
      });
    }
  }
}

describe('meshes', () => {
  it('triangulatedDisc: a proper triangulation of the disc (V − E + F = 1, interior neighbours form rings), varying degree, boundary on the circle', () => {
    for (const [rings, seed, jitter] of [[1, 0, 0], [4, 1, 0.2], [6, 2, 0.5]] as const) {
      const mesh = triangulatedDisc({ rings, seed, jitter });
      expect(mesh.nodes).toBe(1 + Array.from({ length: rings }, (_, r) => Math.round(2 * Math.PI * (r + 1))).reduce((a, b) => a + b, 0));
      expectProperDisc(mesh);
      const boundary = [...mesh.boundary.keys()].filter((i) => mesh.boundary[i]);
      expect(boundary.length).toBe(Math.round(2 * Math.PI * rings));
      for (const i of boundary) expect(Math.abs(Math.hypot(mesh.positions[2 * i]!, mesh.positions[2 * i + 1]!) - rings)).toBeLessThan(1e-12);
    }
    const mesh = triangulatedDisc({ rings: 4, seed: 1 });
    const interiorDegrees = new Set(mesh.neighbours.filter((_, i) => !mesh.boundary[i]).map((l) => l.length));
    expect(interiorDegrees.size).toBeGreaterThanOrEqual(3); // measured {5, 6, 7}
    expect(mesh.neighbours[0]!.length).toBe(6);
  });

  it('triangulatedRectangle: a proper triangulation (V − E + F = 1), interior degrees from 4 to 8 by the random diagonals, corners fixed', () => {
    const mesh = triangulatedRectangle({ nx: 10, ny: 6, spacing: 0.5, seed: 1, jitter: 0.5 });
    expect(mesh.nodes).toBe(60);
    expect(mesh.triangles.length / 3).toBe(2 * 9 * 5);
    expectProperDisc(mesh);
    expect(new Set(mesh.neighbours.filter((_, i) => !mesh.boundary[i]).map((l) => l.length)).size).toBeGreaterThanOrEqual(4); // measured {4, …, 8}
    expect([0, 9, 50, 59].map((i) => [mesh.positions[2 * i], mesh.positions[2 * i + 1]])).toEqual([[0, 0], [4.5, 0], [0, 2.5], [4.5, 2.5]]);
    expect(mesh.boundary.reduce((a, b) => a + b, 0)).toBe(2 * (10 + 6) - 4);
  });

  it('reproducible with the seed; another seed gives another mesh', () => {
    for (const make of [(seed: number) => triangulatedDisc({ rings: 3, seed }), (seed: number) => triangulatedRectangle({ seed })]) {
      const [a, b, c] = [make(7), make(7), make(8)];
      expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
      expect(Array.from(a.triangles)).toEqual(Array.from(b.triangles));
      expect(Array.from(a.positions)).not.toEqual(Array.from(c.positions));
    }
    expect(Array.from(triangulatedRectangle({ seed: 1 }).triangles)).not.toEqual(Array.from(triangulatedRectangle({ seed: 2 }).triangles));
  });

  it('every jitter up to 0.5 keeps every triangle counter-clockwise (100 seeds each; meshFromTriangles checks)', () => {
    for (let seed = 0; seed < 100; seed++) {
      expect(() => triangulatedDisc({ rings: 3, jitter: 0.5, seed })).not.toThrow();
      expect(() => triangulatedRectangle({ nx: 5, ny: 4, jitter: 0.5, seed })).not.toThrow();
    }
  });

  it('meshFromTriangles: derives edges, counter-clockwise neighbours and the boundary; refuses broken triangulations by name', () => {
    const square = meshFromTriangles('square', [0, 0, 1, 0, 1, 1, 0, 1, 0.5, 0.5], [0, 1, 4, 1, 2, 4, 2, 3, 4, 3, 0, 4]);
    expect(Array.from(square.edges)).toEqual([0, 1, 0, 3, 0, 4, 1, 2, 1, 4, 2, 3, 2, 4, 3, 4]);
    expect(square.neighbours[4]).toEqual([0, 1, 2, 3]);
    expect(Array.from(square.boundary)).toEqual([1, 1, 1, 1, 0]);
    expect(() => meshFromTriangles('m', [0, 0, 1, 0, 0, 1], [0, 2, 1])).toThrow('meshFromTriangles: triangle 0 (0, 2, 1) has clockwise orientation (negative area); triangles must be counter-clockwise and non-degenerate.');
    expect(() => meshFromTriangles('m', [0, 0, 1, 0, 2, 0], [0, 1, 2])).toThrow('has zero area');
    expect(() => meshFromTriangles('m', [0, 0, 1, 0, 0, 1], [0, 1, 3])).toThrow('meshFromTriangles: triangles[2] must be a node index in [0, 3), received 3.');
    expect(() => meshFromTriangles('m', [0, 0, 1, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 3])).toThrow('meshFromTriangles: edge 0→1 is on the same side of two triangles (overlapping triangles).');
    expect(() => meshFromTriangles('m', [0, 0, 1], [])).toThrow('meshFromTriangles: positions must hold [n, 2] numbers (n ≥ 1), received 3 numbers.');
  });

  it('generators reject bad options by name', () => {
    expect(() => triangulatedDisc({ rings: 0 })).toThrow('triangulatedDisc: rings must be an integer ≥ 1, received 0.');
    expect(() => triangulatedDisc({ jitter: 0.6 })).toThrow('triangulatedDisc: jitter must be in [0, 0.5] (a fraction of the ring spacing), received 0.6.');
    expect(() => triangulatedDisc({ radius: -1 })).toThrow('triangulatedDisc: radius must be a finite number > 0, received -1.');
    expect(() => triangulatedDisc({ seed: Number.NaN })).toThrow('triangulatedDisc: seed must be a finite number (a seed), received NaN.');
    expect(() => triangulatedRectangle({ nx: 1 })).toThrow('triangulatedRectangle: nx must be an integer ≥ 2, received 1.');
    expect(() => triangulatedRectangle({ jitter: -0.1 })).toThrow('triangulatedRectangle: jitter must be a finite number ≥ 0, received -0.1.');
  });
});
