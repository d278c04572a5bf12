/**
 * Frames per second over a sliding window of the latest frame times: `frames − 1` intervals over
 * the time they span. Fed one timestamp (ms, e.g. requestAnimationFrame's) per frame that advanced
 * the simulation.
 */
export class FrameRate {
  private readonly times: number[] = [];

  /** @param window - how many recent frames the rate is measured over (at least 2). */
  constructor(readonly window = 60) {
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`FrameRate: window must be an integer ≥ 2, received ${window}.`);
  }

  /** Records a frame at `timeMs`. */
  tick(timeMs: number): void {
    this.times.push(timeMs);
    if (this.times.length > this.window) this.times.shift();
  }

  /** Forgets every frame (after a pause, so the pause is not counted). */
  reset(): void {
    this.times.length = 0;
  }

  /** Frames per second over the window; undefined until two frames are in. */
  get fps(): number | undefined {
    if (this.times.length < 2) return undefined;
    const span = (this.times[this.times.length - 1] as number) - (this.times[0] as number);
    return span > 0 ? ((this.times.length - 1) * 1000) / span : undefined;
  }
}
