import { Tensor } from "../tensor";
import { pythonJsonDumps } from "../configuration/python_json";
import { CheckpointError, WEIGHTS_NAME } from "./checkpoint_errors";

/** Bytes from a size such as 10_000_000, "500MB", "10GB" or "2GiB" (GB = 10⁹ bytes, GiB = 2³⁰, as transformers reads them). */
export function parseSize(size: number | string): number {
  if (typeof size === "number") return size;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)\s*$/i.exec(size);
  if (!match) throw new CheckpointError(`max_shard_size must be a number of bytes or a size such as "500MB" or "2GB", got ${JSON.stringify(size)}.`);
  const units: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30 };
  return Math.floor(Number(match[1]) * units[match[2].toUpperCase()]);
}

export interface Shards {
  /** File name → the tensors it holds. */
  files: Map<string, Record<string, Tensor>>;
  /** model.safetensors.index.json's text, or null when everything fits in one file. */
  index: string | null;
}

/**
 * Splits a state dict into files of at most `maxShardSize` bytes each (a single larger tensor gets
 * a file of its own), named `model-00001-of-00003.safetensors` with an index, as save_pretrained does.
 */
export function shardCheckpoint(state: Record<string, Tensor>, maxShardSize: number): Shards {
  const blocks: Record<string, Tensor>[] = [{}];
  let blockSize = 0;
  let total = 0;
  for (const [name, t] of Object.entries(state)) {
    const size = t.data.byteLength;
    if (blockSize + size > maxShardSize && Object.keys(blocks[blocks.length - 1]).length > 0) {
      blocks.push({});
      blockSize = 0;
    }
    blocks[blocks.length - 1][name] = t;
    blockSize += size;
    total += size;
  }
  if (blocks.length === 1) return { files: new Map([[WEIGHTS_NAME, blocks[0]]]), index: null };
  const files = new Map<string, Record<string, Tensor>>();
  const weight_map: Record<string, string> = {};
  blocks.forEach((block, i) => {
    const file = `model-${String(i + 1).padStart(5, "0")}-of-${String(blocks.length).padStart(5, "0")}.safetensors`;
    files.set(file, block);
    for (const name of Object.keys(block)) weight_map[name] = file;
  });
  return { files, index: pythonJsonDumps({ metadata: { total_size: total }, weight_map }) + "\n" };
}
