import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pretrainConfig } from '../src/lm/index.ts';
import {
  type LmExperimentSettings,
  type LmExperimentSummary,
  type RecordedRun,
  runKey,
  summarizeLmExperiments,
} from '../src/lmExperiments/index.ts';

// The committed output of `npm run experiments` (numbers rounded to 7 significant digits; NaN written as null).
const doc = JSON.parse(readFileSync(new URL('../data/lm-experiments.json', import.meta.url), 'utf8')) as {
  schema: number;
  quick: boolean;
  complete: boolean;
  totalSeconds: number;
  settings: LmExperimentSettings;
  summary: LmExperimentSummary;
  runs: RecordedRun[];
};
const NAN_FIELDS = ['trainLoss', 'pirate', 'truthful', 'recall', 'recalled', 'heldoutRecall'] as const;
const runs: RecordedRun[] = doc.runs.map((r) => ({
  ...r,
  result: { ...r.result, ...Object.fromEntries(NAN_FIELDS.map((k) => [k, r.result[k] ?? NaN])) },
}));

/** Compares two JSON-like values, numbers to a relative tolerance (the file's rounding), null = NaN. */
function near(a: unknown, b: unknown, path = ''): void {
  if (typeof b === 'number' || b === null) {
    const x = a === null ? NaN : (a as number);
    const y = b === null ? NaN : b;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      expect(Number.isFinite(x), path).toBe(false);
    } else {
      expect(Math.abs(x - y), `${path}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(y)));
    }
    return;
  }
  if (Array.isArray(b)) {
    expect(Array.isArray(a), path).toBe(true);
    expect((a as unknown[]).length, path).toBe(b.length);
    b.forEach((v, i) => near((a as unknown[])[i], v, `${path}[${i}]`));
    return;
  }
  if (typeof b === 'object') {
    for (const [k, v] of Object.entries(b)) near((a as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(a, path).toBe(b);
}

describe('data/lm-experiments.json', () => {
  it('has the expected shape: settings, summary sections, runs with keys, specs and wall times', () => {
    expect(doc.schema).toBe(1);
    expect(doc.quick).toBe(false);
    expect(typeof doc.complete).toBe('boolean');
    expect(doc.totalSeconds).toBeGreaterThan(0);
    expect(Object.keys(doc.summary).sort()).toEqual(['capacity', 'forgetting', 'fullSpectra', 'headline', 'rankSweep', 'scaling']);
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) {
      expect(r.key).toBe(runKey(r.result.spec));
      expect(r.seconds).toBeGreaterThanOrEqual(0);
      expect(r.experiments.length).toBeGreaterThan(0);
      expect(r.result.pretrainLoss).toBeGreaterThan(0);
      if (r.result.spectra) {
        expect(r.result.spectra).toHaveLength(24);
        for (const m of r.result.spectra) {
          expect(m.s).toHaveLength(64);
          expect(m.rank90).toBeLessThanOrEqual(m.rank99);
          expect(m.rank99).toBeLessThanOrEqual(64);
        }
      }
    }
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
  });

  it('its summary (and headline numbers) are what summarizeLmExperiments computes from its runs', () => {
    const recomputed = summarizeLmExperiments(doc.settings, pretrainConfig(), runs);
    near(recomputed, JSON.parse(JSON.stringify(doc.summary)), 'summary');
  });

  it('the energy curves are in [0, 1], increasing, and reach 1', () => {
    for (const s of doc.summary.fullSpectra) {
      s.energyCurve.forEach((e, i) => {
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(1 + 1e-6);
        if (i > 0) expect(e).toBeGreaterThanOrEqual(s.energyCurve[i - 1] - 1e-6);
      });
      expect(s.energyCurve.at(-1)).toBeCloseTo(1, 5);
    }
  });
});
