import type { DoublePendulum } from '@lnn/systems';
import { boxBelowEnergy, type StateSampler } from '../moderate-regime';
import type { PositionsRegime } from './settings';

export type { StateSampler } from '../moderate-regime';

/** The highest true energy a state of the regime may have: (1 + margin) × released at rest from (ceilingAngle, ceilingAngle), above the rest state. */
export function regimeCeiling(system: DoublePendulum, r: PositionsRegime): number {
  const rest = system.energy([0, 0], [0, 0]);
  return rest + (1 + r.energyMargin) * (system.energy([r.ceilingAngle, r.ceilingAngle], [0, 0]) - rest);
}

/** States of the regime: uniform in the box (angles ±maxAngle, rates ±maxSpeed), kept below the energy ceiling (rejection; the box's centre always is, so this ends). */
export function regimeSampler(system: DoublePendulum, r: PositionsRegime): StateSampler {
  return boxBelowEnergy((q, v) => system.energy(q, v), r, regimeCeiling(system, r));
}

/** The rollouts' starts: at rest, angles uniform in ±restAngle. */
export function restSampler(r: PositionsRegime): StateSampler {
  return (rng, q, v) => {
    q[0] = rng.uniform(-r.restAngle, r.restAngle);
    q[1] = rng.uniform(-r.restAngle, r.restAngle);
    v[0] = 0;
    v[1] = 0;
  };
}
