/// <reference lib="webworker" />
// A compute worker of the Chromium kernel bench's pool: the core's kernel server, nothing else.

import { serveKernels } from '../../packages/core/src/pool/index.ts';

serveKernels(self);
