/**
 * The training page's pendulum: the latest rollout of the learned pendulum (in colour) over the
 * true one (faint), replayed in a loop at real speed.
 */
import { fitCanvas } from '../shared/fit-canvas';

export interface PreviewData {
  readonly step: number;
  readonly times: readonly number[];
  readonly learned: readonly number[];
  readonly truth: readonly number[];
}

export class PendulumPreview {
  private readonly context: CanvasRenderingContext2D;
  private data: PreviewData | undefined;
  private since = 0;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly color: string,
  ) {
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('PendulumPreview: this browser gives no 2D canvas context.');
    this.context = context;
  }

  /** Shows a new rollout from its start. */
  show(data: PreviewData, now: number): void {
    this.data = data;
    this.since = now;
  }

  /** Matches the drawing buffer to the canvas's size on screen. */
  resize(): void {
    fitCanvas(this.canvas);
  }

  /** Draws the frame at wall time `now` (ms). */
  draw(now: number): void {
    const c = this.context;
    const { width, height } = this.canvas;
    c.clearRect(0, 0, width, height);
    const data = this.data;
    if (data === undefined || data.times.length < 2) return;
    const span = data.times[data.times.length - 1] as number;
    const t = ((now - this.since) / 1000) % span;
    const dt = (data.times[1] as number) - (data.times[0] as number);
    const index = (angles: readonly number[]) => Math.min(angles.length - 1, Math.floor(t / dt));
    const pivot = [width / 2, height / 2] as const;
    const arm = Math.min(width, height) * 0.38;
    const line = Math.max(2, arm / 40);
    const pendulum = (theta: number, color: string) => {
      const x = pivot[0] + arm * Math.sin(theta);
      const y = pivot[1] + arm * Math.cos(theta);
      c.strokeStyle = color;
      c.fillStyle = color;
      c.lineWidth = line;
      c.beginPath();
      c.moveTo(pivot[0], pivot[1]);
      c.lineTo(x, y);
      c.stroke();
      c.beginPath();
      c.arc(x, y, line * 4, 0, 2 * Math.PI);
      c.fill();
    };
    pendulum(data.truth[index(data.truth)] as number, 'rgba(90, 90, 90, 0.35)');
    // A stopped rollout is shown up to where it stopped, then held there.
    if (data.learned.length > 0) pendulum(data.learned[index(data.learned)] as number, this.color);
    c.fillStyle = '#333';
    c.beginPath();
    c.arc(pivot[0], pivot[1], line * 1.5, 0, 2 * Math.PI);
    c.fill();
  }
}
