/**
 * The two loops of gradient clipping, over one gradient: the sum of its squares (in float64) and
 * scaling it in place (in float32). WebAssembly SIMD kernels (grad_norm.wat) with TypeScript twins
 * for small arrays and for machines without WebAssembly SIMD. Scaling gives the same bits either
 * way; the SIMD sum adds in another order, which changes the float64 sum in its last bits only.
 */
import { WASM_BASE64 } from "./grad_norm_wasm";
import { lazyKernel } from "../../utils/wasm";

/** Floats per chunk copied through the kernel's memory (4 MiB). */
const CHUNK = 1 << 20;
const kernel = lazyKernel(WASM_BASE64, CHUNK * 4);
const SMALL = 256;

export function sumOfSquares(g: Float32Array): number {
  const k = g.length >= SMALL ? kernel() : null;
  if (!k) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
    return s;
  }
  const sum = k.exports.sum_of_squares as (cap: number) => number;
  const heap = new Float32Array(k.memory.buffer, 0, CHUNK);
  let total = 0;
  for (let start = 0; start < g.length; start += CHUNK) {
    const n = Math.min(CHUNK, g.length - start);
    const cap = (n + 3) & ~3;
    heap.set(g.subarray(start, start + n), 0);
    heap.fill(0, n, cap); // padding lanes add nothing
    total += sum(cap);
  }
  return total;
}

/** g ← g·coef, each product rounded to float32. */
export function scaleInPlace(g: Float32Array, coef: number): void {
  const k = g.length >= SMALL ? kernel() : null;
  if (!k) {
    for (let i = 0; i < g.length; i++) g[i] = Math.fround(g[i] * coef);
    return;
  }
  const scale = k.exports.scale as (cap: number, coef: number) => void;
  const heap = new Float32Array(k.memory.buffer, 0, CHUNK);
  for (let start = 0; start < g.length; start += CHUNK) {
    const n = Math.min(CHUNK, g.length - start);
    heap.set(g.subarray(start, start + n), 0);
    scale((n + 3) & ~3, coef);
    g.set(heap.subarray(0, n), start);
  }
}
