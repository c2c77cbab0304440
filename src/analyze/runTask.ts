import { FileFormatError, readMatrices, readMatrix, type BlobLike, type MatrixLocation } from '@lora-rank/core/io';
import type { WorkerTransport } from '@lora-rank/core/pool';
import {
  adapterSpectrum,
  analyzeSpectrum,
  frobeniusNorm,
  kernelBackend,
  loraScale,
  randomizedSvd,
  svd,
  type Matrix,
  type RandomizedSvdOptions,
  type SpectrumAnalysis,
} from '@lora-rank/core';
import { spectrumAccuracy } from './accuracy.ts';
import { message } from './planJob.ts';
import { pooledRandomizedSvd } from './pooledRandomizedSvd.ts';
import type { AdapterTask, AdapterSettings, AnalysisRow, SpectrumAccuracy, SpectrumMethod, TensorSource, TensorTask } from './types.ts';

/**
 * The largest matrix analyzed, in entries: 2^26 (64 Mi entries, 512 MiB as
 * doubles, e.g. 8192 × 8192). Bigger ones (a large vocabulary's embedding)
 * get an error row instead of exhausting the tab's memory.
 */
export const MAX_ENTRIES = 2 ** 26;

/** How many top singular values a randomized SVD computes for a large matrix. */
export const TOP_K = 64;

/**
 * Random directions beyond {@link TOP_K} in the randomized SVD's sketch
 * (HMT's oversampling p, whose advice is 5–10): 8, so that its 72 columns
 * fill nine whole 8-column panels of the float32 kernels, whose cost goes
 * by panels (at 8192 × 2048 a product with 74 columns took what one with
 * 80 did, 67–71 ms, and one with 72 took 60–64 ms).
 */
export const OVERSAMPLE = 8;

/**
 * The randomized SVD's settings on this page: stop when every value is
 * estimated accurate to 0.1 % (the table shows shares to 0.1 percentage
 * point) or after {@link MAX_ITERATIONS} power iterations, whichever comes
 * first; the accuracy reached is reported either way.
 */
export const TOLERANCE = 1e-3;

/**
 * At most this many power iterations. Values inside a flat stretch of the
 * spectrum (the noise floor of a real update) converge slowly, and their
 * accuracy is reported rather than waited for; the energy shares, weighted
 * by σ², are accurate long before (see `shareErrorBound`).
 */
export const MAX_ITERATIONS = 3;

/**
 * From this many entries a randomized SVD spreads its products over the
 * workers that are idle when it starts (its rows split among them, each
 * block resident in one worker; only the skinny matrices travel).
 */
export const SPREAD_ENTRIES = 2 ** 22;

/**
 * Whether a full SVD is affordable: it costs about m·n·min(m, n), the
 * randomized one about 8·m·n·(TOP_K + 10). Up to ~1024 × 1024 the exact one
 * is not slower (see the core's bench), and exact is always preferred.
 */
export function useExactSvd(rows: number, cols: number): boolean {
  return Math.min(rows, cols) <= 512 || rows * cols * Math.min(rows, cols) <= 2 ** 31;
}

/** What a task may use besides its own worker. */
export interface TaskHooks {
  /** Reading progress of the task's matrix, in [0, 1]. */
  onProgress?(fraction: number): void;
  /** Up to `max` idle workers' kernel servers (ports to `serveKernels`), lent while the task runs; none when all are busy. */
  helpers?(max: number): Promise<WorkerTransport[]>;
}

/** The most workers one matrix is spread over (the core's suggested cap). */
const MAX_SPREAD = 4;

/** The spectrum of a matrix and how it was computed. */
export interface Spectrum {
  analysis: SpectrumAnalysis;
  method: SpectrumMethod;
  accuracy?: SpectrumAccuracy;
}

/**
 * The spectrum of a full matrix: exact when affordable, otherwise the top
 * {@link TOP_K} values by randomized SVD, with the exact Frobenius norm and
 * the accuracy the values reached. `float32` runs the power iterations in
 * single precision (right for data stored in F32, F16 or BF16).
 */
export async function spectrumOf(
  m: Matrix,
  { float32 = false, helpers }: { float32?: boolean; helpers?: TaskHooks['helpers'] } = {},
): Promise<Spectrum> {
  const { rows, cols } = m;
  if (useExactSvd(rows, cols)) {
    return { analysis: analyzeSpectrum(svd(m, { vectors: false }).s, { rows, cols }), method: 'exact' };
  }
  const precision = float32 ? 'float32' : 'float64';
  const options: RandomizedSvdOptions = {
    rank: TOP_K,
    oversample: OVERSAMPLE,
    seed: 0,
    tolerance: TOLERANCE,
    maxIterations: MAX_ITERATIONS,
    precision,
  };
  const lent = helpers && rows * cols >= SPREAD_ENTRIES ? await helpers(Math.min(MAX_SPREAD, rows) - 1) : [];
  const result = lent.length > 0 ? await pooledRandomizedSvd(m, options, lent) : randomizedSvd(m, options);
  const frobenius = frobeniusNorm(m);
  return {
    analysis: analyzeSpectrum(result.s, { rows, cols, frobenius }),
    method: 'randomized',
    accuracy: spectrumAccuracy(result, frobenius, precision, 1 + lent.length),
  };
}

function checkSize(loc: MatrixLocation): void {
  if (loc.shape.length !== 2) return; // readMatrix says what is wrong
  const [rows, cols] = loc.shape as [number, number];
  if (rows * cols > MAX_ENTRIES) {
    throw new FileFormatError(
      loc.file,
      `is ${rows} × ${cols} = ${(rows * cols).toLocaleString('en')} entries, more than this page analyzes (${MAX_ENTRIES.toLocaleString('en')})`,
      loc.name,
    );
  }
}

const narrow = (loc: MatrixLocation) => loc.dtype !== 'F64';

/**
 * Runs one task: reads its matrix (or matrices) slice by slice and computes
 * the spectrum. Never throws: whatever goes wrong becomes the task's error
 * row, which names the file, the tensor and the problem.
 */
export async function runTask(task: TensorTask, hooks: TaskHooks = {}): Promise<AnalysisRow> {
  try {
    return okRow(task, await compute(task, hooks));
  } catch (e) {
    return errorRow(task, e);
  }
}

const identity = ({ kind, key, jobId, source, name }: TensorTask) => ({ kind, key, jobId, source, name });
const okRow = (task: TensorTask, result: Result): AnalysisRow => ({ ...identity(task), status: 'ok', ...result, kernels: kernelBackend() });
const errorRow = (task: TensorTask, e: unknown): AnalysisRow => ({ ...identity(task), status: 'error', message: message(e) });

/**
 * The storage of the matrices a task reads (slot 0: a matrix or a pair's
 * difference; 1 and 2: an adapter's A and B), kept for the next task of this
 * worker (tasks run one at a time, and nothing keeps a task's matrices once
 * its spectrum is computed): a checkpoint pair is a hundred matrices of a
 * few shapes, and a fresh 100 MB array per matrix costs its first touch
 * each time (measured 0.3–0.4 s per 8192 × 2048 on a 2-core VM).
 */
const storage: (Float64Array | undefined)[] = [];

/** Slot `slot`'s buffer, grown to hold the location's matrix (undefined for a shape readMatrix will reject). */
function storageFor(loc: MatrixLocation, slot = 0): Float64Array | undefined {
  if (loc.shape.length !== 2) return undefined; // readMatrix says what is wrong
  const entries = (loc.shape[0] as number) * (loc.shape[1] as number);
  if (!(entries > 0 && entries <= MAX_ENTRIES)) return undefined;
  let buffer = storage[slot];
  if (buffer === undefined || buffer.length < entries) {
    storage[slot] = undefined; // let the old one go before allocating the new
    buffer = storage[slot] = new Float64Array(entries);
  }
  return buffer;
}

/** Reads a tensor, reporting its progress as the span [from, to] of the task's. */
const read = (t: TensorSource, hooks: TaskHooks, [from, to]: [number, number], subtractFrom?: Matrix) =>
  readMatrix(t.file as BlobLike, t.loc, {
    subtractFrom,
    into: subtractFrom ? undefined : storageFor(t.loc),
    onProgress: hooks.onProgress && ((done, total) => hooks.onProgress!(from + ((to - from) * done) / total)),
  });

async function compute(task: TensorTask, hooks: TaskHooks): Promise<Result> {
  if (task.kind === 'adapter') {
    // Both factors are read at once (a file read's latency, about 2 ms in Chromium, is most of a small module's time).
    const [A, B] = await Promise.all([
      readMatrix(task.a.file as BlobLike, task.a.loc, { into: storageFor(task.a.loc, 1) }),
      readMatrix(task.b.file as BlobLike, task.b.loc, { into: storageFor(task.b.loc, 2) }),
    ]);
    return adapterResult(task, A, B);
  }
  if (task.kind === 'matrix') {
    checkSize(task.tensor.loc);
    const m = await read(task.tensor, hooks, [0, 0.5]);
    return spectrumOf(m, { float32: narrow(task.tensor.loc), helpers: hooks.helpers });
  }
  checkSize(task.tuned.loc);
  const delta = await read(task.tuned, hooks, [0, 0.25]);
  await read(task.base, hooks, [0.25, 0.5], delta);
  return spectrumOf(delta, { float32: narrow(task.base.loc) && narrow(task.tuned.loc), helpers: hooks.helpers });
}

/** What a task computes: a row without its identity and status. */
type Result = Omit<AnalysisRow, 'kind' | 'key' | 'jobId' | 'source' | 'name' | 'status'>;

/** The spectrum of an adapter module's update gamma·B·A, from its factors. */
function adapterResult(task: AdapterTask, A: Matrix, B: Matrix): Result {
  const r = A.rows;
  if (B.cols !== r) {
    throw new FileFormatError(
      task.a.loc.file,
      `lora_A is ${A.rows} × ${A.cols} and lora_B is ${B.rows} × ${B.cols}; B's columns must equal A's rows (r)`,
      task.key,
    );
  }
  const gamma = gammaFor(task.settings, r, task.a.loc.file, task.key);
  const { s, frobenius } = adapterSpectrum(B, A, gamma);
  const analysis = analyzeSpectrum(s, { rows: B.rows, cols: A.cols, frobenius, complete: true, nominalRank: r });
  return { analysis, method: 'adapter', gamma };
}

/**
 * Runs many modules of one adapter, in order, calling `onRow` with each
 * module's row (ok or error) as soon as it is computed. Modules whose two
 * factors are in the same file are read together, a run of neighbouring
 * tensors at a time (`readMatrices`): an 8B model's adapter is 448 small
 * tensors, and one read per tensor cost more than decoding them. The others
 * are run one by one. Never throws: what goes wrong becomes error rows.
 */
export async function runAdapterTasks(tasks: readonly AdapterTask[], onRow: (row: AnalysisRow) => void): Promise<void> {
  const rowOf = (task: AdapterTask, A: Matrix | Error, B: Matrix | Error): AnalysisRow => {
    try {
      if (A instanceof Error) throw A;
      if (B instanceof Error) throw B;
      return okRow(task, adapterResult(task, A, B));
    } catch (e) {
      return errorRow(task, e);
    }
  };
  for (let i = 0; i < tasks.length;) {
    const file = tasks[i]!.a.file;
    // The next run of modules whose factors both lie in this file.
    let j = i;
    while (j < tasks.length && tasks[j]!.a.file === file && tasks[j]!.b.file === file) j++;
    if (j === i) {
      onRow(await runTask(tasks[i]!));
      i++;
      continue;
    }
    const run = tasks.slice(i, j);
    const locations = run.flatMap((t) => [t.a.loc, t.b.loc]);
    let A: Matrix | Error | undefined;
    let reported = 0;
    try {
      for await (const item of readMatrices(file as BlobLike, locations, { into: (k) => storageFor(locations[k]!, 1 + (k % 2)) })) {
        const got = item.matrix ?? item.error;
        if (item.index % 2 === 0) {
          A = got;
          continue;
        }
        onRow(rowOf(run[item.index >> 1]!, A!, got));
        reported++;
      }
    } catch (e) {
      // The file could not be read any more (removed, changed on disk): every module not yet reported says so.
      for (const task of run.slice(reported)) onRow(errorRow(task, e));
    }
    i = j;
  }
}

/** gamma = lora_alpha / r (or / √r with rsLoRA), with r the module's own rank. */
function gammaFor(settings: AdapterSettings, r: number, file: string, module: string): number {
  if (settings.r !== null && settings.r !== r && !settings.perModuleRank) {
    throw new FileFormatError(
      file,
      `lora_A has rank ${r} but r = ${settings.r} (${settings.source}); the adapter and its settings do not match`,
      module,
    );
  }
  return loraScale(settings.alpha, r, settings.scaling);
}
