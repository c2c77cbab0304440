/**
 * Normalizes a base path from the environment to Astro's form: a leading and
 * a trailing slash (`lora-rank` -> `/lora-rank/`); empty or unset gives `/`.
 * Rejects anything that is not a plain path so that a typo in a workflow
 * fails the build instead of deploying a broken site.
 *
 * @param {string | undefined} raw
 * @returns {string}
 */
export function basePath(raw) {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '/';
  if (!/^[A-Za-z0-9._~\-/]+$/.test(trimmed) || trimmed.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`BASE_PATH must be a plain URL path such as /lora-rank/; received ${JSON.stringify(raw)}`);
  }
  return `/${trimmed}/`;
}
