/**
 * The text alternative of a string canvas: the string's highest and lowest points (φ and the ring
 * point), or why it stopped. The page puts it in the canvas's `aria-describedby` text, refreshed
 * with the readouts (not announced).
 */

/** "Learned string: highest φ = 0.42 at point 31, lowest φ = −0.10 at point 70, of 100." */
export function describeString(label: string, phi: ArrayLike<number> | undefined, points: number, stopped?: string): string {
  if (phi === undefined) return `${label} stopped${stopped === undefined ? '' : ` (${stopped})`}.`;
  let high = 0;
  let low = 0;
  for (let i = 1; i < points; i++) {
    if ((phi[i] as number) > (phi[high] as number)) high = i;
    if ((phi[i] as number) < (phi[low] as number)) low = i;
  }
  const f = (i: number) => (phi[i] as number).toFixed(2).replace('-', '−');
  return `${label}: highest φ = ${f(high)} at point ${high}, lowest φ = ${f(low)} at point ${low}, of ${points}.`;
}
