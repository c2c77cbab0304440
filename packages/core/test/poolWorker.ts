// A compute worker for the pool tests (and the model of one for any app).
import { parentPort } from 'node:worker_threads';
import { serveKernels } from '../src/pool/index.ts';

serveKernels(parentPort!);
