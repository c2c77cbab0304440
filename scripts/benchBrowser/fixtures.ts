// The files `npm run bench:browser` analyzes in the page, written with the
// core's fixture writer (packages/core/test/ioFixtures.ts) to a temporary
// directory, tensor by tensor, so that multi-gigabyte checkpoints never sit
// in memory: an adapter shaped like a Llama-3.1-8B LoRA (r = 16), a base and
// a fine-tuned checkpoint shaped like Llama-3.2-1B (random weights; the
// fine-tuned one adds a planted rank-16 update and noise to each
// projection), and two single large matrices. Never committed.

import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { matmul, type Matrix } from '../../packages/core/src/index.ts';
import { LLAMA_SHAPES, type LlamaShape } from '../../packages/core/src/train/llamaShapes.ts';
import { encodeValues, npyBytes, safetensorsHeaderBytes, type FixtureDtype } from '../../packages/core/test/ioFixtures.ts';

/** The standard normal quantile function (Acklam's rational approximation, relative error below 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** 65 536 standard normal quantiles, at (i + ½)/65 536. */
const QUANTILES = Float64Array.from({ length: 65536 }, (_, i) => normalQuantile((i + 0.5) / 65536));

/**
 * A seeded stream of (nearly) standard normal draws, for gigabytes of
 * weights: xoshiro128** picks one of 65 536 normal quantiles per 16 bits, so
 * the draws are normal to the table's resolution (|z| up to 4.3, steps far
 * below what BF16's 8 significant bits keep). About 20 times faster than
 * the core's NumPy-compatible RandomState; not NumPy's sequence.
 */
export function normalStream(seed: number): (out: Float64Array, scale?: number) => Float64Array {
  // splitmix32 expands the seed into the generator's four words.
  let x = seed >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = split();
  let s1 = split();
  let s2 = split();
  let s3 = split();
  return (out, scale = 1) => {
    for (let i = 0; i < out.length; i += 2) {
      const five = Math.imul(s1, 5);
      const r = Math.imul((five << 7) | (five >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = scale * QUANTILES[r & 0xffff]!;
      if (i + 1 < out.length) out[i + 1] = scale * QUANTILES[r >>> 16]!;
    }
    return out;
  };
}

/** A .safetensors file written tensor by tensor, in the order of its header. */
async function safetensorsFile(path: string, tensors: { name: string; dtype: FixtureDtype; shape: number[] }[]) {
  const file = await open(path, 'w');
  await file.write(safetensorsHeaderBytes(tensors));
  return {
    /** Appends the next tensor's bytes (`encodeValues`). */
    write: async (bytes: Uint8Array) => void (await file.write(bytes)),
    close: () => file.close(),
  };
}

/** The 2-D weights of one decoder layer of a Llama model: [name, rows (out), cols (in)]. */
export function llamaProjections(shape: LlamaShape): [string, number, number][] {
  const { hiddenSize: h, intermediateSize: f, numHeads, numKvHeads, headDim } = shape;
  return [
    ['self_attn.q_proj', numHeads * headDim, h],
    ['self_attn.k_proj', numKvHeads * headDim, h],
    ['self_attn.v_proj', numKvHeads * headDim, h],
    ['self_attn.o_proj', h, numHeads * headDim],
    ['mlp.gate_proj', f, h],
    ['mlp.up_proj', f, h],
    ['mlp.down_proj', h, f],
  ];
}

const RANK = 16;

/**
 * A fine-tune-like update of an m × n weight: a planted rank-16 part with
 * values σ₁·0.8^j (σ₁ = 4e-4·√(mn), about 90 % of the energy) plus noise
 * of standard deviation 2e-4, added to `w` in place.
 */
function addUpdate(w: Float64Array, m: number, n: number, normal: ReturnType<typeof normalStream>): void {
  const sigma1 = 4e-4 * Math.sqrt(m * n);
  const u: Matrix = { rows: m, cols: RANK, data: normal(new Float64Array(m * RANK), 1 / Math.sqrt(m)) };
  const v: Matrix = { rows: RANK, cols: n, data: normal(new Float64Array(RANK * n), 1 / Math.sqrt(n)) };
  for (let i = 0; i < m; i++) for (let j = 0; j < RANK; j++) u.data[i * RANK + j] *= sigma1 * 0.8 ** j;
  const planted = matmul(u, v).data;
  const noise = normal(new Float64Array(m * n), 2e-4);
  for (let i = 0; i < w.length; i++) w[i] += planted[i] + noise[i];
}

/** What the page bench analyzes, with its paths. */
export interface BenchFiles {
  adapter: string;
  adapterConfig: string;
  base: string;
  tuned: string;
  square: string;
  tall: string;
}

/** Writes the 8B-shaped adapter (224 modules, r = 16, BF16) and its config. */
async function writeAdapter(dir: string): Promise<Pick<BenchFiles, 'adapter' | 'adapterConfig'>> {
  const shape = LLAMA_SHAPES['8B'];
  const normal = normalStream(8);
  const tensors: { name: string; dtype: FixtureDtype; shape: number[] }[] = [];
  for (let layer = 0; layer < shape.numLayers; layer++) {
    for (const [name, out, inp] of llamaProjections(shape)) {
      const module = `base_model.model.model.layers.${layer}.${name}`;
      tensors.push(
        { name: `${module}.lora_A.weight`, dtype: 'BF16', shape: [RANK, inp] },
        { name: `${module}.lora_B.weight`, dtype: 'BF16', shape: [out, RANK] },
      );
    }
  }
  const adapter = join(dir, 'adapter_model.safetensors');
  const file = await safetensorsFile(adapter, tensors);
  for (const t of tensors) {
    const [rows, cols] = t.shape as [number, number];
    await file.write(encodeValues('BF16', normal(new Float64Array(rows * cols), t.name.includes('lora_A') ? 1 / Math.sqrt(cols) : 0.01)));
  }
  await file.close();
  const adapterConfig = join(dir, 'adapter_config.json');
  const config = {
    peft_type: 'LORA',
    r: RANK,
    lora_alpha: 32,
    use_rslora: false,
    target_modules: llamaProjections(shape).map(([n]) => n.split('.')[1]),
  };
  await writeFile(adapterConfig, JSON.stringify(config));
  return { adapter, adapterConfig };
}

/** Writes the 1B-shaped base and fine-tuned checkpoints (BF16, about 2.5 GB each), one tensor at a time. */
async function writePair(dir: string): Promise<Pick<BenchFiles, 'base' | 'tuned'>> {
  const shape = LLAMA_SHAPES['1B'];
  const h = shape.hiddenSize;
  const tensors: { name: string; dtype: FixtureDtype; shape: number[] }[] = [
    { name: 'model.embed_tokens.weight', dtype: 'BF16', shape: [shape.vocabSize, h] },
  ];
  for (let layer = 0; layer < shape.numLayers; layer++) {
    const p = `model.layers.${layer}`;
    tensors.push({ name: `${p}.input_layernorm.weight`, dtype: 'BF16', shape: [h] });
    for (const [name, out, inp] of llamaProjections(shape)) tensors.push({ name: `${p}.${name}.weight`, dtype: 'BF16', shape: [out, inp] });
    tensors.push({ name: `${p}.post_attention_layernorm.weight`, dtype: 'BF16', shape: [h] });
  }
  tensors.push({ name: 'model.norm.weight', dtype: 'BF16', shape: [h] });
  const paths = { base: join(dir, 'base', 'model.safetensors'), tuned: join(dir, 'tuned', 'model.safetensors') };
  await mkdir(join(dir, 'base'));
  await mkdir(join(dir, 'tuned'));
  const base = await safetensorsFile(paths.base, tensors);
  const tuned = await safetensorsFile(paths.tuned, tensors);
  const normal = normalStream(1);
  for (const t of tensors) {
    if (t.shape.length === 1) {
      const ones = encodeValues('BF16', new Float64Array(t.shape[0]!).fill(1));
      await base.write(ones);
      await tuned.write(ones);
    } else if (t.name.includes('embed_tokens')) {
      // Frozen in the fine-tune, and beyond the page's size limit anyway: the same random rows in both files.
      const rows = 8192;
      for (let r = 0; r < t.shape[0]!; r += rows) {
        const bytes = encodeValues('BF16', normal(new Float64Array(Math.min(rows, t.shape[0]! - r) * h), 0.02));
        await base.write(bytes);
        await tuned.write(bytes);
      }
    } else {
      const [m, n] = t.shape as [number, number];
      const w = normal(new Float64Array(m * n), 0.02);
      await base.write(encodeValues('BF16', w));
      addUpdate(w, m, n, normal);
      await tuned.write(encodeValues('BF16', w));
    }
  }
  await base.close();
  await tuned.close();
  return paths;
}

/** Writes a 4096 × 4096 F32 .npy and an 8192 × 2048 BF16 checkpoint of one tensor, both updates with a noise floor. */
async function writeSingles(dir: string): Promise<Pick<BenchFiles, 'square' | 'tall'>> {
  const normal = normalStream(3);
  const square = join(dir, 'update-4096.npy');
  const s = normal(new Float64Array(4096 * 4096), 1e-3);
  addUpdate(s, 4096, 4096, normal);
  await writeFile(square, npyBytes(s, [4096, 4096], { descr: '<f4' }));
  const tall = join(dir, 'update-8192x2048.safetensors');
  const t = normal(new Float64Array(8192 * 2048), 1e-3);
  addUpdate(t, 8192, 2048, normal);
  const file = await safetensorsFile(tall, [{ name: 'model.layers.0.mlp.up_proj.weight', dtype: 'BF16', shape: [8192, 2048] }]);
  await file.write(encodeValues('BF16', t));
  await file.close();
  return { square, tall };
}

/** Writes every bench file into `dir` (which must exist); `pair: false` skips the two 2.5 GB checkpoints. */
export async function writeBenchFiles(dir: string, { pair = true } = {}): Promise<BenchFiles> {
  return {
    ...(await writeAdapter(dir)),
    ...(pair ? await writePair(dir) : { base: '', tuned: '' }),
    ...(await writeSingles(dir)),
  };
}
