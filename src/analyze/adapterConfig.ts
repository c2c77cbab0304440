import type { AdapterSettings } from './types.ts';

/** PEFT's LoraConfig defaults: r = 8, lora_alpha = 8, use_rslora = False. */
export const PEFT_DEFAULTS = { r: 8, alpha: 8, useRslora: false } as const;

/**
 * Reads r, lora_alpha and use_rslora from the text of a PEFT
 * `adapter_config.json`. Missing fields take PEFT's defaults. A non-empty
 * `rank_pattern` lets modules have their own rank (taken from their lora_A
 * shape); `alpha_pattern` cannot be honoured and is reported in `notes`.
 *
 * @throws Error naming the file and the problem for invalid JSON or fields.
 */
export function parseAdapterConfig(text: string, file: string): { settings: AdapterSettings; notes: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: expected a JSON object`);
  const c = json as Record<string, unknown>;
  const r = c.r ?? PEFT_DEFAULTS.r;
  const alpha = c.lora_alpha ?? PEFT_DEFAULTS.alpha;
  const rslora = c.use_rslora ?? PEFT_DEFAULTS.useRslora;
  if (!Number.isInteger(r) || (r as number) < 1) throw new Error(`${file}: "r" is ${JSON.stringify(c.r)}, expected a positive integer`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha))
    throw new Error(`${file}: "lora_alpha" is ${JSON.stringify(c.lora_alpha)}, expected a number`);
  if (typeof rslora !== 'boolean') throw new Error(`${file}: "use_rslora" is ${JSON.stringify(c.use_rslora)}, expected true or false`);
  const nonEmpty = (v: unknown) => v !== null && typeof v === 'object' && Object.keys(v).length > 0;
  const notes: string[] = [];
  if (nonEmpty(c.alpha_pattern)) {
    notes.push(`${file}: alpha_pattern is not supported; every module is scaled with lora_alpha = ${alpha}`);
  }
  return {
    settings: {
      r: r as number,
      alpha,
      scaling: rslora ? 'rslora' : 'standard',
      perModuleRank: nonEmpty(c.rank_pattern),
      source: file,
    },
    notes,
  };
}
