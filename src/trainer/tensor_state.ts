// Saving optimizer / scheduler / RNG state without pickles: numeric arrays go into a safetensors
// file, everything else into JSON that points at them by key. Reading gives back the same
// structure with the same typed arrays (bit for bit).
import * as fs from "node:fs";
import { load_file, save_file } from "../modeling/safetensors";
import { Tensor } from "../tensor";
import { readCheckpointJson, readCheckpointPart } from "./checkpoint";

const REF = "__tensor__";

/** Splits a nested state object into JSON-safe data and a dict of tensors (Float32Array/Float64Array/Tensor leaves). */
export function splitState(state: unknown): { json: unknown; tensors: Record<string, Tensor> } {
  const tensors: Record<string, Tensor> = {};
  const walk = (value: unknown, key: string): unknown => {
    if (value instanceof Tensor) {
      tensors[key] = value;
      return { [REF]: key, kind: "tensor" };
    }
    if (value instanceof Float32Array || value instanceof Float64Array || value instanceof Int32Array || value instanceof BigInt64Array) {
      tensors[key] = new Tensor(value, [value.length]);
      return { [REF]: key, kind: value.constructor.name };
    }
    if (value instanceof Map) return { __map__: [...value.entries()].map(([k, v], i) => [k, walk(v, `${key}.${i}`)]) };
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${key}.${i}`));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, key ? `${key}.${k}` : k);
      return out;
    }
    if (typeof value === "number" && !Number.isFinite(value)) return { __number__: String(value) };
    return value;
  };
  return { json: walk(state, ""), tensors };
}

/** The inverse of splitState. */
export function joinState(json: unknown, tensors: Record<string, Tensor>): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      const v = value as Record<string, unknown>;
      if (typeof v[REF] === "string") {
        const t = tensors[v[REF] as string];
        if (!t) throw new Error(`Saved state refers to tensor '${v[REF]}', which is missing from its safetensors file.`);
        return v.kind === "tensor" ? t : t.data;
      }
      if (Array.isArray(v.__map__)) return new Map((v.__map__ as [unknown, unknown][]).map(([k, x]) => [k, walk(x)]));
      if (typeof v.__number__ === "string") return Number(v.__number__);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return value;
  };
  return walk(json);
}

/** Writes `<base>.json` and, when there are arrays, `<base>.safetensors`. */
export function saveState(state: unknown, base: string): void {
  const { json, tensors } = splitState(state);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  if (Object.keys(tensors).length) save_file(tensors, `${base}.safetensors`, { format: "pt" });
}

/** Reads what saveState wrote. */
export function loadState(base: string): unknown {
  // each file named in the error when it is damaged
  const json = readCheckpointJson(`${base}.json`);
  const tensors = fs.existsSync(`${base}.safetensors`) ? readCheckpointPart(`${base}.safetensors`, () => load_file(`${base}.safetensors`)) : {};
  return readCheckpointPart(`${base}.json`, () => joinState(json, tensors));
}
