import { describe, expect, it } from 'vitest';
import { EXPERIMENT_IDS } from './experiments';
import { parseReproArgs } from './options';
import { applyOverrides } from './settings-override';

describe('parseReproArgs', () => {
  it('defaults to the quick run of every experiment into results/', () => {
    expect(parseReproArgs([])).toEqual({
      scale: 'quick',
      overrides: [],
      only: EXPERIMENT_IDS,
      seed: 0,
      backend: undefined,
      out: 'results',
      rerun: false,
      dryRun: false,
      help: false,
    });
  });

  it('reads every option, keeping plan order for --only', () => {
    const options = parseReproArgs(['--full', '--only', 'wave,double-pendulum', '--seed', '7', '--backend', 'cpu', '--out', 'x']);
    expect(options).toMatchObject({ scale: 'full', only: ['double-pendulum', 'wave'], seed: 7, backend: 'cpu', out: 'x' });
    expect(parseReproArgs(['--long']).scale).toBe('long');
  });

  it('reads --set overrides and applies them to a copy of the settings, refusing unknown settings and wrong kinds', () => {
    const { overrides } = parseReproArgs(['--set', 'double-pendulum.lnn.steps=48000', '--set', 'double-pendulum.lnn.clipNorm=null', '--set', 'wave.name=ring']);
    expect(overrides).toEqual([
      { experiment: 'double-pendulum', path: ['lnn', 'steps'], value: 48000 },
      { experiment: 'double-pendulum', path: ['lnn', 'clipNorm'], value: null },
      { experiment: 'wave', path: ['name'], value: 'ring' },
    ]);
    const settings = { lnn: { steps: 24000, clipNorm: 100 }, hidden: [8] };
    expect(applyOverrides(settings, overrides, 'double-pendulum', 'quick')).toEqual({ lnn: { steps: 48000, clipNorm: null }, hidden: [8] });
    expect(settings.lnn.steps).toBe(24000);
    expect(() => applyOverrides(settings, [{ experiment: 'x', path: ['lnn', 'stepz'], value: 1 }], 'x', 'quick')).toThrow(/--set x\.lnn\.stepz: the quick settings of x have no 'lnn\.stepz'/);
    expect(() => applyOverrides(settings, [{ experiment: 'x', path: ['lnn', 'steps'], value: 'many' }], 'x', 'quick')).toThrow(/received "many" \(string\), expected a number like 24000/);
  });

  it('--jobs: auto (undefined) by default, else the number', () => {
    expect(parseReproArgs([]).jobs).toBeUndefined();
    expect(parseReproArgs(['--jobs', 'auto']).jobs).toBeUndefined();
    expect(parseReproArgs(['--jobs', '1']).jobs).toBe(1);
    expect(parseReproArgs(['--jobs=3']).jobs).toBe(3);
  });

  it.each([
    [['--only', 'pendulum'], /--only: received 'pendulum', expected one of double-pendulum/],
    [['--seed=-1'], /--seed: received '-1', expected a non-negative integer/],
    [['--seed', '1.5'], /--seed: received '1.5'/],
    [['--backend', 'webgl'], /--backend: received 'webgl', expected one of wasm, cpu/],
    [['--fast'], /Unknown option '--fast'/],
    [['--full', '--long'], /--full and --long: choose one scale/],
    [['--set', 'steps=1'], /--set: received 'steps=1': 'steps' is not an experiment/],
    [['--set', 'double-pendulum=1'], /--set: received 'double-pendulum=1': name a setting/],
    [['--set', 'double-pendulum.lnn.steps'], /expected <experiment>\.<setting>=<value>/],
    [['--jobs', '0'], /--jobs: received '0', expected 'auto' or an integer from 1 to 64/],
    [['--jobs', 'two'], /--jobs: received 'two'/],
    [['--jobs', '1.5'], /--jobs: received '1.5'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseReproArgs(argv)).toThrow(message);
  });
});
