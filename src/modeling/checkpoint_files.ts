import * as fs from "node:fs";
import { cached_file, HubOptions } from "../hub/resolve";
import { Tensor } from "../tensor";
import { readSafetensors } from "./safetensors";
import { CheckpointError, WEIGHTS_INDEX_NAME, WEIGHTS_NAME } from "./checkpoint_errors";

/** Reads model.safetensors, or every shard listed in model.safetensors.index.json. */
export async function loadCheckpoint(nameOrPath: string, hub: HubOptions): Promise<Record<string, Tensor>> {
  const single = await cached_file(nameOrPath, WEIGHTS_NAME, { ...hub, optional: true });
  if (single) return readSafetensors(single).tensors;
  const indexFile = await cached_file(nameOrPath, WEIGHTS_INDEX_NAME, { ...hub, optional: true });
  if (indexFile) {
    let index: { weight_map?: Record<string, string> };
    try {
      index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
    } catch (e) {
      throw new CheckpointError(`${indexFile} is not valid JSON (${(e as Error).message}).`);
    }
    if (!index.weight_map || typeof index.weight_map !== "object") throw new CheckpointError(`${indexFile} has no "weight_map" naming the shard of each weight.`);
    const shards = [...new Set(Object.values(index.weight_map))];
    const out: Record<string, Tensor> = {};
    for (const shard of shards) {
      const file = (await cached_file(nameOrPath, shard, hub)) as string;
      const tensors = readSafetensors(file).tensors;
      for (const [name, t] of Object.entries(tensors)) out[name] = t;
    }
    const absent = Object.keys(index.weight_map).filter((k) => !(k in out));
    if (absent.length) throw new CheckpointError(`${indexFile} lists weights that no shard contains: ${absent.slice(0, 5).join(", ")}${absent.length > 5 ? " …" : ""}.`);
    return out;
  }
  const legacy = await cached_file(nameOrPath, "pytorch_model.bin", { ...hub, optional: true });
  if (legacy) {
    throw new CheckpointError(`${nameOrPath} only has pytorch_model.bin (a pickle), which cannot be read safely here. Convert it once in Python: model.save_pretrained(dir, safe_serialization=True), which writes model.safetensors.`);
  }
  throw new CheckpointError(
    `${nameOrPath} does not appear to have a file named ${WEIGHTS_NAME} (or ${WEIGHTS_INDEX_NAME}). ` +
      `If it only holds a config (and a tokenizer), build a model with fresh weights instead: AutoModel.from_config(await AutoConfig.from_pretrained("${nameOrPath}")).`,
  );
}

