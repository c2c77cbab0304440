import type { AdapterSettings, AnalysisJob } from './types.ts';

/** A file the reader chose or dropped, as the page sees it. */
export interface ChosenFile {
  name: string;
  file: File | Blob;
}

/** True for the file of an adapter's settings (`adapter_config.json`, or any `.json`). */
export function isConfig(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

/** A job to start, with the title its progress bar shows. */
export interface PlannedJob {
  job: AnalysisJob;
  title: string;
}

/**
 * What to do with the files of one drop or pick: an `adapter_config.json`
 * (any `.json`) is read first by the page, since it applies to the adapters
 * dropped with it; each `.safetensors` file becomes a job (an adapter or a
 * checkpoint: the worker tells from its tensor names), each `.npy` file a
 * matrix job, and anything else an error row that says why it was not read.
 *
 * @param id Gives each job a fresh id.
 */
export function jobsForFiles(
  files: readonly ChosenFile[],
  settings: AdapterSettings,
  id: () => string,
): { configs: ChosenFile[]; jobs: PlannedJob[]; rejected: { name: string; message: string }[] } {
  const configs: ChosenFile[] = [];
  const jobs: PlannedJob[] = [];
  const rejected: { name: string; message: string }[] = [];
  for (const f of files) {
    const lower = f.name.toLowerCase();
    if (isConfig(f.name)) configs.push(f);
    else if (lower.endsWith('.safetensors'))
      jobs.push({ job: { id: id(), kind: 'safetensors', file: f.file, name: f.name, adapter: settings }, title: f.name });
    else if (lower.endsWith('.npy')) jobs.push({ job: { id: id(), kind: 'npy', file: f.file, name: f.name }, title: f.name });
    else rejected.push({ name: f.name, message: `${f.name}: not a .safetensors, .npy or adapter_config.json file, so it was not read` });
  }
  return { configs, jobs, rejected };
}

/** The job that compares a base and a fine-tuned checkpoint (each any number of shards); null if a side is empty. */
export function diffJob(base: readonly ChosenFile[], tuned: readonly ChosenFile[], id: string): PlannedJob | null {
  if (base.length === 0 || tuned.length === 0) return null;
  return {
    job: { id, kind: 'diff', base: base.map(({ file, name }) => ({ file, name })), tuned: tuned.map(({ file, name }) => ({ file, name })) },
    title: `${base.map((f) => f.name).join(', ')} ⇄ ${tuned.map((f) => f.name).join(', ')}`,
  };
}

/** The reader's adapter settings (used when no adapter_config.json came with the adapter). */
export function enteredSettings(r: number | null, alpha: number, rslora: boolean, fallbackAlpha: number): AdapterSettings {
  return {
    r: r && r >= 1 ? Math.round(r) : null,
    alpha: Number.isFinite(alpha) ? alpha : fallbackAlpha,
    scaling: rslora ? 'rslora' : 'standard',
    perModuleRank: false,
    source: 'entered on this page',
  };
}
