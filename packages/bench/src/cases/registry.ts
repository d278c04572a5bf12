import type { BenchCase } from '../suite/bench-case';
import { autodiffCase } from './autodiff-case';
import { backendsCase } from './backends-case';
import { baselinesCase } from './baselines-case';
import { graphCase } from './graph-case';
import { graphScalingCase } from './graph-scaling-case';
import { lnnCase } from './lnn-case';
import { systemsCase } from './systems-case';
import { threadsCase } from './threads-case';

/** Every case, in the order `pnpm bench` runs them. */
export const CASES: readonly BenchCase[] = [autodiffCase, lnnCase, baselinesCase, graphCase, graphScalingCase, systemsCase, backendsCase, threadsCase];
