// Deterministic shuffling. The same seed gives the same order on every machine and every run,
// which is what `shuffle({ seed })`, `train_test_split({ seed })` and the Trainer's sampler rely on.

/** A small seeded generator (SplitMix32 mixing of a Weyl sequence): fast, well distributed, reproducible. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`A seed must be a finite number, got ${seed}.`);
    // Fold any integer (also above 2^32) into 32 bits so that large seeds still differ.
    this.state = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  random(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** A uniform integer in [0, n), without modulo bias. */
  integer(n: number): number {
    const limit = Math.floor(2 ** 32 / n) * n;
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }
}

/** A random permutation of 0..n-1 (Fisher–Yates) drawn from `seed`. */
export function seededPermutation(n: number, seed: number): number[] {
  const rng = new SeededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}
