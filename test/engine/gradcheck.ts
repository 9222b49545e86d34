import assert from "node:assert/strict";
import { Graph, Program, gradients } from "../../src/engine";
import type { GraphValue } from "../../src/engine";
import { Tensor } from "../../src/tensor";
import type { DType } from "../../src/tensor";
import { Generator } from "../../src/utils/random";

/** Forward op types whose gradient rules gradcheck has exercised (for the coverage test). */
export const checkedOps = new Set<string>();

export interface CheckInput {
  name: string;
  shape: number[];
  /** Float inputs are differentiated; int64/bool inputs are fixed data (indices, labels, conditions). */
  dtype?: DType;
  /** Fixed values; float inputs default to N(0, 1) draws. */
  values?: number[];
  /** Keep random float values away from 0 (for log, sqrt, division). */
  positive?: boolean;
  /** Dims given to the graph input (names for dynamic dims); default the numeric shape. */
  dims?: (number | string)[];
}

function makeTensor(input: CheckInput, dtype: DType, gen: Generator): Tensor {
  const size = input.shape.reduce((a, b) => a * b, 1);
  const t = Tensor.zeros(input.shape, dtype);
  for (let i = 0; i < size; i++) {
    const v = input.values ? input.values[i] : input.positive ? 0.5 + Math.abs(gen.normal()) : gen.normal();
    if (dtype === "int64") (t.data as BigInt64Array)[i] = BigInt(v);
    else (t.data as Float64Array)[i] = v;
  }
  return t;
}

/**
 * Checks an op's gradient rule: builds loss = Σ f(inputs) ⊙ R (R a fixed random weight), takes
 * autodiff gradients in float64 and compares them with central finite differences of the same
 * loss at sampled elements; then checks the float32 program's gradients agree with float64's.
 */
export async function gradcheck(
  build: (xs: GraphValue[]) => GraphValue,
  inputs: CheckInput[],
  options: { samples?: number; eps?: number; rtol?: number; atol?: number; seed?: number } = {},
): Promise<void> {
  const gen = new Generator(options.seed ?? 1);
  const eps = options.eps ?? 1e-6;
  const tensors64 = inputs.map((inp) => makeTensor(inp, inp.dtype ?? "float64", gen));
  const rSeed = gen.nextUint32();

  async function programs(dtype: "float32" | "float64") {
    const g = new Graph({ name: `gradcheck-${dtype}` });
    const xs = inputs.map((inp) => g.input(inp.name, inp.dtype && inp.dtype !== "float64" ? inp.dtype : dtype, inp.dims ?? inp.shape));
    const y = build(xs);
    const rgen = new Generator(rSeed);
    const numeric = y.shape.every((d) => typeof d === "number") ? (y.shape as number[]) : null;
    assert.ok(numeric, `output shape ${y.shape} must be static in gradcheck`);
    const r = g.constant(makeTensor({ name: "r", shape: numeric }, dtype, rgen));
    const loss = y.rank === 0 ? y.mul(r) : y.mul(r).sum();
    g.output("loss", loss);
    const floatIdx = inputs.map((inp, i) => (inp.dtype && inp.dtype !== "float64" ? -1 : i)).filter((i) => i >= 0);
    const forwardNodes = [...g.nodes];
    const grads = gradients(loss, floatIdx.map((i) => xs[i]));
    // Every forward op on a path to the loss had its gradient rule applied.
    for (const n of forwardNodes) checkedOps.add(n.opType);
    grads.forEach((d, k) => g.output(`d_${inputs[floatIdx[k]].name}`, d));
    const fwd = await Program.compile(g, { outputs: ["loss"] });
    const bwd = await Program.compile(g);
    return { fwd, bwd, floatIdx };
  }

  const feedsFor = (dtype: "float32" | "float64", ts: Tensor[]) =>
    Object.fromEntries(
      inputs.map((inp, i) => {
        const t = ts[i];
        if (inp.dtype && inp.dtype !== "float64") return [inp.name, t];
        return [inp.name, dtype === "float64" ? t : new Tensor(Float32Array.from(t.data as Float64Array), t.shape, "float32")];
      }),
    );

  const p64 = await programs("float64");
  const analytic = await p64.bwd.run(feedsFor("float64", tensors64));
  const samples = options.samples ?? 8;
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-7;
  for (const i of p64.floatIdx) {
    const base = tensors64[i].data as Float64Array;
    const grad = analytic[`d_${inputs[i].name}`];
    assert.deepEqual(grad.shape, inputs[i].shape, `gradient of ${inputs[i].name} has shape [${grad.shape}] not [${inputs[i].shape}]`);
    const picks = base.length <= samples ? [...base.keys()] : Array.from({ length: samples }, () => gen.randint(base.length));
    for (const k of picks) {
      const saved = base[k];
      base[k] = saved + eps;
      const up = (await p64.fwd.run(feedsFor("float64", tensors64))).loss.item();
      base[k] = saved - eps;
      const down = (await p64.fwd.run(feedsFor("float64", tensors64))).loss.item();
      base[k] = saved;
      const numeric = (up - down) / (2 * eps);
      const got = grad.item(k);
      assert.ok(
        Math.abs(got - numeric) <= atol + rtol * Math.abs(numeric) + 5e-14 * Math.abs(up) / eps,
        `d loss / d ${inputs[i].name}[${k}]: autodiff ${got}, finite difference ${numeric}`,
      );
    }
  }
  // float32 gradients agree with float64 ones within float32 noise.
  const p32 = await programs("float32");
  const g32 = await p32.bwd.run(feedsFor("float32", tensors64));
  for (const i of p32.floatIdx) {
    const a = analytic[`d_${inputs[i].name}`].data as Float64Array;
    const b = g32[`d_${inputs[i].name}`].data as Float32Array;
    const scale = Math.max(1e-3, ...Array.from(a, Math.abs));
    for (let k = 0; k < a.length; k++) {
      assert.ok(Math.abs(a[k] - b[k]) <= 2e-4 * scale, `float32 gradient of ${inputs[i].name}[${k}]: ${b[k]} vs float64 ${a[k]}`);
    }
  }
  await Promise.all([p64.fwd.release(), p64.bwd.release(), p32.fwd.release(), p32.bwd.release()]);
}
