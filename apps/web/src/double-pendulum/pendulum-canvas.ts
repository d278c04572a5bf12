/**
 * One panel of the double-pendulum page: a canvas that draws a model's pendulum over the faint
 * true one, with a fading trail of its lower bob, and lets the user drag either bob (pointer) or
 * turn the arms (arrow keys: ←/→ the upper arm, ↑/↓ the lower) to set the shared start state.
 */
import { bobPositions, dragAngles, fitGeometry, nearestBob, type Geometry } from './geometry';
import { fitCanvas } from '../shared/fit-canvas';

/** What the panel asks of the page when the user sets the angles. */
export interface PanelHandlers {
  /** The angles shown now (the page's current start or running state). */
  angles(): readonly [number, number];
  /** A drag or key press began (the page pauses). */
  begin(): void;
  /** The user moved the pendulum to these angles. */
  set(theta1: number, theta2: number): void;
  /** The drag ended (the page restarts from the angles set). */
  end(): void;
}

const KEY_STEP = 0.05;
const TRAIL = 90;

export class PendulumCanvas {
  private readonly context: CanvasRenderingContext2D;
  private geometry: Geometry = fitGeometry(1, 1);
  private readonly trail: [number, number][] = [];
  private dragging: 0 | 1 | undefined;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly color: string,
    handlers: PanelHandlers,
  ) {
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('PendulumCanvas: this browser gives no 2D canvas context.');
    this.context = context;
    this.resize();
    const point = (event: PointerEvent): [number, number] => {
      const r = canvas.getBoundingClientRect();
      return [((event.clientX - r.left) * canvas.width) / r.width, ((event.clientY - r.top) * canvas.height) / r.height];
    };
    canvas.addEventListener('pointerdown', (event) => {
      const [x, y] = point(event);
      const [t1, t2] = handlers.angles();
      this.dragging = nearestBob(x, y, t1, t2, this.geometry);
      canvas.setPointerCapture(event.pointerId);
      handlers.begin();
      handlers.set(...dragAngles(this.dragging, x, y, t1, t2, this.geometry));
      event.preventDefault();
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.dragging === undefined) return;
      const [x, y] = point(event);
      const [t1, t2] = handlers.angles();
      handlers.set(...dragAngles(this.dragging, x, y, t1, t2, this.geometry));
    });
    const release = () => {
      if (this.dragging === undefined) return;
      this.dragging = undefined;
      handlers.end();
    };
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
    canvas.addEventListener('keydown', (event) => {
      const turn: Record<string, [number, number]> = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowDown: [0, -KEY_STEP], ArrowUp: [0, KEY_STEP] };
      const delta = turn[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      const [t1, t2] = handlers.angles();
      handlers.begin();
      handlers.set(t1 + delta[0], t2 + delta[1]);
      handlers.end();
    });
  }

  /** Matches the drawing buffer to the canvas's size on screen (call when the layout changes). */
  resize(): void {
    const { width, height } = fitCanvas(this.canvas);
    this.geometry = fitGeometry(width, height);
  }

  /** Forgets the trail (after a reset). */
  clearTrail(): void {
    this.trail.length = 0;
  }

  /** Draws the truth (faint) and the model's pendulum (`undefined` once it has stopped). */
  draw(truth: Float64Array, model: Float64Array | undefined): void {
    const c = this.context;
    const g = this.geometry;
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const line = Math.max(2, g.scale / 30);
    if (model !== undefined) {
      const [, b2] = bobPositions(model[0] as number, model[1] as number, g);
      this.trail.push([b2[0], b2[1]]);
      if (this.trail.length > TRAIL) this.trail.shift();
    }
    this.trail.forEach(([x, y], i) => {
      c.globalAlpha = (0.35 * (i + 1)) / this.trail.length;
      c.fillStyle = this.color;
      c.beginPath();
      c.arc(x, y, line, 0, 2 * Math.PI);
      c.fill();
    });
    c.globalAlpha = 1;
    this.drawPendulum(truth, 'rgba(90, 90, 90, 0.35)', line);
    if (model !== undefined) this.drawPendulum(model, this.color, line);
    c.fillStyle = '#333';
    c.beginPath();
    c.arc(g.pivotX, g.pivotY, line * 1.5, 0, 2 * Math.PI);
    c.fill();
  }

  private drawPendulum(state: Float64Array, color: string, line: number): void {
    const c = this.context;
    const g = this.geometry;
    const [b1, b2] = bobPositions(state[0] as number, state[1] as number, g);
    c.strokeStyle = color;
    c.fillStyle = color;
    c.lineWidth = line;
    c.lineCap = 'round';
    c.beginPath();
    c.moveTo(g.pivotX, g.pivotY);
    c.lineTo(b1[0], b1[1]);
    c.lineTo(b2[0], b2[1]);
    c.stroke();
    for (const [x, y] of [b1, b2]) {
      c.beginPath();
      c.arc(x, y, line * 3, 0, 2 * Math.PI);
      c.fill();
    }
  }
}
