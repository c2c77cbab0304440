import { LM_MODULES, type LmModule } from '../lm/lmWeights.ts';
import type { LmRunResult } from './lmRun.ts';
import { type Spread, spread } from './spread.ts';

/** The rank summaries of the ΔW of one task's full fine-tunes (all seeds). */
export interface SpectraSummary {
  task: 'style' | 'facts';
  size: number;
  /** The seeds of the runs summarised. */
  seeds: number[];
  /** Matrices per run. */
  matrices: number;
  /** Over every matrix of every seed. */
  rank90: Spread;
  rank99: Spread;
  effectiveRank: Spread;
  stableRank: Spread;
  /** ‖ΔW‖_F / ‖W‖_F over every matrix of every seed. */
  relative: Spread;
  /** Per seed (in `seeds` order), the median rank90 over its matrices: the spread over seeds of the headline. */
  medianRank90PerSeed: number[];
  /** By kind of matrix: attention (q, k, v, o; 64 × 64) and MLP (up, down; min dimension 64). */
  byKind: Record<'attention' | 'mlp', { rank90: Spread; rank99: Spread; effectiveRank: Spread; stableRank: Spread }>;
  /** Rank90 by module, over layers and seeds. */
  byModule: Record<LmModule, Spread>;
  /** Rank90 by block, over modules and seeds. */
  byLayer: Spread[];
  /** Mean normalized energy curve over matrices and seeds: entry i is the share of ‖ΔW‖_F² in the top i + 1 singular values (64 entries). */
  energyCurve: number[];
}

/**
 * Summarises the weight-update spectra of full fine-tunes, one summary per
 * (task, size), over every matrix and seed: median and quartiles of the
 * rank for 90 % and 99 % of the energy, effective and stable rank, by
 * matrix kind, module and block, the per-seed medians, and the mean
 * energy curve. Runs without spectra are ignored.
 *
 * @example
 * const [style, facts] = spectraSummary(runs);
 * `${style.rank90.median} vs ${facts.rank90.median}`; // median rank for 90 % energy
 */
export function spectraSummary(runs: readonly LmRunResult[]): SpectraSummary[] {
  const groups = new Map<string, LmRunResult[]>();
  for (const r of runs) {
    if (!r.spectra || r.spec.mode !== 'full') continue;
    const k = `${r.spec.task}:${r.spec.size}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: SpectraSummary[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.spec.seed - b.spec.seed);
    const all = group.flatMap((r) => r.spectra!);
    const pick = (rows: typeof all) => ({
      rank90: spread(rows.map((m) => m.rank90)),
      rank99: spread(rows.map((m) => m.rank99)),
      effectiveRank: spread(rows.map((m) => m.effectiveRank)),
      stableRank: spread(rows.map((m) => m.stableRank)),
    });
    const width = Math.max(...all.map((m) => m.s.length));
    const curve = new Array<number>(width).fill(0);
    for (const m of all) {
      let total = 0;
      for (const v of m.s) total += v * v;
      let cum = 0;
      for (let i = 0; i < width; i++) {
        cum += i < m.s.length ? m.s[i] ** 2 : 0;
        curve[i] += (total > 0 ? cum / total : 0) / all.length;
      }
    }
    const layers = Math.max(...all.map((m) => m.layer)) + 1;
    out.push({
      task: group[0].spec.task,
      size: group[0].spec.size,
      seeds: group.map((r) => r.spec.seed),
      matrices: group[0].spectra!.length,
      ...pick(all),
      relative: spread(all.map((m) => m.relative)),
      medianRank90PerSeed: group.map((r) => spread(r.spectra!.map((m) => m.rank90)).median),
      byKind: { attention: pick(all.filter((m) => m.kind === 'attention')), mlp: pick(all.filter((m) => m.kind === 'mlp')) },
      byModule: Object.fromEntries(
        LM_MODULES.map((mod) => [mod, spread(all.filter((m) => m.module === mod).map((m) => m.rank90))]),
      ) as Record<LmModule, Spread>,
      byLayer: Array.from({ length: layers }, (_, l) => spread(all.filter((m) => m.layer === l).map((m) => m.rank90))),
      energyCurve: curve,
    });
  }
  return out;
}
