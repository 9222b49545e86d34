import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hfReference, scratchDir } from "../helpers/paths";
import { Tensor } from "../../src/tensor";
import {
  SafetensorError,
  deserialize,
  float16ToFloat32,
  float32ToFloat16,
  float32ToBfloat16,
  bfloat16ToFloat32,
  load_file,
  readSafetensors,
  save_file,
  serialize,
} from "../../src/modeling/safetensors";

const index = JSON.parse(fs.readFileSync(path.join(hfReference, "models", "index.json"), "utf8"));

test("every fixture checkpoint reads with the names, dtypes and shapes the Hub wrote", () => {
  for (const [name, info] of Object.entries<any>(index)) {
    const { tensors, dtypes, metadata } = readSafetensors(path.join(hfReference, "models", name, "model.safetensors"));
    assert.deepEqual(metadata, { format: "pt" });
    assert.deepEqual(Object.keys(tensors).sort(), Object.keys(info.safetensors_keys).sort(), name);
    for (const [key, spec] of Object.entries<any>(info.safetensors_keys)) {
      assert.equal(dtypes[key], spec.dtype, `${name} ${key}`);
      assert.deepEqual(tensors[key].shape, spec.shape, `${name} ${key}`);
    }
  }
  const gpt2 = load_file(path.join(hfReference, "models", "gpt2-lmhead", "model.safetensors"));
  const causal = gpt2["transformer.h.0.attn.bias"];
  assert.equal(causal.dtype, "bool");
  assert.equal(causal.data[0 * 64 + 1], 0); // row 0 cannot see column 1
  assert.equal(causal.data[1 * 64 + 0], 1);
  const bert = load_file(path.join(hfReference, "models", "bert-model", "model.safetensors"));
  assert.deepEqual(bert["embeddings.position_ids"].tolist()[0].slice(0, 4), [0, 1, 2, 3]);
});

test("save_file → load_file round-trips every dtype bit for bit", () => {
  const dir = scratchDir("safetensors-roundtrip");
  const tensors = {
    f32: Tensor.from([[1.5, -2.25], [3e-8, 1e30]], "float32"),
    f64: Tensor.from([Math.PI, -Math.E], "float64"),
    i64: Tensor.from([[1, -2, 3]], "int64"),
    i32: new Tensor(Int32Array.from([7, -8]), [2], "int32"),
    b: new Tensor(Uint8Array.from([1, 0, 1]), [3], "bool"),
    scalar: new Tensor(Float32Array.from([0.5]), [], "float32"),
  };
  const file = path.join(dir, "model.safetensors");
  save_file(tensors, file, { format: "pt" });
  const back = readSafetensors(file);
  assert.deepEqual(back.metadata, { format: "pt" });
  for (const [name, t] of Object.entries(tensors)) {
    assert.equal(back.tensors[name].dtype, t.dtype, name);
    assert.deepEqual(back.tensors[name].shape, t.shape, name);
    assert.deepEqual(Array.from(back.tensors[name].data as ArrayLike<unknown>), Array.from(t.data as ArrayLike<unknown>), name);
  }
  // The header is space-padded so the data starts 8-byte aligned, as the reference writer does.
  const bytes = fs.readFileSync(file);
  assert.equal(Number(bytes.readBigUInt64LE(0)) % 8, 0);
  assert.deepEqual(fs.readdirSync(dir), ["model.safetensors"]); // no temporary file left behind
});

test("float16 and bfloat16 are converted by hand with correct rounding", () => {
  // Known bit patterns: 1.0 = 0x3c00, -2 = 0xc000, 65504 = 0x7bff (max), 2^-24 = 0x0001 (min subnormal), inf = 0x7c00.
  const values = Float32Array.from([1, -2, 65504, 2 ** -24, Infinity, 0, 0.1, 1e6]);
  const half = float32ToFloat16(values);
  assert.deepEqual(Array.from(half.slice(0, 6)), [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0]);
  assert.equal(half[6], 0x2e66); // 0.1 rounds to nearest half
  assert.equal(half[7], 0x7c00); // overflow → inf
  const back = float16ToFloat32(half);
  assert.equal(back[0], 1);
  assert.equal(back[3], 2 ** -24);
  assert.ok(Math.abs(back[6] - 0.1) < 1e-4);
  assert.ok(Number.isNaN(float16ToFloat32(Uint16Array.from([0x7e00]))[0]));
  const bf = float32ToBfloat16(Float32Array.from([1, -3.140625, 1.00390625]));
  assert.deepEqual(Array.from(bfloat16ToFloat32(bf)), [1, -3.140625, 1]); // 1 + 2^-8 ties to even
  // Files stored in F16/BF16 load as float32 tensors.
  const chunks = serialize({ w: Tensor.from([0.5, -0.25], "float32") }, { float_dtype: "F16" });
  const decoded = deserialize(Buffer.concat(chunks));
  assert.equal(decoded.dtypes.w, "F16");
  assert.deepEqual(Array.from(decoded.tensors.w.data as Float32Array), [0.5, -0.25]);
});

function build(header: unknown, dataLength: number, declaredLength?: number): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(declaredLength ?? json.length));
  return Buffer.concat([len, json, Buffer.alloc(dataLength)]);
}

test("corrupt files give a SafetensorError that says what is wrong", () => {
  const is = (re: RegExp) => (e: unknown) => e instanceof SafetensorError && re.test((e as Error).message);
  assert.throws(() => deserialize(Buffer.alloc(4)), is(/truncated/));
  assert.throws(() => deserialize(build({}, 0, 200)), is(/truncated.*header/));
  const huge = Buffer.alloc(16);
  huge.writeBigUInt64LE(10n ** 12n);
  assert.throws(() => deserialize(huge), is(/limit/));
  assert.throws(() => deserialize(build({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, 4)), is(/beyond the end/));
  assert.throws(() => deserialize(build({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, 8)), is(/overlaps/));
  assert.throws(() => deserialize(build({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, 8)), is(/needs 12 bytes/));
  assert.throws(() => deserialize(build({ a: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, 8)), is(/gap/));
  assert.throws(() => deserialize(build({ a: { dtype: "Q4", shape: [1], data_offsets: [0, 1] } }, 1)), is(/not supported/));
  const bad = Buffer.concat([Buffer.from([5, 0, 0, 0, 0, 0, 0, 0]), Buffer.from("{oops")]);
  assert.throws(() => deserialize(bad), is(/not valid UTF-8 JSON/));
  // A real checkpoint cut short.
  const real = fs.readFileSync(path.join(hfReference, "models", "bert-model", "model.safetensors"));
  assert.throws(() => deserialize(real.subarray(0, real.length - 100), "cut.safetensors"), is(/cut\.safetensors.*(beyond the end|truncated)/));
});
