// An in-memory table of named columns with the Python `datasets` API: build it with
// `Dataset.from_dict` / `from_list`, transform it with `map`, `filter`, `select`, `shuffle`…
// Every transformation returns a new Dataset; column arrays are shared, never mutated.
import { throwIfInterrupted } from "../utils/cancellation";
import { DatasetError } from "./errors";
import { ClassLabel, featuresToString, inferFeature, type Features, type FeatureType } from "./features";
import { checkFormatType, formatValue, outputColumns, PYTHON_FORMAT, type Format, type FormatType } from "./format";
import { seededPermutation } from "./permutation";
import { datasetHtml } from "./repr";
import type { DatasetDict } from "./dataset_dict";

export type Row = Record<string, any>;
export type Batch = Record<string, any[]>;

export interface MapOptions {
  /** Pass batches (a dict of column lists) to `fn` instead of single rows. */
  batched?: boolean;
  /** Rows per batch when batched (default 1000; 0 or null = the whole dataset in one batch). */
  batch_size?: number | null;
  /** Columns to drop from the input before the function's output is added. */
  remove_columns?: string | string[];
  /** Also pass the row index (or the batch's indices) as the second argument. */
  with_indices?: boolean;
  /** Pass only these columns' values as positional arguments instead of the row/batch dict. */
  input_columns?: string | string[];
  /** Drop the last batch when it is smaller than `batch_size`. */
  drop_last_batch?: boolean;
  /** Accepted for compatibility; shown in nothing. */
  desc?: string;
  /** Accepted for compatibility (there is no on-disk cache). */
  load_from_cache_file?: boolean;
  /** Accepted for compatibility (everything runs in this process). */
  num_proc?: number;
}

export interface FilterOptions {
  batched?: boolean;
  batch_size?: number | null;
  with_indices?: boolean;
  input_columns?: string | string[];
  desc?: string;
  load_from_cache_file?: boolean;
  num_proc?: number;
}

export interface TrainTestSplitOptions {
  /** Fraction (0–1) or number of rows for the test split. Default 0.25 when train_size is not given. */
  test_size?: number | null;
  /** Fraction (0–1) or number of rows for the train split. Default: the rest. */
  train_size?: number | null;
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
  seed?: number | null;
}

const DEFAULT_SEED_FOR_UNSEEDED_SHUFFLE = () => Math.floor(Math.random() * 2 ** 32);

export interface Dataset {
  /** `ds[i]` reads row i, as in Python. */
  readonly [index: number]: Row;
  /** `ds["text"]` reads a column, as in Python (same as `ds.column("text")`). */
  readonly [column: string]: any;
}

/** A table of named columns. `ds.get(i)` / `ds[i]` is a row, `ds.column("text")` a column, `ds.num_rows` its length. */
export class Dataset {
  private readonly data: Record<string, unknown[]>;
  private readonly _features: Features;
  private readonly _rows: number;
  private _format: Format = PYTHON_FORMAT;

  /** Prefer `Dataset.from_dict` / `Dataset.from_list`. Columns must have equal lengths. */
  constructor(columns: Record<string, unknown[]>, features?: Features) {
    const names = Object.keys(columns);
    const lengths = names.map((n) => {
      const col = columns[n];
      if (!Array.isArray(col)) {
        throw new DatasetError(`Column '${n}' must be an array of values (one per row), got ${typeof col}.`);
      }
      return col.length;
    });
    if (new Set(lengths).size > 1) {
      const detail = names.map((n, i) => `${n}: ${lengths[i]}`).join(", ");
      throw new DatasetError(`All columns must have the same number of rows; got ${detail}.`);
    }
    this.data = { ...columns };
    this._rows = lengths[0] ?? 0;
    const inferred: Features = {};
    for (const n of names) inferred[n] = features?.[n] ?? inferFeature(n, columns[n]);
    this._features = inferred;
    // `ds[3]` reads a row and `ds["text"]` a column, as in Python: a Proxy turns numeric keys into get(i)
    // and column names (that are not also members) into column(name), and leaves everything else alone.
    return new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === "string") {
          if (/^-?\d+$/.test(prop)) return target.get(Number(prop));
          if (!(prop in target) && Object.prototype.hasOwnProperty.call(target.data, prop)) return target.column(prop);
        }
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  // ---- construction -------------------------------------------------------------------------

  /** A dataset from a dict of columns: `Dataset.from_dict({ text: [...], label: [...] })`. */
  static from_dict(mapping: Record<string, unknown[]>, features?: Features): Dataset {
    if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) {
      throw new DatasetError("Dataset.from_dict expects an object of columns, e.g. { text: [...], label: [...] }. For a list of rows use Dataset.from_list.");
    }
    const columns: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(mapping)) columns[name] = toPlainColumn(name, values);
    return new Dataset(columns, features);
  }

  /** A dataset from a list of rows: `Dataset.from_list([{ text: "hi", label: 1 }, …])`. */
  static from_list(rows: Row[], features?: Features): Dataset {
    if (!Array.isArray(rows)) throw new DatasetError("Dataset.from_list expects an array of row objects.");
    const names: string[] = [];
    for (const row of rows) for (const k of Object.keys(row)) if (!names.includes(k)) names.push(k);
    const columns: Record<string, unknown[]> = {};
    for (const n of names) columns[n] = rows.map((r) => (n in r ? r[n] : null));
    return new Dataset(columns, features);
  }

  // ---- shape and metadata -------------------------------------------------------------------

  get num_rows(): number {
    return this._rows;
  }
  get num_columns(): number {
    return Object.keys(this.data).length;
  }
  get column_names(): string[] {
    return Object.keys(this.data);
  }
  /** `[num_rows, num_columns]`, as Python's `ds.shape`. */
  get shape(): [number, number] {
    return [this._rows, this.num_columns];
  }
  get features(): Features {
    return { ...this._features };
  }
  /** The current output format, as Python's `ds.format`. */
  get format(): { type: FormatType; columns: string[]; output_all_columns: boolean } {
    return { type: this._format.type, columns: this._format.columns ?? this.column_names, output_all_columns: this._format.output_all_columns };
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Row `index` (negative counts from the end), formatted by the current format. */
  get(index: number): Row {
    if (!Number.isInteger(index)) throw new DatasetError(`A row index must be an integer, got ${index}.`);
    const i = index < 0 ? this._rows + index : index;
    if (i < 0 || i >= this._rows) {
      throw new DatasetError(`Row index ${index} is out of range for a dataset with ${this._rows} rows.`);
    }
    const row: Row = {};
    for (const n of outputColumns(this.column_names, this._format)) {
      row[n] = formatValue(this.data[n][i], this._features[n], this._format, n);
    }
    return row;
  }

  /** Same as `get` (the name JavaScript arrays use). */
  at(index: number): Row {
    return this.get(index);
  }

  /** A whole column as a list (formatted: a Tensor under `set_format("pt")` when the values allow it). */
  column(name: string): any {
    this.requireColumns([name]);
    return formatValue(this.data[name], this._features[name], this._format, name);
  }

  /** Rows `start` (inclusive) to `end` (exclusive) as a dict of columns, like Python's `ds[start:end]`. */
  slice(start: number, end?: number): Batch {
    const s = clampIndex(start, this._rows);
    const e = end === undefined ? this._rows : clampIndex(end, this._rows);
    return this.batchAt(range(s, Math.max(s, e)));
  }

  /** The rows at `indices` as a dict of columns (formatted). */
  batchAt(indices: number[]): Batch {
    const batch: Batch = {};
    for (const n of outputColumns(this.column_names, this._format)) {
      const col = this.data[n];
      batch[n] = formatValue(indices.map((i) => col[i]), this._features[n], this._format, n) as any[];
    }
    return batch;
  }

  /** Iterates over the rows (formatted). */
  *[Symbol.iterator](): IterableIterator<Row> {
    for (let i = 0; i < this._rows; i++) yield this.get(i);
  }

  /** Iterates over batches of `batch_size` rows (dicts of columns), like Python's `ds.iter(batch_size)`. */
  *iter(batch_size: number, options: { drop_last_batch?: boolean } = {}): IterableIterator<Batch> {
    checkPositiveInteger("batch_size", batch_size);
    for (let s = 0; s < this._rows; s += batch_size) {
      const e = Math.min(this._rows, s + batch_size);
      if (options.drop_last_batch && e - s < batch_size) break;
      yield this.slice(s, e);
    }
  }

  /** The columns as plain lists (unformatted). */
  to_dict(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const n of this.column_names) out[n] = [...this.data[n]];
    return out;
  }

  /** The rows as plain objects (unformatted). */
  to_list(): Row[] {
    const rows: Row[] = [];
    for (let i = 0; i < this._rows; i++) {
      const row: Row = {};
      for (const n of this.column_names) row[n] = this.data[n][i];
      rows.push(row);
    }
    return rows;
  }

  /** The distinct values of a column, in order of first appearance. */
  unique(column: string): unknown[] {
    this.requireColumns([column]);
    const seen = new Set<unknown>();
    for (const v of this.data[column]) seen.add(v);
    return [...seen];
  }

  // ---- format -----------------------------------------------------------------------------------

  /** Sets the output format in place: `ds.set_format("pt", { columns: ["input_ids", "label"] })`. */
  set_format(type: FormatType = null, options: { columns?: string[] | null; output_all_columns?: boolean } = {}): void {
    const checked = checkFormatType(type);
    if (options.columns) this.requireColumns(options.columns);
    this._format = { type: checked, columns: options.columns ? [...options.columns] : null, output_all_columns: options.output_all_columns ?? false };
  }

  /** A copy of this dataset with another output format. */
  with_format(type: FormatType = null, options: { columns?: string[] | null; output_all_columns?: boolean } = {}): Dataset {
    const copy = this.derive(this.data, this._features);
    copy.set_format(type, options);
    return copy;
  }

  /** Back to plain JavaScript values. */
  reset_format(): void {
    this._format = PYTHON_FORMAT;
  }

  // ---- transformations ------------------------------------------------------------------------

  /**
   * Applies `fn` to every row (or batch, with `{ batched: true }`) and adds or replaces the columns it returns.
   * `fn` may return a plain object of values, a tokenizer's BatchEncoding, or nothing (to keep the row as it is).
   */
  map(fn: (...args: any[]) => any, options: MapOptions = {}): Dataset {
    if (typeof fn !== "function") throw new DatasetError("map expects a function.");
    const remove = toList(options.remove_columns);
    this.requireColumns(remove);
    const inputColumns = toList(options.input_columns);
    this.requireColumns(inputColumns);
    const outputs: Batch[] = [];
    let outputRows = 0;
    const emit = (out: Batch) => {
      outputs.push(out);
      outputRows += Object.values(out)[0]?.length ?? 0;
    };
    if (options.batched) {
      const size = options.batch_size === null || options.batch_size === undefined ? 1000 : options.batch_size;
      const step = size <= 0 ? Math.max(1, this._rows) : size;
      for (let s = 0; s < this._rows; s += step) {
        const indices = range(s, Math.min(this._rows, s + step));
        if (options.drop_last_batch && indices.length < step) break;
        throwIfInterrupted();
        const batch = this.rawBatch(indices);
        const args: unknown[] = inputColumns.length ? inputColumns.map((c) => batch[c]) : [batch];
        if (options.with_indices) args.push(indices);
        const result = checkSync(fn(...args), "map");
        const out = result === undefined || result === null ? {} : normalizeBatchOutput(result);
        emit(this.mergeBatch(batch, out, remove, indices.length));
      }
    } else {
      for (let i = 0; i < this._rows; i++) {
        if (i % 256 === 0) throwIfInterrupted();
        const row = this.rawRow(i);
        const args: unknown[] = inputColumns.length ? inputColumns.map((c) => row[c]) : [row];
        if (options.with_indices) args.push(i);
        const result = checkSync(fn(...args), "map");
        const out = result === undefined || result === null ? {} : normalizeRowOutput(result);
        const merged: Batch = {};
        for (const [k, v] of Object.entries(row)) if (!remove.includes(k)) merged[k] = [v];
        for (const [k, v] of Object.entries(out)) merged[k] = [v];
        emit(merged);
      }
    }
    return this.fromBatches(outputs, remove, outputRows);
  }

  /** Keeps the rows for which `fn` returns true (with `{ batched: true }`, `fn` returns one boolean per row). */
  filter(fn: (...args: any[]) => any, options: FilterOptions = {}): Dataset {
    if (typeof fn !== "function") throw new DatasetError("filter expects a function.");
    const inputColumns = toList(options.input_columns);
    this.requireColumns(inputColumns);
    const keep: number[] = [];
    if (options.batched) {
      const size = options.batch_size === null || options.batch_size === undefined ? 1000 : options.batch_size;
      const step = size <= 0 ? Math.max(1, this._rows) : size;
      for (let s = 0; s < this._rows; s += step) {
        const indices = range(s, Math.min(this._rows, s + step));
        throwIfInterrupted();
        const batch = this.rawBatch(indices);
        const args: unknown[] = inputColumns.length ? inputColumns.map((c) => batch[c]) : [batch];
        if (options.with_indices) args.push(indices);
        const flags = checkSync(fn(...args), "filter");
        if (!Array.isArray(flags) || flags.length !== indices.length) {
          throw new DatasetError(`A batched filter function must return one boolean per row (${indices.length} here).`);
        }
        flags.forEach((f, k) => f && keep.push(indices[k]));
      }
    } else {
      for (let i = 0; i < this._rows; i++) {
        if (i % 256 === 0) throwIfInterrupted();
        const row = this.rawRow(i);
        const args: unknown[] = inputColumns.length ? inputColumns.map((c) => row[c]) : [row];
        if (options.with_indices) args.push(i);
        if (checkSync(fn(...args), "filter")) keep.push(i);
      }
    }
    return this.select(keep);
  }

  /** The rows at `indices`, in that order. */
  select(indices: Iterable<number>): Dataset {
    const list = [...indices];
    for (const i of list) {
      if (!Number.isInteger(i) || i < 0 || i >= this._rows) {
        throw new DatasetError(`select: index ${i} is out of range for a dataset with ${this._rows} rows.`);
      }
    }
    const columns: Record<string, unknown[]> = {};
    for (const n of this.column_names) {
      const col = this.data[n];
      columns[n] = list.map((i) => col[i]);
    }
    return this.derive(columns, this._features, true);
  }

  /** The rows in a random order that depends only on `seed` (the same seed → the same order). */
  shuffle(seedOrOptions: number | { seed?: number | null } = {}): Dataset {
    const seed = typeof seedOrOptions === "number" ? seedOrOptions : seedOrOptions.seed;
    return this.select(seededPermutation(this._rows, seed ?? DEFAULT_SEED_FOR_UNSEEDED_SHUFFLE()));
  }

  /** The rows sorted by a column's values (stable). */
  sort(column: string, options: { reverse?: boolean } = {}): Dataset {
    this.requireColumns([column]);
    const col = this.data[column] as any[];
    const order = range(0, this._rows).sort((a, b) => (col[a] < col[b] ? -1 : col[a] > col[b] ? 1 : a - b));
    if (options.reverse) order.reverse();
    return this.select(order);
  }

  /**
   * Splits into a DatasetDict with `train` and `test`. Sizes are fractions (0–1) or row counts, as in Python:
   * the test split takes ceil(test_size·n) rows, the train split the rest.
   */
  train_test_split(options: TrainTestSplitOptions = {}): DatasetDict {
    // Imported here to keep the module graph acyclic at load time.
    const { DatasetDict } = require("./dataset_dict") as typeof import("./dataset_dict");
    const n = this._rows;
    const [nTrain, nTest] = splitSizes(n, options.test_size ?? null, options.train_size ?? null);
    const shuffle = options.shuffle ?? true;
    const order = shuffle ? seededPermutation(n, options.seed ?? DEFAULT_SEED_FOR_UNSEEDED_SHUFFLE()) : range(0, n);
    const testIdx = shuffle ? order.slice(0, nTest) : order.slice(nTrain, nTrain + nTest);
    const trainIdx = shuffle ? order.slice(nTest, nTest + nTrain) : order.slice(0, nTrain);
    return new DatasetDict({ train: this.select(trainIdx), test: this.select(testIdx) });
  }

  /** A copy without these columns. */
  remove_columns(columns: string | string[]): Dataset {
    const drop = toList(columns);
    this.requireColumns(drop);
    const kept: Record<string, unknown[]> = {};
    const features: Features = {};
    for (const n of this.column_names) {
      if (drop.includes(n)) continue;
      kept[n] = this.data[n];
      features[n] = this._features[n];
    }
    return this.derive(kept, features);
  }

  /** A copy with only these columns. */
  select_columns(columns: string | string[]): Dataset {
    const keep = toList(columns);
    this.requireColumns(keep);
    return this.remove_columns(this.column_names.filter((c) => !keep.includes(c)));
  }

  /** A copy with one column renamed (its position and type are kept). */
  rename_column(original_column_name: string, new_column_name: string): Dataset {
    return this.rename_columns({ [original_column_name]: new_column_name });
  }

  /** A copy with several columns renamed: `rename_columns({ label: "labels" })`. */
  rename_columns(column_mapping: Record<string, string>): Dataset {
    this.requireColumns(Object.keys(column_mapping));
    const renamed: Record<string, unknown[]> = {};
    const features: Features = {};
    for (const n of this.column_names) {
      const to = column_mapping[n] ?? n;
      if (to in renamed) throw new DatasetError(`rename: the column name '${to}' would appear twice.`);
      renamed[to] = this.data[n];
      features[to] = this._features[n];
    }
    return this.derive(renamed, features);
  }

  /** A copy with an extra column (one value per row). */
  add_column(name: string, column: unknown[]): Dataset {
    if (name in this.data) throw new DatasetError(`Column '${name}' already exists; use map or rename_column instead.`);
    const values = toPlainColumn(name, column);
    if (values.length !== this._rows) {
      throw new DatasetError(`add_column: '${name}' has ${values.length} values but the dataset has ${this._rows} rows.`);
    }
    return this.derive({ ...this.data, [name]: values }, { ...this._features, [name]: inferFeature(name, values) });
  }

  /** A copy where a column's feature type is replaced (values converted for ClassLabel ↔ names). */
  cast_column(column: string, feature: FeatureType): Dataset {
    this.requireColumns([column]);
    let values = this.data[column];
    if (feature instanceof ClassLabel && values.some((v) => typeof v === "string")) {
      values = values.map((v) => (typeof v === "string" ? feature.str2int(v) : v));
    }
    if (feature instanceof ClassLabel) checkLabels(column, values, feature);
    return this.derive({ ...this.data, [column]: values }, { ...this._features, [column]: feature });
  }

  /** Turns a column of label names into ids with a ClassLabel feature (names sorted, as Python does). */
  class_encode_column(column: string): Dataset {
    this.requireColumns([column]);
    const names = [...new Set(this.data[column].map(String))].sort();
    return this.cast_column(column, new ClassLabel({ names }));
  }

  // ---- display ----------------------------------------------------------------------------------

  toString(): string {
    return `Dataset({\n    features: [${this.column_names.map((c) => `'${c}'`).join(", ")}],\n    num_rows: ${this._rows}\n})`;
  }

  /** The features, as Python prints `ds.features`. */
  features_repr(): string {
    return featuresToString(this._features);
  }

  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.toString(), "text/html": datasetHtml(this.column_names, this._rows, (i, c) => this.data[c][i]) };
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Throws a DatasetError naming the missing columns and the ones that exist. */
  requireColumns(columns: string[]): void {
    const missing = columns.filter((c) => !(c in this.data));
    if (missing.length) {
      const which = missing.map((c) => `'${c}'`).join(", ");
      throw new DatasetError(`Column ${which} not in the dataset. Current columns in the dataset: ${JSON.stringify(this.column_names)}.`);
    }
  }

  private rawRow(i: number): Row {
    const row: Row = {};
    for (const n of this.column_names) row[n] = this.data[n][i];
    return row;
  }

  private rawBatch(indices: number[]): Batch {
    const batch: Batch = {};
    for (const n of this.column_names) {
      const col = this.data[n];
      batch[n] = indices.map((i) => col[i]);
    }
    return batch;
  }

  private mergeBatch(input: Batch, out: Batch, remove: string[], inputRows: number): Batch {
    const lengths = Object.entries(out).map(([k, v]) => {
      if (!Array.isArray(v)) throw new DatasetError(`A batched map function must return lists of values; column '${k}' is ${typeof v}.`);
      return v.length;
    });
    const outRows = lengths[0] ?? inputRows;
    if (lengths.some((l) => l !== outRows)) {
      throw new DatasetError(`The columns returned by the map function have different lengths: ${Object.keys(out).map((k, i) => `${k}: ${lengths[i]}`).join(", ")}.`);
    }
    const merged: Batch = {};
    const kept = Object.keys(input).filter((k) => !remove.includes(k) && !(k in out));
    if (outRows !== inputRows && kept.length) {
      throw new DatasetError(
        `The map function returned ${outRows} rows for a batch of ${inputRows}, so the input columns ${JSON.stringify(kept)} no longer line up. ` +
          `Pass remove_columns: ${JSON.stringify(kept)} (or all of ds.column_names).`,
      );
    }
    for (const k of Object.keys(input)) if (!remove.includes(k) && !(k in out)) merged[k] = input[k];
    for (const [k, v] of Object.entries(out)) merged[k] = v;
    return merged;
  }

  private fromBatches(batches: Batch[], removed: string[], rows: number): Dataset {
    if (batches.length === 0) {
      const kept = this.column_names.filter((c) => !removed.includes(c));
      const columns: Record<string, unknown[]> = {};
      const features: Features = {};
      for (const c of kept) {
        columns[c] = [];
        features[c] = this._features[c];
      }
      return this.derive(columns, features);
    }
    const names = Object.keys(batches[0]);
    for (const b of batches) {
      const keys = Object.keys(b);
      if (keys.length !== names.length || keys.some((k) => !names.includes(k))) {
        throw new DatasetError(`The map function must return the same columns for every row; saw ${JSON.stringify(names)} and ${JSON.stringify(keys)}.`);
      }
    }
    const columns: Record<string, unknown[]> = {};
    for (const n of names) {
      const col = new Array(rows);
      let k = 0;
      for (const b of batches) for (const v of b[n]) col[k++] = v;
      columns[n] = col;
    }
    // Columns that came through unchanged keep their feature (a ClassLabel stays a ClassLabel).
    const features: Features = {};
    for (const n of names) {
      const same = n in this.data && rows === this._rows && columns[n].every((v, i) => v === this.data[n][i]);
      features[n] = same ? this._features[n] : inferFeature(n, columns[n]);
    }
    return this.derive(columns, features);
  }

  /** A new dataset with these columns that keeps this one's format (for the columns that remain). */
  private derive(columns: Record<string, unknown[]>, features: Features, sameColumns = false): Dataset {
    const ds = new Dataset(columns, features);
    const names = Object.keys(columns);
    const fmtColumns = this._format.columns?.filter((c) => names.includes(c)) ?? null;
    if (sameColumns || this._format.type !== null) {
      ds._format = { ...this._format, columns: fmtColumns };
    }
    return ds;
  }
}

// ---- module helpers -------------------------------------------------------------------------------

function toList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

function clampIndex(i: number, n: number): number {
  const j = i < 0 ? n + i : i;
  return Math.min(Math.max(j, 0), n);
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new DatasetError(`${name} must be a positive integer, got ${value}.`);
}

function checkSync<T>(value: T, op: string): T {
  if (value && typeof (value as { then?: unknown }).then === "function") {
    throw new DatasetError(`The ${op} function returned a Promise; ${op} runs synchronously, so compute the values without await.`);
  }
  return value;
}

/** Converts Tensors and typed arrays in a column into plain lists so that rows are plain data. */
function toPlainColumn(name: string, values: unknown): unknown[] {
  const v = values as { tolist?: () => unknown };
  if (v && typeof v === "object" && typeof v.tolist === "function" && !Array.isArray(values)) {
    const list = v.tolist();
    if (Array.isArray(list)) return list;
  }
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) return Array.from(values as unknown as ArrayLike<number>, Number);
  if (!Array.isArray(values)) throw new DatasetError(`Column '${name}' must be an array of values (one per row), got ${typeof values}.`);
  return values.map(plainValue);
}

function plainValue(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const t = value as { tolist?: () => unknown };
    if (typeof t.tolist === "function") return t.tolist();
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, Number);
  }
  if (typeof value === "bigint") return Number(value);
  return value;
}

/** The key/value pairs of a function's result: a plain object, or a BatchEncoding-like object holding `data`. */
function outputEntries(result: unknown): [string, unknown][] {
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    throw new DatasetError(`A map function must return an object of columns (or nothing), got ${Array.isArray(result) ? "an array" : typeof result}.`);
  }
  const holder = result as { data?: unknown };
  const proto = Object.getPrototypeOf(result);
  const isPlain = proto === Object.prototype || proto === null;
  if (!isPlain && holder.data && typeof holder.data === "object" && !Array.isArray(holder.data) && !ArrayBuffer.isView(holder.data)) {
    return Object.entries(holder.data as Record<string, unknown>);
  }
  return Object.entries(result as Record<string, unknown>).filter(([, v]) => typeof v !== "function");
}

function normalizeRowOutput(result: unknown): Row {
  const out: Row = {};
  for (const [k, v] of outputEntries(result)) out[k] = plainValue(v);
  return out;
}

function normalizeBatchOutput(result: unknown): Batch {
  const out: Batch = {};
  for (const [k, v] of outputEntries(result)) out[k] = toPlainColumn(k, v);
  return out;
}

function splitSizes(n: number, testSize: number | null, trainSize: number | null): [number, number] {
  const check = (name: string, v: number) => {
    if (!(v > 0) || (v >= 1 && !Number.isInteger(v)) || (Number.isInteger(v) && v >= 1 && v > n)) {
      throw new DatasetError(`${name}=${v} is not valid for a dataset with ${n} rows: use a fraction in (0, 1) or a row count in [1, ${n}].`);
    }
  };
  if (testSize === null && trainSize === null) testSize = 0.25;
  if (testSize !== null) check("test_size", testSize);
  if (trainSize !== null) check("train_size", trainSize);
  const nTest = testSize === null ? null : testSize < 1 ? Math.ceil(testSize * n) : testSize;
  const nTrain = trainSize === null ? null : trainSize < 1 ? Math.floor(trainSize * n) : trainSize;
  const test = nTest ?? n - nTrain!;
  const train = nTrain ?? n - test;
  if (train + test > n) throw new DatasetError(`train_size + test_size = ${train + test} rows exceeds the dataset's ${n} rows.`);
  if (train === 0 || test === 0) {
    throw new DatasetError(`With ${n} rows, test_size=${testSize} and train_size=${trainSize} leave an empty split; adjust them.`);
  }
  return [train, test];
}

function checkLabels(column: string, values: unknown[], feature: ClassLabel): void {
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < -1 || v >= feature.num_classes) {
      throw new DatasetError(`Column '${column}' holds ${JSON.stringify(v)}, which is not a label id in 0..${feature.num_classes - 1} (${feature.names.join(", ")}).`);
    }
  }
}

