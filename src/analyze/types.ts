import type { LoraScaling, SpectrumAnalysis } from '@lora-rank/core';

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

/** One row of the results table: a matrix and its analysis, an error, or a note. */
export interface AnalysisRow {
  /** Unique within a job. */
  key: string;
  jobId: string;
  /** The file (or "base ⇄ tuned" files) the row comes from. */
  source: string;
  /** Tensor or module name (the file name for a .npy file or a file-level error). */
  name: string;
  kind: 'adapter' | 'diff' | 'matrix';
  status: 'ok' | 'error' | 'note';
  /** What went wrong (error) or what was skipped (note). */
  message?: string;
  analysis?: SpectrumAnalysis;
  method?: SpectrumMethod;
  /** The adapter's scale gamma, for adapter rows. */
  gamma?: number;
}

/** Progress of a job: a fraction in [0, 1] and what it is doing. */
export interface AnalysisProgress {
  fraction: number;
  label: string;
}
