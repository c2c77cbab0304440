/// <reference lib="webworker" />
// One worker of the analysis page's pool.
import * as Comlink from 'comlink';
import { analyzeMethods } from '../analyze/worker.ts';

Comlink.expose(analyzeMethods);
