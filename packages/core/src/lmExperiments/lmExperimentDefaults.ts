import { FINETUNE_DEFAULTS } from '../lm/createFinetuner.ts';
import type { LmExperimentSettings } from './lmExperimentSettings.ts';

const { style, facts } = FINETUNE_DEFAULTS;

/**
 * The sizes of `npm run experiments`: `full`, the committed run (100 runs,
 * 2,714 s = 45 min of one Node 22 process on a 2-core machine shared with
 * other jobs, load average 1.5–7), and `quick`, a tiny version for trying
 * the script (under a minute). Both train with the default fine-tunes'
 * settings ({@link FINETUNE_DEFAULTS}); `full` uses 3 seeds for the
 * spectra and the rank sweeps, 1 for scaling and capacity.
 */
export const LM_EXPERIMENT_SETTINGS: { full: LmExperimentSettings; quick: LmExperimentSettings } = {
  full: {
    style: { size: style.people, steps: style.steps, batchSize: style.batchSize, loraLr: style.loraLr, fullLr: style.fullLr },
    facts: { size: facts.n, steps: facts.steps, batchSize: facts.batchSize, loraLr: facts.loraLr, fullLr: facts.fullLr },
    alpha: style.alpha,
    spectraSeeds: [0, 1, 2],
    spectraFactsSizes: [facts.n, 4 * facts.n],
    sweepSeeds: [0, 1, 2],
    ranks: [1, 2, 4, 8, 16, 32, 64],
    attentionRanks: [1, 8, 64],
    scalingRanks: [8, 64],
    lrFactors: [0.25, 1, 4],
    scalingTasks: ['facts'],
    capacityRanks: [1, 2, 4, 8, 64],
    capacityStart: 16,
    capacityMax: 256,
    capacityBisections: 1,
    capacityThreshold: 0.9,
    capacitySeed: 0,
    factsMaxSteps: 400,
  },
  quick: {
    style: { size: style.people, steps: 6, batchSize: 4, loraLr: style.loraLr, fullLr: style.fullLr },
    facts: { size: 4, steps: 6, batchSize: 4, loraLr: facts.loraLr, fullLr: facts.fullLr },
    alpha: style.alpha,
    spectraSeeds: [0],
    spectraFactsSizes: [4],
    sweepSeeds: [0],
    ranks: [1, 4],
    attentionRanks: [1],
    scalingRanks: [1, 4],
    lrFactors: [1, 4],
    scalingTasks: ['facts'],
    capacityRanks: [1],
    capacityStart: 2,
    capacityMax: 4,
    capacityBisections: 1,
    capacityThreshold: 0.9,
    capacitySeed: 0,
    factsMaxSteps: 12,
  },
};
