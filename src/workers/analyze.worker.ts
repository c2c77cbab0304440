/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { analyzeApi } from './analyzeApi.ts';

Comlink.expose(analyzeApi);
