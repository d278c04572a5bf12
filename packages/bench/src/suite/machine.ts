import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { version as autodiff } from '@lnn/autodiff';
import { version as baselines } from '@lnn/baselines';
import { version as graphLagrangian } from '@lnn/graph-lagrangian';
import { version as lagrangian } from '@lnn/lagrangian';
import { version as ode } from '@lnn/ode';
import { version as systems } from '@lnn/systems';
import { version as bench } from '../version';
import type { Machine } from './report';

/** CPU, cores, memory, platform and Node version of this machine. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Versions of the packages measured. */
export function packageVersions(): Record<string, string> {
  return {
    '@lnn/autodiff': autodiff,
    '@lnn/ode': ode,
    '@lnn/systems': systems,
    '@lnn/lagrangian': lagrangian,
    '@lnn/baselines': baselines,
    '@lnn/graph-lagrangian': graphLagrangian,
    '@lnn/bench': bench,
    '@tensorflow/tfjs-core': tf.version_core,
  };
}
