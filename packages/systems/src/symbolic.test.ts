import { describe, expect, it } from 'vitest';
import { doublePendulum } from './double-pendulum';
import { fromFormula } from './from-formula';
import { harmonicOscillator } from './harmonic-oscillator';
import { pendulumChain } from './pendulum-chain';
import { createRandom } from './random';
import { relativisticParticle } from './relativistic-particle';
import { simplePendulum } from './simple-pendulum';
import type { MechanicalSystem } from './system';
import { wave1d } from './wave-1d';

/** A chain's Lagrangian written out as a formula, to derive it symbolically. */
function chainFormula(n: number, m: number[], l: number[], g: number): string {
  const mu = m.map((_, j) => m.slice(j).reduce((s, x) => s + x, 0));
  const terms: string[] = [];
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) terms.push(`0.5*${mu[Math.max(j, k)]}*${l[j]}*${l[k]}*cos(t${j}-t${k})*w${j}*w${k}`);
    terms.push(`${g * mu[j]! * l[j]!}*cos(t${j})`);
  }
  return terms.join(' + ');
}

function waveFormula(n: number, dx: number, c: number): string {
  return Array.from({ length: n }, (_, i) => `0.5*(w${i}^2 - ${c * c}*((p${(i + 1) % n} - p${i})/${dx})^2)*${dx}`).join(' + ');
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const cases: [string, MechanicalSystem, ReturnType<typeof fromFormula>, [number, number]][] = [
  [
    'double pendulum',
    doublePendulum({ m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8 }),
    fromFormula({
      lagrangian: '0.5*(m1+m2)*l1^2*w1^2 + 0.5*m2*l2^2*w2^2 + m2*l1*l2*w1*w2*cos(t1-t2) + (m1+m2)*g*l1*cos(t1) + m2*g*l2*cos(t2)',
      coordinates: ['t1', 't2'],
      velocities: ['w1', 'w2'],
      parameters: { m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8 },
    }),
    [-10, 10],
  ],
  [
    'relativistic particle',
    relativisticParticle({ g: -3.5 }),
    fromFormula({ lagrangian: '(1 - v^2)^(-1/2) + g*q', coordinates: ['q'], velocities: ['v'], parameters: { g: -3.5 } }),
    [-0.95, 0.95],
  ],
  [
    'simple pendulum',
    simplePendulum({ m: 2, l: 0.5 }),
    fromFormula({ lagrangian: '0.5*m*l^2*w^2 + m*g*l*cos(t)', coordinates: ['t'], velocities: ['w'], parameters: { m: 2, l: 0.5, g: 9.8 } }),
    [-5, 5],
  ],
  [
    'harmonic oscillator',
    harmonicOscillator({ m: 2, k: 3 }),
    fromFormula({ lagrangian: '0.5*m*v^2 - 0.5*k*q^2', coordinates: ['q'], velocities: ['v'], parameters: { m: 2, k: 3 } }),
    [-3, 3],
  ],
  [
    'pendulum chain (3 links)',
    pendulumChain({ n: 3, masses: [1, 2, 0.5], lengths: [1, 0.5, 1.2] }),
    fromFormula({ lagrangian: chainFormula(3, [1, 2, 0.5], [1, 0.5, 1.2], 9.8), coordinates: names('t', 3), velocities: names('w', 3) }),
    [-3, 3],
  ],
  [
    'wave (n = 5)',
    wave1d({ n: 5, dx: 0.3, c: 1.7 }),
    fromFormula({ lagrangian: waveFormula(5, 0.3, 1.7), coordinates: names('p', 5), velocities: names('w', 5) }),
    [-2, 2],
  ],
];

describe.each(cases)('%s: closed form against the symbolic derivation from its Lagrangian', (_name, system, symbolic, [vLow, vHigh]) => {
  it('accelerations agree to 1e-12 relative on random states; energies and Lagrangians too', () => {
    const d = system.dof;
    const rng = createRandom(2024);
    const [q, v, a, b] = [d, d, d, d].map((n) => new Float64Array(n)) as Float64Array[];
    for (let s = 0; s < 200; s++) {
      for (let i = 0; i < d; i++) {
        q![i] = rng.uniform(-3, 3);
        v![i] = rng.uniform(vLow, vHigh);
      }
      system.acceleration(q!, v!, a!);
      symbolic.acceleration(q!, v!, b!);
      const scale = Math.max(...Array.from(a!, Math.abs), 1e-300);
      for (let i = 0; i < d; i++) expect(Math.abs(a![i]! - b![i]!) / scale).toBeLessThan(1e-12);
      const e = system.energy(q!, v!);
      expect(Math.abs(symbolic.energy(q!, v!) - e) / Math.max(1, Math.abs(e))).toBeLessThan(1e-12);
      const lag = system.lagrangian(q!, v!);
      expect(Math.abs(symbolic.lagrangian(q!, v!) - lag) / Math.max(1, Math.abs(lag))).toBeLessThan(1e-12);
    }
  });
});
