/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { labApi } from './labApi.ts';

Comlink.expose(labApi);
