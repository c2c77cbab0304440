import { readNpyHeader, readSafetensorsHeader, type BlobLike, type SafetensorsHeader } from '@lora-rank/core/io';
import { isAdapter, pairAdapterTensors } from './pairAdapterTensors.ts';
import { pairCheckpoints } from './pairCheckpoints.ts';
import type { AnalysisJob, AnalysisRow, JobPlan, TensorTask } from './types.ts';

/** The message of anything thrown (a FileFormatError's names the file and tensor). */
export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Splits a job into one task per matrix by reading its headers only (a few
 * kilobytes; no tensor data): one task per adapter module (its lora_A and
 * lora_B), per 2-D tensor of a checkpoint or `.npy` file, or per pair of
 * matching tensors of two checkpoints. Whatever the headers already show to
 * be wrong (an unreadable file, a module without lora_B, names or shapes
 * that differ) becomes an error row, and what is skipped a note; never
 * throws. Tasks come in file order.
 */
export async function planJob(job: AnalysisJob): Promise<JobPlan> {
  if (job.kind === 'npy') return planNpy(job);
  if (job.kind === 'safetensors') return planSafetensors(job);
  return planDiff(job);
}

async function planNpy(job: Extract<AnalysisJob, { kind: 'npy' }>): Promise<JobPlan> {
  const base = { jobId: job.id, source: job.name, name: job.name, key: job.name, kind: 'matrix' as const };
  try {
    const loc = await readNpyHeader(job.file as BlobLike, job.name);
    return { rows: [], tasks: [{ ...base, tensor: { file: job.file, loc } }] };
  } catch (e) {
    return { rows: [{ ...base, status: 'error', message: message(e) }], tasks: [] };
  }
}

async function planSafetensors(job: Extract<AnalysisJob, { kind: 'safetensors' }>): Promise<JobPlan> {
  let h: SafetensorsHeader;
  try {
    h = await readSafetensorsHeader(job.file as BlobLike, job.name);
  } catch (e) {
    const row: AnalysisRow = {
      key: job.name,
      jobId: job.id,
      source: job.name,
      name: job.name,
      kind: 'matrix',
      status: 'error',
      message: message(e),
    };
    return { rows: [row], tasks: [] };
  }
  return isAdapter(h.tensors) ? planAdapter(job, h) : planMatrices(job, h);
}

function planAdapter(job: Extract<AnalysisJob, { kind: 'safetensors' }>, h: SafetensorsHeader): JobPlan {
  const { pairs, errors, others } = pairAdapterTensors(h.tensors);
  const row = { jobId: job.id, source: job.name, kind: 'adapter' as const };
  const rows: AnalysisRow[] = errors.map((e) => ({
    ...row,
    key: e.name,
    name: e.name,
    status: 'error',
    message: `${job.name}, module "${e.name}": ${e.message}`,
  }));
  if (others.length > 0) {
    const listed = others
      .slice(0, 5)
      .map((t) => t.name)
      .join(', ');
    rows.push({
      ...row,
      key: '(other tensors)',
      name: '(other tensors)',
      status: 'note',
      message: `${others.length} tensor(s) that are not LoRA factors were skipped: ${listed}${others.length > 5 ? ', …' : ''}`,
    });
  }
  const at = (t: (typeof pairs)[number]['a']) => ({ file: job.file, loc: { file: job.name, ...t } });
  const tasks: TensorTask[] = pairs.map(({ module, a, b }) => ({
    ...row,
    key: module,
    // lora_embedding_A is r × vocab and lora_embedding_B dim × r: the same B·A product (transposed in use).
    name: a.name.endsWith('lora_embedding_A') ? `${module} (embedding)` : module,
    a: at(a),
    b: at(b),
    settings: job.adapter,
  }));
  return { rows, tasks };
}

function planMatrices(job: Extract<AnalysisJob, { kind: 'safetensors' }>, h: SafetensorsHeader): JobPlan {
  const row = { jobId: job.id, source: job.name, kind: 'matrix' as const };
  const vectors = h.tensors.filter((t) => t.shape.length === 1);
  const rows: AnalysisRow[] = [];
  if (vectors.length > 0) {
    rows.push({
      ...row,
      key: '(1-D tensors)',
      name: '(1-D tensors)',
      status: 'note',
      message: `${vectors.length} 1-D tensor(s) (biases, norms) were skipped`,
    });
  }
  const tasks: TensorTask[] = h.tensors
    .filter((t) => t.shape.length !== 1)
    .map((t) => ({ ...row, key: t.name, name: t.name, tensor: { file: job.file, loc: { file: job.name, ...t } } }));
  return { rows, tasks };
}

async function planDiff(job: Extract<AnalysisJob, { kind: 'diff' }>): Promise<JobPlan> {
  const source = `${job.base.map((f) => f.name).join(', ')} ⇄ ${job.tuned.map((f) => f.name).join(', ')}`;
  const row = { jobId: job.id, source, kind: 'diff' as const };
  const rows: AnalysisRow[] = [];
  const headers = async (files: { file: File | Blob; name: string }[]) => {
    const out: SafetensorsHeader[] = [];
    let ok = true;
    for (const f of files) {
      try {
        out.push(await readSafetensorsHeader(f.file as BlobLike, f.name));
      } catch (e) {
        ok = false;
        rows.push({ ...row, key: f.name, name: f.name, status: 'error', message: message(e) });
      }
    }
    return ok ? out : null;
  };
  const base = await headers(job.base);
  const tuned = await headers(job.tuned);
  if (!base || !tuned) {
    rows.push({
      ...row,
      key: '(pairing)',
      name: '(pairing)',
      status: 'error',
      message:
        'A shard could not be read, so the checkpoints were not compared (a missing shard would make every tensor in it look unmatched).',
    });
    return { rows, tasks: [] };
  }
  const { pairs, errors, skipped } = pairCheckpoints(base, tuned);
  for (const e of errors) rows.push({ ...row, key: e.name, name: e.name, status: 'error', message: `tensor "${e.name}" ${e.message}` });
  if (skipped.length > 0) {
    rows.push({
      ...row,
      key: '(not 2-D)',
      name: '(not 2-D)',
      status: 'note',
      message: `${skipped.length} tensor(s) that are not 2-D (biases, norms) were skipped`,
    });
  }
  const tasks: TensorTask[] = pairs.map((p) => ({
    ...row,
    key: p.name,
    name: p.name,
    base: { file: job.base[p.base.shard]!.file, loc: p.base },
    tuned: { file: job.tuned[p.tuned.shard]!.file, loc: p.tuned },
  }));
  return { rows, tasks };
}
