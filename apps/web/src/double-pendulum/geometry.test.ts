import { assertAllClose } from '@lnn/autodiff/testing';
import { describe, expect, it } from 'vitest';
import { bobPositions, dragAngles, fitGeometry, nearestBob, wrapAngle } from './geometry';

const g = fitGeometry(460, 460);

describe('double-pendulum geometry', () => {
  it('hangs both bobs straight down at zero angles, one arm apart', () => {
    const [b1, b2] = bobPositions(0, 0, g);
    assertAllClose([...b1, ...b2], [230, 330, 230, 430], { atol: 1e-9, rtol: 0 });
  });

  it('puts the angles back when a bob is dragged onto itself (either bob, any angles)', () => {
    for (const [t1, t2] of [[0.3, -2.1], [2.0, 2.6], [-3.0, 0.01]] as const) {
      const [b1, b2] = bobPositions(t1, t2, g);
      // float64 trigonometry and atan2 round trips: 1e-12 rad.
      assertAllClose(dragAngles(0, b1[0], b1[1], t1, t2, g), [t1, t2], { atol: 1e-12, rtol: 0 });
      assertAllClose(dragAngles(1, b2[0], b2[1], t1, t2, g), [t1, t2], { atol: 1e-12, rtol: 0 });
      expect(nearestBob(b1[0] + 1, b1[1], t1, t2, g)).toBe(0);
      expect(nearestBob(b2[0], b2[1] - 1, t1, t2, g)).toBe(1);
    }
  });

  it('wraps angles into (−π, π]', () => {
    assertAllClose([wrapAngle(3 * Math.PI), wrapAngle(-Math.PI), wrapAngle(7), wrapAngle(-0.5)], [Math.PI, Math.PI, 7 - 2 * Math.PI, -0.5], { atol: 1e-12, rtol: 0 });
  });
});
