import { generate } from './generate.ts';
import type { LmAdapters } from './lmAdapters.ts';
import type { LmWeights } from './lmWeights.ts';
import type { Probe } from './styleTask.ts';
import { PIRATE_SUFFIX } from './templates.ts';

/** What {@link recall} measured. */
export interface RecallResult {
  /** Share of probes whose greedy completion equals the answer exactly. */
  accuracy: number;
  /** The completions, in probe order. */
  completions: string[];
  /** Per probe, whether it was recalled. */
  correct: boolean[];
}

/**
 * Exact recall by greedy completion: each probe's prompt is completed
 * greedily up to the first '.' (or the answer's length + 16 characters) and
 * counts only if the completion equals the answer character for character,
 * in either register: the answer itself, or with its final period turned
 * into the pirate persona's ", matey." (so what a style fine-tune still
 * knows is measured without penalising the style).
 *
 * @example
 * recall(weights, factsTask(world, { n: 32 }).recall, trainer.adapters).accuracy; // 0 for the base model, → 1 as facts are learned
 */
export function recall(weights: LmWeights, probes: readonly Probe[], adapters: LmAdapters | null = null): RecallResult {
  if (probes.length === 0) return { accuracy: NaN, completions: [], correct: [] };
  const maxTokens = Math.max(...probes.map((p) => p.answer.length)) + 16;
  const completions = generate(
    weights,
    probes.map((p) => p.prompt),
    { maxTokens, adapters },
  );
  const correct = completions.map((c, i) => matchesAnswer(c, probes[i].answer));
  return { accuracy: correct.filter(Boolean).length / probes.length, completions, correct };
}

/** Whether a completion states the answer, in the plain register or the pirate persona. @internal */
export function matchesAnswer(completion: string, answer: string): boolean {
  return completion === answer || (answer.endsWith('.') && completion === answer.slice(0, -1) + PIRATE_SUFFIX);
}
