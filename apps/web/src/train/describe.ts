/**
 * The text alternative of the training page's pendulum: how the latest replay of the learned
 * pendulum compares with the true one — the widest swing of each and where each ends. The page
 * puts it in the canvas's `aria-describedby` text at each new replay (every 100 steps; not announced).
 */
import { degrees } from '../double-pendulum/describe';
import type { PreviewData } from './pendulum-preview';

/** The largest |θ| of a replay. */
function widest(angles: readonly number[]): number {
  return angles.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
}

/**
 * "After 300 steps, over 4.0 s from 115° at rest: the learned pendulum swings to ±114° and ends at
 * −80°; the true one swings to ±115° and ends at −84°." (and the reason when the replay stopped).
 */
export function describePreview(data: PreviewData & { readonly note?: string }): string {
  const span = (data.times[data.times.length - 1] as number).toFixed(1);
  const truth = `the true one swings to ±${degrees(widest(data.truth))} and ends at ${degrees(data.truth[data.truth.length - 1] as number)}`;
  const from = `After ${data.step} steps, over ${span} s from ${degrees(data.truth[0] as number)} at rest`;
  if (data.learned.length === 0) return `${from}: the learned pendulum did not move (${data.note ?? 'stopped'}); ${truth}.`;
  const learned = `the learned pendulum swings to ±${degrees(widest(data.learned))} and ends at ${degrees(data.learned[data.learned.length - 1] as number)}`;
  return `${from}: ${learned}${data.note === undefined ? '' : ` (${data.note})`}; ${truth}.`;
}
