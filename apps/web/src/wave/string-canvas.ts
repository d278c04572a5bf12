/**
 * A canvas that draws a field on the ring as a string (φ against the point index), and lets the
 * user pluck it: press on the canvas to lift the string at that point to that height, drag to
 * move the pluck, release to let go.
 */
import type { Pluck } from './simulation';
import { fitCanvas } from '../shared/fit-canvas';

/** φ spans ±this many units over the canvas's height. */
const HEIGHT_RANGE = 1.6;

export interface StringHandlers {
  /** The user is holding the string at ring point `center` with `height`. */
  hold(center: number, height: number): void;
  /** The user let go. */
  release(): void;
}

/** Ring point and height for a canvas point, on a `width` × `height` canvas of `points` points. */
export function pluckAt(x: number, y: number, width: number, height: number, points: number): Pick<Pluck, 'center' | 'height'> {
  const center = Math.min(points - 1, Math.max(0, Math.round((x / width) * (points - 1))));
  const h = ((height / 2 - y) / (height / 2)) * HEIGHT_RANGE;
  return { center, height: Math.max(-HEIGHT_RANGE, Math.min(HEIGHT_RANGE, h)) };
}

export class StringCanvas {
  private readonly context: CanvasRenderingContext2D;
  private holding = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly color: string,
    private readonly points: number,
    handlers: StringHandlers,
  ) {
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('StringCanvas: this browser gives no 2D canvas context.');
    this.context = context;
    this.resize();
    const at = (event: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      return pluckAt(event.clientX - r.left, event.clientY - r.top, r.width, r.height, points);
    };
    canvas.addEventListener('pointerdown', (event) => {
      this.holding = true;
      canvas.setPointerCapture(event.pointerId);
      const p = at(event);
      handlers.hold(p.center, p.height);
      event.preventDefault();
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!this.holding) return;
      const p = at(event);
      handlers.hold(p.center, p.height);
    });
    const release = () => {
      if (!this.holding) return;
      this.holding = false;
      handlers.release();
    };
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
  }

  /** Matches the drawing buffer to the canvas's size on screen. */
  resize(): void {
    fitCanvas(this.canvas);
  }

  /** Draws φ (the first `points` numbers of `state`), or a note when the field has stopped. */
  draw(state: Float64Array | undefined, note?: string): void {
    const c = this.context;
    const { width, height } = this.canvas;
    c.clearRect(0, 0, width, height);
    c.strokeStyle = '#d4d4d4';
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(0, height / 2);
    c.lineTo(width, height / 2);
    c.stroke();
    if (state === undefined) {
      c.fillStyle = '#7f1d1d';
      c.font = `${Math.max(12, height / 10)}px system-ui, sans-serif`;
      c.fillText(note ?? 'stopped', 10, height / 2 - 8);
      return;
    }
    c.strokeStyle = this.color;
    c.lineWidth = Math.max(2, height / 80);
    c.lineJoin = 'round';
    c.beginPath();
    for (let i = 0; i < this.points; i++) {
      const x = (i / (this.points - 1)) * width;
      const y = height / 2 - ((state[i] as number) / HEIGHT_RANGE) * (height / 2);
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
  }
}
