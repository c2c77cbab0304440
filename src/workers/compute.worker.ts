/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { computeApi } from './computeApi.ts';

Comlink.expose(computeApi);
