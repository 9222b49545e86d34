import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import { adamwUpdate, adamwUpdateScalar, type AdamWConstants } from "../../src/optim/kernels/adamw";
import { scaleInPlace, sumOfSquares } from "../../src/optim/kernels/grad_norm";
import { generatedFile, generatedModule, watFiles } from "../../scripts/build-wasm";
import { repoRoot } from "../helpers/paths";
import { Generator } from "../../src/utils/random";

const constants = (step: number, lr = 1e-3, wd = 0.01): AdamWConstants => ({
  decay: Math.fround(1 - lr * wd),
  beta1: Math.fround(0.9),
  oneMinusBeta1: Math.fround(1 - 0.9),
  beta2: Math.fround(0.999),
  oneMinusBeta2: Math.fround(1 - 0.999),
  biasCorrection2Sqrt: Math.fround(Math.sqrt(1 - 0.999 ** step)),
  eps: Math.fround(1e-8),
  negStepSize: Math.fround(-Math.fround(lr / (1 - 0.9 ** step))),
});

/** Values that stress rounding: normal, tiny, subnormal, zero and large. */
function stressValues(gen: Generator, n: number): Float32Array {
  const a = gen.fill_normal(new Float32Array(n)) as Float32Array;
  for (let i = 0; i < n; i += 7) a[i] *= 1e-20;
  for (let i = 3; i < n; i += 11) a[i] = 1e-41; // subnormal
  for (let i = 5; i < n; i += 13) a[i] = 0;
  for (let i = 2; i < n; i += 17) a[i] *= 1e12;
  return a;
}

test("the SIMD AdamW kernel gives the scalar loop's bits, for every length", () => {
  const gen = new Generator(7);
  // lengths around the lane width, the scalar cut-off and the chunk size
  for (const n of [1, 3, 63, 64, 65, 1027, (1 << 18) - 1, (1 << 18) + 5]) {
    const data = stressValues(gen, n);
    const m = new Float32Array(n);
    const v = new Float32Array(n);
    const [d2, m2, v2] = [data.slice(), m.slice(), v.slice()];
    for (let step = 1; step <= 3; step++) {
      const grad = stressValues(gen, n);
      adamwUpdate(data, grad, m, v, constants(step));
      adamwUpdateScalar(d2, grad, m2, v2, constants(step));
    }
    for (const [a, b, name] of [[data, d2, "param"], [m, m2, "exp_avg"], [v, v2, "exp_avg_sq"]] as const) {
      const ua = new Uint32Array(a.buffer), ub = new Uint32Array(b.buffer);
      const bad = ua.findIndex((x, i) => x !== ub[i]);
      assert.equal(bad, -1, `n=${n}: ${name}[${bad}] is ${a[bad]} with SIMD and ${b[bad]} with the scalar loop`);
    }
  }
});

test("the gradient-norm kernels: the float64 sum of squares, and float32 scaling to the bit", () => {
  const gen = new Generator(3);
  for (const n of [1, 255, 256, 257, 4097, (1 << 20) + 9]) {
    const g = stressValues(gen, n);
    let reference = 0;
    for (let i = 0; i < n; i++) reference += g[i] * g[i];
    const sum = sumOfSquares(g);
    assert.ok(Math.abs(sum - reference) <= 1e-12 * reference, `n=${n}: ${sum} vs ${reference}`);
    const coef = Math.fround(0.3712);
    const expected = g.map((x) => Math.fround(x * coef));
    scaleInPlace(g, coef);
    assert.deepEqual(new Uint32Array(g.buffer), new Uint32Array(expected.buffer), `n=${n}: scaled values differ`);
  }
});

test("every WebAssembly kernel matches its text (run npx tsx scripts/build-wasm.ts after editing one)", async () => {
  const wats = watFiles(path.join(repoRoot, "src"));
  assert.deepEqual(wats.map((f) => path.basename(f)).sort(), ["adamw.wat", "grad_norm.wat"]);
  for (const wat of wats) assert.equal(await generatedModule(wat), fs.readFileSync(generatedFile(wat), "utf8"), wat);
});
