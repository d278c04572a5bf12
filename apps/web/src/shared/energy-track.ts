/**
 * Energy bookkeeping for a trajectory: the energy at its start, the latest value, and the drift —
 * the largest |E(t) − E(0)| seen, divided by a fixed energy scale — over the whole run and over
 * its first `window` seconds (frozen once the run passes that time, so that it can be compared
 * after the fact). A non-finite energy ends the track: it is reported as stopped, never averaged in.
 */
export class EnergyTrack {
  private start: number | undefined;
  private latestValue: number | undefined;
  private maxDrift = 0;
  private maxDriftInWindow = 0;
  private windowComplete = false;
  private stoppedAt: number | undefined;

  /**
   * @param scale - the energy the drift is divided by (the double pendulum's 29.4 J, its
   *   potential's range, as `pnpm repro` reports it); must be positive.
   * @param window - the span (s) of the early drift, e.g. 10.
   */
  constructor(
    readonly scale: number,
    readonly window: number,
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`EnergyTrack: scale must be a positive finite number, received ${scale}.`);
    if (!(window > 0) || !Number.isFinite(window)) throw new RangeError(`EnergyTrack: window must be a positive finite number of seconds, received ${window}.`);
  }

  /** Records the energy `energy` at time `t` (s, from 0, increasing). Ignored once stopped. */
  record(t: number, energy: number): void {
    if (this.stoppedAt !== undefined) return;
    if (!Number.isFinite(energy)) {
      this.stoppedAt = t;
      return;
    }
    if (this.start === undefined) this.start = energy;
    this.latestValue = energy;
    const drift = Math.abs(energy - this.start) / this.scale;
    this.maxDrift = Math.max(this.maxDrift, drift);
    if (t <= this.window * (1 + 1e-9)) this.maxDriftInWindow = Math.max(this.maxDriftInWindow, drift);
    if (t >= this.window * (1 - 1e-9)) this.windowComplete = true;
  }

  /** The energy at the first record, if any. */
  get initial(): number | undefined {
    return this.start;
  }

  /** The last finite energy recorded. */
  get latest(): number | undefined {
    return this.latestValue;
  }

  /** max |E(t) − E(0)| / scale over everything recorded. */
  get drift(): number {
    return this.maxDrift;
  }

  /** max |E(t) − E(0)| / scale over t ≤ window; final once {@link windowDone}. */
  get driftInWindow(): number {
    return this.maxDriftInWindow;
  }

  /** Whether a record at t ≥ window has been made (so {@link driftInWindow} covers the window). */
  get windowDone(): boolean {
    return this.windowComplete;
  }

  /** The time of the first non-finite energy, if the track stopped. */
  get stopped(): number | undefined {
    return this.stoppedAt;
  }
}
