import type { Parameter } from "../nn/parameter";
import { scaleInPlace, sumOfSquares } from "./kernels/grad_norm";

/**
 * torch.nn.utils.clip_grad_norm_: scales every gradient by min(1, max_norm / (total_norm + 1e-6))
 * where total_norm is the L2 norm of all gradients together. Returns total_norm (before clipping).
 */
export function clip_grad_norm_(parameters: Iterable<Parameter>, max_norm: number): number {
  const grads = [...parameters].map((p) => p.grad).filter((g): g is Float32Array => g !== null);
  // torch takes the norm of each gradient (in float32), then the norm of those norms.
  let sq = 0;
  for (const g of grads) {
    const n = Math.fround(Math.sqrt(sumOfSquares(g)));
    sq += n * n;
  }
  const total = Math.fround(Math.sqrt(sq));
  const coef = Math.fround(max_norm / Math.fround(total + 1e-6));
  if (coef < 1) for (const g of grads) scaleInPlace(g, coef);
  return total;
}

/** The global L2 norm of the gradients, without clipping. */
export function grad_norm(parameters: Iterable<Parameter>): number {
  let sq = 0;
  for (const p of parameters) if (p.grad) sq += sumOfSquares(p.grad);
  return Math.sqrt(sq);
}
