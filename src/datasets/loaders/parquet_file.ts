// Reads a parquet file into columns, with the features the datasets library stores in its metadata.
//
// Reader: hyparquet (pure JavaScript, no native build, maintained). It decodes snappy, the codec of the
// Hub's conversion; gzip and brotli are given to it from node:zlib (zstd needs Node 22's zlib, so a
// zstd file fails with a DatasetFileError naming the codec). Also considered: parquetjs / @dsnp/parquetjs (older
// format coverage, heavier), parquet-wasm and apache-arrow + a WASM build (a binary per platform,
// much larger), and duckdb-node (a native module: the opposite of a light install).
import * as zlib from "node:zlib";
import type * as Hyparquet from "hyparquet";
import { importEsm } from "../../utils/esm_import";
import { DatasetFileError } from "../errors";
import { ClassLabel, Sequence, Value, type Features, type FeatureType, type ValueDtype } from "../features";
import type { Columns } from "./local_files";

const VALUE_DTYPES: Record<string, ValueDtype> = {
  string: "string",
  large_string: "string",
  bool: "bool",
  int8: "int8",
  int32: "int32",
  int64: "int64",
  float32: "float32",
  float64: "float64",
  null: "null",
};

const ZLIB_CODECS = {
  GZIP: (input: Uint8Array) => new Uint8Array(zlib.gunzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(zlib.brotliDecompressSync(input)),
};

/** One feature of the datasets library's JSON form, or undefined when this SDK has no equivalent. */
function featureFromJson(json: any): FeatureType | undefined {
  if (Array.isArray(json)) {
    const inner = featureFromJson(json[0]);
    return inner && new Sequence(inner);
  }
  if (!json || typeof json !== "object") return undefined;
  if (json._type === "ClassLabel" && Array.isArray(json.names)) return new ClassLabel({ names: json.names });
  if (json._type === "Value" && VALUE_DTYPES[json.dtype]) return new Value(VALUE_DTYPES[json.dtype]);
  if (json._type === "Sequence" || json._type === "List") {
    const inner = featureFromJson(json.feature);
    return inner && new Sequence(inner, json.length ?? -1);
  }
  return undefined;
}

/** The `huggingface` metadata entry: `{"info": {"features": {...}}}`. */
function featuresFromMetadata(metadata: Hyparquet.FileMetaData): Features {
  const entry = metadata.key_value_metadata?.find((kv) => kv.key === "huggingface");
  const features: Features = {};
  if (!entry?.value) return features;
  try {
    const declared = JSON.parse(entry.value)?.info?.features ?? {};
    for (const [name, json] of Object.entries(declared)) {
      const feature = featureFromJson(json);
      if (feature) features[name] = feature;
    }
  } catch {
    // Unreadable metadata only costs the declared types; the values are still read.
  }
  return features;
}

/** Parquet INT64 arrives as BigInt; rows hold plain numbers where they are exact, as Python's ints. */
function plainValue(v: unknown): unknown {
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

export async function readParquet(file: string): Promise<{ columns: Columns; features: Features }> {
  // The package's Node entry adds asyncBufferFromFile to the browser-safe API its types describe.
  const hyparquet = await importEsm<typeof Hyparquet & { asyncBufferFromFile(file: string): Promise<Hyparquet.AsyncBuffer> }>("hyparquet");
  try {
    const buffer = await hyparquet.asyncBufferFromFile(file);
    const metadata = await hyparquet.parquetMetadataAsync(buffer);
    const rows = (await hyparquet.parquetReadObjects({ file: buffer, metadata, compressors: ZLIB_CODECS })) as Record<string, unknown>[];
    const columns: Columns = {};
    for (const column of hyparquet.parquetSchema(metadata).children) {
      const name = column.element.name;
      columns[name] = rows.map((r) => plainValue(r[name]));
    }
    return { columns, features: featuresFromMetadata(metadata) };
  } catch (err) {
    throw new DatasetFileError(
      `${file} is not a readable parquet file (${(err as Error).message}). ` +
        `It may be truncated or corrupt: delete it and load the data set again to download it anew.`,
    );
  }
}
