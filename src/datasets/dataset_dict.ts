// A dict of named splits ("train", "test", …), as `load_dataset` returns. Splits are own
// properties, so `dd.train` and `dd["train"]` both work; methods apply to every split.
import { Dataset, type FilterOptions, type MapOptions } from "./dataset";
import { DatasetError } from "./errors";
import type { Features } from "./features";
import type { FormatType } from "./format";

export interface DatasetDict {
  readonly [split: string]: any;
}

export class DatasetDict {
  constructor(splits: Record<string, Dataset> = {}) {
    for (const [name, ds] of Object.entries(splits)) {
      if (!(ds instanceof Dataset)) throw new DatasetError(`DatasetDict split '${name}' must be a Dataset.`);
      if (name in DatasetDict.prototype) throw new DatasetError(`'${name}' cannot be a split name: it is a DatasetDict method.`);
      Object.defineProperty(this, name, { value: ds, enumerable: true, writable: true, configurable: true });
    }
  }

  /** The split names. */
  keys(): string[] {
    return Object.keys(this);
  }
  values(): Dataset[] {
    return this.keys().map((k) => this.get(k));
  }
  items(): [string, Dataset][] {
    return this.keys().map((k) => [k, this.get(k)]);
  }
  /** One split by name, with an error that lists the splits when it does not exist. */
  get(split: string): Dataset {
    const ds = (this as Record<string, unknown>)[split];
    if (!(ds instanceof Dataset) || !Object.prototype.hasOwnProperty.call(this, split)) {
      throw new DatasetError(`Unknown split '${split}'. Available splits: ${JSON.stringify(this.keys())}.`);
    }
    return ds;
  }

  get num_rows(): Record<string, number> {
    return this.mapSplits((ds) => ds.num_rows);
  }
  get column_names(): Record<string, string[]> {
    return this.mapSplits((ds) => ds.column_names);
  }
  get num_columns(): Record<string, number> {
    return this.mapSplits((ds) => ds.num_columns);
  }
  get shape(): Record<string, [number, number]> {
    return this.mapSplits((ds) => ds.shape);
  }
  get features(): Record<string, Features> {
    return this.mapSplits((ds) => ds.features);
  }

  map(fn: (...args: any[]) => any, options: MapOptions = {}): DatasetDict {
    return this.transform((ds) => ds.map(fn, options));
  }
  filter(fn: (...args: any[]) => any, options: FilterOptions = {}): DatasetDict {
    return this.transform((ds) => ds.filter(fn, options));
  }
  /** Shuffles every split with the same seed. */
  shuffle(seedOrOptions: number | { seed?: number | null } = {}): DatasetDict {
    return this.transform((ds) => ds.shuffle(seedOrOptions));
  }
  sort(column: string, options: { reverse?: boolean } = {}): DatasetDict {
    return this.transform((ds) => ds.sort(column, options));
  }
  remove_columns(columns: string | string[]): DatasetDict {
    return this.transform((ds) => ds.remove_columns(columns));
  }
  select_columns(columns: string | string[]): DatasetDict {
    return this.transform((ds) => ds.select_columns(columns));
  }
  rename_column(original_column_name: string, new_column_name: string): DatasetDict {
    return this.transform((ds) => ds.rename_column(original_column_name, new_column_name));
  }
  rename_columns(column_mapping: Record<string, string>): DatasetDict {
    return this.transform((ds) => ds.rename_columns(column_mapping));
  }
  class_encode_column(column: string): DatasetDict {
    return this.transform((ds) => ds.class_encode_column(column));
  }
  set_format(type: FormatType = null, options: { columns?: string[] | null; output_all_columns?: boolean } = {}): void {
    for (const ds of this.values()) ds.set_format(type, options);
  }
  with_format(type: FormatType = null, options: { columns?: string[] | null; output_all_columns?: boolean } = {}): DatasetDict {
    return this.transform((ds) => ds.with_format(type, options));
  }
  reset_format(): void {
    for (const ds of this.values()) ds.reset_format();
  }

  toString(): string {
    const inner = this.items()
      .map(([name, ds]) => `    ${name}: ${ds.toString().split("\n").join("\n    ")}`)
      .join("\n");
    return `DatasetDict({\n${inner}\n})`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const parts = this.items().map(([name, ds]) => `<h4>${name}</h4>${(ds._repr_mimebundle_()["text/html"] as string) ?? ""}`);
    return { "text/plain": this.toString(), "text/html": `<div>${parts.join("")}</div>` };
  }

  private mapSplits<T>(fn: (ds: Dataset) => T): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [name, ds] of this.items()) out[name] = fn(ds);
    return out;
  }

  private transform(fn: (ds: Dataset) => Dataset): DatasetDict {
    return new DatasetDict(this.mapSplits(fn));
  }
}
