// The ceiling of 128-bit WebAssembly SIMD arithmetic on this machine and
// engine: independent multiply-adds on registers (12 accumulator chains, no
// loads), f64x2 and f32x4, timed in this process. Relaxed-SIMD FMA is not
// used (our kernels do not use it: it measured no faster on these CPUs).
// The GEMM rows of the bench are reported as a share of it, because
// absolute GFLOP/s differ between machines (and NumPy's AVX-512 FMA
// kernels have a 2–4× higher ceiling than any 128-bit code).

import wabtInit from 'wabt';

// The one WebAssembly call used here, typed locally (the core is compiled without the DOM library).
const wasm = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> };
  }
).WebAssembly;

function peakModule(type: 'f64x2' | 'f32x4'): string {
  const acc = Array.from({ length: 12 }, (_, i) => `(local $c${i} v128)`).join(' ');
  const body = Array.from(
    { length: 12 },
    (_, i) => `(local.set $c${i} (${type}.add (local.get $c${i}) (${type}.mul (local.get $x) (local.get $y))))`,
  ).join('\n');
  const sum = Array.from({ length: 11 }, (_, i) => i + 1).reduce((e, i) => `(${type}.add ${e} (local.get $c${i}))`, '(local.get $c0)');
  return `(module (func (export "run") (param $n i32) (result f64)
    ${acc} (local $x v128) (local $y v128)
    (local.set $x (${type}.splat (${type === 'f64x2' ? 'f64' : 'f32'}.const 1.0000001)))
    (local.set $y (${type}.splat (${type === 'f64x2' ? 'f64' : 'f32'}.const 0.9999999)))
    (loop $l ${body}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    ${type === 'f64x2' ? `(f64x2.extract_lane 0 ${sum})` : `(f64.promote_f32 (f32x4.extract_lane 0 ${sum}))`}))`;
}

/** GFLOP/s of the register-only multiply-add loop, best of `runs`, for f64x2 and f32x4. */
export async function simdPeak(runs = 5): Promise<{ f64: number; f32: number }> {
  const wabt = await wabtInit();
  const out = { f64: 0, f32: 0 };
  for (const [key, type, lanes] of [
    ['f64', 'f64x2', 2],
    ['f32', 'f32x4', 4],
  ] as const) {
    const module = wabt.parseWat('peak.wat', peakModule(type), { simd: true });
    const bytes = module.toBinary({}).buffer;
    module.destroy();
    const { instance } = await wasm.instantiate(bytes);
    const run = instance.exports.run as (n: number) => number;
    run(1e6); // tier up
    const n = 5e7;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      run(n);
      const ms = performance.now() - t;
      out[key] = Math.max(out[key], (n * 12 * lanes * 2) / ms / 1e6);
    }
  }
  return out;
}
