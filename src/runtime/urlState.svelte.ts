import { writeParams, type ParamSchema, type StateOf } from './urlParams.ts';

/**
 * Keeps a demo's state in the page URL (its permalink) without adding history
 * entries. Only this demo's keys (`prefix + name`) are touched, so several
 * demos share one address. Call during component initialisation; `enabled`
 * becomes true once the state has been read from the URL, so the defaults
 * never overwrite a permalink before it has been parsed.
 */
export function syncUrl<S extends ParamSchema>(schema: S, state: () => StateOf<S>, enabled: () => boolean, prefix = ''): void {
  $effect(() => {
    if (!enabled()) return;
    const current = state();
    // A scratch copy to write the query into, not state: nothing reads it reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const url = new URL(location.href);
    writeParams(schema, current, url.searchParams, prefix);
    const next = url.pathname + url.search + url.hash;
    if (next !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', next);
  });
}
