import { onMount } from 'svelte';
import { parseAdapterConfig, PEFT_DEFAULTS } from './adapterConfig.ts';
import { diffJob, enteredSettings, isConfig, jobsForFiles, type ChosenFile, type PlannedJob } from './jobs.ts';
import { suggestedPoolSize } from '@lora-rank/core/pool';
import { analysisPoolSize, analyzeFlags } from './flags.ts';
import { createAnalysisQueue, CancelledError, type AnalysisQueue } from './queue.ts';
import { COLUMNS, defaultOrder, sortRows, toCsv, type SortKey } from './table.ts';
import type { AdapterSettings, AnalysisRow } from './types.ts';
import type { WorkerLike } from '../runtime/computeClient.ts';
import { saveFile } from '../runtime/download.ts';
import { batched } from '../runtime/batched.ts';

/** A job's line in the list of files being analyzed. */
export interface JobView {
  id: string;
  title: string;
  fraction: number;
  label: string;
  status: 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
  message?: string;
}

/** The key of a row, unique on the page. */
export const rowId = (row: AnalysisRow) => `${row.jobId}/${row.key}`;

/**
 * Everything the analysis page knows, as one reactive object: the jobs and
 * their progress, the result rows, sorting and selection, and the adapter
 * settings (from an adapter_config.json, or entered). It owns the pool of
 * analysis workers, spawned when the page mounts, over which each job's
 * matrices are spread. Create it during component
 * initialisation.
 */
export class AnalyzeState {
  ready = $state(false);
  jobs: JobView[] = $state([]);
  rows: AnalysisRow[] = $state.raw([]);
  sortKey: SortKey | null = $state(null);
  sortDirection: 'ascending' | 'descending' = $state('ascending');
  selected: string | null = $state(null);
  /** Settings read from an adapter_config.json, which win over the entered ones. */
  config: { settings: AdapterSettings; notes: string[] } | null = $state(null);
  enteredR: number | null = $state(null);
  enteredAlpha: number = $state(PEFT_DEFAULTS.alpha);
  enteredRslora: boolean = $state(PEFT_DEFAULTS.useRslora);

  sorted = $derived(this.sortKey ? sortRows(this.rows, this.sortKey, this.sortDirection) : defaultOrder(this.rows));
  selectedRow = $derived(this.rows.find((r) => rowId(r) === this.selected && r.analysis) ?? null);
  okCount = $derived(this.rows.filter((r) => r.status === 'ok').length);
  errorCount = $derived(this.rows.filter((r) => r.status === 'error').length);
  anyTruncated = $derived(this.rows.some((r) => r.analysis?.truncated));
  busy = $derived(this.jobs.some((j) => j.status === 'running' || j.status === 'queued'));

  #queue: AnalysisQueue | null = null;
  #nextId = 0;
  /** Rows and job changes that arrived since the last render, shown together (see batched.ts). */
  #pendingRows: AnalysisRow[] = [];
  #pendingJobs: Record<string, Partial<JobView>> = {}; // not reactive: applied by #applyPending
  // Four renders a second: an adapter's 224 rows in 100 ms batches still kept the main thread
  // busy 1.6–1.9 s of 3.5–4 s (traced), 1.2–1.5 s in 250 ms batches.
  #updates = batched(() => this.#applyPending(), 250);

  /**
   * @param spawn Starts one analysis worker.
   * The pool has one worker per core (`navigator.hardwareConcurrency`), at
   * most 4 as the core suggests and one per 2 GB of memory, or `?workers=N`;
   * `?kernels=js` forces the plain-JavaScript kernels (see `flags.ts`).
   */
  constructor(spawn: () => WorkerLike) {
    onMount(() => {
      const flags = analyzeFlags(window.location.search);
      const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
      const size = flags.workers ?? analysisPoolSize(suggestedPoolSize(), memory);
      this.#queue = createAnalysisQueue({ spawn, size, kernels: flags.kernels });
      this.ready = true;
      return () => {
        this.#updates.cancel();
        this.#queue?.dispose();
      };
    });
  }

  /** The adapter settings in force: the config's, else the entered ones (a plain copy: $state proxies cannot be cloned to a worker). */
  adapterSettings(): AdapterSettings {
    if (this.config) return $state.snapshot(this.config.settings);
    return enteredSettings(this.enteredR, this.enteredAlpha, this.enteredRslora, PEFT_DEFAULTS.alpha);
  }

  /** Reads the configs among `files` first (they apply to the adapters dropped with them), then starts a job per file. */
  async addFiles(files: readonly ChosenFile[]): Promise<void> {
    for (const f of files.filter((file) => isConfig(file.name))) {
      try {
        this.config = parseAdapterConfig(await (f.file as Blob).text(), f.name);
        for (const message of this.config.notes) this.#note(f.name, message, 'note', 'adapter');
      } catch (e) {
        this.#note(f.name, e instanceof Error ? e.message : String(e), 'error', 'matrix');
      }
    }
    const { jobs, rejected } = jobsForFiles(files, this.adapterSettings(), () => `job${this.#nextId++}`);
    for (const r of rejected) this.#note(r.name, r.message, 'error', 'matrix');
    for (const job of jobs) this.#start(job);
  }

  /** Compares a base and a fine-tuned checkpoint. */
  compare(base: readonly ChosenFile[], tuned: readonly ChosenFile[]): void {
    const job = diffJob(base, tuned, `job${this.#nextId++}`);
    if (job) this.#start(job);
  }

  cancel(id: string): void {
    this.#queue?.cancel(id);
  }

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortKey = key;
      this.sortDirection = COLUMNS.find((c) => c.key === key)?.numeric ? 'descending' : 'ascending';
    }
  }

  clear(): void {
    this.#updates.flush();
    this.rows = [];
    this.jobs = this.jobs.filter((j) => j.status === 'running' || j.status === 'queued');
    this.selected = null;
  }

  exportCsv(): void {
    saveFile(new Blob([toCsv(this.sorted)], { type: 'text/csv;charset=utf-8' }), 'lora-rank-analysis.csv');
  }

  #addRow(row: AnalysisRow): void {
    this.#pendingRows.push(row);
    this.#updates.schedule();
  }

  #applyPending(): void {
    if (this.#pendingRows.length > 0) {
      this.rows = [...this.rows, ...this.#pendingRows];
      this.#pendingRows = [];
    }
    const patches = this.#pendingJobs;
    if (Object.keys(patches).length > 0) {
      this.#pendingJobs = {};
      this.jobs = this.jobs.map((j) => (j.id in patches ? { ...j, ...patches[j.id] } : j));
    }
  }

  #note(name: string, message: string, status: 'note' | 'error', kind: AnalysisRow['kind']): void {
    this.#addRow({ key: `${this.#nextId++}`, jobId: 'input', source: name, name, kind, status, message });
  }

  #start({ job, title }: PlannedJob): void {
    if (!this.#queue) return;
    this.jobs = [...this.jobs, { id: job.id, title, fraction: 0, label: 'waiting', status: 'queued' }];
    const update = (patch: Partial<JobView>) => {
      this.#pendingJobs[job.id] = { ...this.#pendingJobs[job.id], ...patch };
      // A job's end shows at once, after every row it sent; progress waits for the next render.
      if (patch.status === 'running') this.#updates.schedule();
      else this.#updates.flush();
    };
    this.#queue
      .run(job, {
        onProgress: (p) => update({ fraction: p.fraction, label: p.label, status: 'running' }),
        onRow: (row) => this.#addRow(row),
      })
      .then(
        () => update({ fraction: 1, label: 'done', status: 'done' }),
        (error: unknown) => {
          if (error instanceof CancelledError) update({ status: 'cancelled', label: 'cancelled' });
          else update({ status: 'failed', label: 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
  }
}
