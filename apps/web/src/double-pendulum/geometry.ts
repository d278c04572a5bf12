/**
 * Where a double pendulum (unit arms, angles from the downward vertical) sits on a canvas, and the
 * angles that put a bob under a pointer. Canvas coordinates: x right, y down; the pivot at
 * (`pivotX`, `pivotY`), `scale` pixels per arm length.
 */
export interface Geometry {
  readonly pivotX: number;
  readonly pivotY: number;
  readonly scale: number;
}

/** The geometry that fits both arms (reach 2) in a `width` × `height` canvas, with a margin. */
export function fitGeometry(width: number, height: number): Geometry {
  return { pivotX: width / 2, pivotY: height / 2, scale: Math.min(width, height) / 4.6 };
}

/** The two bobs' canvas positions for angles θ₁, θ₂. */
export function bobPositions(theta1: number, theta2: number, g: Geometry): readonly [readonly [number, number], readonly [number, number]] {
  const x1 = g.pivotX + g.scale * Math.sin(theta1);
  const y1 = g.pivotY + g.scale * Math.cos(theta1);
  return [
    [x1, y1],
    [x1 + g.scale * Math.sin(theta2), y1 + g.scale * Math.cos(theta2)],
  ];
}

/**
 * The angles after dragging bob `bob` (0: the upper, 1: the lower) to canvas point (x, y): the
 * upper arm turns to point at it (the lower keeps its angle), or the lower arm does.
 */
export function dragAngles(bob: 0 | 1, x: number, y: number, theta1: number, theta2: number, g: Geometry): readonly [number, number] {
  if (bob === 0) return [Math.atan2(x - g.pivotX, y - g.pivotY), theta2];
  const [[x1, y1]] = bobPositions(theta1, theta2, g);
  return [theta1, Math.atan2(x - x1, y - y1)];
}

/** The bob nearest to (x, y): 0 or 1. */
export function nearestBob(x: number, y: number, theta1: number, theta2: number, g: Geometry): 0 | 1 {
  const [b1, b2] = bobPositions(theta1, theta2, g);
  const d = (b: readonly [number, number]) => Math.hypot(b[0] - x, b[1] - y);
  return d(b1) <= d(b2) ? 0 : 1;
}

/** An angle wrapped into (−π, π]. */
export function wrapAngle(theta: number): number {
  const t = theta - 2 * Math.PI * Math.floor((theta + Math.PI) / (2 * Math.PI));
  return t === -Math.PI ? Math.PI : t;
}
