import {
  FileFormatError,
  readMatrix,
  readNpyHeader,
  readSafetensorsHeader,
  type BlobLike,
  type MatrixLocation,
  type SafetensorsHeader,
} from '@lora-rank/core/io';
import {
  adapterSpectrum,
  analyzeSpectrum,
  frobeniusNorm,
  loraScale,
  randomizedSvd,
  svd,
  type Matrix,
  type SpectrumAnalysis,
} from '@lora-rank/core';
import { isAdapter, pairAdapterTensors } from './pairAdapterTensors.ts';
import { pairCheckpoints } from './pairCheckpoints.ts';
import type { AdapterSettings, AnalysisJob, AnalysisProgress, AnalysisRow, SpectrumMethod } from './types.ts';

/**
 * The largest matrix analyzed, in entries: 2^26 (64 Mi entries, 512 MiB as
 * doubles, e.g. 8192 × 8192). Bigger ones (a large vocabulary's embedding)
 * get an error row instead of exhausting the tab's memory.
 */
export const MAX_ENTRIES = 2 ** 26;

/** How many top singular values a randomized SVD computes for a large matrix. */
export const TOP_K = 64;

/**
 * Whether a full SVD is affordable: it costs about m·n·min(m, n), the
 * randomized one about 8·m·n·(TOP_K + 10). Up to ~1024 × 1024 the exact one
 * is not slower (see the core's bench), and exact is always preferred.
 */
export function useExactSvd(rows: number, cols: number): boolean {
  return Math.min(rows, cols) <= 512 || rows * cols * Math.min(rows, cols) <= 2 ** 31;
}

/** Callbacks of {@link runJob}. */
export interface RunJobHooks {
  onProgress(progress: AnalysisProgress): void;
  onRow(row: AnalysisRow): void;
}

/**
 * Runs `analyze` on each item in turn, reporting progress before each and one
 * row after: the row it returns, or an error row with the message of what it
 * threw (so one bad tensor never stops the others). Cancelling a job
 * terminates its worker, so no abort check is needed between items.
 */
async function eachItem<T>(
  items: readonly T[],
  hooks: RunJobHooks,
  label: (item: T) => string,
  analyze: (item: T) => Promise<AnalysisRow>,
  failed: (item: T, message: string) => AnalysisRow,
): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    hooks.onProgress({ fraction: i / items.length, label: `${label(item)} (${i + 1} of ${items.length})` });
    try {
      hooks.onRow(await analyze(item));
    } catch (e) {
      hooks.onRow(failed(item, message(e)));
    }
  }
}

/**
 * The spectrum of a full matrix: exact when affordable, otherwise the top
 * {@link TOP_K} values by randomized SVD with the exact Frobenius norm.
 */
export function spectrumOf(m: Matrix): { analysis: SpectrumAnalysis; method: SpectrumMethod } {
  const { rows, cols } = m;
  if (useExactSvd(rows, cols)) {
    return { analysis: analyzeSpectrum(svd(m, { vectors: false }).s, { rows, cols }), method: 'exact' };
  }
  const { s } = randomizedSvd(m, { rank: TOP_K, seed: 0 });
  return { analysis: analyzeSpectrum(s, { rows, cols, frobenius: frobeniusNorm(m) }), method: 'randomized' };
}

function message(error: unknown): string {
  if (error instanceof FileFormatError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

function checkSize(loc: MatrixLocation): void {
  const [rows, cols] = loc.shape as [number, number];
  if (rows * cols > MAX_ENTRIES) {
    throw new FileFormatError(
      loc.file,
      `is ${rows} × ${cols} = ${(rows * cols).toLocaleString('en')} entries, more than this page analyzes (${MAX_ENTRIES.toLocaleString('en')})`,
      loc.name,
    );
  }
}

/**
 * Runs one analysis job: reads the file(s) slice by slice, computes each
 * matrix's spectrum and reports one row per matrix as soon as it is done,
 * with progress in between. Bad input never throws: it becomes an error row
 * (for the whole file when its header is invalid, for one tensor otherwise)
 * and the rest of the job goes on.
 */
export async function runJob(job: AnalysisJob, hooks: RunJobHooks): Promise<void> {
  if (job.kind === 'npy') return runNpy(job, hooks);
  if (job.kind === 'safetensors') return runSafetensors(job, hooks);
  return runDiff(job, hooks);
}

async function runNpy(job: Extract<AnalysisJob, { kind: 'npy' }>, hooks: RunJobHooks): Promise<void> {
  const base = { jobId: job.id, source: job.name, name: job.name, kind: 'matrix' as const };
  try {
    hooks.onProgress({ fraction: 0, label: 'reading the header' });
    const loc = await readNpyHeader(job.file as BlobLike, job.name);
    checkSize(loc);
    const m = await readMatrix(job.file as BlobLike, loc, {
      onProgress: (done, total) => hooks.onProgress({ fraction: (0.5 * done) / total, label: 'reading' }),
    });
    hooks.onProgress({ fraction: 0.5, label: `computing the spectrum of ${m.rows} × ${m.cols}` });
    hooks.onRow({ ...base, key: job.name, status: 'ok', ...spectrumOf(m) });
  } catch (e) {
    hooks.onRow({ ...base, key: job.name, status: 'error', message: message(e) });
  }
  hooks.onProgress({ fraction: 1, label: 'done' });
}

async function header(file: BlobLike, name: string): Promise<SafetensorsHeader> {
  return readSafetensorsHeader(file, name);
}

async function runSafetensors(job: Extract<AnalysisJob, { kind: 'safetensors' }>, hooks: RunJobHooks): Promise<void> {
  const file = job.file as BlobLike;
  let h: SafetensorsHeader;
  hooks.onProgress({ fraction: 0, label: 'reading the header' });
  try {
    h = await header(file, job.name);
  } catch (e) {
    hooks.onRow({ key: job.name, jobId: job.id, source: job.name, name: job.name, kind: 'matrix', status: 'error', message: message(e) });
    hooks.onProgress({ fraction: 1, label: 'done' });
    return;
  }
  if (isAdapter(h.tensors)) await runAdapter(job, h, hooks);
  else await runMatrices(job, h, hooks);
  hooks.onProgress({ fraction: 1, label: 'done' });
}

async function runAdapter(job: Extract<AnalysisJob, { kind: 'safetensors' }>, h: SafetensorsHeader, hooks: RunJobHooks): Promise<void> {
  const { pairs, errors, others } = pairAdapterTensors(h.tensors);
  const row = { jobId: job.id, source: job.name, kind: 'adapter' as const };
  for (const e of errors)
    hooks.onRow({ ...row, key: e.name, name: e.name, status: 'error', message: `${job.name}, module "${e.name}": ${e.message}` });
  if (others.length > 0) {
    hooks.onRow({
      ...row,
      key: '(other tensors)',
      name: '(other tensors)',
      status: 'note',
      message: `${others.length} tensor(s) that are not LoRA factors were skipped: ${others
        .slice(0, 5)
        .map((t) => t.name)
        .join(', ')}${others.length > 5 ? ', …' : ''}`,
    });
  }
  const settings = job.adapter;
  await eachItem(
    pairs,
    hooks,
    (p) => p.module,
    async ({ module, a, b }) => {
      const A = await readMatrix(job.file as BlobLike, { file: job.name, ...a });
      const B = await readMatrix(job.file as BlobLike, { file: job.name, ...b });
      const isEmbedding = a.name.endsWith('lora_embedding_A');
      // lora_embedding_A is r × vocab and lora_embedding_B dim × r: the same B·A product (transposed in use).
      const r = A.rows;
      if (B.cols !== r) {
        throw new FileFormatError(
          job.name,
          `lora_A is ${A.rows} × ${A.cols} and lora_B is ${B.rows} × ${B.cols}; B's columns must equal A's rows (r)`,
          module,
        );
      }
      const gamma = gammaFor(settings, r, job.name, module);
      const { s, frobenius } = adapterSpectrum(B, A, gamma);
      const analysis = analyzeSpectrum(s, { rows: B.rows, cols: A.cols, frobenius, complete: true, nominalRank: r });
      return {
        ...row,
        key: module,
        name: isEmbedding ? `${module} (embedding)` : module,
        status: 'ok',
        analysis,
        method: 'adapter',
        gamma,
      };
    },
    ({ module }, msg) => ({ ...row, key: module, name: module, status: 'error', message: msg }),
  );
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

async function runMatrices(job: Extract<AnalysisJob, { kind: 'safetensors' }>, h: SafetensorsHeader, hooks: RunJobHooks): Promise<void> {
  const row = { jobId: job.id, source: job.name, kind: 'matrix' as const };
  const vectors = h.tensors.filter((t) => t.shape.length === 1);
  const matrices = h.tensors.filter((t) => t.shape.length !== 1);
  if (vectors.length > 0) {
    hooks.onRow({
      ...row,
      key: '(1-D tensors)',
      name: '(1-D tensors)',
      status: 'note',
      message: `${vectors.length} 1-D tensor(s) (biases, norms) were skipped`,
    });
  }
  await eachItem(
    matrices,
    hooks,
    (tensor) => tensor.name,
    async (tensor) => {
      const loc = { file: job.name, ...tensor };
      if (loc.shape.length === 2) checkSize(loc);
      const m = await readMatrix(job.file as BlobLike, loc);
      return { ...row, key: tensor.name, name: tensor.name, status: 'ok', ...spectrumOf(m) };
    },
    (tensor, msg) => ({ ...row, key: tensor.name, name: tensor.name, status: 'error', message: msg }),
  );
}

async function runDiff(job: Extract<AnalysisJob, { kind: 'diff' }>, hooks: RunJobHooks): Promise<void> {
  const source = `${job.base.map((f) => f.name).join(', ')} ⇄ ${job.tuned.map((f) => f.name).join(', ')}`;
  const row = { jobId: job.id, source, kind: 'diff' as const };
  hooks.onProgress({ fraction: 0, label: 'reading the headers' });
  const headers = async (files: { file: File | Blob; name: string }[]) => {
    const out: SafetensorsHeader[] = [];
    let ok = true;
    for (const f of files) {
      try {
        out.push(await header(f.file as BlobLike, f.name));
      } catch (e) {
        ok = false;
        hooks.onRow({ ...row, key: f.name, name: f.name, status: 'error', message: message(e) });
      }
    }
    return ok ? out : null;
  };
  const base = await headers(job.base);
  const tuned = await headers(job.tuned);
  if (!base || !tuned) {
    hooks.onRow({
      ...row,
      key: '(pairing)',
      name: '(pairing)',
      status: 'error',
      message:
        'A shard could not be read, so the checkpoints were not compared (a missing shard would make every tensor in it look unmatched).',
    });
    hooks.onProgress({ fraction: 1, label: 'done' });
    return;
  }
  const { pairs, errors, skipped } = pairCheckpoints(base, tuned);
  for (const e of errors) hooks.onRow({ ...row, key: e.name, name: e.name, status: 'error', message: `tensor "${e.name}" ${e.message}` });
  if (skipped.length > 0) {
    hooks.onRow({
      ...row,
      key: '(not 2-D)',
      name: '(not 2-D)',
      status: 'note',
      message: `${skipped.length} tensor(s) that are not 2-D (biases, norms) were skipped`,
    });
  }
  const fileOf = (side: 'base' | 'tuned', shard: number) => job[side][shard].file as BlobLike;
  await eachItem(
    pairs,
    hooks,
    (p) => p.name,
    async (p) => {
      checkSize(p.tuned);
      const delta = await readMatrix(fileOf('tuned', p.tuned.shard), p.tuned);
      await readMatrix(fileOf('base', p.base.shard), p.base, { subtractFrom: delta });
      return { ...row, key: p.name, name: p.name, status: 'ok', ...spectrumOf(delta) };
    },
    (p, msg) => ({ ...row, key: p.name, name: p.name, status: 'error', message: msg }),
  );
  hooks.onProgress({ fraction: 1, label: 'done' });
}
