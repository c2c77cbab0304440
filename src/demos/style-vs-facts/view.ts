import type { DataTable } from '../../runtime/csv.ts';
import type { StyleVsFacts } from './model.ts';
import { describePair, pairTable } from './charts.ts';

/** What the style-vs-facts demo prints, as plain JSON-safe data (island props and live results alike). */
export interface StyleFactsView {
  seed: number;
  rows: { kind: 'style' | 'facts'; rank90: number; rank99: number; effectiveRank: number; energyAt4: number }[];
  text: { spectra: string; energy: string; error: string };
  tables: { spectra: DataTable; energy: DataTable; error: DataTable };
}

/** Readouts, text alternatives and data tables of one result. */
export function styleFactsView(result: StyleVsFacts): StyleFactsView {
  const { style, facts } = result;
  const marks = [1, 4, 8, 16, 32, 64];
  return {
    seed: result.seed,
    rows: (['style', 'facts'] as const).map((kind) => ({
      kind,
      rank90: result[kind].rank90,
      rank99: result[kind].rank99,
      effectiveRank: result[kind].effectiveRank,
      energyAt4: result[kind].energy[3]!,
    })),
    text: {
      spectra: describePair('Singular values σᵢ at index i', { style: style.s, facts: facts.s }, [1, 2, 4, 5, 8, 32, 64], 1),
      energy: describePair('Energy captured at rank r', { style: style.energy, facts: facts.energy }, marks, 1, true),
      error: describePair('Best relative error at rank r', { style: style.error, facts: facts.error }, [0, ...marks], 0),
    },
    tables: {
      spectra: pairTable('i', 'singular value', { style: style.s, facts: facts.s }, 1),
      energy: pairTable('r', 'energy captured', { style: style.energy, facts: facts.energy }, 1),
      error: pairTable('r', 'best relative error', { style: style.error, facts: facts.error }, 0),
    },
  };
}
