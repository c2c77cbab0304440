import { defaults, type StateOf } from '../../runtime/urlParams.ts';

/** The capacity experiment's permalink schema (prefix `cap-`). */
export const capacitySchema = {
  n: { kind: 'int', label: 'facts N', min: 4, max: 256, default: 64 },
  d: { kind: 'int', label: 'd (value size)', min: 8, max: 128, default: 64 },
  k: { kind: 'int', label: 'k (key size)', min: 8, max: 128, default: 64 },
  styleRank: { kind: 'int', label: 'style rank', min: 1, max: 128, default: 4 },
  steps: { kind: 'int', label: 'training steps', min: 10, max: 1000, default: 150 },
  seed: { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 },
} as const;

export const CAPACITY_PREFIX = 'cap-';
export type CapacityState = StateOf<typeof capacitySchema>;
export const capacityDefaults: CapacityState = defaults(capacitySchema);
