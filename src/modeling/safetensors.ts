import * as fs from "node:fs";
import * as os from "node:os";
import { DType, Tensor } from "../tensor";
import { writeFileAtomic } from "../utils/atomic_write";

/**
 * Reading and writing the safetensors format (https://github.com/huggingface/safetensors):
 * an 8-byte little-endian header length N, N bytes of JSON describing each tensor
 * (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}}`, plus an optional
 * `__metadata__` of strings), then the raw little-endian bytes, offsets counted from the end of the header.
 * Every check the reference implementation makes is made here too, with a message that says what is wrong.
 */

/** Thrown for a safetensors file that is truncated, inconsistent or uses an unsupported dtype. */
export class SafetensorError extends Error {
  override name = "SafetensorError";
}

export type SafetensorsDType = "BOOL" | "U8" | "I8" | "I16" | "U16" | "F16" | "BF16" | "I32" | "U32" | "F32" | "F64" | "I64" | "U64";

const BYTES_PER_ELEMENT: Record<SafetensorsDType, number> = { BOOL: 1, U8: 1, I8: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8 };

/** The reference implementation refuses headers over 100 MB; a larger one means a corrupt file. */
const MAX_HEADER_SIZE = 100_000_000;

if (os.endianness() !== "LE") throw new SafetensorError("safetensors support needs a little-endian machine.");

export interface SafetensorsHeaderEntry {
  dtype: SafetensorsDType;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsHeader {
  metadata: Record<string, string> | null;
  tensors: Record<string, SafetensorsHeaderEntry>;
  /** Byte offset in the file where tensor data starts (8 + N). */
  dataStart: number;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Parses and validates the header of a safetensors buffer. `source` names the file in messages. */
export function parseSafetensorsHeader(bytes: Uint8Array, source = "safetensors data"): SafetensorsHeader {
  if (bytes.byteLength < 8) throw new SafetensorError(`${source} is truncated: it has ${bytes.byteLength} bytes, fewer than the 8-byte header length.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getBigUint64(0, true);
  if (headerSize > BigInt(MAX_HEADER_SIZE)) {
    throw new SafetensorError(`${source} declares a ${headerSize}-byte header, more than the ${MAX_HEADER_SIZE}-byte limit: the file is corrupt or not a safetensors file.`);
  }
  const n = Number(headerSize);
  if (8 + n > bytes.byteLength) {
    throw new SafetensorError(`${source} is truncated: its header should be ${n} bytes but only ${bytes.byteLength - 8} bytes follow the length.`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new SafetensorError(`${source} has a header that is not valid UTF-8 JSON (${(e as Error).message}).`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) throw new SafetensorError(`${source}: the header must be a JSON object.`);

  let metadata: Record<string, string> | null = null;
  const tensors: Record<string, SafetensorsHeaderEntry> = {};
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof info !== "object" || info === null || Object.values(info).some((v) => typeof v !== "string")) {
        throw new SafetensorError(`${source}: __metadata__ must map strings to strings.`);
      }
      metadata = info as Record<string, string>;
      continue;
    }
    const entry = info as Partial<SafetensorsHeaderEntry>;
    if (typeof entry !== "object" || entry === null || typeof entry.dtype !== "string" || !Array.isArray(entry.shape) || !Array.isArray(entry.data_offsets)) {
      throw new SafetensorError(`${source}: tensor "${name}" needs "dtype", "shape" and "data_offsets" in the header.`);
    }
    if (!(entry.dtype in BYTES_PER_ELEMENT)) {
      throw new SafetensorError(`${source}: tensor "${name}" has dtype ${entry.dtype}, which is not supported (supported: ${Object.keys(BYTES_PER_ELEMENT).join(", ")}).`);
    }
    if (!entry.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new SafetensorError(`${source}: tensor "${name}" has an invalid shape ${JSON.stringify(entry.shape)}.`);
    const [begin, end] = entry.data_offsets;
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < begin) {
      throw new SafetensorError(`${source}: tensor "${name}" has invalid data_offsets ${JSON.stringify(entry.data_offsets)}.`);
    }
    const expected = product(entry.shape) * BYTES_PER_ELEMENT[entry.dtype as SafetensorsDType];
    if (end - begin !== expected) {
      throw new SafetensorError(`${source}: tensor "${name}" (${entry.dtype}, shape [${entry.shape.join(", ")}]) needs ${expected} bytes but its data_offsets span ${end - begin}.`);
    }
    tensors[name] = { dtype: entry.dtype as SafetensorsDType, shape: entry.shape, data_offsets: [begin, end] };
  }

  // The data must be covered exactly once: sorted by offset, each tensor starts where the previous ends.
  const dataLength = bytes.byteLength - 8 - n;
  let cursor = 0;
  const ordered = Object.entries(tensors).sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0] || a[1].data_offsets[1] - b[1].data_offsets[1]);
  for (const [name, entry] of ordered) {
    const [begin, end] = entry.data_offsets;
    if (begin < cursor) throw new SafetensorError(`${source}: tensor "${name}" overlaps the tensor before it (starts at byte ${begin}, previous ends at ${cursor}).`);
    if (begin > cursor) throw new SafetensorError(`${source}: there is a gap in the data before tensor "${name}" (bytes ${cursor}–${begin} belong to no tensor).`);
    if (end > dataLength) {
      throw new SafetensorError(`${source}: tensor "${name}" has data_offsets [${begin}, ${end}] beyond the end of the data (${dataLength} bytes): the file is truncated or its header is wrong.`);
    }
    cursor = end;
  }
  if (cursor !== dataLength) throw new SafetensorError(`${source}: ${dataLength - cursor} bytes after the last tensor belong to no tensor.`);
  return { metadata, tensors, dataStart: 8 + n };
}

/** IEEE half precision → float32, by hand (Node 20 has no Float16Array). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * fraction * 2 ** -24; // zero and subnormals
    else if (exponent === 0x1f) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return out;
}

/** float32 → IEEE half precision with round-to-nearest-even, as torch's `.half()` does. */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i];
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00; // overflow → infinity
    } else if (e <= 0) {
      if (e < -10) {
        out[i] = sign; // underflow → signed zero
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && half & 1)) half++;
      out[i] = sign | half;
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rest = mant & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
      out[i] = sign | half; // a carry into the exponent is the correct rounding
    }
  }
  return out;
}

/** bfloat16 → float32: the top 16 bits of a float32. */
export function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const u32 = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) u32[i] = bits[i] << 16;
  return new Float32Array(u32.buffer);
}

/** float32 → bfloat16 with round-to-nearest-even. */
export function float32ToBfloat16(values: Float32Array): Uint16Array {
  const u32 = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = u32[i];
    if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) out[i] = (x >>> 16) | 0x40;
    else out[i] = (x + 0x7fff + ((x >>> 16) & 1)) >>> 16;
  }
  return out;
}

/** Copies `byteLength` bytes out of the file buffer into a fresh, aligned ArrayBuffer. */
function copyBytes(bytes: Uint8Array, start: number, byteLength: number): ArrayBuffer {
  const out = new ArrayBuffer(byteLength);
  new Uint8Array(out).set(bytes.subarray(start, start + byteLength));
  return out;
}

/** Decodes one tensor: floats become float32/float64, integers int64/int32, BOOL bool. */
function decodeTensor(bytes: Uint8Array, start: number, entry: SafetensorsHeaderEntry): Tensor {
  const [begin, end] = entry.data_offsets;
  const buf = copyBytes(bytes, start + begin, end - begin);
  const shape = entry.shape;
  switch (entry.dtype) {
    case "F32":
      return new Tensor(new Float32Array(buf), shape, "float32");
    case "F64":
      return new Tensor(new Float64Array(buf), shape, "float64");
    case "F16":
      return new Tensor(float16ToFloat32(new Uint16Array(buf)), shape, "float32");
    case "BF16":
      return new Tensor(bfloat16ToFloat32(new Uint16Array(buf)), shape, "float32");
    case "I64":
      return new Tensor(new BigInt64Array(buf), shape, "int64");
    case "U64":
      return new Tensor(BigInt64Array.from(new BigUint64Array(buf), (v) => BigInt.asIntN(64, v)), shape, "int64");
    case "I32":
      return new Tensor(new Int32Array(buf), shape, "int32");
    case "U32":
      return new Tensor(BigInt64Array.from(new Uint32Array(buf), (v) => BigInt(v)), shape, "int64");
    case "I16":
      return new Tensor(Int32Array.from(new Int16Array(buf)), shape, "int32");
    case "U16":
      return new Tensor(Int32Array.from(new Uint16Array(buf)), shape, "int32");
    case "I8":
      return new Tensor(Int32Array.from(new Int8Array(buf)), shape, "int32");
    case "U8":
      return new Tensor(Int32Array.from(new Uint8Array(buf)), shape, "int32");
    case "BOOL":
      return new Tensor(new Uint8Array(buf), shape, "bool");
  }
}

/** What a file holds: tensors by name, their stored dtypes, and the `__metadata__` strings. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  dtypes: Record<string, SafetensorsDType>;
  metadata: Record<string, string> | null;
}

/** Decodes a whole safetensors buffer. */
export function deserialize(bytes: Uint8Array, source = "safetensors data"): SafetensorsContents {
  const header = parseSafetensorsHeader(bytes, source);
  const tensors: Record<string, Tensor> = {};
  const dtypes: Record<string, SafetensorsDType> = {};
  for (const [name, entry] of Object.entries(header.tensors)) {
    tensors[name] = decodeTensor(bytes, header.dataStart, entry);
    dtypes[name] = entry.dtype;
  }
  return { tensors, dtypes, metadata: header.metadata };
}

/** Reads a .safetensors file (`safetensors.torch.load_file`). */
export function load_file(file: string): Record<string, Tensor> {
  return readSafetensors(file).tensors;
}

/** Reads a .safetensors file with its dtypes and metadata. */
export function readSafetensors(file: string): SafetensorsContents {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new SafetensorError(`Could not read ${file}: ${(e as Error).message}`);
  }
  return deserialize(bytes, file);
}

const TENSOR_TO_SAFETENSORS: Record<DType, SafetensorsDType> = { float32: "F32", float64: "F64", int64: "I64", int32: "I32", bool: "BOOL" };

export interface SerializeOptions {
  metadata?: Record<string, string> | null;
  /** Store float32 tensors as "F16" or "BF16" instead (halves the file). */
  float_dtype?: "F32" | "F16" | "BF16";
}

/** Encodes tensors as safetensors bytes (header first, then each tensor's data), as a list of chunks. */
export function serialize(tensors: Record<string, Tensor>, options: SerializeOptions = {}): Uint8Array[] {
  // Larger elements first, then by name, as the reference writer orders them, so data stays aligned.
  const entries = Object.entries(tensors).map(([name, t]) => {
    if (!(t instanceof Tensor)) throw new SafetensorError(`Value for "${name}" is not a Tensor.`);
    let dtype = TENSOR_TO_SAFETENSORS[t.dtype];
    let data: Uint8Array = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    if (t.dtype === "float32" && options.float_dtype === "F16") {
      const half = float32ToFloat16(t.data as Float32Array);
      dtype = "F16";
      data = new Uint8Array(half.buffer);
    } else if (t.dtype === "float32" && options.float_dtype === "BF16") {
      const half = float32ToBfloat16(t.data as Float32Array);
      dtype = "BF16";
      data = new Uint8Array(half.buffer);
    }
    return { name, dtype, shape: t.shape, data };
  });
  entries.sort((a, b) => BYTES_PER_ELEMENT[b.dtype] - BYTES_PER_ELEMENT[a.dtype] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (options.metadata) header.__metadata__ = options.metadata;
  let offset = 0;
  for (const e of entries) {
    header[e.name] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + e.data.byteLength] };
    offset += e.data.byteLength;
  }
  let json = JSON.stringify(header);
  const headerBytes = Buffer.byteLength(json, "utf8");
  json += " ".repeat((8 - (headerBytes % 8)) % 8); // pad so the data starts 8-byte aligned
  const jsonBytes = Buffer.from(json, "utf8");
  const length = new Uint8Array(8);
  new DataView(length.buffer).setBigUint64(0, BigInt(jsonBytes.byteLength), true);
  return [length, jsonBytes, ...entries.map((e) => e.data)];
}

/** Writes tensors to a .safetensors file atomically (`safetensors.torch.save_file`). */
export function save_file(tensors: Record<string, Tensor>, file: string, metadata: Record<string, string> | null = null, options: Omit<SerializeOptions, "metadata"> = {}): void {
  writeFileAtomic(file, serialize(tensors, { ...options, metadata }));
}
