import type { KernelBackend, KernelBackendChoice, LoraScaling, SpectrumAnalysis } from '@lora-rank/core';
import type { MatrixLocation } from '@lora-rank/core/io';

/** How an adapter's update is scaled: from adapter_config.json, or entered by the reader. */
export interface AdapterSettings {
  /** Nominal rank from the config (or entered); null to take each module's rank from its lora_A shape. */
  r: number | null;
  /** lora_alpha. */
  alpha: number;
  scaling: LoraScaling;
  /**
   * True when the config has a rank_pattern: modules may then have their own
   * rank, so a lora_A shape that differs from r is not an error.
   */
  perModuleRank: boolean;
  /** Where these came from, shown with the results. */
  source: string;
}

/** One unit of work for the analysis worker: one file, or a base/tuned pair of checkpoints. */
export type AnalysisJob =
  | { id: string; kind: 'safetensors'; file: File | Blob; name: string; adapter: AdapterSettings }
  | { id: string; kind: 'npy'; file: File | Blob; name: string }
  | {
      id: string;
      kind: 'diff';
      base: { file: File | Blob; name: string }[];
      tuned: { file: File | Blob; name: string }[];
    };

/** How a row's singular values were computed. */
export type SpectrumMethod = 'adapter' | 'exact' | 'randomized';

/** A tensor to read: its file (a handle: structured clone passes no bytes) and where it lies in it. */
export interface TensorSource {
  file: File | Blob;
  loc: MatrixLocation;
}

/** What every task and row of a job share. */
interface RowIdentity {
  /** Unique within a job. */
  key: string;
  jobId: string;
  /** The file (or "base ⇄ tuned" files) the row comes from. */
  source: string;
  /** Tensor or module name (the file name for a .npy file or a file-level error). */
  name: string;
}

/**
 * One matrix of a job: the unit the pool of workers spreads. A job (one
 * file, or one base/fine-tuned pair) is split into these by `planJob`, one
 * per adapter module, tensor or pair of tensors, each self-contained (file
 * handles and byte ranges), so any worker can run any of them.
 */
export type TensorTask = RowIdentity &
  (
    | { kind: 'adapter'; a: TensorSource; b: TensorSource; settings: AdapterSettings }
    | { kind: 'matrix'; tensor: TensorSource }
    | { kind: 'diff'; base: TensorSource; tuned: TensorSource }
  );

/** An adapter module's task. */
export type AdapterTask = Extract<TensorTask, { kind: 'adapter' }>;

/** A job split into its tasks, with the rows known from the headers alone (errors, notes). */
export interface JobPlan {
  rows: AnalysisRow[];
  tasks: TensorTask[];
}

/** How a task is computed: which kernels (`?kernels=` on the page; `'auto'` by default). */
export interface TaskOptions {
  kernels: KernelBackendChoice;
}

/**
 * How accurate a randomized SVD's values are, by its error estimates (see
 * the core's `randomizedSvd`): each computed value s_j is a lower bound of
 * σ_j, and σ_j ≤ s_j·(1 + errors_j).
 */
export interface SpectrumAccuracy {
  /** The largest estimated relative error of the values above the rounding level: "σ accurate to sigma·100 %". */
  sigma: number;
  /** The estimate of each value. */
  errors: Float64Array;
  /**
   * How much any energy share up to k may be low, as a fraction of ‖ΔW‖²_F:
   * Σ_j ((1 + errors_j)² − 1)·s_j² / ‖ΔW‖²_F (shares are never high: the
   * values are lower bounds and the norm is exact).
   */
  share: number;
  /** Power iterations run. */
  iterations: number;
  /** Whether every estimate reached the tolerance asked for. */
  converged: boolean;
  /** Precision of the power iterations' products (the final projection, which gives the values, is always float64). */
  precision: 'float32' | 'float64';
  /** Workers whose cores ran the products (more than 1 when idle workers were borrowed). */
  workers: number;
}

/** One row of the results table: a matrix and its analysis, an error, or a note. */
export interface AnalysisRow extends RowIdentity {
  kind: 'adapter' | 'diff' | 'matrix';
  status: 'ok' | 'error' | 'note';
  /** What went wrong (error) or what was skipped (note). */
  message?: string;
  analysis?: SpectrumAnalysis;
  method?: SpectrumMethod;
  /** The adapter's scale gamma, for adapter rows. */
  gamma?: number;
  /** For randomized SVDs: how accurate the values are. */
  accuracy?: SpectrumAccuracy;
  /** The kernels that computed the row (WebAssembly SIMD or the plain-JavaScript fallback). */
  kernels?: KernelBackend;
}

/** Progress of a job: a fraction in [0, 1] and what it is doing. */
export interface AnalysisProgress {
  fraction: number;
  label: string;
}
