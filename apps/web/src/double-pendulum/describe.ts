/**
 * The text alternative of a double-pendulum canvas: where the model's arms and the true arms point
 * (degrees from straight down, as a person would say it), or why the model stopped. The page puts
 * it in the canvas's `aria-describedby` text, refreshed with the readouts (not announced).
 */

/** An angle (rad, from straight down; positive: the bob to the right) as whole degrees in (−180°, 180°]. */
export function degrees(theta: number): string {
  const d = Math.round((((((theta * 180) / Math.PI + 180) % 360) + 360) % 360) - 180);
  return `${d === -180 ? 180 : d}°`.replace('-', '−'); // a minus sign, read as "minus"
}

/**
 * "LNN: upper arm 115°, lower arm 149° from straight down (truth: 114°, 149°)." — `model` is the
 * model's state `[θ₁, θ₂, …]`, or undefined once it stopped (`stopped` says why).
 */
export function describePendulum(label: string, model: ArrayLike<number> | undefined, truth: ArrayLike<number>, stopped?: string): string {
  const t = `truth: ${degrees(truth[0] as number)}, ${degrees(truth[1] as number)}`;
  if (model === undefined) return `${label} stopped${stopped === undefined ? '' : ` (${stopped})`}; ${t} from straight down.`;
  return `${label}: upper arm ${degrees(model[0] as number)}, lower arm ${degrees(model[1] as number)} from straight down (${t}).`;
}
