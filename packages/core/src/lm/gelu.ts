const C = Math.sqrt(2 / Math.PI);

/**
 * GELU in the tanh form GPT-2 uses (`gelu_new`, PyTorch's
 * `gelu(x, approximate='tanh')`): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 * @internal
 */
export function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x * x * x)));
}

/** The derivative of {@link gelu}. @internal */
export function geluGrad(x: number): number {
  const th = Math.tanh(C * (x + 0.044715 * x * x * x));
  return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * C * (1 + 3 * 0.044715 * x * x);
}
