import type { ExperimentTables } from './model.ts';

/**
 * How the original experiment's tables are printed, matching the
 * original (see the site's page on it, src/pages/original-experiment.md): singular values to 2 decimals, errors to
 * 3, energy in percent to 1, scale factors to at most 3 decimals (16, 5.657).
 */
export const formatSigma = (x: number): string => x.toFixed(2);
export const formatError = (x: number): string => x.toFixed(3);
export const formatPercent = (x: number): string => (100 * x).toFixed(1);
export const formatScale = (x: number): string => String(Number(x.toFixed(3)));

function list(rs: number[]): string {
  if (rs.length <= 1) return rs.join('');
  return `${rs.slice(0, -1).join(', ')} and ${rs.at(-1)}`;
}

/**
 * The verdict on the error table, as sentences computed from the numbers:
 * whether α/√r beats α/r anywhere, how many cells are worse than no update,
 * that no scaled cell beats the unscaled optimum, and the two special ranks
 * (c = 2 gives exactly 1; c = 1 gives the optimum).
 */
export function verdictSentences(t: ExperimentTables): string[] {
  const ranks = t.errors.map((row) => row.r);
  const v = t.verdict;
  const out: string[] = [];
  const worseEverywhere = v.rsloraWorseFacts.length === ranks.length && v.rsloraWorseStyle.length === ranks.length;
  if (worseEverywhere) {
    out.push(`α/√r is worse than α/r at every rank in the table (r = ${list(ranks)}), for both updates.`);
  } else {
    out.push(
      `α/√r is worse than α/r for facts at r = ${list(v.rsloraWorseFacts) || 'none'} and for style at r = ${list(v.rsloraWorseStyle) || 'none'} of r = ${list(ranks)}.`,
    );
  }
  out.push(`${v.cellsAboveOne} of the ${v.scaledCells} scaled cells are above 1: worse than predicting no update at all.`);
  out.push(
    v.noCellBeatsOptimum
      ? 'No scaled cell beats the unscaled truncation: multiplying the optimal rank-r matrix by any c ≠ 1 can only add error.'
      : 'Some scaled cell beats the unscaled truncation, which Eckart–Young forbids: please report this seed.',
  );
  const two = ranks.find((r) => t.alpha / r === 2);
  if (two !== undefined)
    out.push(`At r = ${two}, α/r = 2 and the error is exactly 1 for both updates: ‖D − 2Dᵣ‖² = ‖D − Dᵣ‖² + ‖Dᵣ‖² = ‖D‖².`);
  const one = ranks.find((r) => t.alpha / r === 1);
  if (one !== undefined) out.push(`At r = ${one}, α/r = 1: that cell is the optimum itself, not a merit of the scale.`);
  return out;
}
