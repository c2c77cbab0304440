/** 2·√(2/π): GPT-2's tanh approximation written as a logistic gate. */
const C2 = 2 * Math.sqrt(2 / Math.PI);

/**
 * The gate of GELU's tanh form (GPT-2's `gelu_new`, PyTorch's
 * `gelu(x, approximate='tanh')`): 0.5·(1 + tanh(z)) with
 * z = √(2/π)·(x + 0.044715·x³), computed as the logistic σ(2z), which is
 * the same function with one `exp` instead of a `tanh` (several times
 * faster in V8), and saturates cleanly to 0 and 1. @internal
 */
export function geluGate(x: number): number {
  return 1 / (1 + Math.exp(-C2 * (x + 0.044715 * x * x * x)));
}

/** GELU, tanh form: x·{@link geluGate}(x). @internal */
export function gelu(x: number): number {
  return x * geluGate(x);
}

/**
 * The derivative of {@link gelu} at x from its gate s = geluGate(x) (kept
 * from the forward pass, so the backward pass needs no `exp`):
 * s + x·s·(1 − s)·2·√(2/π)·(1 + 3·0.044715·x²). @internal
 */
export function geluGradFromGate(x: number, s: number): number {
  return s + x * s * (1 - s) * C2 * (1 + 3 * 0.044715 * x * x);
}
