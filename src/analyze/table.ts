import type { SpectrumAnalysis } from '@lora-rank/core';
import { fmt } from '../runtime/charts/chartFrame.ts';
import { csvLines, type CsvValue } from '../runtime/csv.ts';
import type { AnalysisRow } from './types.ts';

/** Keys of the sortable columns of the results table. */
export type SortKey =
  | 'name'
  | 'source'
  | 'size'
  | 'nominalRank'
  | 'numericalRank'
  | 'rank90'
  | 'rank99'
  | 'effectiveRank'
  | 'stableRank'
  | 'energy8'
  | 'energy16'
  | 'energy64'
  | 'frobenius';

export interface Column {
  key: SortKey;
  label: string;
  /** Short explanation, shown as the header's title and in the page's legend. */
  help: string;
  numeric: boolean;
}

export const COLUMNS: Column[] = [
  { key: 'name', label: 'Matrix', help: 'Tensor or LoRA module name', numeric: false },
  { key: 'source', label: 'File', help: 'The file(s) it comes from', numeric: false },
  { key: 'size', label: 'Shape', help: 'd × k of the update', numeric: true },
  { key: 'nominalRank', label: 'r', help: 'Nominal rank of a LoRA adapter (lora_A rows)', numeric: true },
  { key: 'numericalRank', label: 'Used rank', help: 'Numerical rank: singular values above max(d, k)·σ₁·2⁻⁵²', numeric: true },
  { key: 'rank90', label: 'Rank 90 %', help: 'Smallest rank capturing 90 % of the squared Frobenius norm ‖ΔW‖²', numeric: true },
  { key: 'rank99', label: 'Rank 99 %', help: 'Smallest rank capturing 99 % of the squared Frobenius norm ‖ΔW‖²', numeric: true },
  { key: 'effectiveRank', label: 'Eff. rank', help: 'Effective rank (Roy & Vetterli 2007)', numeric: true },
  {
    key: 'stableRank',
    label: 'Stable rank',
    help: '‖ΔW‖² / σ₁², the squared Frobenius norm over the largest singular value squared',
    numeric: true,
  },
  { key: 'energy8', label: 'r = 8', help: 'Energy captured by the best rank-8 approximation', numeric: true },
  { key: 'energy16', label: 'r = 16', help: 'Energy captured by the best rank-16 approximation', numeric: true },
  { key: 'energy64', label: 'r = 64', help: 'Energy captured by the best rank-64 approximation', numeric: true },
  { key: 'frobenius', label: '‖ΔW‖', help: 'Frobenius norm of the update', numeric: true },
];

const energyAt = (a: SpectrumAnalysis, r: number) => a.energyAt.find((e) => e.r === r)?.share ?? null;

/**
 * The value a column sorts by. A rank known only to exceed the computed top
 * k ("> k") sorts just above k; rows without an analysis (errors, notes)
 * have none and always sort last.
 */
export function sortValue(row: AnalysisRow, key: SortKey): number | string | null {
  if (key === 'name') return row.name;
  if (key === 'source') return row.source;
  const a = row.analysis;
  if (!a) return null;
  const beyond = a.s.length + 0.5;
  switch (key) {
    case 'size':
      return a.rows * a.cols;
    case 'nominalRank':
      return a.nominalRank ?? null;
    case 'numericalRank':
      return a.numericalRank ?? beyond;
    case 'rank90':
      return a.rank90 ?? beyond;
    case 'rank99':
      return a.rank99 ?? beyond;
    case 'effectiveRank':
      return a.effectiveRank;
    case 'stableRank':
      return a.stableRank;
    case 'energy8':
      return energyAt(a, 8);
    case 'energy16':
      return energyAt(a, 16);
    case 'energy64':
      return energyAt(a, 64);
    case 'frobenius':
      return a.frobenius;
  }
}

/** Names compared with numbers as numbers (`layers.2` before `layers.10`); one collator for every comparison (localeCompare with options makes one per call). */
const byName = new Intl.Collator('en', { numeric: true });

/** Rows sorted by a column (stable; rows without a value last in both directions). */
export function sortRows(rows: readonly AnalysisRow[], key: SortKey, direction: 'ascending' | 'descending'): AnalysisRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: sortValue(row, key) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      const c = typeof x.v === 'string' ? byName.compare(x.v, y.v as string) : x.v - (y.v as number);
      return c !== 0 ? sign * c : x.i - y.i;
    })
    .map((x) => x.row);
}

/**
 * The table's order before the reader sorts it: job by job (in the order
 * their first rows came), within a job its notes first, then its rows by
 * name with numbers compared as numbers (`layers.2` before `layers.10`).
 * Rows arrive in the order the workers finish them, several batches at once,
 * which would read as a shuffle.
 */
export function defaultOrder(rows: readonly AnalysisRow[]): AnalysisRow[] {
  const jobs = new Map<string, number>();
  for (const row of rows) if (!jobs.has(row.jobId)) jobs.set(row.jobId, jobs.size);
  return rows
    .map((row, i) => ({ row, i, job: jobs.get(row.jobId)!, note: row.status === 'note' ? 0 : 1 }))
    .sort((x, y) => x.job - y.job || x.note - y.note || (x.note === 0 ? 0 : byName.compare(x.row.name, y.row.name)) || x.i - y.i)
    .map((x) => x.row);
}

/** A rank for display: the number, or "> k" when it lies beyond the k known values. */
export function formatRank(rank: number | null, known: number): string {
  return rank === null ? `> ${known}` : String(rank);
}

/** A share of energy as a percentage with one decimal ("> k" cases show "–"). */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${(100 * share).toFixed(1)} %`;
}

/**
 * A small fraction in percent, without the sign: two significant digits, in
 * exponent notation below 0.01 ("4.8", "0.042", "1.2e-9").
 */
export function percent(fraction: number): string {
  const p = 100 * fraction;
  if (p === 0 || !Number.isFinite(p)) return String(p);
  return p >= 0.01 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

/** The text of one cell of the table. */
export function cellText(row: AnalysisRow, key: SortKey): string {
  if (key === 'name') return row.name;
  if (key === 'source') return row.source;
  const a = row.analysis;
  if (!a) return '';
  const k = a.s.length;
  switch (key) {
    case 'size':
      // No break between × and the columns: a shape that wraps reads "14336" / "× 4096".
      return `${a.rows} ×\u00a0${a.cols}`;
    case 'nominalRank':
      return a.nominalRank === undefined ? '–' : String(a.nominalRank);
    case 'numericalRank':
      return formatRank(a.numericalRank, k);
    case 'rank90':
      return formatRank(a.rank90, k);
    case 'rank99':
      return formatRank(a.rank99, k);
    case 'effectiveRank':
      return a.truncated ? `${fmt(a.effectiveRank)}†` : fmt(a.effectiveRank);
    case 'stableRank':
      return fmt(a.stableRank);
    case 'energy8':
      return formatShare(energyAt(a, 8));
    case 'energy16':
      return formatShare(energyAt(a, 16));
    case 'energy64':
      return formatShare(energyAt(a, 64));
    case 'frobenius':
      return fmt(a.frobenius);
  }
}

const CSV_HEADER = [
  'source',
  'name',
  'kind',
  'status',
  'message',
  'rows',
  'cols',
  'method',
  'gamma',
  'nominal_rank',
  'numerical_rank',
  'rank_90',
  'rank_99',
  'effective_rank',
  'stable_rank',
  'energy_r8',
  'energy_r16',
  'energy_r64',
  'frobenius',
  'singular_values_known',
  'truncated',
  'sigma_accuracy',
  'energy_share_error',
  'power_iterations',
  'converged',
  'svd_precision',
  'kernels',
  'sigma_errors',
  'singular_values',
];

/**
 * The table as CSV (RFC 4180, with a header line). Numbers are written in
 * full precision; a quantity that is unknown because only the top k
 * singular values were computed (a rank beyond k) is left empty, with
 * `singular_values_known` = k and `truncated` = true saying why. For a
 * randomized SVD, `sigma_accuracy` is the largest estimated relative error
 * of the values, `energy_share_error` how much a share may be low (a
 * fraction of ‖ΔW‖²_F), and `sigma_errors` each value's estimate
 * (space-separated, like the known singular values in the last column).
 */
export function toCsv(rows: readonly AnalysisRow[]): string {
  const lines: CsvValue[][] = [CSV_HEADER];
  for (const row of rows) {
    const a = row.analysis;
    const acc = row.accuracy;
    const cells = [
      row.source,
      row.name,
      row.kind,
      row.status,
      row.message,
      a?.rows,
      a?.cols,
      row.method,
      row.gamma,
      a?.nominalRank,
      a?.numericalRank,
      a?.rank90,
      a?.rank99,
      a?.effectiveRank,
      a?.stableRank,
      a ? energyAt(a, 8) : null,
      a ? energyAt(a, 16) : null,
      a ? energyAt(a, 64) : null,
      a?.frobenius,
      a?.s.length,
      a ? String(a.truncated) : null,
      acc?.sigma,
      acc?.share,
      acc?.iterations,
      acc ? String(acc.converged) : null,
      acc?.precision,
      row.kernels,
      acc ? Array.from(acc.errors).join(' ') : null,
      a ? Array.from(a.s).join(' ') : null,
    ];
    lines.push(cells);
  }
  return csvLines(lines);
}

/**
 * A tensor name cut after each dot (`model.`, `layers.`, `0.`, `self_attn.`,
 * `q_proj`), so a table cell can break a long name between its parts
 * (`<wbr>`) instead of in the middle of a word.
 */
export function nameParts(name: string): string[] {
  return name.split(/(?<=\.)/);
}

/**
 * Fills an element with a name that may break after its dots: its
 * {@link nameParts} as text nodes with `<wbr>` between them, made with DOM
 * calls (names come from the reader's files: nothing in them becomes
 * markup). A Svelte attachment (`{@attach breakableName(name)}`): one per
 * cell instead of a block per part, so the table's rows are created several
 * times faster.
 */
export function breakableName(name: string): (element: Element) => void {
  return (element) => {
    const doc = element.ownerDocument;
    const nodes: Node[] = [];
    nameParts(name).forEach((part, i) => {
      if (i > 0) nodes.push(doc.createElement('wbr'));
      nodes.push(doc.createTextNode(part));
    });
    element.replaceChildren(...nodes);
  };
}

/**
 * How a row's values were computed, as the detail view states it: for a
 * randomized SVD, how accurate the values are and how much the energy
 * shares may be low.
 */
export function methodDescription(row: AnalysisRow): string {
  const a = row.analysis;
  if (!a) return '';
  if (row.method === 'adapter') {
    return `LoRA adapter of rank ${a.nominalRank}, γ = ${fmt(row.gamma ?? NaN)}: exact spectrum from the r × r small problem`;
  }
  if (row.method !== 'randomized') return 'exact SVD';
  const acc = row.accuracy;
  const how = `top ${a.s.length} singular values by randomized SVD`;
  if (!acc) return how;
  const iterations = `${acc.iterations} power iteration${acc.iterations === 1 ? '' : 's'}${acc.precision === 'float32' ? ' in float32' : ''}`;
  const spread = acc.workers > 1 ? ` on ${acc.workers} workers` : '';
  const stop = acc.converged ? '' : ', the most this page runs';
  const first = acc.errors.length > 0 && acc.errors[0]! < acc.sigma ? ` (σ₁ to ${percent(acc.errors[0]!)} %)` : '';
  return (
    `${how} (${iterations}${stop}${spread}): σ accurate to ${percent(acc.sigma)} %${first} by its error estimates. ` +
    `Energy shares use the exact Frobenius norm; they are exact given these values and can only be low, by at most ${percent(acc.share)} percentage points`
  );
}
