import { Generator } from "../utils/random";

/**
 * Head models build their bare model inside their own constructor and then initialise every
 * weight once; `withoutInitialisation` keeps the inner constructor from drawing weights that are
 * drawn again (or loaded) right after. Large models then start much faster.
 */
let depth = 0;

export function withoutInitialisation<T>(build: () => T): T {
  depth++;
  try {
    return build();
  } finally {
    depth--;
  }
}

export function initialisationSkipped(): boolean {
  return depth > 0;
}

/**
 * A generator that leaves arrays as they are (zeros). Models pass it to the layers they build,
 * because every weight is then either drawn by the model's own initialisation scheme (`post_init`)
 * or loaded from a checkpoint: drawing torch's layer defaults first would only cost time.
 */
class NoDrawGenerator extends Generator {
  override fill_uniform(out: Float32Array | Float64Array): typeof out {
    return out;
  }

  override fill_normal(out: Float32Array | Float64Array): typeof out {
    return out;
  }
}

export const NO_DRAW = { generator: new NoDrawGenerator(0) as Generator };

/**
 * Fills `out` with N(mean, std²) draws from `generator` by Marsaglia's polar method (no
 * trigonometry, about twice as fast as Box–Muller), which matters when a model has 100M+ weights.
 */
export function fillNormal(generator: Generator, out: Float32Array, mean: number, std: number): Float32Array {
  const n = out.length;
  let i = 0;
  while (i < n) {
    const u = 2 * (generator.nextUint32() / 4294967296) - 1;
    const v = 2 * (generator.nextUint32() / 4294967296) - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = mean + std * u * f;
    if (i < n) out[i++] = mean + std * v * f;
  }
  return out;
}
