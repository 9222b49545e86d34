// Helpers for comparing model outputs with the Hugging Face reference fixtures.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hfReference } from "../helpers/paths";
import { Tensor } from "../../src/tensor";
import * as models from "../../src/models";

export interface RefTensor {
  dtype: "float32" | "int64" | "bool";
  shape: number[];
  data: number[];
}

export interface Reference {
  model_class: string;
  inputs: Record<string, RefTensor>;
  labels?: RefTensor;
  outputs: Record<string, any>;
  greedy_generate?: { input_ids: RefTensor; output_ids: RefTensor };
}

export const modelsDir = path.join(hfReference, "models");

export function reference(name: string): Reference {
  return JSON.parse(fs.readFileSync(path.join(modelsDir, name, "reference.json"), "utf8"));
}

export function toTensor(ref: RefTensor): Tensor {
  if (ref.dtype === "int64") return new Tensor(BigInt64Array.from(ref.data, (v) => BigInt(v)), ref.shape, "int64");
  if (ref.dtype === "bool") return new Tensor(Uint8Array.from(ref.data, (v) => (v ? 1 : 0)), ref.shape, "bool");
  return new Tensor(Float32Array.from(ref.data), ref.shape, "float32");
}

/** |a − b| ≤ atol + rtol·|b| per element (the fixture README's suggested check). */
export function assertClose(actual: Tensor | undefined, expected: RefTensor, what: string, options: { atol?: number; rtol?: number } = {}): number {
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-5;
  assert.ok(actual instanceof Tensor, `${what}: missing`);
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  let worst = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const a: number = Number((actual as Tensor).data[i]);
    const b = Math.fround(expected.data[i]);
    const err = Math.abs(a - b);
    worst = Math.max(worst, err);
    if (!(err <= atol + rtol * Math.abs(b))) assert.fail(`${what}: element ${i} is ${a}, expected ${b} (|Δ| = ${err})`);
  }
  return worst;
}

export function referenceInputs(ref: Reference): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(ref.inputs)) out[k] = toTensor(v);
  return out;
}

/** Loads a checkpoint folder with the SDK model class a fixture names (`BertForSequenceClassification` …). */
export async function loadModelNamed(className: string, dir: string): Promise<any> {
  const cls = (models as unknown as Record<string, { from_pretrained?(dir: string): Promise<any> } | undefined>)[className];
  assert.ok(typeof cls?.from_pretrained === "function", `the SDK has no model class ${className}`);
  return cls.from_pretrained(dir);
}
