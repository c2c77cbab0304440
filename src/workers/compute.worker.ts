/// <reference lib="webworker" />
// The article's compute worker: one line per demo that registers methods here.
import * as Comlink from 'comlink';
import { spectrumMethods } from '../demos/spectrum/worker.ts';
import { styleVsFactsMethods } from '../demos/style-vs-facts/worker.ts';
import { experimentMethods } from '../demos/original-experiment/worker.ts';
import { scaleMethods } from '../demos/scale-factor/worker.ts';

Comlink.expose({ ...spectrumMethods, ...styleVsFactsMethods, ...experimentMethods, ...scaleMethods });
