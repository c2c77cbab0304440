import type { AnalysisProgress } from './types.ts';

/**
 * Progress of a job whose matrices run in parallel: the fraction is the
 * matrices done plus the running ones' own progress, over all of them, and
 * the label says how many are done and which one runs (the first started of
 * those still running).
 */
export class JobProgress {
  #total: number;
  #done = 0;
  #running = new Map<string, { name: string; fraction: number }>();

  constructor(total: number) {
    this.#total = total;
  }

  /** A matrix starts. */
  start(key: string, name: string): void {
    this.#running.set(key, { name, fraction: 0 });
  }

  /** A running matrix's own progress, in [0, 1]. */
  update(key: string, fraction: number): void {
    const r = this.#running.get(key);
    if (r) r.fraction = Math.min(1, Math.max(0, fraction));
  }

  /** A matrix is done (its row arrived). */
  finish(key: string): void {
    if (this.#running.delete(key)) this.#done++;
  }

  /** What the job's progress bar shows. */
  view(): AnalysisProgress {
    const total = this.#total;
    if (total === 0) return { fraction: 1, label: 'nothing to analyze' };
    let partial = 0;
    for (const r of this.#running.values()) partial += r.fraction;
    const first = this.#running.values().next().value;
    const more = this.#running.size > 1 ? ` and ${this.#running.size - 1} more` : '';
    return {
      fraction: (this.#done + partial) / total,
      label: `${this.#done} of ${total} done${first ? `; ${first.name}${more}` : ''}`,
    };
  }
}
