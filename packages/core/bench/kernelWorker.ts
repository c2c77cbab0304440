// The compute worker of the kernel bench's two-worker rows: all a worker needs.
import { parentPort } from 'node:worker_threads';
import { serveKernels } from '../src/pool/index.ts';

serveKernels(parentPort!);
