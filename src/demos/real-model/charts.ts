import * as Plot from '@observablehq/plot';
import type { LmModule } from '@lora-rank/core/lm';
import type { DataTable } from '../../runtime/csv.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide } from '../../runtime/charts/chartFrame.ts';
import type { LmRunResult, MatrixUpdate } from './model.ts';

/** Short names of the six linear layers, in block order. */
export const MODULE_LABEL: Record<LmModule, string> = {
  q_proj: 'q',
  k_proj: 'k',
  v_proj: 'v',
  o_proj: 'o',
  up_proj: 'up',
  down_proj: 'down',
};

/** One point of the training curve. */
export interface LossPoint {
  step: number;
  loss: number;
}

/** The training loss of every step received, as points (`firstStep` is the chunk's first step, counted from 1). */
export function lossPoints(chunks: readonly { firstStep: number; loss: ArrayLike<number> }[]): LossPoint[] {
  const out: LossPoint[] = [];
  for (const c of chunks) for (let i = 0; i < c.loss.length; i++) out.push({ step: c.firstStep + i, loss: c.loss[i]! });
  return out;
}

/**
 * The centred moving mean over `width` steps (fewer at the ends), so the
 * curve of a small-batch run reads as a trend: each step's loss is one batch
 * of 16 sequences and jumps by several per cent.
 */
export function smoothed(points: readonly LossPoint[], width = 9): LossPoint[] {
  const half = width >> 1;
  return points.map((p, i) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(points.length, i + half + 1);
    let sum = 0;
    for (let j = lo; j < hi; j++) sum += points[j]!.loss;
    return { step: p.step, loss: sum / (hi - lo) };
  });
}

/** Training loss against step: each step faint, the centred mean of 9 steps bold; x runs to the planned steps. */
export function lossChart(points: readonly LossPoint[], steps: number, size: ChartSize): Plot.PlotOptions {
  const wide = isWide(size);
  return {
    marginTop: 20,
    marginRight: 12,
    marginBottom: 36,
    marginLeft: 48,
    style: CHART_STYLE,
    x: { label: 'step →', domain: [0, steps], ticks: wide ? 8 : 4 },
    y: { label: '↑ training loss (nats per character)', grid: true, zero: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.line(points, { x: 'step', y: 'loss', stroke: COLORS.muted, strokeWidth: 1, strokeOpacity: 0.6 }),
      Plot.line(smoothed(points), { x: 'step', y: 'loss', stroke: COLORS.primary, strokeWidth: 2 }),
    ],
  };
}

/** A text alternative for the training curve. */
export function describeLoss(points: readonly LossPoint[], steps: number): string {
  if (points.length === 0) return 'No steps yet.';
  const first = points[0]!;
  const last = points.at(-1)!;
  const tail = points.slice(-9);
  const mean = tail.reduce((a, p) => a + p.loss, 0) / tail.length;
  return (
    `Training loss over ${last.step} of ${steps} steps: ${fmt(first.loss, 3)} at step ${first.step}, ${fmt(last.loss, 3)} at step ${last.step}` +
    ` (mean of the last ${tail.length} steps ${fmt(mean, 3)}).`
  );
}

/** The training curve as a table. */
export function lossTable(points: readonly LossPoint[]): DataTable {
  return { columns: ['step', 'training loss'], rows: points.map((p) => [p.step, p.loss]) };
}

/** Median of a list (0 for an empty one). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Colours of the four blocks (the lab's rank colours, themed by CSS). */
export const BLOCK_COLORS = ['var(--rank-1)', 'var(--rank-2)', 'var(--rank-3)', 'var(--rank-4)'];

/** Points of the rank chart: each matrix at its kind's column, the blocks side by side within it. */
export function rankPoints(updates: readonly MatrixUpdate[]): { x: number; rank90: number; block: string; name: string }[] {
  const kinds = (Object.keys(MODULE_LABEL) as LmModule[]).filter((m) => updates.some((u) => u.module === m));
  const layers = Math.max(1, ...updates.map((u) => u.layer + 1));
  return updates.map((u) => ({
    x: kinds.indexOf(u.module) + (layers > 1 ? (u.layer / (layers - 1) - 0.5) * 0.5 : 0),
    rank90: u.rank90,
    block: `block ${u.layer + 1}`,
    name: u.name,
  }));
}

/**
 * Rank holding 90 % of each updated matrix's energy, one dot per matrix
 * (columns: the layer's kind; within a column, blocks 1 to 4 left to right,
 * coloured), each kind's median as a bar, and the LoRA rank as a dashed
 * rule when there is one (an adapter's update has rank at most r).
 */
export function rankChart(result: Pick<LmRunResult, 'updates' | 'config'>, size: ChartSize): Plot.PlotOptions {
  const { updates, config } = result;
  const kinds = (Object.keys(MODULE_LABEL) as LmModule[]).filter((m) => updates.some((u) => u.module === m));
  const medians = kinds.map((m, i) => ({ x: i, rank90: median(updates.filter((u) => u.module === m).map((u) => u.rank90)) }));
  const top = Math.max(4, ...updates.map((u) => u.rank90), config.mode === 'lora' ? config.rank : 0);
  const blocks = [...new Set(updates.map((u) => u.layer))].sort((a, b) => a - b);
  return {
    marginTop: 20,
    marginRight: 12,
    marginBottom: 36,
    marginLeft: 48,
    style: CHART_STYLE,
    x: {
      label: null,
      domain: [-0.5, kinds.length - 0.5],
      ticks: kinds.map((_, i) => i),
      tickFormat: (i: number) => MODULE_LABEL[kinds[i]!] ?? '',
    },
    y: { label: '↑ rank for 90 % of the energy', grid: true, domain: [0, top], nice: true },
    color: { type: 'ordinal', domain: blocks.map((l) => `block ${l + 1}`), range: BLOCK_COLORS },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      ...(config.mode === 'lora' ? [Plot.ruleY([config.rank], { stroke: COLORS.muted, strokeDasharray: '4 3' })] : []),
      Plot.ruleY(medians, {
        x1: (d: { x: number }) => d.x - 0.35,
        x2: (d: { x: number }) => d.x + 0.35,
        y: 'rank90',
        stroke: 'currentColor',
        strokeWidth: 2,
      }),
      Plot.dot(rankPoints(updates), { x: 'x', y: 'rank90', fill: 'block', r: isWide(size) ? 4.5 : 3.5 }),
    ],
  };
}

/** A text alternative for the rank chart. */
export function describeRanks(updates: readonly MatrixUpdate[], lora: number | null): string {
  if (updates.length === 0) return 'No update yet.';
  const ranks = updates.map((u) => u.rank90);
  const byKind = (Object.keys(MODULE_LABEL) as LmModule[])
    .filter((m) => updates.some((u) => u.module === m))
    .map((m) => `${MODULE_LABEL[m]} ${median(updates.filter((u) => u.module === m).map((u) => u.rank90))}`)
    .join(', ');
  return (
    `Rank holding 90 % of each update's energy, over ${updates.length} matrices: median ${median(ranks)}, from ${Math.min(...ranks)} to ${Math.max(...ranks)}` +
    `${lora ? ` (the adapter's rank is ${lora})` : ''}. Median by layer: ${byKind}.`
  );
}

/** Every updated matrix's spectrum summary, as a table. */
export function updatesTable(updates: readonly MatrixUpdate[]): DataTable {
  return {
    columns: ['matrix', 'rank 90 %', 'rank 99 %', 'effective rank', 'stable rank', 'Frobenius norm'],
    rows: updates.map((u) => [u.name, u.rank90, u.rank99, u.effectiveRank, u.stableRank, u.frobenius]),
  };
}
