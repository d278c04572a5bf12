import { describe, expect, it } from 'vitest';
import { EXPERIMENT_IDS } from './experiments';
import { parseReproArgs } from './options';

describe('parseReproArgs', () => {
  it('defaults to the quick run of every experiment into results/', () => {
    expect(parseReproArgs([])).toEqual({
      full: false,
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
    expect(options).toMatchObject({ full: true, only: ['double-pendulum', 'wave'], seed: 7, backend: 'cpu', out: 'x' });
  });

  it.each([
    [['--only', 'pendulum'], /--only: received 'pendulum', expected one of double-pendulum/],
    [['--seed=-1'], /--seed: received '-1', expected a non-negative integer/],
    [['--seed', '1.5'], /--seed: received '1.5'/],
    [['--backend', 'webgl'], /--backend: received 'webgl', expected one of wasm, cpu/],
    [['--fast'], /Unknown option '--fast'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseReproArgs(argv)).toThrow(message);
  });
});
