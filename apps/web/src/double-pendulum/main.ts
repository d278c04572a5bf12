/**
 * Page 1: the LNN and the MLP baseline trained by `pnpm repro`, side by side from the same state,
 * over the faint true motion; their true energies plotted live; drag to set the state.
 */
import { FrameRate } from '../shared/frame-rate';
import { LiveChart } from '../shared/live-chart';
import { MODEL_URLS } from '../models/assets';
import { describeSource, fetchModel } from '../models/fetch-model';
import { startPageBackend } from '../shared/backend';
import { element, percent, setOutput, startPage } from '../shared/page';
import { wrapAngle } from './geometry';
import { PendulumCanvas } from './pendulum-canvas';
import { DEFAULT_STATE, DRIFT_WINDOW, DoublePendulumSimulation, PENDULUMS, STEP, type PendulumName } from './simulation';

const COLORS: Record<PendulumName, string> = { truth: '#777777', lnn: '#1f6fb2', mlp: '#c2410c' };
const LABELS: Record<PendulumName, string> = { truth: 'truth', lnn: 'LNN', mlp: 'MLP' };
/** A chart row every this many frames (the chart's 30 s then hold ≤ 600 points per line at ×1). */
const CHART_EVERY = 3;
/** Least time between updates of the readouts while running, ms (each update costs a layout). */
const READOUT_MS = 100;

startPage(async () => {
  const backend = await startPageBackend(location.search);
  setOutput('backend', backend.description, backend.description);
  const [lnn, mlp] = await Promise.all([fetchModel(MODEL_URLS.doublePendulumLnn), fetchModel(MODEL_URLS.doublePendulumMlp)]);
  setOutput('model-source', describeSource(lnn.source), lnn.source.run?.scale ?? '');
  const sim = new DoublePendulumSimulation({ lnn: lnn.model, mlp: mlp.model });
  let start = [...DEFAULT_STATE];
  let playing = true;
  let resumeAfterDrag = false;
  let frames = 0;
  const fps = new FrameRate(60);
  const chart = new LiveChart(element('energy-chart', HTMLDivElement), {
    title: 'True energy of each pendulum',
    xTitle: 'simulated time (s)',
    yTitle: 'true energy (J)',
    series: PENDULUMS.map((name) => ({ name: LABELS[name], color: COLORS[name] })),
    span: 30,
  });
  const theta1 = element('theta1', HTMLInputElement);
  const theta2 = element('theta2', HTMLInputElement);
  const play = element('play', HTMLButtonElement);
  const speed = element('speed', HTMLSelectElement);

  const showStart = () => {
    theta1.value = (start[0] as number).toFixed(2);
    theta2.value = (start[1] as number).toFixed(2);
    setOutput('start-state', `θ₁ = ${(start[0] as number).toFixed(2)}, θ₂ = ${(start[1] as number).toFixed(2)} rad, at rest`, JSON.stringify(start));
  };
  const restart = (state: readonly number[]) => {
    start = [wrapAngle(state[0] as number), wrapAngle(state[1] as number), 0, 0];
    sim.reset(start);
    for (const panel of panels) panel.clearTrail();
    chart.clear();
    fps.reset();
    showStart();
    render();
  };
  const setPlaying = (on: boolean) => {
    playing = on;
    play.textContent = on ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(!on));
    document.body.dataset.playing = String(on);
    fps.reset();
  };
  const handlers = {
    angles: () => [sim.pendulums.truth.state[0] as number, sim.pendulums.truth.state[1] as number] as const,
    begin: () => {
      if (playing) resumeAfterDrag = true;
      setPlaying(false);
    },
    set: (t1: number, t2: number) => restart([t1, t2]),
    end: () => {
      if (resumeAfterDrag) setPlaying(true);
      resumeAfterDrag = false;
    },
  };
  const panels = [
    new PendulumCanvas(element('canvas-lnn', HTMLCanvasElement), COLORS.lnn, handlers),
    new PendulumCanvas(element('canvas-mlp', HTMLCanvasElement), COLORS.mlp, handlers),
  ] as const;
  new ResizeObserver(() => {
    for (const panel of panels) panel.resize();
    render();
  }).observe(panels[0].canvas);

  play.addEventListener('click', () => setPlaying(!playing));
  element('reset', HTMLButtonElement).addEventListener('click', () => restart(start));
  for (const input of [theta1, theta2]) input.addEventListener('input', () => restart([Number(theta1.value), Number(theta2.value)]));

  let lastReadout = -Infinity;
  /** Draws both panels; updates the readouts too when `now` is past the next update (always without `now`). */
  function render(now?: number): void {
    const truth = sim.pendulums.truth.state;
    panels[0].draw(truth, sim.pendulums.lnn.stopped === undefined ? sim.pendulums.lnn.state : undefined);
    panels[1].draw(truth, sim.pendulums.mlp.stopped === undefined ? sim.pendulums.mlp.state : undefined);
    if (now !== undefined && now - lastReadout < READOUT_MS) return;
    lastReadout = now ?? performance.now();
    const rate = fps.fps;
    setOutput('fps', rate === undefined ? '–' : `${rate.toFixed(1)} frames/s`, rate ?? '');
    setOutput('sim-time', `${sim.time.toFixed(2)} s`, sim.time);
    for (const name of PENDULUMS) {
      const p = sim.pendulums[name];
      const e = p.energy;
      setOutput(`energy-${name}`, e.latest === undefined ? '–' : `${e.latest.toFixed(3)} J`, e.latest ?? '');
      setOutput(`drift-${name}`, percent(e.drift), e.drift);
      setOutput(`drift10-${name}`, e.windowDone ? percent(e.driftInWindow) : `(${percent(e.driftInWindow)} so far)`, e.driftInWindow);
      element(`drift10-${name}`, HTMLOutputElement).dataset.done = String(e.windowDone);
      setOutput(`status-${name}`, p.stopped ?? 'running', p.stopped === undefined ? 'running' : 'stopped');
    }
  }

  function frame(now: number): void {
    if (playing) {
      sim.advance(Number(speed.value));
      fps.tick(now);
      if (frames++ % CHART_EVERY === 0) {
        chart.push(PENDULUMS.flatMap((name) => {
          const e = sim.pendulums[name].energy;
          return sim.pendulums[name].stopped === undefined && e.latest !== undefined ? [{ t: sim.time, value: e.latest, series: LABELS[name] }] : [];
        }));
      }
      render(now);
    }
    chart.redraw(false, now);
    requestAnimationFrame(frame);
  }

  setOutput('step', `RK4, ${(1000 * STEP).toFixed(1)} ms of simulated time per step; drift over the first ${DRIFT_WINDOW} s`, STEP);
  restart(start);
  setPlaying(true);
  requestAnimationFrame(frame);
});
