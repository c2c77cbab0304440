import { defaults, type StateOf } from '../../runtime/urlParams.ts';
import { SEED } from '../../runtime/seed.ts';

/** Style vs facts, side by side: only the seed (prefix `sf-`). */
export const styleFactsSchema = { seed: SEED } as const;
export const STYLE_FACTS_PREFIX = 'sf-';
export type StyleFactsState = StateOf<typeof styleFactsSchema>;
export const styleFactsDefaults: StyleFactsState = defaults(styleFactsSchema);
