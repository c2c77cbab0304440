/// <reference lib="webworker" />
// The language-model worker: the real-model panel fine-tunes the shipped base model here.
import * as Comlink from 'comlink';
import { lmMethods } from '../demos/real-model/worker.ts';

Comlink.expose(lmMethods);
