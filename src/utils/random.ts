/**
 * A small seeded random generator, so dropout masks and weight initialisation are reproducible
 * and a training run can be stopped and resumed exactly (`get_state()` / `set_state()`).
 * The bit stream is xoshiro128** (fast, 128-bit state, good statistical quality); it does not
 * reproduce torch's numbers, only torch's determinism.
 */
export interface GeneratorState {
  s: [number, number, number, number];
  /** A cached second normal draw from Box–Muller, or null. */
  spare: number | null;
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Generator {
  private s = new Uint32Array(4);
  private spare: number | null = null;

  constructor(seed = 0) {
    this.manual_seed(seed);
  }

  /** Resets the stream to the one `seed` starts. Returns this generator, like torch's. */
  manual_seed(seed: number): this {
    const next = splitmix32(Math.floor(seed) ^ Math.floor(seed / 2 ** 32));
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
    this.spare = null;
    return this;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return mean + std * v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Fills `out` with uniform draws in [low, high). */
  fill_uniform(out: Float32Array | Float64Array, low = 0, high = 1): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }

  /** Fills `out` with normal draws. */
  fill_normal(out: Float32Array | Float64Array, mean = 0, std = 1): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * Fills `out` with an inverted-dropout mask: 0 with probability p, else `keep` (1/(1−p)).
   * Element i uses the i-th draw of the stream exactly as `uniform() < p` would; the generator is
   * inlined here because masks run to millions of elements per training step.
   */
  fill_dropout_mask(out: Float32Array | Float64Array, p: number, keep = 1 / (1 - p)): typeof out {
    const threshold = p * 4294967296;
    const st = this.s;
    let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
    for (let i = 0; i < out.length; i++) {
      const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
      const t = (s1 << 9) >>> 0;
      s2 = (s2 ^ s0) >>> 0;
      s3 = (s3 ^ s1) >>> 0;
      s1 = (s1 ^ s2) >>> 0;
      s0 = (s0 ^ s3) >>> 0;
      s2 = (s2 ^ t) >>> 0;
      s3 = rotl(s3, 11);
      out[i] = r < threshold ? 0 : keep;
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
    return out;
  }

  /** A uniform integer in [0, n). */
  randint(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  get_state(): GeneratorState {
    return { s: [this.s[0], this.s[1], this.s[2], this.s[3]], spare: this.spare };
  }

  set_state(state: GeneratorState): void {
    this.s.set(state.s);
    this.spare = state.spare;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The process-wide generator used when no generator is passed (like torch's default generator). */
export const default_generator = new Generator(0);

/** Seeds the default generator, like `torch.manual_seed(seed)`. */
export function manual_seed(seed: number): Generator {
  return default_generator.manual_seed(seed);
}

/**
 * `set_seed(42)`: makes everything that draws from the default generator reproducible — sampling
 * in `generate` and the text-generation pipeline, dropout, weight initialisation — as
 * transformers' `set_seed` seeds Python, NumPy and torch at once.
 */
export function set_seed(seed: number): void {
  if (!Number.isFinite(seed)) throw new RangeError(`set_seed needs a number, got ${seed}.`);
  default_generator.manual_seed(seed);
}
