/// <reference lib="webworker" />
// The training worker: one line per demo that registers methods here.
import * as Comlink from 'comlink';
import { labMethods } from '../demos/lab/worker.ts';
import { capacityMethods } from '../demos/capacity/worker.ts';
import { lrSweepMethods } from '../demos/lr-sweep/worker.ts';

Comlink.expose({ ...labMethods, ...capacityMethods, ...lrSweepMethods });
