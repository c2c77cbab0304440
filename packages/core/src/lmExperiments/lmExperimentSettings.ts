/** The training settings of one task in the experiments. */
export interface LmTaskSettings {
  /** Style: training people; facts: number of facts. */
  size: number;
  steps: number;
  batchSize: number;
  /** LoRA learning rate (the default fine-tune's). */
  loraLr: number;
  /** Full fine-tuning learning rate. */
  fullLr: number;
}

/** Everything that sizes the experiments of {@link lmExperiments}. */
export interface LmExperimentSettings {
  style: LmTaskSettings;
  facts: LmTaskSettings;
  /** LoRA alpha of every run. */
  alpha: number;
  /** (a) Seeds of the full fine-tunes whose ΔW spectra are measured. */
  spectraSeeds: number[];
  /** (a) Facts task sizes of the full fine-tunes (the style task uses `style.size`). */
  spectraFactsSizes: number[];
  /** (b) Seeds of the rank sweep (and of its full fine-tuning reference). */
  sweepSeeds: number[];
  /** (b) Ranks of the sweep on all six linear layers. */
  ranks: number[];
  /** (b) Ranks of the attention-only sweep. */
  attentionRanks: number[];
  /** (c) Ranks of the scaling comparison (α/r against α/√r). */
  scalingRanks: number[];
  /** (c) Learning rates tried per rank, as multiples of the task's `loraLr` (include 1). */
  lrFactors: number[];
  /** (c) Tasks of the scaling comparison. */
  scalingTasks: ('style' | 'facts')[];
  /** (d) Ranks whose facts capacity is searched. */
  capacityRanks: number[];
  /** (d) First N tried; doubled while recall ≥ `capacityThreshold`. */
  capacityStart: number;
  /** (d) Largest N tried. */
  capacityMax: number;
  /** (d) Bisection steps after the doubling. */
  capacityBisections: number;
  /** (d) Recall that counts as "recalled", e.g. 0.9. */
  capacityThreshold: number;
  /** (d) Seed of the capacity runs. */
  capacitySeed: number;
  /**
   * (a, d) Most steps of a facts run: a facts task of N > `facts.size`
   * facts trains `facts.steps · N / facts.size` steps (the same number of
   * epochs as the default run), at most this many.
   */
  factsMaxSteps: number;
}
