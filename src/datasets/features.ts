// Column types, named and printed as the Python `datasets` library names them, so that
// `ds.features` reads the same in a lesson as on the Hub.
import { DatasetError } from "./errors";

export type ValueDtype = "string" | "bool" | "int8" | "int32" | "int64" | "float32" | "float64" | "null";

/** A scalar column type: `Value("int64")`, `Value("string")`. */
export class Value {
  readonly _type = "Value";
  constructor(readonly dtype: ValueDtype) {}
  toString(): string {
    return `Value(dtype='${this.dtype}', id=None)`;
  }
}

/** Integer labels with names: `new ClassLabel({ names: ["ham", "spam"] })`. */
export class ClassLabel {
  readonly _type = "ClassLabel";
  readonly names: string[];
  readonly dtype = "int64";
  constructor(options: { names?: string[]; num_classes?: number }) {
    if (options.names) this.names = [...options.names];
    else if (options.num_classes !== undefined) this.names = Array.from({ length: options.num_classes }, (_, i) => String(i));
    else throw new DatasetError("ClassLabel needs `names` (a list of label names) or `num_classes`.");
  }
  get num_classes(): number {
    return this.names.length;
  }
  /** The name of a label id (or of each id in a list). */
  int2str(value: number): string;
  int2str(value: number[]): string[];
  int2str(value: number | number[]): string | string[] {
    if (Array.isArray(value)) return value.map((v) => this.int2str(v));
    if (!Number.isInteger(value) || value < 0 || value >= this.names.length) {
      throw new DatasetError(`Label id ${value} is out of range: this ClassLabel has ${this.names.length} classes (0..${this.names.length - 1}).`);
    }
    return this.names[value];
  }
  /** The id of a label name (or of each name in a list). */
  str2int(value: string): number;
  str2int(value: string[]): number[];
  str2int(value: string | string[]): number | number[] {
    if (Array.isArray(value)) return value.map((v) => this.str2int(v));
    const id = this.names.indexOf(value);
    if (id < 0) throw new DatasetError(`Unknown label name '${value}'. Known names: ${JSON.stringify(this.names)}.`);
    return id;
  }
  toString(): string {
    return `ClassLabel(names=${pyList(this.names)}, id=None)`;
  }
}

/** A list-valued column: `new Sequence(new Value("int32"))` (what tokenized columns are). */
export class Sequence {
  readonly _type = "Sequence";
  constructor(readonly feature: FeatureType, readonly length = -1) {}
  toString(): string {
    return `Sequence(feature=${this.feature.toString()}, length=${this.length}, id=None)`;
  }
}

export type FeatureType = Value | ClassLabel | Sequence;

/** The column types of a dataset, keyed by column name. */
export type Features = Record<string, FeatureType>;

/** Prints features the way Python prints the `features` dict. */
export function featuresToString(features: Features): string {
  const parts = Object.entries(features).map(([name, type]) => `'${name}': ${type.toString()}`);
  return `{${parts.join(", ")}}`;
}

function pyList(items: string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

// Columns that tokenizers produce get the compact types the Python library gives them.
const TOKENIZER_COLUMN_TYPES: Record<string, ValueDtype> = {
  input_ids: "int32",
  attention_mask: "int8",
  token_type_ids: "int8",
  special_tokens_mask: "int8",
};

/** Infers a column's type from its values (the first non-null value decides, as Arrow's inference does for our cases). */
export function inferFeature(name: string, values: readonly unknown[]): FeatureType {
  const tokenizerType = TOKENIZER_COLUMN_TYPES[name];
  if (tokenizerType) {
    const first = values.find((v) => v !== null && v !== undefined);
    if (Array.isArray(first)) return new Sequence(new Value(tokenizerType));
  }
  return inferFromValues(values);
}

function inferFromValues(values: readonly unknown[]): FeatureType {
  let sawNumber = false;
  let allIntegers = true;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === "string") return new Value("string");
    if (typeof v === "boolean") return new Value("bool");
    if (typeof v === "bigint") return new Value("int64");
    if (typeof v === "number") {
      sawNumber = true;
      if (!Number.isInteger(v)) allIntegers = false;
      continue;
    }
    if (Array.isArray(v)) {
      const inner: unknown[] = [];
      for (const list of values) if (Array.isArray(list)) inner.push(...list);
      return new Sequence(inferFromValues(inner));
    }
    if (typeof v === "object" && typeof (v as { tolist?: unknown }).tolist === "function") {
      return new Sequence(new Value("float32"));
    }
    return new Value("string");
  }
  if (!sawNumber) return new Value("null");
  return new Value(allIntegers ? "int64" : "float64");
}
