// The order in which training examples are batched, per epoch. It depends only on the strategy,
// the seed and the epoch number, so a run resumed at any step sees the same batches as an
// uninterrupted one.
import { seededPermutation } from "../datasets/permutation";
import type { SamplingStrategy } from "./training_args";

/** Example indices for one epoch, in batch order. */
export function epochOrder(strategy: SamplingStrategy, numExamples: number, seed: number, epoch: number, batchSize: number, lengths?: number[]): number[] {
  if (strategy === "sequential") return Array.from({ length: numExamples }, (_, i) => i);
  const order = seededPermutation(numExamples, seed + epoch);
  if (strategy === "random") return order;
  // group_by_length: like transformers' LengthGroupedSampler, shuffle, cut into mega-batches of
  // 50 batches, sort each mega-batch by length (longest first) so batches need little padding.
  if (!lengths) throw new Error("group_by_length needs the length of each example.");
  const megaSize = batchSize * 50;
  const out: number[] = [];
  for (let s = 0; s < order.length; s += megaSize) {
    const mega = order.slice(s, s + megaSize).sort((a, b) => lengths[b] - lengths[a]);
    out.push(...mega);
  }
  return out;
}

/** The epoch's order cut into batches of `batchSize` (the last may be shorter unless dropped). */
export function batchesOf(order: number[], batchSize: number, dropLast: boolean): number[][] {
  const batches: number[][] = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const b = order.slice(s, s + batchSize);
    if (dropLast && b.length < batchSize) break;
    batches.push(b);
  }
  return batches;
}
