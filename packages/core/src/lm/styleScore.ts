import { generate } from './generate.ts';
import type { LmAdapters } from './lmAdapters.ts';
import type { LmWeights } from './lmWeights.ts';
import { parseSentence } from './templates.ts';
import type { Probe } from './styleTask.ts';
import type { World } from './world.ts';

/** What {@link styleScore} measured over the probes' greedy completions. */
export interface StyleScore {
  /** Share of completions that are a sentence of the pirate persona (the style task's register). */
  pirate: number;
  /** Share that are a sentence of the plain register. */
  plain: number;
  /** Share that are grammatical sentences (either register) stating only true facts. */
  true: number;
  /** The full sentences (prompt + completion). */
  sentences: string[];
}

/**
 * Scores style by generation: completes each probe's prompt greedily to
 * the first '.', then parses the sentence ({@link parseSentence}): which
 * register it is in, and whether what it says is true of the world. With
 * the style task's probes ("arr, {name} " for held-out people) a style
 * fine-tune should move `pirate` to 1 while keeping `true` near what the
 * base model states in plain sentences.
 *
 * @example
 * const task = styleTask(world);
 * styleScore(weights, world, task.probes, trainer.adapters); // { pirate: …, plain: …, true: …, sentences }
 */
export function styleScore(weights: LmWeights, world: World, probes: readonly Probe[], adapters: LmAdapters | null = null): StyleScore {
  const completions = generate(
    weights,
    probes.map((p) => p.prompt),
    { adapters },
  );
  const sentences = completions.map((c, i) => probes[i].prompt + c);
  const parsed = sentences.map((s) => parseSentence(world, s));
  const share = (f: (p: ReturnType<typeof parseSentence>) => boolean) => parsed.filter(f).length / Math.max(1, parsed.length);
  return {
    pirate: share((p) => p?.register === 'pirate'),
    plain: share((p) => p?.register === 'plain'),
    true: share((p) => p?.true === true),
    sentences,
  };
}
