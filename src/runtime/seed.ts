/**
 * The permalink field every seeded demo shares: an unsigned 32-bit integer,
 * as NumPy's `RandomState` takes it; 42 as in the original experiment.
 * Each demo's schema keeps its own key prefix, so all of them share the
 * page's one address without clashing (the Spectrum Explorer, the first demo,
 * uses bare keys).
 */
export const SEED = { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 } as const;
